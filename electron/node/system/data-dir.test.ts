import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareDataDir, resolveDataDir } from './data-dir';

describe('the data directory', () => {
  it('honours KIOSK_DATA_DIR first', () => {
    expect(resolveDataDir({ KIOSK_DATA_DIR: '/srv/kiosk' }, 'linux', '/home/k')).toBe('/srv/kiosk');
  });

  it("falls back to each operating system's application-data folder", () => {
    expect(resolveDataDir({}, 'linux', '/home/k')).toBe('/home/k/.local/share/fatong');
    expect(resolveDataDir({ XDG_DATA_HOME: '/data' }, 'linux', '/home/k')).toBe('/data/fatong');
    expect(resolveDataDir({}, 'darwin', '/Users/k')).toBe('/Users/k/Library/Application Support/Fatong');
    expect(resolveDataDir({ APPDATA: 'C:\\Users\\k\\AppData\\Roaming' }, 'win32', 'C:\\Users\\k')).toContain('Fatong');
  });

  it('ignores a blank KIOSK_DATA_DIR', () => {
    expect(resolveDataDir({ KIOSK_DATA_DIR: '  ' }, 'linux', '/home/k')).toBe('/home/k/.local/share/fatong');
  });

  it('creates db, config, logs and cache folders under one root', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'fatong-dd-'));
    try {
      const layout = prepareDataDir(path.join(root, 'kiosk'));
      for (const dir of [layout.db, layout.config, layout.logs, layout.cache]) {
        expect(dir.startsWith(layout.root)).toBe(true);
        expect(existsSync(dir)).toBe(true);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
