import { describe, expect, it } from 'vitest';
import { chooseMode } from './choose-mode';

const base = { forceWeb: false, noOpen: false, env: { DISPLAY: ':0' }, electronBinary: undefined, chromium: '/usr/bin/chromium' };

describe('choosing how the kiosk starts', () => {
  it('uses Electron when its binary is installed', () => {
    expect(chooseMode({ ...base, electronBinary: '/x/electron' })).toMatchObject({ kind: 'electron' });
  });

  it('falls back to Chromium --kiosk when Electron is missing and a display exists', () => {
    const mode = chooseMode(base);
    expect(mode).toMatchObject({ kind: 'web', open: 'chromium' });
    expect(mode.reason).toContain('Electron binary is not installed');
  });

  it('prints the URL without a display, without Chromium, or with --no-open', () => {
    expect(chooseMode({ ...base, env: {} })).toMatchObject({ kind: 'web', open: 'none' });
    expect(chooseMode({ ...base, chromium: undefined })).toMatchObject({ kind: 'web', open: 'none' });
    expect(chooseMode({ ...base, noOpen: true }).reason).toContain('--no-open');
  });

  it('--web wins over an installed Electron, and says so', () => {
    const mode = chooseMode({ ...base, forceWeb: true, electronBinary: '/x/electron' });
    expect(mode.kind).toBe('web');
    expect(mode.reason).toMatch(/^--web was given/);
  });
});
