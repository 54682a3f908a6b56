import { describe, expect, it } from 'vitest';
import { compareArticleNumbers, formatArticleLabel, formatChineseNumber, parseArticleLabel, parseChineseNumber } from './chinese-numerals';

describe('parseChineseNumber', () => {
  it.each([
    ['一', 1],
    ['十', 10],
    ['十一', 11],
    ['二十', 20],
    ['一百一十', 110],
    ['一百零五', 105],
    ['一千零七十九', 1079],
    ['一千零一十', 1010],
    ['一千二百六十', 1260],
    ['两百', 200],
    ['三千〇二', 3002],
    ['一万零一', 10001],
    ['一九九五', 1995],
    ['二〇〇〇', 2000],
    ['二○○○', 2000],
    ['零', 0],
  ])('%s → %i', (text, value) => {
    expect(parseChineseNumber(text)).toBe(value);
  });

  it.each(['', '一二百', '十百', '百百', '五条', 'abc'])('rejects %j', (text) => {
    expect(parseChineseNumber(text)).toBeNull();
  });
});

describe('parseArticleLabel', () => {
  it('reads ordinary and inserted (之一) articles', () => {
    expect(parseArticleLabel('第一千二百六十条')).toEqual({ number: 1260, suffix: 0 });
    expect(parseArticleLabel('第一百三十三条之一')).toEqual({ number: 133, suffix: 1 });
    expect(parseArticleLabel('第一百二十条之十')).toEqual({ number: 120, suffix: 10 });
  });

  it('refuses what is not a label', () => {
    expect(parseArticleLabel('第零条')).toBeNull();
    expect(parseArticleLabel('第五条第二款')).toBeNull();
    expect(parseArticleLabel('五条')).toBeNull();
  });
});

describe('formatChineseNumber / formatArticleLabel', () => {
  it('writes numbers the way the corpus does and round-trips 1–2000', () => {
    expect(formatChineseNumber(15)).toBe('十五');
    expect(formatChineseNumber(110)).toBe('一百一十');
    expect(formatChineseNumber(1079)).toBe('一千零七十九');
    expect(formatChineseNumber(1100)).toBe('一千一百');
    expect(formatArticleLabel(133, 1)).toBe('第一百三十三条之一');
    for (let n = 1; n <= 2000; n++) expect(parseChineseNumber(formatChineseNumber(n))).toBe(n);
  });

  it('refuses numbers no article has', () => {
    expect(() => formatChineseNumber(10_000)).toThrow(RangeError);
    expect(() => formatChineseNumber(1.5)).toThrow(RangeError);
  });
});

describe('compareArticleNumbers', () => {
  it('puts 之一 between its base article and the next', () => {
    const sorted = [
      { number: 6, suffix: 0 },
      { number: 5, suffix: 1 },
      { number: 5, suffix: 0 },
    ].sort(compareArticleNumbers);
    expect(sorted).toEqual([
      { number: 5, suffix: 0 },
      { number: 5, suffix: 1 },
      { number: 6, suffix: 0 },
    ]);
  });
});
