import type { BrowserWindowConstructorOptions } from 'electron';

export interface KioskWindowInputs {
  /** Absolute path of the bundled preload (dist/electron/preload.cjs). */
  preloadPath: string;
  /** FATONG_DEV=1: a developer's machine; the only thing it unlocks is DevTools. */
  dev: boolean;
}

/** The page colour (renderer/src/styles/tokens.css --color-page), so no white flash before the first paint. */
export const KIOSK_BACKGROUND = '#f3f1ec';

/** Reads FATONG_DEV the same way everywhere: "1" or "true" turn it on, anything else off. */
export function isDevMode(env: Record<string, string | undefined>): boolean {
  const value = env['FATONG_DEV']?.trim().toLowerCase();
  return value === '1' || value === 'true';
}

/**
 * The kiosk window. Full screen and in kiosk mode (no way to leave it by keyboard), and the page
 * gets nothing but what the preload's contextBridge hands it: isolated context, OS sandbox, no
 * Node, same-origin policy on, no <webview>, no experimental Blink features.
 */
export function kioskWindowOptions(inputs: KioskWindowInputs): BrowserWindowConstructorOptions {
  return {
    title: '法通',
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    backgroundColor: KIOSK_BACKGROUND,
    // Shown on 'ready-to-show', so residents never see a half-drawn page.
    show: false,
    webPreferences: {
      preload: inputs.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click would ask for a new window; setWindowOpenHandler denies it anyway.
      disableBlinkFeatures: 'Auxclick',
      devTools: inputs.dev,
      spellcheck: false,
      safeDialogs: true,
      // Idle timers (return to the home screen, clear the session) must keep running unfocused.
      backgroundThrottling: false,
    },
  };
}
