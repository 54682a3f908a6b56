import { beforeAll, describe, expect, it } from 'vitest';
import { buildImeDictionary } from '../../../scripts/build/build-ime-dictionary';
import { decodeDictionary } from './dictionary-format';
import { mergedSound, QueryCorrector } from './query-correction';

// The real pinyin dictionary, built in memory (jieba's counts, pinyin-pro, the default content).
let corrector: QueryCorrector;
beforeAll(() => {
  corrector = new QueryCorrector(decodeDictionary(buildImeDictionary().text), ['劳动合同法', '测试条例']);
}, 60_000);

describe('QueryCorrector', () => {
  it.each([
    ['劳懂合同', '劳动合同'],
    ['离昏', '离婚'],
    ['陪偿', '赔偿'],
    ['陪偿金怎么算', '赔偿金怎么算'],
    ['房东不退呀金', '房东不退押金'],
    ['交通是故赔偿', '交通事故赔偿'],
  ])('reads a homophone typo in a known term: %s → %s', (typed, meant) => {
    const correction = corrector.correct(typed);
    expect(correction?.corrected).toBe(meant);
    expect(correction?.original).toBe(typed);
    expect(correction?.changes.length).toBe(1);
  });

  it.each(['劳动合同', '老板不发工资', '我要离婚', '押金不退怎么办', '工资被拖欠', '劳动合同法第47条', '谁可以成为个体工商户？'])(
    'leaves a query that is fine alone: %s',
    (query) => {
      expect(corrector.correct(query)).toBeNull();
    },
  );

  it('knows the terms it is given besides the dictionary (a law title)', () => {
    expect(corrector.correct('劳动合同发')?.corrected).toBe('劳动合同法');
  });

  it('merges the 模糊音 pairs for near-homophones', () => {
    expect(mergedSound('zhang')).toBe('zan');
    expect(mergedSound('ling')).toBe('nin');
    expect(mergedSound('hu')).toBe('fu');
    expect(mergedSound('shen')).toBe('sen');
  });
});
