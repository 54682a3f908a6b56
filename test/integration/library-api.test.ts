import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskContract, type KioskApi } from '../../electron/common/contract/kiosk-api';
import { createDirectLink } from '../../electron/common/rpc/direct-link';
import { createRpcClient } from '../../electron/common/rpc/rpc-client';
import { KioskHost } from '../../electron/node/host/kiosk-host';
import { createMemoryLogger } from '../../electron/node/system/logger';
import { openContentDb } from '../../kiosk-content/src/library-db/node/open-content-db';
import { importLaws } from '../../kiosk-content/authoring/law-import/import-laws';
import { contentStamp, searchContentOf, storeSearchIndex } from '../../kiosk-content/src/search/node/persisted-index';
import { defaultContentDir, repoRoot } from '../../scripts/lib/repo-paths';

/**
 * The 找法律 · 问问题 API end to end through the host: on a fresh terminal (embedded Q&A only)
 * and after a technician imported the national library from ../shared/data/laws.
 */
const lawsDir = path.resolve(repoRoot, '../shared/data/laws');

function startHost(dataDir: string): { host: KioskHost; api: KioskApi; logger: ReturnType<typeof createMemoryLogger> } {
  const logger = createMemoryLogger();
  const host = new KioskHost({ dataDir, contentDir: defaultContentDir, appVersion: 'test', logger });
  const api = createRpcClient(kioskContract, createDirectLink(host.rpc)) as KioskApi;
  return { host, api, logger };
}

describe('library API on a terminal without the law library', () => {
  let dataDir: string;
  let running: ReturnType<typeof startHost>;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'fatong-lib-none-'));
    running = startHost(dataDir);
  });
  afterAll(() => {
    running.host.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says the library is missing and counts the embedded Q&A', async () => {
    const info = await running.api.system.getInfo();
    expect(info.content.lawLibraryInstalled).toBe(false);
    expect(info.content.qaCount).toBeGreaterThanOrEqual(100);
  });

  it('answers residents’ words from the Q&A, with the glossary’s legal words', async () => {
    const result = await running.api.search.query({ text: '老板不发工资怎么办' });
    expect(result.libraryInstalled).toBe(false);
    expect(result.articles).toEqual([]);
    expect(result.qa.map((hit) => hit.domain)).toContain('labour');
    expect(result.alsoSearched).toContain('用人单位');
    const first = result.qa[0];
    expect(first?.question.marks.length).toBeGreaterThan(0);
  });

  it('opens a Q&A whose citations cannot be opened without the library', async () => {
    const hits = await running.api.search.query({ text: '房东不退押金' });
    const id = hits.qa[0]?.id;
    expect(id).toBeDefined();
    const view = await running.api.qa.get({ id: id ?? '' });
    expect(view?.answer.length).toBeGreaterThan(0);
    expect(view?.cites.length).toBeGreaterThan(0);
    expect(view?.cites.every((c) => !c.available)).toBe(true);
    expect(await running.api.library.getArticle({ key: '劳动合同法|第四十七条' })).toBeNull();
  });

  it('rejects an empty query with a validation error rather than searching', async () => {
    await expect(running.api.search.query({ text: '   ' })).rejects.toMatchObject({ code: 'invalid-input' });
  });
});

describe('library API after importing the national library', () => {
  let dataDir: string;
  let running: ReturnType<typeof startHost>;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'fatong-lib-full-'));
    // What `npm run cli -- import-laws` does: import, then build and store the search index.
    const db = openContentDb(path.join(dataDir, 'db', 'content.db'));
    importLaws(db, lawsDir);
    storeSearchIndex(db, searchContentOf(db), { stamp: contentStamp(db) });
    db.close();
    running = startHost(dataDir);
  }, 180_000);
  afterAll(() => {
    running.host.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads the search index stored at import instead of re-indexing at boot', () => {
    const ready = running.logger.lines.find((l) => l.event === 'search.ready');
    expect(ready?.fields).toMatchObject({ source: 'db', built: false, articles: 58592 });
  });

  it('reads a citation and puts that article first', async () => {
    const result = await running.api.search.query({ text: '劳动合同法第47条' });
    expect(result.citation).toEqual({ key: '劳动合同法|第四十七条', found: true, display: '劳动合同法第四十七条' });
    expect(result.articles[0]?.key).toBe('劳动合同法|第四十七条');
  });

  it('opens an article with its neighbours, and Q&A citations become openable', async () => {
    const article = await running.api.library.getArticle({ key: '劳动合同法|第四十七条' });
    expect(article?.paragraphs[0]).toMatch(/^经济补偿按劳动者在本单位工作的年限/);
    expect(article?.previousKey).toBe('劳动合同法|第四十六条');
    expect(article?.nextKey).toBe('劳动合同法|第四十八条');
    // The article lists the plain-language answers that rely on it.
    const cited = await running.api.library.getArticle({ key: '劳动合同法|第三十条' });
    expect(cited?.relatedQa.map((q) => q.id)).toContain('labour-unpaid-wages');
    const qa = await running.api.qa.get({ id: 'labour-unpaid-wages' });
    expect(qa?.cites.length).toBeGreaterThan(0);
    expect(qa?.cites.every((c) => c.available)).toBe(true);
  });

  it('finds the animal-damage articles for 「被邻居家的狗咬了」', async () => {
    const result = await running.api.search.query({ text: '被邻居家的狗咬了', limit: 10 });
    const keys = result.articles.map((a) => a.key);
    // 民法典 第七编 第九章 饲养动物损害责任 runs from 第一千二百四十五条 to 第一千二百五十一条.
    const animal = [
      '第一千二百四十五条',
      '第一千二百四十六条',
      '第一千二百四十七条',
      '第一千二百四十八条',
      '第一千二百四十九条',
      '第一千二百五十条',
      '第一千二百五十一条',
    ].map((l) => `民法典|${l}`);
    expect(keys.some((k) => animal.includes(k))).toBe(true);
  });

  it('suggests law titles from pinyin initials', async () => {
    const suggestions = await running.api.search.suggest({ text: 'ldht' });
    expect(suggestions.map((s) => s.text)).toContain('劳动合同法');
  });
});
