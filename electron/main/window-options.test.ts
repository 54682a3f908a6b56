import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isDevMode, KIOSK_BACKGROUND, kioskWindowOptions } from './window-options';

describe('kiosk window options', () => {
  const options = kioskWindowOptions({ preloadPath: '/app/dist/electron/preload.cjs', dev: false });
  const prefs = options.webPreferences ?? {};

  it('is a full-screen kiosk window that shows only once painted', () => {
    expect(options.kiosk).toBe(true);
    expect(options.fullscreen).toBe(true);
    expect(options.show).toBe(false);
    expect(options.backgroundColor).toBe(KIOSK_BACKGROUND);
  });

  it('isolates the page: context isolation, OS sandbox, no Node anywhere, same-origin policy on', () => {
    expect(prefs).toMatchObject({
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
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('loads the given preload', () => {
    expect(prefs.preload).toBe('/app/dist/electron/preload.cjs');
  });

  it('offers DevTools only in dev mode', () => {
    expect(prefs.devTools).toBe(false);
    expect(kioskWindowOptions({ preloadPath: '/p.cjs', dev: true }).webPreferences?.devTools).toBe(true);
  });

  it('uses the renderer page colour as background, so there is no flash before the first paint', () => {
    const tokens = readFileSync(fileURLToPath(new URL('../../renderer/src/styles/tokens.css', import.meta.url)), 'utf8');
    expect(tokens).toMatch(/--color-page:\s*(#[0-9a-fA-F]{6})/);
    expect(KIOSK_BACKGROUND.toLowerCase()).toBe(/--color-page:\s*(#[0-9a-fA-F]{6})/.exec(tokens)?.[1]?.toLowerCase());
  });
});

describe('FATONG_DEV', () => {
  it('turns dev mode on for 1 or true only', () => {
    expect(isDevMode({ FATONG_DEV: '1' })).toBe(true);
    expect(isDevMode({ FATONG_DEV: ' TRUE ' })).toBe(true);
    expect(isDevMode({ FATONG_DEV: '0' })).toBe(false);
    expect(isDevMode({ FATONG_DEV: 'yes please' })).toBe(false);
    expect(isDevMode({})).toBe(false);
  });
});
