import { describe, expect, it } from 'vitest';
import { characterBigrams, compactQuery, meaningfulTokens, normalizeQuery } from './normalize';

describe('normalizeQuery', () => {
  it('folds full width to half width and lower-cases', () => {
    expect(normalizeQuery('劳动合同法第４７条')).toBe('劳动合同法第47条');
    expect(normalizeQuery('ＬＤＨＴ')).toBe('ldht');
    expect(normalizeQuery('解释（一）')).toBe('解释(一)');
  });

  it('collapses ideographic and ASCII spaces', () => {
    expect(normalizeQuery('　老板  不发\t工资　')).toBe('老板 不发 工资');
    expect(compactQuery('老板 不发 工资')).toBe('老板不发工资');
  });
});

describe('meaningfulTokens', () => {
  it('drops question filler, pronouns and punctuation but keeps legal modal words', () => {
    expect(meaningfulTokens(['请问', '我', '老板', '不', '发', '工资', '怎么办', '？'])).toEqual(['老板', '不', '发', '工资']);
    expect(meaningfulTokens(['应当', '不得', '可以'])).toEqual(['应当', '不得', '可以']);
  });
});

describe('characterBigrams', () => {
  it('makes overlapping bigrams of Han runs and keeps ASCII words whole', () => {
    expect(characterBigrams('劳动合同')).toEqual(['劳动', '动合', '合同']);
    expect(characterBigrams('狗，ETC卡')).toEqual(['狗', 'etc', '卡']);
  });
});
