import { describe, expect, it } from 'vitest';
import type { ArticleIndexInput } from './article-index';
import { bigramTokenizer } from './normalize';
import type { QaHit } from './qa-index';
import { SearchEngine, buildSearchIndex, defaultEngineParams } from './search-engine';
import { applyQaBridge, bridgeQaCitations, qaBridgeStrengths, qaCoverage, splitCite } from './qa-bridge';

const hit = (id: string, score: number, terms: string[]): QaHit => ({ id, score, terms });

const entries: Record<string, { cites: string[] }> = {
  wages: { cites: ['劳动合同法 第三十条', '劳动法 第五十条'] },
  dismissal: { cites: ['劳动合同法 第四十七条', '劳动合同法 第三十条'] },
  broken: { cites: ['不存在的法 第一条', '没有空格的引用'] },
};
const docs: Record<string, number> = { '劳动合同法|第三十条': 1, '劳动法|第五十条': 2, '劳动合同法|第四十七条': 3, '民法典|第一千零七十九条': 4 };
const index = {
  qa: { entry: (id: string) => entries[id] },
  articles: { findArticle: (law: string, label: string) => docs[`${law}|${label}`] },
};
const resolve = (cite: string) => {
  const c = splitCite(cite);
  return c ? docs[`${c.law}|${c.label}`] : undefined;
};

describe('qaCoverage', () => {
  it('is the share of the resident’s own words the entry matched', () => {
    expect(qaCoverage(hit('wages', 5, ['老板', '工资']), ['老板', '不发', '工资', '怎么办'])).toBe(0.5);
    expect(qaCoverage(hit('wages', 5, ['工资', '工资']), ['工资'])).toBe(1);
    expect(qaCoverage(hit('wages', 5, ['加班']), ['工资'])).toBe(0);
  });
  it('counts a query without own words as fully covered', () => {
    expect(qaCoverage(hit('wages', 5, []), [])).toBe(1);
  });
});

describe('splitCite', () => {
  it('splits at the last space', () => {
    expect(splitCite('最高人民法院关于审理劳动争议案件适用法律问题的解释（一） 第十条')).toEqual({
      law: '最高人民法院关于审理劳动争议案件适用法律问题的解释（一）',
      label: '第十条',
    });
    expect(splitCite('没有空格')).toBeNull();
  });
});

describe('qaBridgeStrengths', () => {
  it('weighs entries by relative score, coverage, reciprocal rank and citation position', () => {
    const s = qaBridgeStrengths([hit('wages', 10, ['工资', '老板']), hit('dismissal', 5, ['工资'])], ['工资', '老板'], (id) => entries[id], resolve, 10, 1);
    // wages: 1 × 1 × 1; dismissal: 0.5 × 0.5 × 1/2.
    expect(s.get(1)).toBeCloseTo(1 + 0.125 / Math.sqrt(2), 10);
    expect(s.get(2)).toBeCloseTo(1 / Math.sqrt(2), 10);
    expect(s.get(3)).toBeCloseTo(0.125, 10);
    expect(s.has(4)).toBe(false);
  });
  it('consults only the first `depth` distinct entries and skips unknown citations', () => {
    const hits = [hit('broken', 10, ['工资']), hit('broken', 9, ['工资']), hit('wages', 8, ['工资'])];
    expect(qaBridgeStrengths(hits, ['工资'], (id) => entries[id], resolve, 1, 1).size).toBe(0);
    expect([...qaBridgeStrengths(hits, ['工资'], (id) => entries[id], resolve, 2, 1).keys()].sort()).toEqual([1, 2]);
  });
  it('raises coverage to coveragePower, so an entry that grazes a long question vouches for little', () => {
    const hits = [hit('wages', 10, ['工资'])];
    const own = ['工资', '老板', '拖欠', '半年'];
    expect(qaBridgeStrengths(hits, own, (id) => entries[id], resolve, 10, 1).get(1)).toBeCloseTo(0.25, 10);
    expect(qaBridgeStrengths(hits, own, (id) => entries[id], resolve, 10, 2).get(1)).toBeCloseTo(0.0625, 10);
    // A full match is unaffected by the power.
    expect(qaBridgeStrengths(hits, ['工资'], (id) => entries[id], resolve, 10, 3).get(1)).toBeCloseTo(1, 10);
  });
  it('gives nothing without matches or with zero scores', () => {
    expect(qaBridgeStrengths([], ['工资'], (id) => entries[id], resolve, 10, 1).size).toBe(0);
    expect(qaBridgeStrengths([hit('wages', 0, ['工资'])], ['工资'], (id) => entries[id], resolve, 10, 1).size).toBe(0);
  });
});

