import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatLawProblem } from '../../src/laws/common/law-types';
import { LawRepository } from '../../src/library-db/node/law-repository';
import { openContentDb, type ContentDb } from '../../src/library-db/node/open-content-db';
import { importLaws, ImportLawsError, listLawFiles, type ImportProgress } from './import-laws';

/**
 * A small synthetic corpus in the real layout: two versions of one law, a copy of a version in a
 * second folder under a differently written title, a law split into parts whose headers disagree,
 * a document without articles, and broken files.
 */
const corpus: Record<string, string> = {
  'README.md': '# not a law\n',
  '甲类/示例法(2010-01-01).md': `# 中华人民共和国示例法

2010年1月1日 第一次会议通过

<!-- INFO END -->
## 第一章 总则
第一条 旧的第一条。
第二条 旧的第二条。
`,
  '甲类/示例法(2020-06-01).md': `# 中华人民共和国示例法

2010年1月1日 第一次会议通过

2020年6月1日 第二次会议修订

2021年1月1日 施行

<!-- INFO END -->
## 第一章 总则
### 第一节 目的
第一条 新的第一条。
第二条 新的第二条。
第二款。
### 第二节 范围
第二条之一 插入的条文。
## 第二章 附则
第三条 本法自2021年1月1日起施行。
`,
  // The same version, filed in another folder with the title written differently: a duplicate.
  '乙类/示例法(2020-06-01).md': `# 示例法

2020年6月1日 第二次会议修订

<!-- INFO END -->
## 第一章 总则
### 第一节 目的
第一条 新的第一条。
第二条 新的第二条。
第二款。
### 第二节 范围
第二条之一 插入的条文。
## 第二章 附则
第三条 本法自2021年1月1日起施行。
`,
  // A law in two part files; the second part's header lacks the 施行 line.
  '典/上编.md': `# 中华人民共和国示例典

# 上编

2020年5月28日 通过

2021年1月1日 施行

<!-- INFO END -->
## 第一章 一般规定
第一条 上编第一条。
第二条 上编第二条。
`,
  '典/下编.md': `# 中华人民共和国示例典

# 下编

2020年5月28日 通过

<!-- INFO END -->
## 第二章 其他规定
第三条 下编第三条。
`,
  '丙类/关于修改示例法的决定.md': `# 全国人民代表大会常务委员会关于修改《中华人民共和国示例法》的决定

2019年3月1日 第三次会议通过

<!-- INFO END -->
一、将第一条修改为：……
二、本决定自公布之日起施行。
`,
  '丙类/错字法(2018-01-01).md': `# 错字法

<!-- INFO END -->
第一条 正常的条文。
笫二条 有错字的条文。
`,
  '丙类/没有标题.md': '这一行不是标题\n第一条 内容。\n',
};

let dir: string;
let lawsDir: string;
let db: ContentDb;
let repo: LawRepository;

function writeCorpus(files: Record<string, string | Buffer>) {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(lawsDir, rel)), { recursive: true });
    writeFileSync(path.join(lawsDir, rel), text);
  }
}

