import { describe, expect, it } from 'vitest';
import type { ArticleIndexInput, Bm25fParams } from './article-index';
import { ArticleIndex, authorityOfCategory, buildArticleIndex, noPrior } from './article-index';
import type { Tokenizer } from './normalize';

const spaces: Tokenizer = { tokenize: (t) => t.split(/\s+/).filter((w) => w.length > 0), signature: 'spaces' };

function article(normalizedTitle: string, label: string, text: string, headings: string[] = [], category = '社会法'): ArticleIndexInput {
  return { key: `${normalizedTitle}|${label}`, normalizedTitle, title: normalizedTitle, label, text, headings, versionDate: null, category };
}

const docs = [
  article('甲法', '第一条', '工资 工资 报酬', ['总则']),
  article('乙条例', '第一条', '工资 合同', ['工资 支付'], '行政法规'),
  article('甲法', '第二条', '合同 解除'),
];
const index = new ArticleIndex(buildArticleIndex(docs, spaces, () => ''));

const textOnly: Bm25fParams = {
  k1: 1.2,
  weights: { text: 1, headings: 0, title: 0 },
  b: { text: 0, headings: 0, title: 0 },
  authorityPrior: noPrior,
};
const search = (terms: string[], params: Bm25fParams = textOnly) =>
  index
    .search(
      terms.map((term) => ({ term, weight: 1 })),
      params,
      { limit: 10 },
    )
    .map((h) => ({ key: index.key(h.doc), score: h.score }));

describe('buildArticleIndex', () => {
  it('groups articles by law so each law is one contiguous doc range', () => {
    expect(index.data.laws.map((l) => [l.normalizedTitle, l.firstDoc, l.docCount])).toEqual([
      ['甲法', 0, 2],
      ['乙条例', 2, 1],
    ]);
    expect(index.findArticle('甲法', '第二条')).toBe(1);
    expect(index.findArticle('甲法', '第九条')).toBeUndefined();
  });

  it('counts document frequency over all fields of an article', () => {
    // 工资: text of 甲法第一条 and 乙条例第一条 (also in the latter's heading: still one doc).
    expect(Math.exp(index.idf('工资')) - 1).toBeCloseTo((3 - 2 + 0.5) / (2 + 0.5), 6);
    // 甲法 is in the title field of both 甲法 articles.
    expect(Math.exp(index.idf('甲法')) - 1).toBeCloseTo((3 - 2 + 0.5) / (2 + 0.5), 6);
  });
});

