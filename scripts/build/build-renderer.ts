import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { rendererDist, repoRoot } from '../lib/repo-paths';

/** Newest modification time of any file below `dir` (skipping node_modules). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Sources whose change means the renderer bundle must be rebuilt. */
const rendererInputs = ['renderer', 'electron/common', 'kiosk-content/src/common', 'package-lock.json'];

export function rendererIsStale(): boolean {
  let built: number;
  try {
    built = statSync(path.join(rendererDist, 'index.html')).mtimeMs;
  } catch {
    return true;
  }
  return rendererInputs.some((input) => {
    const full = path.join(repoRoot, input);
    try {
      return (statSync(full).isDirectory() ? newestMtime(full) : statSync(full).mtimeMs) > built;
    } catch {
      return false;
    }
  });
}

export async function buildRenderer(options: { quiet?: boolean } = {}): Promise<void> {
  await build({
    configFile: path.join(repoRoot, 'renderer', 'vite.config.ts'),
    logLevel: options.quiet ? 'warn' : 'info',
  });
}

export async function ensureRendererBuilt(options: { quiet?: boolean } = {}): Promise<boolean> {
  if (!rendererIsStale()) return false;
  await buildRenderer(options);
  return true;
}
