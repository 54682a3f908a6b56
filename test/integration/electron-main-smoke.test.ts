import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelForMethod } from '../../electron/common/contract/channels';
import { kioskContract } from '../../electron/common/contract/kiosk-api';
import { CONTENT_SECURITY_POLICY } from '../../electron/node/http/security-headers';
import { repoRoot } from '../../scripts/lib/repo-paths';

/**
 * The real Electron entry (electron/main/index.ts) run in plain Node with a recording stand-in
 * for the `electron` module (support/fake-electron.ts), laid out like a packaged app:
 *   <dir>/app/electron/main.mjs   <dir>/app/renderer/index.html   <dir>/resources/kiosk-content/default
 * The Electron binary is not installed here; this checks the wiring, the unit tests the decisions.
 */
interface SmokeReport {
  calls: string[];
  userData: string;
  schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>;
  windowOptions: { kiosk: boolean; fullscreen: boolean; webPreferences: Record<string, unknown> };
  entry: { status: number; csp: string; body: string };
  traversalStatus: number;
  ipcChannels: string[];
  getInfo: { ok: boolean; value?: { appVersion: string } };
  untrusted: string;
  mediaPermission: boolean[];
  navigation: { awayPrevented: boolean; withinPrevented: boolean };
  windowOpen: { action: string };
}

let work: string;
let dataDir: string;
let report: SmokeReport;
let stderr: string;

beforeAll(async () => {
  // Inside node_modules/.cache so the bundle's external native modules (better-sqlite3…) resolve.
  const cache = path.join(repoRoot, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  work = mkdtempSync(path.join(cache, 'fatong-main-smoke-'));
  const bundleDir = path.join(work, 'app', 'electron');
  mkdirSync(path.join(work, 'app', 'renderer'), { recursive: true });
  writeFileSync(path.join(work, 'app', 'renderer', 'index.html'), '<!doctype html><title>smoke-test page</title>');
  mkdirSync(path.join(work, 'resources', 'kiosk-content'), { recursive: true });
  symlinkSync(path.join(repoRoot, 'kiosk-content', 'default'), path.join(work, 'resources', 'kiosk-content', 'default'), 'dir');
  dataDir = path.join(work, 'data');

  await build({
    absWorkingDir: repoRoot,
    entryPoints: [path.join(repoRoot, 'electron/main/index.ts')],
    outfile: path.join(bundleDir, 'main.mjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'error',
    alias: { electron: path.join(repoRoot, 'test/integration/support/fake-electron.ts') },
    external: ['better-sqlite3', 'serialport', '@serialport/*', '@node-rs/*'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });

  const reportFile = path.join(work, 'report.json');
  const run = spawnSync(process.execPath, [path.join(bundleDir, 'main.mjs')], {
    cwd: work,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      KIOSK_DATA_DIR: dataDir,
      FAKE_RESOURCES_PATH: path.join(work, 'resources'),
      FAKE_ELECTRON_REPORT: reportFile,
      FATONG_DEV: '',
    },
  });
  stderr = run.stderr;
  if (run.status !== 0) throw new Error(`main.mjs exited ${run.status}: ${run.stderr}`);
  report = JSON.parse(readFileSync(reportFile, 'utf8')) as SmokeReport;
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('electron/main/index.ts against a stand-in electron module', () => {
  it('sets up the sandbox, the app:// scheme and the profile folder before ready, and takes the single-instance lock', () => {
    const before = report.calls.slice(0, report.calls.indexOf('app.ready'));
    expect(before).toEqual(
      expect.arrayContaining(['app.enableSandbox', 'protocol.registerSchemesAsPrivileged', 'app.setPath:userData', 'app.requestSingleInstanceLock']),
    );
    expect(report.schemes).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect(report.userData).toBe(path.join(dataDir, 'cache', 'electron'));
  });

  it('removes the menu, denies permissions and serves the page from app://kiosk/ with the CSP', () => {
    expect(report.calls).toContain('Menu.setApplicationMenu:null');
    expect(report.calls).toContain('powerSaveBlocker.start:prevent-display-sleep');
    expect(report.calls).toContain('session.setPermissionRequestHandler');
    expect(report.calls).toContain('session.setPermissionCheckHandler');
    expect(report.mediaPermission).toEqual([false]);
    expect(report.calls).toContain('window.loadURL:app://kiosk/index.html');
    expect(report.entry).toEqual({ status: 200, csp: CONTENT_SECURITY_POLICY, body: '<!doctype html><title>smoke-test page</title>' });
    expect(report.traversalStatus).toBe(404);
  });

  it('opens one hardened kiosk window with the bundled preload', () => {
    expect(report.calls.filter((call) => call === 'new BrowserWindow')).toHaveLength(1);
    expect(report.windowOptions).toMatchObject({ kiosk: true, fullscreen: true });
    expect(report.windowOptions.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      devTools: false,
      preload: path.join(work, 'app', 'electron', 'preload.cjs'),
    });
    expect(report.calls).toContain('window.show');
  });

  it('serves every contract method over IPC to our page only', () => {
    expect(report.ipcChannels).toEqual(Object.keys(kioskContract.methods).map(channelForMethod).sort());
    expect(report.getInfo).toMatchObject({ ok: true, value: { appVersion: '0.0.0-smoke' } });
    expect(report.untrusted).toBe('rejected: Refused');
  });

  it('hardens the WebContents it creates', () => {
    expect(report.navigation).toEqual({ awayPrevented: true, withinPrevented: false });
    expect(report.windowOpen).toEqual({ action: 'deny' });
  });

  it('keeps its data under KIOSK_DATA_DIR and logs there', () => {
    const log = readFileSync(path.join(dataDir, 'logs', 'kiosk.log'), 'utf8');
    expect(log).toContain('"event":"shell.started"');
    expect(log).toContain('"event":"host.started"');
    expect(log).toContain('"event":"navigation.denied"');
    expect(log).not.toContain('evil.example/'); // origins only
    expect(stderr).not.toMatch(/could not start/i);
  });
});