describe('applyQaBridge', () => {
  const ranked = [
    { doc: 4, score: 10 },
    { doc: 2, score: 6 },
  ];
  it('adds weight × best score × strength, brings in new candidates and re-sorts', () => {
    const out = applyQaBridge(
      ranked,
      new Map([
        [1, 1],
        [2, 0.5],
      ]),
      0.5,
    );
    expect(out).toEqual(
      [
        { doc: 2, score: 8.5 },
        { doc: 4, score: 10 },
        { doc: 1, score: 5 },
      ].sort((a, b) => b.score - a.score),
    );
  });
  it('leaves the ranking alone at weight 0 or without strengths', () => {
    expect(applyQaBridge(ranked, new Map([[1, 1]]), 0)).toEqual(ranked);
    expect(applyQaBridge(ranked, new Map(), 0.5)).toEqual(ranked);
    expect(applyQaBridge([], new Map([[1, 1]]), 0.5)).toEqual([]);
  });
});

describe('bridgeQaCitations', () => {
  it('lifts the article a matching Q&A cites above one that only shares words', () => {
    const out = bridgeQaCitations(
      [
        { doc: 4, score: 10 },
        { doc: 2, score: 9 },
      ],
      [hit('wages', 7, ['老板', '工资'])],
      [
        { term: '老板', weight: 1 },
        { term: '工资', weight: 1 },
        { term: '用人单位', weight: 0.5 },
      ],
      index,
      { weight: 0.5, depth: 10, coveragePower: 1 },
    );
    expect(out.map((h) => h.doc)).toEqual([2, 4, 1]);
    expect(out[2]?.score).toBeCloseTo(5, 10);
  });
  it('applies coveragePower to a partial match', () => {
    const terms = [
      { term: '工资', weight: 1 },
      { term: '半年', weight: 1 },
    ];
    const bonus = (coveragePower: number) =>
      bridgeQaCitations([{ doc: 4, score: 10 }], [hit('wages', 3, ['工资'])], terms, index, { weight: 1, depth: 10, coveragePower }).find((h) => h.doc === 1)
        ?.score;
    expect(bonus(1)).toBeCloseTo(5, 10);
    expect(bonus(2)).toBeCloseTo(2.5, 10);
  });
  it('counts glossary expansions (weight < 1) out of the coverage', () => {
    const out = bridgeQaCitations(
      [{ doc: 4, score: 10 }],
      [hit('dismissal', 3, ['工资'])],
      [
        { term: '工资', weight: 1 },
        { term: '劳动报酬', weight: 0.5 },
      ],
      index,
      { weight: 1, depth: 10, coveragePower: 1 },
    );
    expect(out.find((h) => h.doc === 3)?.score).toBeCloseTo(10, 10);
  });
});

describe('SearchEngine with the Q&A bridge', () => {
  const article = (law: string, label: string, text: string): ArticleIndexInput => ({
    key: `${law}|${label}`,
    normalizedTitle: law,
    title: `中华人民共和国${law}`,
    label,
    text,
    headings: [],
    versionDate: '2020-01-01',
    category: '社会法',
  });
  const articles = [
    article('劳动合同法', '第三十条', '用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。'),
    article('劳动法', '第五十条', '工资应当以货币形式按月支付给劳动者本人。'),
    article('民法典', '第一千零七十九条', '夫妻一方要求离婚的，可以直接向人民法院提起离婚诉讼。'),
  ];
  const index = buildSearchIndex(
    {
      articles,
      qa: [{ id: 'labour-unpaid-wages', question: '老板不发工资怎么办', also: ['公司拖欠工资'], domain: 'labour', cites: ['劳动合同法 第三十条'] }],
      glossary: [],
      fingerprint: 'qa-bridge-test',
      userWords: [],
    },
    bigramTokenizer,
    () => '',
  );
  const texts = new Map(articles.map((x) => [x.key, x]));
  const engine = (weight: number) =>
    new SearchEngine(index, bigramTokenizer, (key) => texts.get(key) ?? null, {
      ...defaultEngineParams,
      qaCiteBoost: 0,
      qaBridge: { weight, depth: 10, coveragePower: 2 },
    });
  const keys = (weight: number) =>
    engine(weight)
      .search('老板不发工资怎么办', { limit: 10, snippets: false })
      .articles.map((a) => a.key);

  it('brings in the article the matching Q&A cites although the query shares no word with it', () => {
    expect(keys(0)).toEqual(['劳动法|第五十条']);
    expect(keys(0.5)).toEqual(['劳动法|第五十条', '劳动合同法|第三十条']);
    expect(keys(2)).toEqual(['劳动合同法|第三十条', '劳动法|第五十条']);
  });
  it('adds nothing when no Q&A matches', () => {
    expect(
      engine(2)
        .search('离婚诉讼', { limit: 10, snippets: false })
        .articles.map((a) => a.key),
    ).toEqual(['民法典|第一千零七十九条']);
  });
});
