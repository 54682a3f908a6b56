/**
 * The kiosk (a KioskHost in-process) keeps showing one generation while a resident is using it;
 * packs installed meanwhile must not delete the folder it serves, and content.status must say what
 * is on screen and what is pending.
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskContract } from '../../electron/common/contract/kiosk-api';
import { createDirectLink } from '../../electron/common/rpc/direct-link';
import { createRpcClient } from '../../electron/common/rpc/rpc-client';
import { KioskHost } from '../../electron/node/host/kiosk-host';
import { createMemoryLogger } from '../../electron/node/system/logger';
import { ContentStore } from '../../kiosk-content/src/packs/node/content-store';
import { commands } from '../../scripts/cli/commands/index';
import { runCli } from '../../scripts/cli/run-cli';
import { defaultContentDir } from '../../scripts/lib/repo-paths';
import { APP_VERSION, contentFolder, makeKeys, quickPack, tempDir, type Keys } from '../fixtures/packs/pack-fixtures';

let tmp: string;
let dataDir: string;
let key: Keys;
const packs: Record<string, string> = {};

async function contentStatusCheck(): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runCli(['content', 'status', '--check'], commands, {
    stdout: (t) => (out += t),
    stderr: (t) => (out += t),
    stdin: process.stdin,
    env: { ...process.env, KIOSK_DATA_DIR: dataDir },
  });
  return { code, out };
}

beforeAll(async () => {
  tmp = tempDir('fatong-busy-');
  dataDir = path.join(tmp, 'data');
  key = makeKeys(tmp, 'a');
  for (const version of ['1.1.0', '1.2.0', '1.3.0', '1.4.0']) {
    packs[version] = path.join(tmp, `${version}.fpk`);
    await quickPack(contentFolder(tmp, version), packs[version], { id: 'fatong-default', version }, key);
  }
  // Installed before the kiosk starts: the kiosk shows 1.1.0.
  const store = new ContentStore({ root: path.join(dataDir, 'content'), appVersion: APP_VERSION, defaultContentDir });
  await store.install(packs['1.1.0']!, { trustedKeys: [key.trusted] });
}, 120_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('installs while the kiosk is busy', () => {
  it('keeps the shown generation (and the pending one) while three packs are installed, and reports them', async () => {
    const host = new KioskHost({
      dataDir,
      appVersion: APP_VERSION,
      contentDir: defaultContentDir,
      logger: createMemoryLogger(),
      // A resident is using the kiosk: no idle moment for 15 minutes, so no switch happens in this test.
      contentConfig: { sources: [], trustedKeys: [key.trusted], pollMinutes: 60, idleSeconds: 900 },
    });
    const api = createRpcClient(kioskContract, createDirectLink(host.rpc));
    let shownDir: string;
    try {
      const shown = host.generations.showing;
      expect(shown).not.toBeNull();
      shownDir = host.generations.current.content.dir;
      const slides = (await api.attract.get()).slides.length;
      expect(slides).toBeGreaterThan(0);
      expect((await api.content.status()).showing.content).toMatchObject({ version: '1.1.0', embedded: false });

      for (const version of ['1.2.0', '1.3.0', '1.4.0']) {
        await host.content.store.install(packs[version]!, { trustedKeys: [key.trusted] });
        host.generations.switchWhenIdle();
        await api.system.getInfo(); // a resident's call
        expect(host.generations.showing, version).toBe(shown);
        const status = await api.content.status();
        expect(status.showing.content, version).toMatchObject({ version: '1.1.0', embedded: false });
        expect(status.pending?.content, version).toMatchObject({ version, embedded: false });
        expect(existsSync(shownDir), version).toBe(true);
        expect((await api.attract.get()).slides.length, version).toBe(slides);
        expect((await api.procedures.list()).length, version).toBeGreaterThan(0);
      }
      const check = await contentStatusCheck();
      expect(check.code, check.out).toBe(0);
    } finally {
      await host.closeAsync();
    }
    // Nothing shows 1.1.0 any more: the next install may remove it (active and previous stay).
    const store = new ContentStore({ root: path.join(dataDir, 'content'), appVersion: APP_VERSION, defaultContentDir });
    await store.install(packs['1.2.0']!, { trustedKeys: [key.trusted] }).catch(() => undefined);
    await store.rollback();
    await store.rollback();
    expect(existsSync(shownDir)).toBe(false);
    expect(store.checkGeneration(store.active()!)).toEqual([]);
  });
});
