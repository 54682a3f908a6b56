import { describe, expect, it } from 'vitest';
import type { ArticleIndexInput } from './article-index';
import type { TextCodec } from './index-codec';
import { IndexFormatError } from './index-codec';
import { bigramTokenizer } from './normalize';
import { SearchEngine, buildSearchIndex, decodeSearchIndex, encodeSearchIndex } from './search-engine';
import type { SearchTrace } from './search-engine';

const codec: TextCodec = { encode: (s) => new TextEncoder().encode(s), decode: (b) => new TextDecoder().decode(b) };

function a(law: string, label: string, text: string, headings: string[] = [], category = '社会法'): ArticleIndexInput {
  return { key: `${law}|${label}`, normalizedTitle: law, title: `中华人民共和国${law}`, label, text, headings, versionDate: '2020-01-01', category };
}

const articles = [
  a('劳动合同法', '第三十条', '用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。'),
  a('劳动合同法', '第四十七条', '经济补偿按劳动者在本单位工作的年限，每满一年支付一个月工资的标准向劳动者支付。'),
  a('劳动法', '第五十条', '工资应当以货币形式按月支付给劳动者本人。不得克扣或者无故拖欠劳动者的工资。'),
  a(
    '民法典',
    '第一千二百四十五条',
    '饲养的动物造成他人损害的，动物饲养人或者管理人应当承担侵权责任。',
    ['第七编 侵权责任', '第九章 饲养动物损害责任'],
    '民法典',
  ),
  a('民法典', '第一千零七十九条', '夫妻一方要求离婚的，可以由有关组织进行调解或者直接向人民法院提起离婚诉讼。', ['第五编 婚姻家庭'], '民法典'),
  a('工资支付暂行规定', '第九条', '用人单位不得克扣劳动者工资。', [], '部门规章/人力资源社会保障部'),
];
const initials: Record<string, string> = {
  劳动合同法: 'ldhtf',
  劳动法: 'ldf',
  民法典: 'mfd',
  工资支付暂行规定: 'gzzfzxgd',
  老板拖欠工资不发怎么办: 'lbtqgzbfzmb',
};
const index = buildSearchIndex(
  {
    articles,
    qa: [
      { id: 'labour-unpaid-wages', question: '老板拖欠工资不发怎么办', also: ['公司不发工资', '讨薪找哪里'], domain: 'labour', cites: ['劳动合同法 第三十条'] },
    ],
    glossary: [
      { colloquial: ['狗', '猫'], legal: ['饲养的动物'] },
      { colloquial: ['咬'], legal: ['损害'] },
      { colloquial: ['老板'], legal: ['用人单位'] },
    ],
    fingerprint: 'test-1',
    userWords: [],
  },
  bigramTokenizer,
  (t) => initials[t] ?? '',
);
const texts = new Map(articles.map((x) => [x.key, x]));
const engine = new SearchEngine(index, bigramTokenizer, (key) => texts.get(key) ?? null);

describe('SearchEngine.search', () => {
  it('puts a cited article first, exactly', () => {
    const r = engine.search('劳动合同法第47条');
    expect(r.articles[0]).toMatchObject({ key: '劳动合同法|第四十七条', exact: true, lawTitle: '中华人民共和国劳动合同法' });
    expect(engine.search('民法典1079条').articles[0]?.key).toBe('民法典|第一千零七十九条');
    expect(engine.search('第四十七条', { contextLaw: '劳动合同法' }).articles[0]?.key).toBe('劳动合同法|第四十七条');
  });

  it('does not confuse 劳动法 with 劳动合同法', () => {
    expect(engine.search('劳动法第50条').articles[0]?.key).toBe('劳动法|第五十条');
    expect(engine.search('劳动合同法第50条').articles.filter((x) => x.exact)).toEqual([]);
  });

  it('reaches statute wording through the glossary', () => {
    const r = engine.search('被狗咬了怎么办');
    expect(r.articles[0]?.key).toBe('民法典|第一千二百四十五条');
    expect(r.terms.find((t) => t.term === '动物')?.weight).toBeLessThan(1);
    const snippet = r.articles[0]?.snippet;
    expect(snippet?.highlights.some((h) => snippet.text.slice(h.start, h.end).includes('动物'))).toBe(true);
  });

  it('finds Q&A by the resident’s wording and by pinyin initials', () => {
    expect(engine.search('老板不发工资').qa.map((q) => q.id)).toEqual(['labour-unpaid-wages']);
    expect(engine.search('lbtq').qa.map((q) => q.id)).toEqual(['labour-unpaid-wages']);
  });

  it('prefers a law over a departmental rule for the same words (authority prior)', () => {
    const keys = engine.search('克扣工资').articles.map((x) => x.key);
    expect(keys.indexOf('劳动法|第五十条')).toBeLessThan(keys.indexOf('工资支付暂行规定|第九条'));
  });

  it('reports each stage’s ranking to a trace without changing the results', () => {
    const trace: SearchTrace = {};
    const traced = engine.search('老板不发工资', { trace, snippets: false });
    expect(traced).toEqual(engine.search('老板不发工资', { snippets: false }));
    expect(trace.final?.map((h) => engine.index.articles.key(h.doc))).toEqual(traced.articles.map((a) => a.key));
    expect(trace.firstStage?.length).toBeGreaterThan(0);
    expect(trace.bridged?.length).toBeGreaterThanOrEqual(trace.final?.length ?? 0);
    expect(trace.coverage).toBeGreaterThan(0);
    expect(trace.ownWords).toContain('工资');
  });

  it('returns nothing for an empty or filler-only query', () => {
    expect(engine.search('  ').articles).toEqual([]);
    expect(engine.search('请问怎么办').articles).toEqual([]);
  });
});

describe('SearchEngine.suggest', () => {
  it('completes prefixes, initials and Q&A questions', () => {
    expect(engine.suggest('劳动合')[0]).toMatchObject({ kind: 'law', text: '劳动合同法', match: 'prefix' });
    expect(engine.suggest('ldhtf')[0]).toMatchObject({ kind: 'law', text: '劳动合同法', match: 'initials' });
    expect(engine.suggest('ldhtf').map((s) => s.text)).not.toContain('劳动法');
    expect(engine.suggest('拖欠工资').map((s) => s.target)).toContain('labour-unpaid-wages');
    expect(engine.suggest('')).toEqual([]);
  });
});

describe('encodeSearchIndex / decodeSearchIndex', () => {
  it('round-trips to an engine that answers the same', () => {
    const bytes = encodeSearchIndex(index, codec);
    const copy = new Uint8Array(bytes.length + 3).subarray(3); // unaligned on purpose
    copy.set(bytes);
    const decoded = decodeSearchIndex(copy, codec, () => bigramTokenizer);
    expect(decoded.index.fingerprint).toBe('test-1');
    const again = new SearchEngine(decoded.index, decoded.tokenizer, (key) => texts.get(key) ?? null);
    for (const q of ['劳动合同法第47条', '被狗咬了', '老板不发工资', '克扣工资']) {
      expect(again.search(q)).toEqual(engine.search(q));
    }
    expect(again.suggest('ldh')).toEqual(engine.suggest('ldh'));
  });

  it('rejects other files and a different tokenizer', () => {
    expect(() => decodeSearchIndex(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), codec, () => bigramTokenizer)).toThrow(IndexFormatError);
    const bytes = encodeSearchIndex(index, codec);
    expect(() => decodeSearchIndex(bytes, codec, () => ({ ...bigramTokenizer, signature: 'other' }))).toThrow(/tokenizer/);
  });
});
