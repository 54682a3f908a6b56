import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { rendererDist, repoRoot } from '../lib/repo-paths';
import { templatesFileName, writeHandwritingTemplates } from './build-handwriting';
import { imeDictionaryFileName, writeImeDictionary } from './build-ime-dictionary';

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

/**
 * Sources whose change means the renderer bundle must be rebuilt. The renderer imports the pure
 * kiosk-content/src/<topic>/common folders; watching all of kiosk-content/src is simpler and at
 * worst rebuilds once too often.
 */
// kiosk-content/default: the pinyin dictionary lifts its words.
const rendererInputs = ['renderer', 'electron/common', 'kiosk-content/src', 'kiosk-content/default', 'package-lock.json'];

export function rendererIsStale(): boolean {
  let built: number;
  try {
    built = statSync(path.join(rendererDist, 'index.html')).mtimeMs;
    // Generated assets (handwriting templates, the pinyin dictionary) are gitignored: a bundle built without them is stale.
    statSync(path.join(rendererDist, 'generated', 'handwriting', templatesFileName));
    statSync(path.join(rendererDist, 'generated', 'ime', imeDictionaryFileName));
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

/**
 * Runs `vite build` in a child process with NODE_ENV=production. In-process, the build would
 * inherit the caller's NODE_ENV — vitest sets "test" — and ship React's development bundle
 * (slower, larger, and full of source paths).
 */
export async function buildRenderer(options: { quiet?: boolean } = {}): Promise<void> {
  // Assets Vite copies from renderer/public/generated, derived from node_modules.
  writeHandwritingTemplates();
  writeImeDictionary();
  const vite = path.join(repoRoot, 'node_modules', '.bin', process.platform === 'win32' ? 'vite.cmd' : 'vite');
  const args = ['build', '--config', path.join(repoRoot, 'renderer', 'vite.config.ts'), '--mode', 'production'];
  if (options.quiet) args.push('--logLevel', 'warn');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(vite, args, { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${String(code)}`))));
  });
}

export async function ensureRendererBuilt(options: { quiet?: boolean } = {}): Promise<boolean> {
  if (!rendererIsStale()) return false;
  await buildRenderer(options);
  return true;
}
