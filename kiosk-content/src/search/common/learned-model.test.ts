import { describe, expect, it } from 'vitest';
import type { ArticleIndexInput } from './article-index';
import { ArticleIndex, buildArticleIndex } from './article-index';
import { LearnedField, compileLearnedData, modelFromQuestions } from './learned-model';
import type { Tokenizer } from './normalize';
import { SearchEngine, buildSearchIndex, decodeSearchIndex, defaultEngineParams, encodeSearchIndex } from './search-engine';

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
  art('甲法', '第三条', '其他 事项'),
  art('乙法', '第一条', '劳动 报酬 支付'),
  art('乙法', '第二条', '加班 工资'),
];
const questions = [
  { query: '狗 咬 人', keywords: '宠物', answer: null, relevant: ['甲法|第一条'] },
  { query: '老板 不 发 钱', keywords: null, answer: '拖欠 工资', relevant: ['乙法|第一条'] },
];
const codec = { encode: (t: string) => new TextEncoder().encode(t), decode: (b: Uint8Array) => new TextDecoder().decode(b) };

describe('learned model', () => {
  const model = modelFromQuestions(questions, { query: 1, keywords: 1, answer: 0.5 }, { radius: 1, weight: 0.5 });
  const plain = new ArticleIndex(buildArticleIndex(articles, spaces, () => ''));
  const data = compileLearnedData(
    model,
    spaces,
    (key) => plain.findArticle(key.split('|')[0] ?? '', key.split('|')[1] ?? ''),
    (t) => plain.lawIndex(t),
    plain.docCount,
    plain.data.laws.length,
    { lawOfDoc: (d) => plain.data.docLaw[d] as number, ...model.neighbours },
  );
  const field = new LearnedField(data);

  it('puts question words, keywords and (weighted) answers on the cited article, and less on neighbours of the same law', () => {
    const tfOf = (term: string, doc: number) => {
      const id = field.termId(term);
      if (id === undefined) return 0;
      for (let i = data.offsets[id] as number; i < (data.offsets[id + 1] as number); i++) if (data.docs[i] === doc) return data.tfs[i] as number;
      return 0;
    };
    expect(tfOf('狗', 0)).toBe(1);
    expect(tfOf('宠物', 0)).toBe(1);
    expect(tfOf('狗', 1)).toBeCloseTo(0.5);
    expect(tfOf('狗', 3)).toBe(0); // another law, even though it is the next doc
    expect(tfOf('拖欠', 3)).toBeCloseTo(0.5);
  });

  it('points a query to the law its words were seen with', () => {
    const post = field.lawPosterior([{ term: '老板', idf: 1 }], 1);
    expect(post.get(plain.lawIndex('乙法') as number) ?? 0).toBeGreaterThan(post.get(plain.lawIndex('甲法') as number) ?? 0);
  });

  it('finds articles through training wording only, survives encode/decode, and works without a model', () => {
    const input = { articles, qa: [], glossary: [], fingerprint: 'f', userWords: [] };
    const withModel = new SearchEngine(
      buildSearchIndex({ ...input, model }, spaces, () => ''),
      spaces,
      () => null,
    );
    expect(withModel.search('宠物', { snippets: false }).articles[0]?.key).toBe('甲法|第一条');
    const decoded = decodeSearchIndex(encodeSearchIndex(withModel.index, codec), codec, () => spaces);
    const again = new SearchEngine(decoded.index, decoded.tokenizer, () => null);
    expect(again.search('宠物', { snippets: false }).articles[0]?.key).toBe('甲法|第一条');
    const without = new SearchEngine(
      buildSearchIndex(input, spaces, () => ''),
      spaces,
      () => null,
    );
    expect(without.search('宠物', { snippets: false }).articles).toHaveLength(0);
    expect(without.search('动物', { snippets: false }).articles.length).toBeGreaterThan(0);
  });
});

