import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleIndexInput } from '../common/article-index';
import { openContentDb, type ContentDb } from '../../library-db/node/open-content-db';
import type { ArticleSource } from './article-source';
import {
  contentStamp,
  openSearchForDb,
  openStoredSearch,
  searchContentOf,
  searchIndexFingerprint,
  storeSearchIndex,
  storedIndexFingerprint,
  type SearchContent,
} from './persisted-index';
import { LocalSearchService } from './search-service';

/** Two made-up articles (not real law text): enough for the engine to index and find something. */
function tinySource(stamp: string): ArticleSource {
  const list: ArticleIndexInput[] = [
    {
      key: '测试法|第一条',
      normalizedTitle: '测试法',
      title: '测试法',
      label: '第一条',
      text: '用人单位应当按时支付劳动报酬。',
      headings: ['第一章 总则'],
      versionDate: '2020-01-01',
      category: '法律',
    },
    {
      key: '测试法|第二条',
      normalizedTitle: '测试法',
      title: '测试法',
      label: '第二条',
      text: '出租人应当退还押金。',
      headings: ['第一章 总则'],
      versionDate: '2020-01-01',
      category: '法律',
    },
  ];
  return {
    fingerprint: () => `tiny:${stamp}`,
    lawTitles: () => ['测试法'],
    articles: () => list,
    article: (key) => list.find((a) => a.key === key) ?? null,
  };
}

const content = (stamp: string, qaQuestion = '老板不发工资怎么办'): SearchContent => ({
  articles: tinySource(stamp),
  qa: [{ id: 'q1', question: qaQuestion, also: [], domain: 'labour', cites: ['测试法 第一条'] }],
  glossary: [{ colloquial: ['老板'], legal: ['用人单位'] }],
});

describe('persisted search index', () => {
  let dir: string;
  let db: ContentDb;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'fatong-pidx-'));
    db = openContentDb(path.join(dir, 'content.db'));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('computes the same fingerprint as LocalSearchService.open (guards against engine revision drift)', () => {
    const c = content('a');
    const service = LocalSearchService.open({ ...c, indexFile: null });
    expect(searchIndexFingerprint(c)).toBe(service.engine.index.fingerprint);
  });

  it('stores the index in the database and loads it back without rebuilding', () => {
    const c = content('a');
    expect(storedIndexFingerprint(db)).toBeNull();
    const stored = storeSearchIndex(db, c);
    expect(stored.articles).toBe(2);
    expect(stored.bytes).toBeGreaterThan(0);
    expect(storedIndexFingerprint(db)).toBe(stored.fingerprint);

    const opened = openStoredSearch(db, c);
    expect(opened.source).toBe('db');
    expect(opened.reason).toBeNull();
    const hits = opened.service.search('老板不发工资');
    expect(hits.articles[0]?.key).toBe('测试法|第一条');
    expect(hits.qa[0]?.id).toBe('q1');
  });

  it('rebuilds when the content changed, and writes the fallback cache file', () => {
    storeSearchIndex(db, content('a'));
    const changed = content('b');
    const cacheFile = path.join(dir, 'cache', 'search-index.bin');
    const first = openStoredSearch(db, changed, { cacheFile });
    expect(first.source).toBe('built');
    expect(first.reason).toMatch(/other content/);
    expect(openStoredSearch(db, changed, { cacheFile }).source).toBe('cache');
    expect(openStoredSearch(db, content('a', '另一个问题'), { cacheFile }).source).toBe('built');
  });

  it('builds in memory when there is no database', () => {
    const opened = openStoredSearch(null, content('a'));
    expect(opened.source).toBe('built');
    expect(opened.reason).toBe('no content database');
  });

  // Indexes the whole embedded default content (every Q&A and glossary entry) twice: its time grows with the
  // content and passes the 5 s unit default on a loaded 2-core machine.
  it('trusts a stored index by its source stamp, and falls back when the content folder differs', () => {
    // No library in this database: the index holds the embedded default Q&A and glossary only.
    storeSearchIndex(db, searchContentOf(db), { stamp: contentStamp(db) });
    const fast = openSearchForDb(db);
    expect(fast.source).toBe('db');
    expect(fast.service.report.qa).toBeGreaterThan(0);
    // Warmed up before it is handed out, unless asked not to.
    expect(fast.warmUp?.searches).toBeGreaterThan(0);
    expect(openSearchForDb(db, { warmUp: false }).warmUp).toBeNull();
    // Another content folder (here: an empty one) has another stamp and another fingerprint.
    const other = openSearchForDb(db, { contentDir: dir });
    expect(other.source).toBe('built');
    expect(other.service.report.qa).toBe(0);
  }, 30_000);
});
