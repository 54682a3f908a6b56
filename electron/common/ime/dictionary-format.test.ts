import { describe, expect, it } from 'vitest';
import { decodeDictionary, DictionaryFormatError, encodeDictionary, wordAt } from './dictionary-format';

const source = {
  notice: 'test\nnotice',
  entries: [
    { syllables: ['lao', 'dong'], words: [{ word: '劳顿', cost: 120, content: false }] },
    { syllables: ['lao', 'dong'], words: [{ word: '劳动', cost: 80, content: true }] },
    { syllables: ['lao'], words: [{ word: '老', cost: 60, content: false }] },
    { syllables: ['gong', 'zi'], words: [{ word: '工资', cost: 90, content: true }] },
  ],
};

describe('IME dictionary format', () => {
  it('round-trips: keys in syllable order, words of a key best first, content marked', () => {
    const dict = decodeDictionary(encodeDictionary(source));
    expect(dict.notice).toBe('test notice');
    expect(dict.syllables).toEqual(['dong', 'gong', 'lao', 'zi']);
    const keys = Array.from({ length: dict.keyStart.length - 1 }, (_, k) =>
      Array.from(dict.keySyllables.slice(dict.keyStart[k], dict.keyStart[k + 1]))
        .map((id) => dict.syllables[id])
        .join("'"),
    );
    expect(keys).toEqual(["gong'zi", 'lao', "lao'dong"]);
    const words = Array.from({ length: dict.wordCost.length }, (_, w) => `${wordAt(dict, w)}:${dict.wordCost[w]}:${dict.wordContent[w]}`);
    expect(words).toEqual(['工资:9:1', '老:6:0', '劳动:8:1', '劳顿:12:0']);
  });

  it('names the line of a damaged file', () => {
    const text = encodeDictionary(source);
    expect(() => decodeDictionary(text.replace('FTIME 1', 'FTIME 2'))).toThrow(DictionaryFormatError);
    const lines = text.split('\n');
    const swapped = [...lines.slice(0, 3), lines[4], lines[3], ...lines.slice(5)].join('\n');
    expect(() => decodeDictionary(swapped)).toThrow(/line 5: keys out of order/);
    expect(() => decodeDictionary(text.replace('工资,90*', '工资,x'))).toThrow(/line 4: bad word/);
  });
});
