import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { electronDist, repoRoot } from '../lib/repo-paths';

/**
 * Bundles the Electron main process (ESM) and the sandboxed preload (a single CommonJS file:
 * a sandboxed preload cannot require local modules). Native modules stay external and are
 * rebuilt for Electron's ABI by electron-builder when packaging.
 */
export async function buildElectron(): Promise<void> {
  const common = { bundle: true, platform: 'node' as const, target: 'node20', sourcemap: true, logLevel: 'warning' as const };
  await build({
    ...common,
    entryPoints: [path.join(repoRoot, 'electron/main/index.ts')],
    outfile: path.join(electronDist, 'main.mjs'),
    format: 'esm',
    external: ['electron', 'better-sqlite3', 'serialport', '@serialport/*', '@node-rs/*'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  await build({
    ...common,
    entryPoints: [path.join(repoRoot, 'electron/preload/kiosk.preload.ts')],
    outfile: path.join(electronDist, 'preload.cjs'),
    format: 'cjs',
    external: ['electron'],
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildElectron().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
