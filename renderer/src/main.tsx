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
