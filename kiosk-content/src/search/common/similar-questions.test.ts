import { describe, expect, it } from 'vitest';
import type { ArticleIndexInput } from './article-index';
import { compileExamples, modelFromQuestions, withoutExamples } from './learned-model';
import type { Tokenizer } from './normalize';
import {
  SearchEngine,
  addCoCitations,
  addVotes,
  buildSearchIndex,
  decodeSearchIndex,
  defaultEngineParams,
  encodeSearchIndex,
  engineReadsExamples,
} from './search-engine';

const spaces: Tokenizer = { tokenize: (t) => t.split(/\s+/).filter((w) => w.length > 0), signature: 'spaces' };
const art = (law: string, label: string, text: string): ArticleIndexInput => ({
  key: `${law}|${label}`,
  normalizedTitle: law,
  title: law,
  label,
  text,
  headings: [],
  versionDate: null,
  category: '民法典',
});
const articles = [
  art('甲法', '第一条', '饲养 动物 损害'),
  art('甲法', '第二条', '动物 园'),
  art('乙法', '第一条', '劳动 报酬 支付'),
  art('乙法', '第二条', '加班 工资'),
  art('乙法', '第三条', '休息 休假'),
];
const questions = [
  { query: '狗 咬 人 赔 不 赔', keywords: '饲养 动物', relevant: ['甲法|第一条'] },
  { query: '邻居 狗 咬 孩子', keywords: null, relevant: ['甲法|第一条', '甲法|第二条'] },
  { query: '老板 不 发 钱', keywords: '报酬', relevant: ['乙法|第一条'] },
  { query: '周末 加班 老板 不 给 钱', keywords: '加班费', relevant: ['乙法|第二条'] },
  { query: '引用 已 废止 的 条文', keywords: null, relevant: ['丙法|第九条'] },
];
const codec = { encode: (t: string) => new TextEncoder().encode(t), decode: (b: Uint8Array) => new TextDecoder().decode(b) };
const input = { articles, qa: [], glossary: [], fingerprint: 'f', userWords: [] };

