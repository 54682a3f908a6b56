/**
 * `npm start` — starts the kiosk on the embedded default content.
 *   npm start                       Electron if its binary is installed, else browser mode
 *   npm start -- --web [--port N] [--no-open]
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startWebKiosk } from '../../electron/node/host/start-web-kiosk';
import { resolveDataDir } from '../../electron/node/system/data-dir';
import { createFileLogger } from '../../electron/node/system/logger';
import { EXIT_LEAVE_KIOSK, EXIT_RESTART, startSystemdWatchdog } from '../../electron/node/provisioning/systemd-watchdog';
import { buildElectron } from '../build/build-electron';
import { ensureRendererBuilt } from '../build/build-renderer';
import { appVersion, defaultContentDir, rendererDist, repoRoot } from '../lib/repo-paths';
import { chooseMode, findElectronBinary, findOnPath } from './choose-mode';
import { errorMessage } from '../../electron/common/errors/error-message';

const DEFAULT_PORT = 5180;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      web: { type: 'boolean', default: false },
      port: { type: 'string' },
      'no-open': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write('Usage: npm start -- [--web] [--port N] [--no-open]\n');
    return;
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, got ${values.port}`);

  const mode = chooseMode({
    forceWeb: values.web,
    noOpen: values['no-open'],
    env: process.env,
    electronBinary: findElectronBinary(),
    chromium: findOnPath(['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']),
  });
  process.stdout.write(`Starting the kiosk in ${mode.kind === 'electron' ? 'Electron' : 'browser'} mode: ${mode.reason}.\n`);

  if (await ensureRendererBuilt({ quiet: true })) process.stdout.write('Built the kiosk screens (dist/renderer).\n');
  const dataDir = resolveDataDir();

  if (mode.kind === 'electron') {
    await buildElectron();
    const child = spawn(mode.electronBinary, [repoRoot], {
      stdio: 'inherit',
      env: { ...process.env, KIOSK_DATA_DIR: dataDir },
    });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }

  const kiosk = await startWebKiosk({
    dataDir,
    appVersion: appVersion(),
    staticDir: rendererDist,
    contentDir: defaultContentDir,
    port,
  });
  process.stdout.write(`Kiosk ready at ${kiosk.url}\n`);
  // Under the shipped systemd unit: READY=1 and watchdog pings; admin restart/exit-kiosk become exit codes the unit acts on.
  const watchdog = startSystemdWatchdog(createFileLogger({ dir: kiosk.host.dataDir.logs }).child('shell'));
  watchdog.ready();
  kiosk.host.admin.onRequest(({ action }) => {
    watchdog.stop();
    void kiosk.close().then(() => process.exit(action === 'restart' ? EXIT_RESTART : EXIT_LEAVE_KIOSK));
  });

  if (mode.open === 'chromium' && mode.chromium) {
    const profile = path.join(dataDir, 'cache', 'chromium-profile');
    const browser = spawn(
      mode.chromium,
      [
        `--app=${kiosk.url}`,
        '--kiosk',
        `--user-data-dir=${profile}`,
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-translate',
        '--disable-pinch',
        '--overscroll-history-navigation=0',
      ],
      { stdio: 'ignore' },
    );
    browser.on('exit', () => void kiosk.close().then(() => process.exit(0)));
  }

  const stop = (): void => void kiosk.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`Could not start the kiosk: ${errorMessage(error)}\n`);
  process.exit(1);
});
