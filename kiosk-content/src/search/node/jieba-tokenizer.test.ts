import { describe, expect, it } from 'vitest';
import { createJiebaTokenizer, userDictionary } from './jieba-tokenizer';

describe('createJiebaTokenizer', () => {
  it('keeps user words (law titles, glossary terms) whole and still emits their sub-words', () => {
    const plain = createJiebaTokenizer([]);
    expect(plain.tokenize('劳动合同法第47条')).not.toContain('劳动合同法');
    const withTitles = createJiebaTokenizer(['劳动合同法']);
    const tokens = withTitles.tokenize('劳动合同法第47条');
    expect(tokens).toContain('劳动合同法');
    expect(tokens).toContain('劳动');
    expect(tokens).toContain('合同');
  });

  it('has a signature that follows the dictionary', () => {
    expect(createJiebaTokenizer(['劳动合同法']).signature).toBe(createJiebaTokenizer(['劳动合同法']).signature);
    expect(createJiebaTokenizer(['劳动合同法']).signature).not.toBe(createJiebaTokenizer(['劳动法']).signature);
    expect(createJiebaTokenizer([]).tokenize('')).toEqual([]);
  });
});

describe('userDictionary', () => {
  it('normalises, de-duplicates, sorts and skips one-character words', () => {
    expect(userDictionary(['劳动合同法', ' 劳动合同法', '狗', 'ＡＢ条例'])).toBe('AB条例 2000 n\n劳动合同法 2000 n');
  });
});
