// The bundled Chinese font (the kiosk is offline): regular and bold only. The full Noto Sans SC
// set is split by unicode-range, so the browser loads only the slices a screen needs, and it
// covers the rarer characters in statute text (①, ‰, ℃, element names) that the smaller
// "chinese-simplified" subset lacks.
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './styles/tokens.css';
import './styles/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createKioskApi, KioskApiProvider } from './platform/kiosk-api';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

createRoot(root).render(
  <StrictMode>
    <KioskApiProvider api={createKioskApi()}>
      <App />
    </KioskApiProvider>
  </StrictMode>,
);