describe('translation table and popularity', () => {
  const text = new Map(articles.map((a) => [a.key, a.text]));
  const pairs = [
    { query: '狗 咬 人', relevant: ['甲法|第一条'] },
    { query: '狗 叫', relevant: ['甲法|第一条', '甲法|第二条'] },
    { query: '老板 拖 钱', relevant: ['乙法|第一条'] },
    { query: '老板 加班', relevant: ['乙法|第二条', '乙法|第一条'] },
  ];
  const model = modelFromQuestions(pairs, undefined, undefined, {
    articleText: (k) => text.get(k) ?? null,
    tokenizer: spaces,
    options: { iterations: 5, targets: 3, minPairs: 2 },
  });

  it('learns which statute words a resident word stands for', () => {
    const dog = model.translation?.find((t) => t.word === '狗');
    expect(dog?.targets.map(([w]) => w)).toContain('动物');
    const boss = model.translation?.find((t) => t.word === '老板');
    expect(boss?.targets.map(([w]) => w)).toContain('劳动');
    // A word seen in fewer than minPairs pairs gets no entry.
    expect(model.translation?.find((t) => t.word === '咬')).toBeUndefined();
    expect(model.citations).toContainEqual({ key: '乙法|第一条', count: 2 });
  });

  it('compiles into the index, expands queries and survives encode/decode', () => {
    const index = buildSearchIndex({ articles, qa: [], glossary: [], fingerprint: 't', userWords: [], model }, spaces, () => '');
    const learned = index.articles.learned;
    expect(learned?.translate(['狗'], 0.1).find((t) => t.term === '动物')?.weight).toBeGreaterThan(0);
    expect(learned?.translate(['狗', '动物'], 0.1).some((t) => t.term === '动物')).toBe(false);
    const doc = index.articles.findArticle('乙法', '第一条') as number;
    expect(learned?.data.popularity?.[doc]).toBeCloseTo(Math.log(3));
    const decoded = decodeSearchIndex(encodeSearchIndex(index, codec), codec, () => spaces).index;
    expect(decoded.articles.learned?.translate(['狗'], 0.1)).toEqual(learned?.translate(['狗'], 0.1));
    expect(decoded.articles.learned?.data.popularity?.[doc]).toBeCloseTo(Math.log(3));
    const engine = new SearchEngine(decoded, spaces, () => null);
    // 「狗」 is in no article: the learned field and the translation table lead to the 动物 article.
    expect(engine.search('狗', { snippets: false }).articles.map((a) => a.key)).toContain('甲法|第一条');
  });

  it('learns the article → question table and re-orders candidates with it after encode/decode', () => {
    const dog = model.questionTranslation?.find((t) => t.word === '狗');
    // 动物 is in both articles 「狗」 questions cite, so it is a source of 狗.
    expect(dog?.sources.map(([u]) => u)).toContain('动物');
    // 丙法第二条 is shorter, so the words rank it first; 丙法第一条 speaks of 劳动报酬, which the
    // training questions' 「工资」 comes from.
    const wages = [
      art('丙法', '第一条', '工资 劳动报酬 劳动报酬 支付'),
      art('丙法', '第二条', '工资 事项 其他'),
      art('丁法', '第一条', '劳动报酬 支付'),
      art('丁法', '第二条', '劳动报酬 拖欠'),
    ];
    const wageText = new Map(wages.map((a) => [a.key, a.text]));
    const wageModel = modelFromQuestions(
      [
        { query: '工资 拖欠', relevant: ['丁法|第二条'] },
        { query: '工资 支付', relevant: ['丁法|第一条'] },
        { query: '工资', relevant: ['丁法|第一条'] },
      ],
      undefined,
      { radius: 0, weight: 0 },
      { articleText: (k) => wageText.get(k) ?? null, tokenizer: spaces, options: { iterations: 5, targets: 3, minPairs: 2 } },
    );
    const index = buildSearchIndex({ articles: wages, qa: [], glossary: [], fingerprint: 't', userWords: [], model: wageModel }, spaces, () => '');
    const decoded = decodeSearchIndex(encodeSearchIndex(index, codec), codec, () => spaces).index;
    expect(decoded.articles.learned?.data.questionTranslation?.['工资']?.[0]?.[0]).toBe('劳动报酬');
    expect(decoded.articles.learned?.data.questionTranslation).toEqual(index.articles.learned?.data.questionTranslation);
    // The per-article words travel with the index and decode to the built index's ones.
    const stored = decoded.articles.textStatistics();
    expect(Array.from(stored.forward.terms)).toEqual(Array.from(index.articles.textStatistics().forward.terms));
    expect(stored.unseen).toBeCloseTo(index.articles.textStatistics().unseen, 12);
    const rerank = (weight: number) => ({ ...defaultEngineParams, translationRerank: { weight, depth: 100, translationShare: 0.5, collectionShare: 0.5 } });
    const keys = (weight: number) =>
      new SearchEngine(decoded, spaces, () => null, rerank(weight))
        .search('工资', { snippets: false })
        .articles.map((a) => a.key)
        .filter((k) => k.startsWith('丙法'));
    expect(keys(0)).toEqual(['丙法|第二条', '丙法|第一条']);
    expect(keys(2)).toEqual(['丙法|第一条', '丙法|第二条']);
  });
});

