import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLawProblem } from '../../kiosk-content/src/laws/common/law-types';
import { LawRepository } from '../../kiosk-content/src/library-db/node/law-repository';
import { RepositoryArticleSource } from '../../kiosk-content/src/search/node/article-source';
import { openContentDb, type ContentDb } from '../../kiosk-content/src/library-db/node/open-content-db';
import { importLaws, type ImportLawsSummary } from '../../kiosk-content/authoring/law-import/import-laws';
import { repoRoot } from '../../scripts/lib/repo-paths';

/**
 * Imports the whole shared corpus (../shared/data/laws, read in place, never copied) into a temp
 * database and checks it against the figures its README states.
 */
const lawsDir = path.resolve(repoRoot, '../shared/data/laws');
const tmp = mkdtempSync(path.join(tmpdir(), 'fatong-import-laws-'));
let db: ContentDb;
let repo: LawRepository;
let summary: ImportLawsSummary;

beforeAll(() => {
  db = openContentDb(path.join(tmp, 'content.db'));
  repo = new LawRepository(db);
  summary = importLaws(db, lawsDir);
});
afterAll(() => {
  db.close();
  rmSync(tmp, { recursive: true, force: true });
});

// The six article lines with a typo in the label (four 「第N 条」 in the 2021 刑事诉讼法 interpretation,
// one in 刑事诉讼法 2018, one 「笫五十四条」 in 农民专业合作社法 2017). The README's counts skip them;
// the parser reads them as the articles they are and reports each one.
const typoArticles = [
  ['最高人民法院关于适用《刑事诉讼法》的解释', '第一百二十四条'],
  ['最高人民法院关于适用《刑事诉讼法》的解释', '第二百七十一条'],
  ['最高人民法院关于适用《刑事诉讼法》的解释', '第三百七十二条'],
  ['最高人民法院关于适用《刑事诉讼法》的解释', '第四百一十四条'],
  ['刑事诉讼法', '第一百二十八条'],
  ['农民专业合作社法', '第五十四条'],
] as const;

/** Articles in the 5 files that are copies of another folder's file (README: "those copies are duplicates"). */
const duplicateCopyArticles = 16 + 23 + 50 + 88 + 74;

