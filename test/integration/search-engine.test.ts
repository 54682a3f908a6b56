import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LawFolderArticleSource } from '../../kiosk-content/authoring/law-import/law-folder-article-source';
import { glossaryFromFolder, qaFromFolder } from '../../kiosk-content/src/search/node/content-sources';
import type { OpenSearchOptions } from '../../kiosk-content/src/search/node/search-service';
import { LocalSearchService } from '../../kiosk-content/src/search/node/search-service';
import { repoRoot } from '../../scripts/lib/repo-paths';

/** The search engine over the real law corpus (../shared/data/laws) and the embedded Q&A/glossary. */
const lawsDir = path.resolve(repoRoot, '../shared/data/laws');
const dir = mkdtempSync(path.join(tmpdir(), 'fatong-search-'));
const indexFile = path.join(dir, 'search-index.bin');
let options: OpenSearchOptions;
let service: LocalSearchService;

beforeAll(() => {
  options = { articles: new LawFolderArticleSource(lawsDir), qa: qaFromFolder(), glossary: glossaryFromFolder(), indexFile };
  service = LocalSearchService.open(options);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('search over the real law corpus', () => {
  it('indexes only current versions, one entry per article', () => {
    expect(service.report.built).toBe(true);
    expect(service.report.articles).toBeGreaterThan(50_000);
  });

  it('「劳动合同法第47条」 returns exactly that article first', () => {
    const r = service.search('劳动合同法第47条');
    expect(r.articles[0]).toMatchObject({ key: '劳动合同法|第四十七条', exact: true });
    expect(r.articles[0]?.snippet?.text).toContain('经济补偿');
    expect(r.articles.filter((a) => a.exact)).toHaveLength(1);
  });

  it('tells 劳动法 from 劳动合同法 and reads 民法典1079条', () => {
    expect(service.search('劳动法第47条').articles[0]?.key).toBe('劳动法|第四十七条');
    expect(service.search('民法典1079条').articles[0]?.key).toBe('民法典|第一千零七十九条');
    expect(service.search('第一千零七十九条', { contextLaw: '民法典' }).articles[0]?.key).toBe('民法典|第一千零七十九条');
  });

  it('「ldhtf」 suggests 劳动合同法', () => {
    expect(service.suggest('ldhtf')[0]).toMatchObject({ kind: 'law', text: '劳动合同法' });
    expect(service.suggest('劳动合')[0]?.text).toBe('劳动合同法');
  });

  it('「被邻居家的狗咬了」 finds 民法典 饲养动物损害责任 articles in the top 10', () => {
    const top = service.search('被邻居家的狗咬了').articles.slice(0, 10);
    const animal = top.filter((a) => a.normalizedTitle === '民法典' && a.headings.some((h) => h.includes('饲养动物损害责任')));
    expect(animal.length).toBeGreaterThan(0);
  });

  it('「老板不发工资」 reaches articles about 劳动报酬', () => {
    const top = service.search('老板不发工资').articles.slice(0, 10);
    expect(top.some((a) => (a.snippet?.text ?? '').includes('劳动报酬'))).toBe(true);
  });

  it('highlights are spans inside the snippet text', () => {
    for (const a of service.search('离婚后孩子的抚养费').articles) {
      const s = a.snippet;
      expect(s).not.toBeNull();
      for (const h of s?.highlights ?? []) {
        expect(h.start).toBeGreaterThanOrEqual(0);
        expect(h.end).toBeLessThanOrEqual(s?.text.length ?? 0);
        expect(h.end).toBeGreaterThan(h.start);
      }
    }
  });

  it('loads the stored index on the next start and answers the same', () => {
    const again = LocalSearchService.open(options);
    expect(again.report.built).toBe(false);
    for (const q of ['劳动合同法第47条', '被邻居家的狗咬了', '老板不发工资']) {
      expect(again.search(q).articles.map((a) => a.key)).toEqual(service.search(q).articles.map((a) => a.key));
    }
  });
});
