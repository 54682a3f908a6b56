import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/**
 * Everything the kiosk writes lives under one folder so a technician can back it up and a test
 * can inspect it: KIOSK_DATA_DIR, else the operating system's application-data folder.
 */
export interface DataDirLayout {
  root: string;
  /** SQLite databases (content, statistics, print queue). */
  db: string;
  /** The terminal's provisioned configuration. */
  config: string;
  /** Rotated structured logs. */
  logs: string;
  /** Rebuildable caches (search index staging, downloads). */
  cache: string;
}

export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  const explicit = env['KIOSK_DATA_DIR']?.trim();
  if (explicit) return path.resolve(explicit);
  if (platform === 'win32') return path.join(env['APPDATA'] ?? path.join(home, 'AppData', 'Roaming'), 'Fatong');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Fatong');
  return path.join(env['XDG_DATA_HOME'] ?? path.join(home, '.local', 'share'), 'fatong');
}

export function prepareDataDir(root: string): DataDirLayout {
  const layout: DataDirLayout = {
    root,
    db: path.join(root, 'db'),
    config: path.join(root, 'config'),
    logs: path.join(root, 'logs'),
    cache: path.join(root, 'cache'),
  };
  for (const dir of Object.values(layout)) mkdirSync(dir, { recursive: true, mode: 0o750 });
  return layout;
}
