import { describe, expect, it } from 'vitest';
import { fuzzyInitialVariants, fuzzyPinyinEnabled, fuzzyVariants } from './fuzzy-pinyin';

const syllables = new Set(['lao', 'nao', 'zhang', 'zan', 'zhan', 'zang', 'lin', 'ling', 'nin', 'ning', 'fu', 'hu', 'xian', 'xiang']);
const exists = (s: string): boolean => syllables.has(s);

describe('fuzzyVariants', () => {
  it('swaps initials n/l, f/h, z/zh and finals in/ing, en/eng, an/ang, counting the swaps', () => {
    expect(fuzzyVariants('nao', exists)).toEqual([{ syllable: 'lao', swaps: 1 }]);
    expect(fuzzyVariants('fu', exists)).toEqual([{ syllable: 'hu', swaps: 1 }]);
    expect(new Map(fuzzyVariants('zan', exists).map((v) => [v.syllable, v.swaps]))).toEqual(
      new Map([
        ['zhan', 1],
        ['zang', 1],
        ['zhang', 2],
      ]),
    );
    expect(new Map(fuzzyVariants('lin', exists).map((v) => [v.syllable, v.swaps]))).toEqual(
      new Map([
        ['nin', 1],
        ['ling', 1],
        ['ning', 2],
      ]),
    );
    expect(fuzzyVariants('xian', exists)).toEqual([{ syllable: 'xiang', swaps: 1 }]);
  });

  it('keeps only syllables that exist', () => {
    expect(fuzzyVariants('fu', () => false)).toEqual([]);
  });

  it('swaps typed initials too', () => {
    expect(fuzzyInitialVariants('n')).toEqual(['l']);
    expect(fuzzyInitialVariants('zh')).toEqual(['z']);
    expect(fuzzyInitialVariants('b')).toEqual([]);
  });
});

describe('fuzzyPinyinEnabled', () => {
  it('follows the region when provisioning says nothing: on in Sichuan, Chongqing, Yunnan, Guizhou, Hunan, Hubei', () => {
    for (const region of ['510104', '500101', '530102', '520102', '430102', '420102']) expect(fuzzyPinyinEnabled(null, region)).toBe(true);
    for (const region of ['110101', '440103', '310101']) expect(fuzzyPinyinEnabled(undefined, region)).toBe(false);
    expect(fuzzyPinyinEnabled(null, null)).toBe(false);
  });

  it('lets provisioning override the region either way', () => {
    expect(fuzzyPinyinEnabled(false, '510104')).toBe(false);
    expect(fuzzyPinyinEnabled(true, '110101')).toBe(true);
  });
});