describe('ArticleIndex.search (BM25F)', () => {
  it('scores term frequency with BM25 saturation', () => {
    const idf = Math.log(1 + 1.5 / 2.5);
    const hits = search(['工资']);
    expect(hits.map((h) => h.key)).toEqual(['甲法|第一条', '乙条例|第一条']);
    expect(hits[0]?.score).toBeCloseTo((idf * 2 * 2.2) / (1.2 + 2), 5);
    expect(hits[1]?.score).toBeCloseTo(idf, 5);
  });

  it('normalises by field length when b > 0', () => {
    const hits = search(['合同'], { ...textOnly, b: { text: 1, headings: 0, title: 0 } });
    // Both have 合同 once; 甲法第二条 has 2 tokens like 乙条例第一条, so they tie and keep doc order.
    expect(hits.map((h) => h.key)).toEqual(['甲法|第二条', '乙条例|第一条']);
    const longer = search(['工资'], { ...textOnly, b: { text: 1, headings: 0, title: 0 } });
    expect(longer[0]?.key).toBe('甲法|第一条');
  });

  it('adds heading and title fields with their weights', () => {
    const withHeadings = search(['支付'], { ...textOnly, weights: { text: 1, headings: 2, title: 0 } });
    expect(withHeadings.map((h) => h.key)).toEqual(['乙条例|第一条']);
    const byTitle = search(['甲法'], { ...textOnly, weights: { text: 0, headings: 0, title: 1 } });
    expect(byTitle.map((h) => h.key)).toEqual(['甲法|第一条', '甲法|第二条']);
    expect(byTitle[0]?.score).toBeCloseTo(byTitle[1]?.score ?? 0, 6);
  });

  it('applies the authority prior and named-law boosts as multipliers', () => {
    const prior = { ...noPrior, 'administrative-regulation': 0.5 };
    const plain = search(['合同']);
    const withPrior = search(['合同'], { ...textOnly, authorityPrior: prior });
    expect(withPrior.find((h) => h.key === '乙条例|第一条')?.score).toBeCloseTo((plain.find((h) => h.key === '乙条例|第一条')?.score ?? 0) * 0.5, 6);
    const boosted = index.search([{ term: '合同', weight: 1 }], textOnly, { limit: 10, lawBoost: new Map([[1, 3]]) });
    expect(index.key(boosted[0]?.doc ?? -1)).toBe('乙条例|第一条');
  });

  it('weights query terms and ignores unknown ones; scratch buffers reset between searches', () => {
    const once = search(['工资', '不存在']);
    const half = index.search([{ term: '工资', weight: 0.5 }], textOnly, { limit: 10 });
    expect(half[0]?.score).toBeCloseTo((once[0]?.score ?? 0) * 0.5, 6);
    expect(search(['工资'])).toEqual(search(['工资']));
    expect(search([])).toEqual([]);
  });

  it('keeps only the best `limit` hits', () => {
    expect(index.search([{ term: '工资', weight: 1 }], textOnly, { limit: 1 }).map((h) => index.key(h.doc))).toEqual(['甲法|第一条']);
  });

  it('keeps the same best hits as a full sort, equal scores in reading order', () => {
    // 200 articles over 7 laws with few distinct texts, so many scores tie.
    const words = ['工资', '合同', '解除', '报酬'];
    const many = Array.from({ length: 200 }, (_, i) =>
      article(
        `法${String(i % 7)}`,
        `第${String(i)}条`,
        Array.from({ length: 1 + (i % 4) }, (_, j) => words[(i + j) % 4]).join(' '),
        i % 5 === 0 ? ['工资'] : [],
      ),
    );
    const big = new ArticleIndex(buildArticleIndex(many, spaces, () => ''));
    const terms = [
      { term: '工资', weight: 1 },
      { term: '解除', weight: 0.5 },
      { term: '法3', weight: 1 },
    ];
    const params: Bm25fParams = { ...textOnly, weights: { text: 1, headings: 2, title: 1 }, b: { text: 0.75, headings: 0.5, title: 0.5 } };
    const all = big.search(terms, params, { limit: 1000, lawBoost: new Map([[2, 1.5]]) });
    const sorted = [...all].sort((a, b) => b.score - a.score || a.doc - b.doc);
    expect(all).toEqual(sorted);
    expect(new Set(all.map((h) => h.score)).size).toBeLessThan(all.length);
    for (const limit of [1, 7, 30, 150]) expect(big.search(terms, params, { limit, lawBoost: new Map([[2, 1.5]]) })).toEqual(sorted.slice(0, limit));
  });

  it('keeps the full sort’s best hits whatever the boosts (below 1, 0, negative) and priors', () => {
    const many = Array.from({ length: 120 }, (_, i) =>
      article(`法${String(i % 6)}`, `第${String(i)}条`, ['工资 合同', '工资', '合同 解除 工资', '报酬'][i % 4] ?? '', []),
    );
    const big = new ArticleIndex(buildArticleIndex(many, spaces, () => ''));
    const terms = [
      { term: '工资', weight: 1 },
      { term: '合同', weight: 0.5 },
    ];
    const boosts: [number, number][][] = [
      [],
      [[2, 1.5]],
      [
        [2, 0.25],
        [4, 3],
      ],
      [[1, 0]],
      [[3, -1]],
      [
        [0, 1e-9],
        [5, 1e9],
      ],
    ];
    for (const prior of [noPrior, { ...noPrior, law: 0.5 }, { ...noPrior, law: 0 }])
      for (const b of boosts) {
        const params: Bm25fParams = { ...textOnly, authorityPrior: prior };
        const all = big.search(terms, params, { limit: 1000, lawBoost: new Map(b) });
        for (const limit of [1, 5, 17, 60]) expect(big.search(terms, params, { limit, lawBoost: new Map(b) })).toEqual(all.slice(0, limit));
      }
  });
});

describe('authorityOfCategory', () => {
  it('maps corpus folders to source kinds', () => {
    expect(authorityOfCategory('社会法')).toBe('law');
    expect(authorityOfCategory('民法典')).toBe('law');
    expect(authorityOfCategory('司法解释')).toBe('judicial-interpretation');
    expect(authorityOfCategory('行政法规')).toBe('administrative-regulation');
    expect(authorityOfCategory('部门规章/公安部')).toBe('departmental-rule');
  });
});
