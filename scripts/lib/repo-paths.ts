import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute paths inside the source checkout, for tools that run from it. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const rendererDist = path.join(repoRoot, 'dist', 'renderer');
export const electronDist = path.join(repoRoot, 'dist', 'electron');
export const defaultContentDir = path.join(repoRoot, 'kiosk-content', 'default');

export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
