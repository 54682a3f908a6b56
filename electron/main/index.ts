/**
 * The Electron shell (bundled to dist/electron/main.mjs by scripts/build/build-electron.ts). It is
 * thin on purpose: the kiosk's services are the plain-Node KioskHost (electron/node/host), and
 * everything with a decision in it (window options, navigation policy, protocol, IPC link, crash
 * back-off) lives in a module of its own with unit tests. This file only wires them to Electron.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, Menu, powerSaveBlocker, protocol, session } from 'electron';
import { imeDictionaryFileIn } from '../node/services/query-corrector-loader';
import { KioskHost } from '../node/host/kiosk-host';
import { resolveDataDir } from '../node/system/data-dir';
import { createFileLogger } from '../node/system/logger';
import { EXIT_LEAVE_KIOSK, EXIT_RESTART, startSystemdWatchdog } from '../node/provisioning/systemd-watchdog';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { resolveAppPaths } from './app-paths';
import { CrashRecovery, watchRenderer } from './crash-recovery';
import { hardenSession, hardenWebContents } from './harden-web-contents';
import { attachIpcLinkServer } from './ipc/ipc-link-server';
import { APP_ENTRY_URL } from './navigation-policy';
import { isDevMode, kioskWindowOptions } from './window-options';

const paths = resolveAppPaths({
  bundleDir: path.dirname(fileURLToPath(import.meta.url)),
  isPackaged: app.isPackaged,
  resourcesPath: process.resourcesPath,
});
const dataDir = resolveDataDir();
const dev = isDevMode(process.env);

// Before 'ready': the sandbox for every renderer, the app:// scheme, and Chromium's own profile
// under the kiosk's data folder (README → "Where the kiosk keeps its data").
app.enableSandbox();
registerAppScheme(protocol);
app.setPath('userData', path.join(dataDir, 'cache', 'electron'));
// A touch kiosk: no pinch zoom, no swipe-to-go-back.
app.commandLine.appendSwitch('disable-pinch');
app.commandLine.appendSwitch('overscroll-history-navigation', '0');
// 朗读: on Linux, Chromium only sees speech-dispatcher's voices with this switch.
if (process.platform === 'linux') app.commandLine.appendSwitch('enable-speech-dispatcher');

if (!app.requestSingleInstanceLock()) {
  // Another kiosk window is already up; it is brought to the front by its 'second-instance'.
  app.quit();
} else {
  void start().catch((error: unknown) => {
    process.stderr.write(`Fatong could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  Menu.setApplicationMenu(null);
  await app.whenReady();

  // KioskHost creates the data folder's layout (logs/ included) before its first log line.
  const rootLogger = createFileLogger({ dir: path.join(dataDir, 'logs'), echo: true });
  const host = new KioskHost({
    dataDir,
    contentDir: paths.contentDir,
    appVersion: app.getVersion(),
    logger: rootLogger,
    imeDictionaryFile: imeDictionaryFileIn(paths.rendererDir),
  });
  const logger = rootLogger.child('shell');
  logger.log('info', 'shell.started', { electron: process.versions.electron ?? null, dev, packaged: app.isPackaged });

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, logger));
  hardenSession(session.defaultSession, logger);
  serveAppProtocol(session.defaultSession.protocol, paths.rendererDir);
  const ipcLink = attachIpcLinkServer({
    ipcMain,
    rpc: host.rpc,
    targets: () => BrowserWindow.getAllWindows().map((window) => window.webContents),
    logger: logger.child('ipc'),
  });

  // A kiosk screen that goes dark looks broken to a resident walking up to it.
  const powerSaveId = powerSaveBlocker.start('prevent-display-sleep');
  const window = new BrowserWindow(kioskWindowOptions({ preloadPath: paths.preload, dev }));
  const stopWatching = watchRenderer(window, logger, new CrashRecovery(() => Date.now()));
  void window.webContents.setVisualZoomLevelLimits(1, 1);
  // systemd (the shipped unit): READY=1 once the kiosk shows, watchdog pings from this event loop.
  const watchdog = startSystemdWatchdog(logger);
  window.once('ready-to-show', () => {
    window.show();
    watchdog.ready();
  });
  host.admin.onRequest(({ action }) => {
    watchdog.stop();
    host.close();
    // Without a supervisor (Windows autostart, a bare start) Electron relaunches itself.
    if (action === 'restart' && !process.env['NOTIFY_SOCKET']) app.relaunch();
    app.exit(action === 'restart' ? (process.env['NOTIFY_SOCKET'] ? EXIT_RESTART : 0) : EXIT_LEAVE_KIOSK);
  });
  app.on('second-instance', () => {
    if (window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    stopWatching();
    powerSaveBlocker.stop(powerSaveId);
    ipcLink.dispose();
    host.close();
  });

  await window.loadURL(APP_ENTRY_URL);
}
