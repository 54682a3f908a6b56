import { describe, expect, it } from 'vitest';
import type { ArticleIndexInput } from './article-index';
import { ArticleIndex, buildArticleIndex } from './article-index';
import { LearnedField, compileLearnedData, modelFromQuestions } from './learned-model';
import type { Tokenizer } from './normalize';
import { SearchEngine, buildSearchIndex, decodeSearchIndex, encodeSearchIndex } from './search-engine';

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
    const withModel = new SearchEngine(buildSearchIndex({ ...input, model }, spaces, () => ''), spaces, () => null);
    expect(withModel.search('宠物', { snippets: false }).articles[0]?.key).toBe('甲法|第一条');
    const decoded = decodeSearchIndex(encodeSearchIndex(withModel.index, codec), codec, () => spaces);
    const again = new SearchEngine(decoded.index, decoded.tokenizer, () => null);
    expect(again.search('宠物', { snippets: false }).articles[0]?.key).toBe('甲法|第一条');
    const without = new SearchEngine(buildSearchIndex(input, spaces, () => ''), spaces, () => null);
    expect(without.search('宠物', { snippets: false }).articles).toHaveLength(0);
    expect(without.search('动物', { snippets: false }).articles.length).toBeGreaterThan(0);
  });
});
