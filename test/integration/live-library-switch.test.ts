/**
 * A running kiosk picks up content another process put in place — a law pack installed with
 * `content install` (its own ContentStore, as the CLI does) and a library written by
 * `import-laws` — at the next idle moment, without a restart, and answers searches from it.
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskContract } from '../../electron/common/contract/kiosk-api';
import { createDirectLink } from '../../electron/common/rpc/direct-link';
import { createRpcClient } from '../../electron/common/rpc/rpc-client';
import { KioskHost } from '../../electron/node/host/kiosk-host';
import { createMemoryLogger } from '../../electron/node/system/logger';
import { buildLawPack } from '../../kiosk-content/authoring/pack-builder/build-pack';
import type { CliIo } from '../../scripts/cli/command';
import { commands } from '../../scripts/cli/commands';
import { runCli } from '../../scripts/cli/run-cli';
import { defaultContentDir, repoRoot } from '../../scripts/lib/repo-paths';
import { APP_VERSION, makeKeys, tempDir, type Keys } from '../fixtures/packs/pack-fixtures';
import { provisionTestTerminal } from './support/admin-session';

const lawsDir = path.join(path.resolve(repoRoot, '../shared'), 'data', 'laws');
const labour = path.join(lawsDir, '社会法', '劳动合同法(2012-12-28).md');
const aid = path.join(lawsDir, '行政法', '法律援助法(2021-08-20).md');

let tmp: string;
let keys: Keys;

const cliIo = (env: Record<string, string>): CliIo => {
  const input = new PassThrough();
  input.end();
  return { stdout: () => undefined, stderr: () => undefined, stdin: input, env };
};

async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    // Each query is a resident's call; leave the kiosk idle (idleSeconds 0.5) between them.
    await new Promise((r) => setTimeout(r, 1500));
  }
  return check();
}

beforeAll(() => {
  tmp = tempDir('fatong-live-switch-');
  keys = makeKeys(path.join(tmp, 'keys'), 'editor');
  mkdirSync(path.join(tmp, 'pack-laws', '社会法'), { recursive: true });
  copyFileSync(labour, path.join(tmp, 'pack-laws', '社会法', path.basename(labour)));
  mkdirSync(path.join(tmp, 'import-laws', '行政法'), { recursive: true });
  copyFileSync(aid, path.join(tmp, 'import-laws', '行政法', path.basename(aid)));
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('live switch to a library installed by another process', () => {
  it('import-laws and then content install: the running host answers from each within seconds', async () => {
    const dataDir = path.join(tmp, 'terminal');
    provisionTestTerminal(dataDir);
    const env = { KIOSK_DATA_DIR: dataDir };
    const host = new KioskHost({
      dataDir,
      appVersion: APP_VERSION,
      contentDir: defaultContentDir,
      logger: createMemoryLogger(),
      contentConfig: { sources: [], trustedKeys: [], idleSeconds: 0.5 },
    });
    try {
      const api = createRpcClient(kioskContract, createDirectLink(host.rpc));
      const first = async (text: string) => (await api.search.query({ text, limit: 3 })).articles[0]?.key ?? null;
      expect(await first('法律援助法第三十一条')).toBeNull();

      // import-laws into db/content.db, as a technician would on the running terminal.
      expect(await runCli(['import-laws', path.join(tmp, 'import-laws')], commands, cliIo(env))).toBe(0);
      expect(await until(async () => (await first('法律援助法第三十一条')) === '法律援助法|第三十一条', 15_000)).toBe(true);

      // A law pack installed by the CLI's own content store.
      const pack = await buildLawPack(path.join(tmp, 'pack-laws'), {
        out: path.join(tmp, 'laws.fpk'),
        version: '2026.1.0',
        minAppVersion: APP_VERSION,
        keyFile: keys.privateFile,
      });
      expect(await runCli(['content', 'install', pack.out, '--pubkey', keys.publicFile], commands, cliIo(env))).toBe(0);
      expect(await until(async () => (await first('劳动合同法第三十条')) === '劳动合同法|第三十条', 15_000)).toBe(true);
      expect((await api.content.status()).showing.laws).toMatchObject({ id: 'fatong-laws', version: '2026.1.0' });
    } finally {
      host.close();
    }
  });
});
