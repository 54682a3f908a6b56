import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { contractNames } from '../../electron/common/contract/channel-allow-list';
import { kioskContract } from '../../electron/common/contract/kiosk-api';
import { electronDist, repoRoot } from '../lib/repo-paths';
import { errorMessage } from '../../electron/common/errors/error-message';

export interface BuildElectronOptions {
  /** Where main.mjs and preload.cjs go (default dist/electron). Tests build into a temp folder. */
  outDir?: string;
}

/**
 * Bundles the Electron main process (ESM, dist/electron/main.mjs) and the sandboxed preload (a
 * single CommonJS file, dist/electron/preload.cjs: a sandboxed preload can neither be an ES module
 * nor require local files). Native modules stay external and are rebuilt for Electron's ABI by
 * electron-builder when packaging. The preload gets the contract's method and event names as a
 * literal, so its allow-list comes from the contract without bundling zod into it.
 */
export async function buildElectron(options: BuildElectronOptions = {}): Promise<{ main: string; preload: string }> {
  const outDir = options.outDir ?? electronDist;
  const main = path.join(outDir, 'main.mjs');
  const preload = path.join(outDir, 'preload.cjs');
  const common = { bundle: true, sourcemap: true, logLevel: 'warning' as const, absWorkingDir: repoRoot };
  await build({
    ...common,
    platform: 'node',
    target: 'node20',
    entryPoints: [path.join(repoRoot, 'electron/main/index.ts')],
    outfile: main,
    format: 'esm',
    external: ['electron', 'better-sqlite3', 'serialport', '@serialport/*', '@node-rs/*'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  await build({
    ...common,
    // The preload runs in the renderer's (Chromium's) sandbox, where only `electron` can be required.
    platform: 'browser',
    target: 'chrome120',
    entryPoints: [path.join(repoRoot, 'electron/preload/kiosk.preload.ts')],
    outfile: preload,
    format: 'cjs',
    external: ['electron'],
    define: { __KIOSK_CONTRACT_NAMES__: JSON.stringify(contractNames(kioskContract)) },
  });
  return { main, preload };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // npm run build:electron [-- --out-dir DIR]
  const { values } = parseArgs({ options: { 'out-dir': { type: 'string' } }, strict: true });
  const outDir = values['out-dir'];
  buildElectron(outDir === undefined ? {} : { outDir: path.resolve(outDir) }).catch((error: unknown) => {
    process.stderr.write(`${errorMessage(error)}\n`);
    process.exit(1);
  });
}