describe('importing ../shared/data/laws', () => {
  it("imports all 1,510 files and reports exactly the six typo'd article labels", () => {
    expect(summary.files).toBe(1510);
    expect(summary.skippedFiles).toBe(0);
    expect(summary.problems).toHaveLength(6);
    expect(summary.problems.every((p) => /malformed article label/.test(p.message))).toBe(true);
    expect(summary.problems.map(formatLawProblem)).toContain(
      '民法商法/农民专业合作社法(2017-12-27).md:333: malformed article label "笫五十四条" (笫 instead of 第); read as 第五十四条',
    );
    for (const [law, label] of typoArticles) expect(repo.getArticle(law, label)?.isCurrent, `${law}|${label}`).toBe(true);
  });

  it('matches the README: 64,665 articles over all versions (+6 typo lines), counted per file', () => {
    const perFile = db.prepare('SELECT SUM(article_count) FROM law_files').pluck().get() as number;
    expect(perFile).toBe(64_665 + typoArticles.length);
    // Stored once per version: the 5 duplicate copies' articles are not stored twice.
    expect(summary.articles).toBe(64_665 + typoArticles.length - duplicateCopyArticles);
    expect(db.prepare('SELECT SUM(article_count) FROM law_files WHERE duplicate_of IS NOT NULL').pluck().get()).toBe(duplicateCopyArticles);
  });

  it('matches the README: 58,586 current articles (+6 typo lines)', () => {
    expect(summary.currentArticles).toBe(58_586 + typoArticles.length);
    expect(repo.stats().currentArticles).toBe(summary.currentArticles);
    let n = 0;
    for (const _ of repo.iterateCurrentArticles()) n++;
    expect(n).toBe(summary.currentArticles);
  });

  it('keeps the 81 files without articles as documents', () => {
    expect(summary.documents).toBe(81);
    expect(db.prepare('SELECT COUNT(*) FROM law_files WHERE article_count = 0').pluck().get()).toBe(81);
    expect(repo.getDocument('刑法修正案(十一)')?.preamble).toContain('将刑法第十七条修改为');
  });

  it('has 民法典 第一千零七十九条 current, all eight parts forming one version', () => {
    const article = repo.getArticle('中华人民共和国民法典', '第一千零七十九条');
    expect(article).toMatchObject({ key: '民法典|第一千零七十九条', isCurrent: true, part: '婚姻家庭编', headings: ['第四章 离婚'] });
    expect(article?.paragraphs[0]).toBe('夫妻一方要求离婚的，可以由有关组织进行调解或者直接向人民法院提起离婚诉讼。');
    const versions = repo.listVersions('民法典');
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ isCurrent: true, articleCount: 1260 });
    expect(versions[0]?.files).toHaveLength(8);
    expect(repo.getArticle('民法典|第一条')?.seq).toBe(1);
    expect(repo.getArticle('民法典|第一千二百六十条')?.seq).toBe(1260);
  });

  it('has two versions of 行政复议法, each readable by date', () => {
    expect(repo.listVersions('行政复议法').map((v) => [v.versionDate, v.isCurrent])).toEqual([
      ['2023-09-01', true],
      ['2017-09-01', false],
    ]);
    const old = repo.getArticle('行政复议法', '第一条', { versionDate: '2017-09-01' });
    const current = repo.getArticle('行政复议法', '第一条');
    expect(old?.isCurrent).toBe(false);
    expect(current?.versionDate).toBe('2023-09-01');
    expect(old?.text).not.toBe(current?.text);
    expect(repo.getArticle('行政复议法', '第一条', { at: '2020-06-30' })?.versionDate).toBe('2017-09-01');
    expect(repo.getArticle('行政复议法', '第一条', { at: '2024-06-30' })?.versionDate).toBe('2023-09-01');
  });

  it("reads a current article's text and headings for search exactly as the full view does, by key", () => {
    for (const key of ['行政复议法|第一条', '民法典|第一千零七十九条', '劳动合同法|第47条']) {
      const view = repo.getArticle(key);
      expect(view, key).not.toBeNull();
      expect(repo.currentArticleText(key)).toEqual({ text: view?.text, headings: view?.headings });
    }
    // The current version only: the 2017 text of 行政复议法 第一条 is never returned.
    expect(repo.currentArticleText('行政复议法|第一条')?.text).toBe(repo.getArticle('行政复议法', '第一条')?.text);
    expect(repo.currentArticleText('行政复议法|第九百九十九条')).toBeNull();
    expect(repo.currentArticleText('没有这部法|第一条')).toBeNull();
    expect(repo.currentArticleText('no-bar')).toBeNull();
  });

  it('reads several current texts with one call in key order, as the single read does, and the search source caches them', () => {
    const keys = ['民法典|第一千零七十九条', '没有这部法|第一条', '行政复议法|第一条', 'no-bar', '劳动合同法|第47条', '民法典|第一千零七十九条'];
    const rows = repo.currentArticleTexts(keys);
    expect(rows.map((r) => r?.text ?? null)).toEqual(keys.map((k) => repo.currentArticleText(k)?.text ?? null));
    expect(rows.map((r) => (r ? repo.headingPath(r.headingId) : null))).toEqual(keys.map((k) => repo.currentArticleText(k)?.headings ?? null));
    expect(repo.currentArticleTexts([])).toEqual([]);
    const source = new RepositoryArticleSource(db, repo);
    expect(source.articleBodies(keys)).toEqual(keys.map((k) => repo.currentArticleText(k)?.text ?? null));
    // Cached texts come back with their headings through article(), as read directly.
    for (const key of keys) expect(source.article(key)).toEqual(repo.currentArticleText(key));
  });

  it('merges the copies of one version found in two folders or under two spellings of the title', () => {
    expect(summary.duplicatesMerged).toBe(5);
    const copies = db.prepare('SELECT path, duplicate_of FROM law_files WHERE duplicate_of IS NOT NULL ORDER BY path').all() as {
      path: string;
      duplicate_of: string;
    }[];
    expect(copies.map((c) => path.posix.basename(c.path))).toEqual(
      expect.arrayContaining(['居民身份证法(2011-10-29).md', '反电信网络诈骗法(2022-09-02).md', '职业病防治法(2018-12-29).md', '广告法(2021-04-29).md']),
    );
    const idCard = repo.listVersions('居民身份证法');
    expect(idCard).toHaveLength(1);
    expect(idCard[0]?.files.map((f) => f.path).sort()).toEqual(['宪法相关法/居民身份证法(2011-10-29).md', '行政法/居民身份证法(2011-10-29).md']);
    // 最高人民法院  最高人民检察院… and 最高人民法院、最高人民检察院… are one law.
    const sex = repo.findLawByTitle('最高人民法院 最高人民检察院关于办理强奸、猥亵未成年人刑事案件适用法律若干问题的解释');
    expect(sex).toMatchObject({ versionCount: 1, articleCount: 16 });
  });

  it('is idempotent: a second import gives the same library', () => {
    const rows = () => ({
      laws: db.prepare('SELECT * FROM laws ORDER BY id').all(),
      versions: db.prepare('SELECT * FROM law_versions ORDER BY id').all(),
      files: db.prepare('SELECT * FROM law_files ORDER BY id').all(),
      headings: db.prepare('SELECT COUNT(*) AS n, SUM(LENGTH(text)) AS len FROM headings').get(),
      articles: db.prepare('SELECT COUNT(*) AS n, SUM(LENGTH(text)) AS len, SUM(id * seq) AS h FROM articles').get(),
    });
    const before = rows();
    const again = importLaws(db, lawsDir);
    expect(rows()).toEqual(before);
    expect({ ...again, durationMs: 0 }).toEqual({ ...summary, durationMs: 0 });
  });
});
