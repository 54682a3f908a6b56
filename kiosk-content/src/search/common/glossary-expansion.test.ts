import { describe, expect, it } from 'vitest';
import { GlossaryMatcher, expandQueryTerms } from './glossary-expansion';
import { characterBigrams } from './normalize';

const glossary = new GlossaryMatcher([
  { colloquial: ['老板', '公司老板'], legal: ['用人单位'] },
  { colloquial: ['工资', '工钱'], legal: ['劳动报酬', '工资'] },
  { colloquial: ['不发工资', '拖欠工资'], legal: ['拖欠劳动报酬'] },
  { colloquial: ['狗'], legal: ['饲养动物'] },
]);

describe('GlossaryMatcher', () => {
  it('finds colloquial words as substrings, longest first, without overlaps', () => {
    const hits = glossary.match('公司老板不发工资怎么办');
    expect(hits.map((h) => h.colloquial)).toEqual(['公司老板', '不发工资']);
    expect(hits[1]?.legal).toEqual(['拖欠劳动报酬']);
  });

  it('normalises the query (full width, spaces)', () => {
    expect(glossary.match('被 邻居家的 狗 咬了').map((h) => h.colloquial)).toEqual(['狗']);
  });

  it('drops entries whose only legal word is the colloquial word itself', () => {
    expect(new GlossaryMatcher([{ colloquial: ['工资'], legal: ['工资'] }]).size).toBe(0);
  });
});

describe('expandQueryTerms', () => {
  it('adds legal words at the lower weight and keeps the query words at 1', () => {
    const hits = glossary.match('老板不给工钱');
    const terms = expandQueryTerms(['老板', '工钱'], hits, characterBigrams, 0.4);
    const weight = Object.fromEntries(terms.map((t) => [t.term, t.weight]));
    expect(weight['老板']).toBe(1);
    expect(weight['工钱']).toBe(1);
    // 老板 → 用人单位: 用人, 人单, 单位 share 0.4 / √3 each.
    expect(weight['用人']).toBeCloseTo(0.4 / Math.sqrt(3), 6);
    // 工钱 → 劳动报酬, 工资: 劳动, 动报, 报酬, 工资 share 0.4 / √4.
    expect(weight['报酬']).toBeCloseTo(0.2, 6);
    expect(weight['工资']).toBeCloseTo(0.2, 6);
  });

  it('never lowers a word the resident typed', () => {
    const terms = expandQueryTerms(['工资', '工资'], glossary.match('工钱工资'), (s) => [s], 0.5);
    expect(terms.find((t) => t.term === '工资')?.weight).toBe(2);
    // 工资 is already in the query, so 劳动报酬 is the hit's only expansion word.
    expect(terms.find((t) => t.term === '劳动报酬')?.weight).toBe(0.5);
  });
});
