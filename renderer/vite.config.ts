import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Fontsource lists a .woff fallback after every .woff2 file. Every browser the kiosk runs in
 * (Electron, Debian's Chromium) reads woff2, so the fallbacks would only double the bundle.
 */
function woff2Only(): Plugin {
  return {
    name: 'fatong:woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]@fontsource[\\/].+\.css(\?|$)/.test(id)) return null;
      return { code: code.replace(/,\s*url\([^)]*\.woff\)\s*format\(['"]woff['"]\)/g, ''), map: null };
    },
  };
}

export default defineConfig({
  root: here,
  base: './',
  plugins: [woff2Only(), react()],
  build: {
    outDir: path.resolve(here, '../dist/renderer'),
    emptyOutDir: true,
    // The kiosk is offline and local: one predictable bundle beats clever splitting.
    chunkSizeWarningLimit: 2000,
    assetsInlineLimit: 0,
  },
  server: { host: '127.0.0.1' },
});