describe('similar training questions', () => {
  const model = modelFromQuestions(questions);
  const index = buildSearchIndex({ ...input, model }, spaces, () => '');
  const learned = index.articles.learned;
  const doc = (law: string, label: string) => index.articles.findArticle(law, label) as number;

  it('keeps each question with its cited articles, dropping questions that cite none of this library', () => {
    expect(model.examples).toHaveLength(5);
    const ex = compileExamples(model.examples ?? [], spaces, (key) => {
      const [law, label] = key.split('|');
      return index.articles.findArticle(law ?? '', label ?? '');
    });
    expect(ex.lengths).toHaveLength(4);
    expect([...ex.docs.subarray(ex.docOffsets[1], ex.docOffsets[2])]).toEqual([doc('甲法', '第一条'), doc('甲法', '第二条')]);
  });

  it('finds the most similar questions first and lets them vote for their articles', () => {
    const similar = learned?.similarQuestions(['狗', '咬'], 2) ?? [];
    expect(similar).toHaveLength(2);
    expect(similar[0]?.score).toBeGreaterThanOrEqual(similar[1]?.score ?? Infinity);
    const votes = learned?.similarQuestionVotes(['狗', '咬'], 2);
    // Both dog questions cite 甲法第一条: it has the largest vote, normalised to 1.
    expect(votes?.get(doc('甲法', '第一条'))).toBe(1);
    expect(votes?.get(doc('甲法', '第二条'))).toBeGreaterThan(0);
    expect(votes?.has(doc('乙法', '第一条'))).toBe(false);
    expect(learned?.similarQuestionVotes(['从未', '见过'], 5).size).toBe(0);
  });

  it('offers the lawyer keywords of similar questions, weighted by similarity', () => {
    const kw = learned?.similarQuestionKeywords(['加班', '老板'], 2, 0.2) ?? [];
    expect(kw.find((t) => t.term === '加班费')?.weight).toBeCloseTo(0.2);
    const pay = kw.find((t) => t.term === '报酬')?.weight ?? 0;
    expect(pay).toBeGreaterThan(0);
    expect(pay).toBeLessThan(0.2);
    expect(learned?.similarQuestionKeywords(['加班'], 2, 0)).toEqual([]);
  });

  it('adds votes to a ranking, bringing in articles it lacked', () => {
    const out = addVotes(
      [
        { doc: 1, score: 10 },
        { doc: 2, score: 8 },
      ],
      new Map([
        [2, 1],
        [3, 0.5],
      ]),
      0.5,
    );
    expect(out).toEqual([
      { doc: 2, score: 13 },
      { doc: 1, score: 10 },
      { doc: 3, score: 2.5 },
    ]);
    expect(addVotes([{ doc: 1, score: 1 }], new Map([[2, 1]]), 0)).toEqual([{ doc: 1, score: 1 }]);
  });

  it('survives encode/decode and changes the ranking only when switched on', () => {
    const decoded = decodeSearchIndex(encodeSearchIndex(index, codec), codec, () => spaces);
    const again = decoded.index.articles.learned;
    expect(again?.similarQuestionVotes(['狗', '咬'], 2)).toEqual(learned?.similarQuestionVotes(['狗', '咬'], 2));
    expect(again?.similarQuestionKeywords(['加班'], 3, 0.2)).toEqual(learned?.similarQuestionKeywords(['加班'], 3, 0.2));
    // The expansion field off, so only the votes can reach articles through training wording.
    const bm25 = { ...defaultEngineParams.bm25, learned: { weight: 0, b: 0.2 } };
    const off = new SearchEngine(decoded.index, decoded.tokenizer, () => null, { ...defaultEngineParams, bm25 });
    const on = off.withParams({ ...defaultEngineParams, bm25, similarQuestions: { weight: 1, k: 2 } });
    // 「邻居」 is in no article; only the similar question's citations reach the 甲法 articles.
    expect(off.search('邻居', { snippets: false }).articles).toEqual([]);
    expect(on.search('邻居', { snippets: false }).articles.map((a) => a.key)).toEqual(['甲法|第一条', '甲法|第二条']);
    expect(defaultEngineParams.similarQuestions.weight).toBe(0);
  });

  it('passes score to the articles cited together with the best ones', () => {
    const a = doc('甲法', '第一条');
    const b = doc('甲法', '第二条');
    // Two questions cite 甲法第一条, one of them also 第二条: P(第二条 | 第一条) = 1/2.
    expect(learned?.coCitedWith(a)?.get(b)).toBeCloseTo(0.5);
    expect(learned?.coCitedWith(b)?.get(a)).toBeCloseTo(1);
    expect(learned?.coCitedWith(doc('乙法', '第三条'))).toBeUndefined();
    const out = addCoCitations([{ doc: a, score: 10 }], learned as NonNullable<typeof learned>, { weight: 0.2, top: 1 });
    expect(out).toEqual([
      { doc: a, score: 10 },
      { doc: b, score: 1 },
    ]);
  });
});

describe('engineReadsExamples and withoutExamples', () => {
  it('reads the training questions only with similar-question or co-citation signals switched on', () => {
    expect(engineReadsExamples(defaultEngineParams)).toBe(false);
    expect(engineReadsExamples({ ...defaultEngineParams, similarQuestions: { weight: 0.1, k: 3 } })).toBe(true);
    expect(engineReadsExamples({ ...defaultEngineParams, similarQuestions: { weight: 0, k: 3, keywords: 0.1 } })).toBe(true);
    expect(engineReadsExamples({ ...defaultEngineParams, coCitation: { weight: 0.1, top: 5 } })).toBe(true);
  });

  it('ranks the same at the default parameters with and without the training questions', () => {
    const model = modelFromQuestions(questions);
    const lean = withoutExamples(model);
    expect(lean).not.toHaveProperty('examples');
    expect(lean.expansions).toEqual(model.expansions);
    const rank = (m: typeof model) => {
      const engine = new SearchEngine(
        buildSearchIndex({ ...input, model: m }, spaces, () => ''),
        spaces,
        () => null,
      );
      return ['狗 咬', '老板 不 给 钱', '加班'].map((q) => engine.search(q, { snippets: false }).articles.map((a) => [a.key, a.score]));
    };
    expect(rank(lean)).toEqual(rank(model));
    expect(buildSearchIndex({ ...input, model: lean }, spaces, () => '').articles.learned?.exampleCount).toBe(0);
  });
});
