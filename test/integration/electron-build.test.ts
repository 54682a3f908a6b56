import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelForMethod, EVENT_CHANNEL } from '../../electron/common/contract/channels';
import { kioskContract } from '../../electron/common/contract/kiosk-api';
import type { KioskBridge } from '../../renderer/src/platform/ipc-link';
import { repoRoot } from '../../scripts/lib/repo-paths';

/**
 * `npm run build:electron` into a temp folder: both bundles, in the module formats Electron needs,
 * and the built preload actually exposing the contract's allow-list (run in a VM with a fake
 * `electron` module, since the Electron binary is not installed here).
 */
let outDir: string;

beforeAll(() => {
  outDir = mkdtempSync(path.join(tmpdir(), 'fatong-electron-build-'));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', '--silent', 'build:electron', '--', '--out-dir', outDir], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`build:electron failed (${result.status}): ${result.stderr}`);
});

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('npm run build:electron', () => {
  it('writes the ESM main bundle with Electron left external', () => {
    const main = readFileSync(path.join(outDir, 'main.mjs'), 'utf8');
    expect(statSync(path.join(outDir, 'main.mjs.map')).size).toBeGreaterThan(0);
    expect(main).toMatch(/^import .* from "electron";$/m);
    for (const call of ['requestSingleInstanceLock', 'registerSchemesAsPrivileged', 'setPermissionRequestHandler', 'exposeInMainWorld']) {
      expect(main.includes(call), call).toBe(call !== 'exposeInMainWorld');
    }
    // Plain Node can at least parse it as an ES module.
    const check = spawnSync(process.execPath, ['--check', path.join(outDir, 'main.mjs')], { encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
  });

  it('writes a single CommonJS preload that requires nothing but electron', () => {
    const preload = readFileSync(path.join(outDir, 'preload.cjs'), 'utf8');
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
    // The schemas stay in the main process; the preload only knows names.
    expect(preload).not.toContain('zod');
    for (const name of Object.keys(kioskContract.methods)) expect(preload).toContain(`"${name}"`);
  });

  it('the built preload exposes only window.kioskBridge, and it only reaches contract channels', async () => {
    const exposed = new Map<string, unknown>();
    const invoked: string[] = [];
    const listeners = new Map<string, Array<(event: unknown, message: unknown) => void>>();
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
      ipcRenderer: {
        invoke: (channel: string) => {
          invoked.push(channel);
          return Promise.resolve({ ok: true, value: null });
        },
        on: (channel: string, listener: (event: unknown, message: unknown) => void) => listeners.set(channel, [...(listeners.get(channel) ?? []), listener]),
        removeListener: () => undefined,
      },
    };
    const module = { exports: {} };
    vm.runInNewContext(readFileSync(path.join(outDir, 'preload.cjs'), 'utf8'), {
      require: (name: string) => {
        if (name !== 'electron') throw new Error(`preload required ${name}`);
        return fakeElectron;
      },
      module,
      exports: module.exports,
    });

    expect([...exposed.keys()]).toEqual(['kioskBridge']);
    const bridge = exposed.get('kioskBridge') as KioskBridge;
    for (const name of Object.keys(kioskContract.methods)) await bridge.invoke(name, undefined);
    await expect(bridge.invoke('system.selfDestruct', undefined)).resolves.toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(invoked).toEqual(Object.keys(kioskContract.methods).map(channelForMethod));

    const events: unknown[] = [];
    bridge.subscribe((event) => events.push(event));
    const [listener] = listeners.get(EVENT_CHANNEL) ?? [];
    listener?.({ sender: 'ipcRenderer' }, { name: 'devices.onDidChangeStatus', payload: { ok: 1 } });
    expect(events).toEqual([{ name: 'devices.onDidChangeStatus', payload: { ok: 1 } }]);
  });
});