describe('weighted training questions', () => {
  const plain = new ArticleIndex(buildArticleIndex(articles, spaces, () => ''));
  const compile = (m: ReturnType<typeof modelFromQuestions>) =>
    compileLearnedData(
      m,
      spaces,
      (key) => plain.findArticle(key.split('|')[0] ?? '', key.split('|')[1] ?? ''),
      (t) => plain.lawIndex(t),
      plain.docCount,
      plain.data.laws.length,
    );
  const tfOf = (data: ReturnType<typeof compile>, term: string, doc: number) => {
    const id = data.terms.indexOf(term);
    for (let i = data.offsets[id] as number; i < (data.offsets[id + 1] as number); i++) if (data.docs[i] === doc) return data.tfs[i] as number;
    return 0;
  };
  const labelled = { query: '狗 咬 人', relevant: ['甲法|第一条'] };
  const light = { query: '狗 叫 老板', relevant: ['甲法|第一条', '乙法|第一条'], weight: 0.5 };

  it('scales a lighter question in the expansion field, the popularity counts and the domain prior', () => {
    const model = modelFromQuestions([labelled, light]);
    expect(model.citations).toEqual([
      { key: '乙法|第一条', count: 0.5 },
      { key: '甲法|第一条', count: 1.5 },
    ]);
    expect(model.lawExamples[1]?.weight).toBe(0.5);
    expect(model.lawExamples[0]?.weight).toBeUndefined();
    const data = compile(model);
    expect(tfOf(data, '狗', 0)).toBeCloseTo(1.5);
    expect(tfOf(data, '老板', 3)).toBeCloseTo(0.5);
    // 0.5 of a question for each law, out of 1.5 questions.
    expect(data.lawShare[plain.lawIndex('甲法') as number]).toBeCloseTo(1.25 / 1.5);
    expect(data.lawShare[plain.lawIndex('乙法') as number]).toBeCloseTo(0.25 / 1.5);
    const k = data.priorTerms.indexOf('老板');
    expect(Array.from(data.priorCounts.subarray(data.priorOffsets[k], data.priorOffsets[k + 1]))).toEqual([0.25, 0.25]);
  });

  it('a question that is not counted reaches the expansion field only', () => {
    const model = modelFromQuestions([labelled, { ...light, counted: false }]);
    expect(model.citations).toEqual([{ key: '甲法|第一条', count: 1 }]);
    expect(model.lawExamples).toHaveLength(1);
    expect(model.examples).toHaveLength(1);
    const data = compile(model);
    expect(tfOf(data, '老板', 3)).toBeCloseTo(0.5);
    expect(data.priorTerms).not.toContain('老板');
  });

  it('leaves out questions of weight 0 and keeps them out of the translation table when asked', () => {
    expect(modelFromQuestions([labelled, { ...light, weight: 0 }])).toEqual(modelFromQuestions([labelled]));
    const text = new Map(articles.map((a) => [a.key, a.text]));
    const source = { articleText: (k: string) => text.get(k) ?? null, tokenizer: spaces, options: { iterations: 2, targets: 3, minPairs: 1 } };
    const both = modelFromQuestions([labelled, light], undefined, undefined, source);
    const labelledOnly = modelFromQuestions([labelled, light], undefined, undefined, source, [labelled]);
    expect(both.translation?.some((t) => t.word === '老板')).toBe(true);
    expect(labelledOnly.translation?.some((t) => t.word === '老板')).toBe(false);
  });
});