/** Every library row except meta.importedAt, for comparing imports. */
function dump(database: ContentDb) {
  const tables = ['laws', 'law_versions', 'law_files', 'headings', 'articles', 'import_problems'];
  return {
    ...Object.fromEntries(tables.map((t) => [t, database.prepare(`SELECT * FROM ${t} ORDER BY id`).all()])),
    meta: database.prepare("SELECT * FROM meta WHERE key <> 'library.importedAt' ORDER BY key").all(),
  };
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fatong-import-'));
  lawsDir = path.join(dir, 'laws');
  writeCorpus(corpus);
  db = openContentDb(path.join(dir, 'content.db'));
  repo = new LawRepository(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('importLaws', () => {
  it('imports every file, merges the duplicate, and reports malformed files as file:line: reason', () => {
    const summary = importLaws(db, lawsDir);
    expect(summary).toMatchObject({
      files: 8, // README.md is not a law
      skippedFiles: 1, // 没有标题.md
      laws: 3, // 示例法, 示例典, 错字法
      documents: 1, // the 决定
      versions: 5, // 示例法 ×2, 示例典, 错字法, 决定
      articles: 2 + 4 + 3 + 2, // the duplicate's 4 articles are stored once
      currentArticles: 4 + 3 + 2,
      duplicatesMerged: 1,
    });
    expect(summary.problems.map(formatLawProblem)).toEqual([
      expect.stringMatching(/^丙类\/没有标题\.md:1: line 1 must be the title line/),
      expect.stringMatching(/^丙类\/错字法\(2018-01-01\)\.md:5: malformed article label "笫二条"/),
    ]);
    expect(repo.listProblems()).toEqual(summary.problems);
    expect(repo.stats()).toMatchObject({
      installed: true,
      source: lawsDir,
      fingerprint: summary.fingerprint,
      files: 7,
      laws: 3,
      documents: 1,
      versions: 5,
      allArticles: 11,
      currentArticles: 9,
      duplicatesMerged: 1,
      problems: 2,
    });
  });

  it('makes the newest version current and serves older ones by date', () => {
    importLaws(db, lawsDir);
    expect(repo.getArticle('示例法|第一条')?.text).toBe('新的第一条。');
    expect(repo.getArticle('中华人民共和国示例法', '第一条', { versionDate: '2010-01-01' })?.text).toBe('旧的第一条。');
    // In force: the 2020 version applies from its stated 施行 date, 2021-01-01.
    expect(repo.getArticle('示例法', '第一条', { at: '2020-12-31' })?.versionDate).toBe('2010-01-01');
    expect(repo.getArticle('示例法', '第一条', { at: '2021-01-01' })?.versionDate).toBe('2020-06-01');
    expect(repo.getArticle('示例法', '第一条', { at: '2009-12-31' })).toBeNull();
    expect(repo.getArticle('示例法', '第二条之一', { versionDate: '2010-01-01' })).toBeNull();
    expect(repo.listVersions('示例法').map((v) => [v.versionDate, v.isCurrent, v.inForceFrom, v.articleCount])).toEqual([
      ['2020-06-01', true, '2021-01-01', 4],
      ['2010-01-01', false, '2010-01-01', 2],
    ]);
    const [current] = repo.listVersions('示例法');
    expect(current).toMatchObject({ adoptedDate: '2010-01-01', amendedDate: '2020-06-01', effectiveDate: '2021-01-01' });
    // The copy with the fuller header is kept; the other is recorded as its duplicate.
    expect(current?.files).toEqual([
      { path: '甲类/示例法(2020-06-01).md', part: null, duplicateOf: null },
      { path: '乙类/示例法(2020-06-01).md', part: null, duplicateOf: '甲类/示例法(2020-06-01).md' },
    ]);
  });

  it('stores articles with label, number, suffix, paragraphs, headings and order', () => {
    importLaws(db, lawsDir);
    expect(repo.getArticle('示例法|第二条')).toMatchObject({
      key: '示例法|第二条',
      lawTitle: '中华人民共和国示例法',
      category: '甲类',
      number: 2,
      suffix: 0,
      seq: 2,
      paragraphs: ['新的第二条。', '第二款。'],
      headings: ['第一章 总则', '第一节 目的'],
      isCurrent: true,
      sourceFile: '甲类/示例法(2020-06-01).md',
      line: 13,
    });
    expect(repo.getArticle('示例法', '第2条之1')).toMatchObject({
      label: '第二条之一',
      number: 2,
      suffix: 1,
      seq: 3,
      headings: ['第一章 总则', '第二节 范围'],
    });
    const around = repo.neighbours('示例法|第二条之一');
    expect([around?.previous?.label, around?.next?.label]).toEqual(['第二条', '第三条']);
    expect(repo.neighbours('示例法|第一条')?.previous).toBeNull();
    expect(repo.neighbours('示例法|第三条')?.next).toBeNull();
    expect(repo.neighbours('示例法|第九条')).toBeNull();
    expect(repo.tableOfContents('示例法')).toEqual([
      { depth: 0, kind: '章', text: '第一章 总则', firstLabel: '第一条' },
      { depth: 1, kind: '节', text: '第一节 目的', firstLabel: '第一条' },
      { depth: 1, kind: '节', text: '第二节 范围', firstLabel: '第二条之一' },
      { depth: 0, kind: '章', text: '第二章 附则', firstLabel: '第三条' },
    ]);
  });

  it('assembles a law split into part files as one version, in article order', () => {
    importLaws(db, lawsDir);
    expect(repo.listVersions('示例典')).toMatchObject([{ versionDate: '2021-01-01', isCurrent: true, articleCount: 3 }]);
    expect(repo.getArticle('示例典|第三条')).toMatchObject({ part: '下编', isCurrent: true, seq: 3, headings: ['第二章 其他规定'] });
    expect(repo.neighbours('示例典|第三条')?.previous?.part).toBe('上编');
  });

  it('keeps documents without articles, readable as a whole', () => {
    importLaws(db, lawsDir);
    const title = '全国人民代表大会常务委员会关于修改《中华人民共和国示例法》的决定';
    expect(repo.findLawByTitle(title)).toMatchObject({
      kind: 'document',
      normalizedTitle: '全国人民代表大会常务委员会关于修改《示例法》的决定',
      articleCount: 0,
    });
    expect(repo.getDocument(title)).toMatchObject({ preamble: '一、将第一条修改为：……\n二、本决定自公布之日起施行。', articleCount: 0, isCurrent: true });
    expect([...repo.iterateCurrentDocuments()].map((d) => d.text)).toEqual(['一、将第一条修改为：……\n二、本决定自公布之日起施行。']);
  });

  it('finds laws by title as written or normalised, and lists them', () => {
    importLaws(db, lawsDir);
    expect(repo.findLawByTitle('中华人民共和国示例法')).toMatchObject({
      normalizedTitle: '示例法',
      title: '中华人民共和国示例法',
      versionCount: 2,
      currentVersionDate: '2020-06-01',
      articleCount: 4,
    });
    expect(repo.findLawByTitle('示例法')?.normalizedTitle).toBe('示例法');
    expect(repo.findLawByTitle('不存在的法')).toBeNull();
    // Category, then title, in code-unit order (丙 < 典 < 甲).
    expect(repo.listLaws().map((l) => l.normalizedTitle)).toEqual(['全国人民代表大会常务委员会关于修改《示例法》的决定', '错字法', '示例典', '示例法']);
  });

  it('iterates exactly the current articles, with keys and headings, across page boundaries', () => {
    importLaws(db, lawsDir);
    const all = [...repo.iterateCurrentArticles(2)];
    expect(all.map((a) => a.key)).toEqual([
      '错字法|第一条',
      '错字法|第二条',
      '示例典|第一条',
      '示例典|第二条',
      '示例典|第三条',
      '示例法|第一条',
      '示例法|第二条',
      '示例法|第二条之一',
      '示例法|第三条',
    ]);
    expect(all.find((a) => a.key === '示例法|第二条之一')).toMatchObject({ headings: ['第一章 总则', '第二节 范围'], versionDate: '2020-06-01', suffix: 1 });
    expect(all.find((a) => a.key === '错字法|第二条')?.text).toBe('有错字的条文。');
  });

  it('is idempotent: importing the same folder again gives the same rows', () => {
    importLaws(db, lawsDir);
    const first = dump(db);
    const again = importLaws(db, lawsDir);
    expect(dump(db)).toEqual(first);
    expect(again.fingerprint).toBe(repo.stats().fingerprint);
  });

  it('replaces the library on re-import after the folder changed', () => {
    importLaws(db, lawsDir);
    const before = repo.stats().fingerprint;
    rmSync(path.join(lawsDir, '乙类'), { recursive: true });
    writeCorpus({ '甲类/示例法(2024-01-01).md': '# 中华人民共和国示例法\n\n2024年1月1日 修正\n\n<!-- INFO END -->\n第一条 最新的第一条。\n' });
    const summary = importLaws(db, lawsDir);
    expect(summary).toMatchObject({ duplicatesMerged: 0, versions: 6 });
    expect(repo.stats().fingerprint).not.toBe(before);
    expect(repo.getArticle('示例法|第一条')).toMatchObject({ text: '最新的第一条。', versionDate: '2024-01-01' });
    expect(repo.getArticle('示例法|第二条')).toBeNull();
    expect(repo.getArticle('示例法|第二条', { versionDate: '2020-06-01' })?.isCurrent).toBe(false);
  });

  it('keeps the old library, readable by another connection, until the new one commits; a failure rolls back', () => {
    importLaws(db, lawsDir);
    const before = dump(db);
    writeCorpus({ '甲类/新法(2024-01-01).md': '# 新法\n\n<!-- INFO END -->\n第一条 新。\n' });
    const reader = openContentDb(path.join(dir, 'content.db'));
    const readerRepo = new LawRepository(reader);
    const seenDuringWrite: (number | null)[] = [];
    const abort = (p: ImportProgress) => {
      if (p.phase !== 'write') return;
      seenDuringWrite.push(readerRepo.stats().laws);
      if (p.done === 2) throw new Error('disk full');
    };
    expect(() => importLaws(db, lawsDir, { onProgress: abort })).toThrow('disk full');
    expect(seenDuringWrite).toEqual([3, 3]); // the reader saw the complete old library throughout
    expect(dump(db)).toEqual(before);
    expect(readerRepo.findLawByTitle('新法')).toBeNull();

    const phases = new Set<string>();
    importLaws(db, lawsDir, { onProgress: (p) => phases.add(p.phase) });
    expect([...phases]).toEqual(['parse', 'write']);
    expect(readerRepo.findLawByTitle('新法')).not.toBeNull(); // visible once committed
    reader.close();
  });

  it('skips a file that is not UTF-8 with a problem and goes on', () => {
    writeCorpus({ '丙类/乱码(2019-01-01).md': Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x0a]) });
    const summary = importLaws(db, lawsDir);
    expect(summary.problems.map(formatLawProblem)).toContain('丙类/乱码(2019-01-01).md:1: the file is not valid UTF-8; skipped');
    expect(summary.skippedFiles).toBe(2);
    expect(summary.laws).toBe(3);
  });

  it('reports two copies whose articles differ, keeping one', () => {
    writeCorpus({ '乙类/示例法(2020-06-01).md': '# 示例法\n\n<!-- INFO END -->\n第一条 不同的文本。\n' });
    const summary = importLaws(db, lawsDir);
    expect(summary.problems.map(formatLawProblem)).toContain(
      '乙类/示例法(2020-06-01).md:1: same law and version as 甲类/示例法(2020-06-01).md but the articles differ (1 vs 4); 甲类/示例法(2020-06-01).md was kept',
    );
    expect(repo.getArticle('示例法|第一条')?.text).toBe('新的第一条。');
  });

  it('refuses a missing or empty folder without touching the library', () => {
    importLaws(db, lawsDir);
    const before = dump(db);
    expect(() => importLaws(db, path.join(dir, 'nope'))).toThrow(ImportLawsError);
    expect(() => importLaws(db, path.join(dir, 'nope'))).toThrow(/law folder not found/);
    mkdirSync(path.join(dir, 'empty'));
    expect(() => importLaws(db, path.join(dir, 'empty'))).toThrow(/no law files/);
    expect(dump(db)).toEqual(before);
  });

  it('lists law files sorted, skipping README, dot and underscore files', () => {
    writeCorpus({ '.git/x.md': '# x\n', '甲类/_index.md': '# index\n', '甲类/说明.txt': 'x' });
    expect(listLawFiles(lawsDir)).toEqual(
      [
        '丙类/关于修改示例法的决定.md',
        '丙类/错字法(2018-01-01).md',
        '丙类/没有标题.md',
        '乙类/示例法(2020-06-01).md',
        '典/上编.md',
        '典/下编.md',
        '甲类/示例法(2010-01-01).md',
        '甲类/示例法(2020-06-01).md',
      ].sort((a, b) => (a < b ? -1 : 1)),
    );
  });
});

describe('LawRepository on an empty library', () => {
  it('answers null / empty rather than failing', () => {
    expect(repo.stats()).toMatchObject({ installed: false, laws: 0, currentArticles: 0, fingerprint: null });
    expect(repo.getArticle('民法典|第一条')).toBeNull();
    expect(repo.getArticle('no key')).toBeNull();
    expect(repo.listVersions('民法典')).toEqual([]);
    expect(repo.getDocument('民法典')).toBeNull();
    expect([...repo.iterateCurrentArticles()]).toEqual([]);
  });
});
