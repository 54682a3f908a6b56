import { describe, expect, it } from 'vitest';
import { LawTitleMatcher, parseQueryCitations } from './citation';

const matcher = new LawTitleMatcher([
  '劳动法',
  '劳动合同法',
  '劳动合同法实施条例',
  '民法典',
  '刑法',
  '民事诉讼法',
  '最高人民法院关于适用《民法典》婚姻家庭编的解释(一)',
]);
const cite = (q: string, context: string | null = null) => parseQueryCitations(q, matcher, context);

describe('parseQueryCitations', () => {
  it.each([
    ['劳动合同法第47条', '劳动合同法', '第四十七条'],
    ['劳动合同法第四十七条', '劳动合同法', '第四十七条'],
    ['劳动合同法 第 47 条', '劳动合同法', '第四十七条'],
    ['《中华人民共和国劳动合同法》第47条', '劳动合同法', '第四十七条'],
    ['民法典1079条', '民法典', '第一千零七十九条'],
    ['民法典1079', '民法典', '第一千零七十九条'],
    ['民法典第一千零七十九条', '民法典', '第一千零七十九条'],
    ['刑法第133条之1', '刑法', '第一百三十三条之一'],
    ['刑法第一百三十三条之一', '刑法', '第一百三十三条之一'],
    ['劳动法第４７条', '劳动法', '第四十七条'],
    ['民诉法第3条', '民事诉讼法', '第三条'],
  ])('%s → %s %s', (q, law, label) => {
    const r = cite(q);
    expect(r.citations.map((c) => [c.law, c.label])).toEqual([[law, label]]);
  });

  it('tells 劳动合同法 from 劳动法 and from 劳动合同法实施条例 (longest title wins)', () => {
    expect(cite('劳动合同法第10条').citations[0]?.law).toBe('劳动合同法');
    expect(cite('劳动法第10条').citations[0]?.law).toBe('劳动法');
    expect(cite('劳动合同法实施条例第10条').citations[0]?.law).toBe('劳动合同法实施条例');
  });

  it('matches titles written with 《》 and 中华人民共和国 inside', () => {
    expect(cite('最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（一）第5条').citations[0]).toMatchObject({
      law: '最高人民法院关于适用《民法典》婚姻家庭编的解释(一)',
      label: '第五条',
    });
  });

  it('gives later bare articles the law named before them', () => {
    expect(cite('劳动合同法第47条和第48条').citations.map((c) => `${c.law ?? '-'}${c.label}`)).toEqual(['劳动合同法第四十七条', '劳动合同法第四十八条']);
  });

  it('uses the context law for a bare article, or none', () => {
    expect(cite('第四十七条', '劳动合同法').citations[0]).toMatchObject({ law: '劳动合同法', label: '第四十七条' });
    expect(cite('第四十七条').citations[0]).toMatchObject({ law: null, label: '第四十七条' });
    expect(cite('47条').citations[0]).toMatchObject({ law: null, label: '第四十七条' });
  });

  it('does not read everyday counting words as articles', () => {
    expect(cite('一条狗咬了我').citations).toEqual([]);
    expect(cite('三条建议').citations).toEqual([]);
    expect(cite('第0条').citations).toEqual([]);
  });

  it('reports named laws and leaves the words to search', () => {
    const r = cite('劳动合同法 经济补偿怎么算');
    expect(r.citations).toEqual([]);
    expect(r.laws).toEqual(['劳动合同法']);
    expect(r.rest).toBe('经济补偿怎么算');
    expect(cite('劳动合同法第47条经济补偿').rest).toBe('经济补偿');
  });
});
