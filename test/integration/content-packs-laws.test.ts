/**
 * The law library as a pack: built from law Markdown (a copy of one statute from ../shared/data/laws,
 * read at test time), signed, installed beside a content pack, shown by the host (articles and search
 * from the pack's database with the index built at install), kept when a content pack is installed
 * later, refused as a downgrade, and rolled back.
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskContract } from '../../electron/common/contract/kiosk-api';
import { createDirectLink } from '../../electron/common/rpc/direct-link';
import { createRpcClient } from '../../electron/common/rpc/rpc-client';
import { KioskHost } from '../../electron/node/host/kiosk-host';
import { createMemoryLogger } from '../../electron/node/system/logger';
import { buildLawPack } from '../../kiosk-content/authoring/pack-builder/build-pack';
import { ContentStore } from '../../kiosk-content/src/packs/node/content-store';
import { PackRejectedError } from '../../kiosk-content/src/packs/node/pack-archive';
import { defaultContentDir, repoRoot } from '../../scripts/lib/repo-paths';
import { APP_VERSION, contentFolder, makeKeys, quickPack, tempDir, type Keys } from '../fixtures/packs/pack-fixtures';
import { adminToken, provisionTestTerminal } from './support/admin-session';

const statute = path.join(path.resolve(repoRoot, '../shared'), 'data', 'laws', '社会法', '劳动合同法(2012-12-28).md');

let tmp: string;
let keys: Keys;
let dataDir: string;
let store: ContentStore;

let logger = createMemoryLogger();
const openHost = () => {
  logger = createMemoryLogger();
  return new KioskHost({ dataDir, appVersion: APP_VERSION, contentDir: defaultContentDir, logger });
};

beforeAll(() => {
  tmp = tempDir('fatong-pack-laws-');
  keys = makeKeys(path.join(tmp, 'keys'), 'editor');
  dataDir = path.join(tmp, 'data');
  provisionTestTerminal(dataDir);
  store = new ContentStore({ root: path.join(dataDir, 'content'), appVersion: APP_VERSION, defaultContentDir });
  mkdirSync(path.join(tmp, 'laws', '社会法'), { recursive: true });
  copyFileSync(statute, path.join(tmp, 'laws', '社会法', path.basename(statute)));
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('law-library packs', () => {
  it('build → install → the host reads articles and searches them from the pack', async () => {
    const built = await buildLawPack(path.join(tmp, 'laws'), {
      out: path.join(tmp, 'laws-2026.1.0.fpk'),
      version: '2026.1.0',
      minAppVersion: APP_VERSION,
      keyFile: keys.privateFile,
    });
    expect(built.manifest).toMatchObject({ id: 'fatong-laws', kinds: ['laws'] });
    expect(built.manifest.files.map((f) => f.path)).toEqual(['content.db']);
    expect(built.articles).toBeGreaterThan(90);
    const result = await store.install(built.out, { trustedKeys: [keys.trusted] });
    expect(result.slot).toBe('laws');
    const active = store.active()!;
    expect(active.laws?.version).toBe('2026.1.0');
    expect(active.content).toBeNull();
    expect(store.checkGeneration(active)).toEqual([]);

    const host = openHost();
    try {
      const api = createRpcClient(kioskContract, createDirectLink(host.rpc));
      const info = await api.system.getInfo();
      expect(info.content).toMatchObject({ packId: 'fatong-default', lawLibraryInstalled: true });
      const article = await api.library.getArticle({ key: '劳动合同法|第三十条' });
      expect(article?.paragraphs.join('')).toContain('劳动报酬');
      const found = await api.search.query({ text: '劳动合同法第三十条', limit: 5 });
      expect(found.articles[0]?.key).toBe('劳动合同法|第三十条');
      // The index built at install (staging database) is used as is: no re-indexing at start.
      expect(logger.lines.find((l) => l.event === 'search.ready')?.fields).toMatchObject({ source: 'db', built: false });
      const status = await api.content.status();
      expect(status.showing.laws).toMatchObject({ id: 'fatong-laws', version: '2026.1.0' });
      expect(status.showing.content.embedded).toBe(true);
    } finally {
      host.close();
    }
  });

  it('a content pack installed later keeps the law library; an older law pack is refused', async () => {
    const pack = path.join(tmp, 'content-1.1.0.fpk');
    await quickPack(contentFolder(tmp, '1.1.0'), pack, { id: 'fatong-default', version: '1.1.0' }, keys);
    await store.install(pack, { trustedKeys: [keys.trusted] });
    const active = store.active()!;
    expect(active.content?.version).toBe('1.1.0');
    expect(active.laws?.version).toBe('2026.1.0');
    expect(store.checkGeneration(active)).toEqual([]);

    const older = await buildLawPack(path.join(tmp, 'laws'), {
      out: path.join(tmp, 'laws-2025.1.0.fpk'),
      version: '2025.1.0',
      minAppVersion: APP_VERSION,
      keyFile: keys.privateFile,
    });
    const error = await store.install(older.out, { trustedKeys: [keys.trusted] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackRejectedError);
    expect((error as Error).message).toBe('downgrade refused: fatong-laws 2025.1.0 is older than the active 2026.1.0');

    const host = openHost();
    try {
      const api = createRpcClient(kioskContract, createDirectLink(host.rpc));
      const info = await api.system.getInfo();
      expect(info.content).toMatchObject({ version: '1.1.0', lawLibraryInstalled: true });
      expect((await api.library.getArticle({ key: '劳动合同法|第三十条' }))?.label).toBe('第三十条');
      const rolled = await api.content.rollback({ token: await adminToken(api) });
      expect(rolled.ok).toBe(true);
      expect(rolled.status.pending).toMatchObject({ content: { embedded: true }, laws: { version: '2026.1.0' } });
    } finally {
      host.close();
    }
    expect(store.active()?.content).toBeNull();
    expect(store.active()?.laws?.version).toBe('2026.1.0');
  });
});
