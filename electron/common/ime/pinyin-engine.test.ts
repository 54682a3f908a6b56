import { beforeAll, describe, expect, it } from 'vitest';
import { buildImeDictionary } from '../../../scripts/build/build-ime-dictionary';
import { decodeDictionary, type ImeDictionary } from './dictionary-format';
import { MAX_COMPOSITION_LETTERS, PinyinEngine } from './pinyin-engine';

// The real dictionary, built in memory from jieba's word list, pinyin-pro and the default content.
let dictionary: ImeDictionary;
let plain: PinyinEngine;
let fuzzy: PinyinEngine;
beforeAll(() => {
  dictionary = decodeDictionary(buildImeDictionary().text);
  plain = new PinyinEngine(dictionary);
  fuzzy = new PinyinEngine(dictionary, { fuzzy: true });
}, 60_000);

const top = (engine: PinyinEngine, letters: string, n = 5): string[] =>
  engine
    .candidates(letters)
    .slice(0, n)
    .map((c) => c.text);

describe('PinyinEngine', () => {
  it.each([
    ['gongzi', '工资'],
    ['lihun', '离婚'],
    ['jiekuan', '借款'],
    ['laodonghetong', '劳动合同'],
    ['peichang', '赔偿'],
    ['shanyangfei', '赡养费'],
    ['fangdong', '房东'],
    ['yajin', '押金'],
  ])('offers the word for whole syllables: %s → %s first', (letters, word) => {
    const [first] = plain.candidates(letters);
    expect(first).toMatchObject({ text: word, letters: letters.length });
  });

  it('ranks the kiosk content word first: laodong → 劳动 before 劳顿', () => {
    const words = top(plain, 'laodong', 60);
    expect(words[0]).toBe('劳动');
    expect(words.indexOf('劳顿')).toBeGreaterThan(0);
  });

  it('reads a spaceless phrase as the best words: laobantuoqiangongzi → 老板拖欠工资 first', () => {
    const [first] = plain.candidates('laobantuoqiangongzi');
    expect(first).toMatchObject({ text: '老板拖欠工资', letters: 19, phrase: true });
  });

  it('commits word by word: the words after 老板 are the rest of the composition', () => {
    const boss = plain.candidates('laobantuoqiangongzi').find((c) => c.text === '老板' && !c.phrase);
    expect(boss?.letters).toBe(6);
    expect(top(plain, 'laobantuoqiangongzi'.slice(6), 1)).toEqual(['拖欠工资']);
  });

  it('reads initials and mixed forms: ldht and laodht → 劳动合同', () => {
    expect(top(plain, 'ldht', 1)).toEqual(['劳动合同']);
    expect(top(plain, 'laodht', 1)).toEqual(['劳动合同']);
  });

  it('takes v for ü: nv → 女, lvshi → 律师', () => {
    expect(top(plain, 'nv', 1)).toEqual(['女']);
    expect(top(plain, 'lvshi', 1)).toEqual(['律师']);
  });

  it('offers the word being typed before its last syllable is complete: gongz → 工资 among the first', () => {
    expect(top(plain, 'gongz')).toContain('工资');
  });

  it('offers nothing for letters that are no syllable, rather than junk', () => {
    expect(plain.candidates('xqz')).toEqual([]);
    expect(plain.candidates('x')).toEqual([]);
    expect(plain.candidates('iiii')).toEqual([]);
    // Initials stand for one word, never a chain of words.
    expect(plain.candidates('qxzqxz')).toEqual([]);
    expect(plain.candidates('qx').every((c) => c.letters === 2 && !c.phrase)).toBe(true);
  });

  it('refuses compositions longer than the cap', () => {
    expect(plain.candidates('a'.repeat(MAX_COMPOSITION_LETTERS + 1))).toEqual([]);
    expect(plain.candidates('laobantuoqiangongzi'.repeat(2)).length).toBeGreaterThan(0);
  });

  it('with 模糊音 on, naodong → 劳动 and zifu → 支付; off, they are read as typed', () => {
    expect(top(fuzzy, 'naodong', 1)).toEqual(['劳动']);
    expect(top(plain, 'naodong', 5)).not.toContain('劳动');
    expect(top(fuzzy, 'zifu')).toContain('支付');
    expect(top(fuzzy, 'laodong', 1)).toEqual(['劳动']);
  });

  it('lists every candidate once, best first', () => {
    const candidates = plain.candidates('shanyangfei');
    const keys = candidates.map((c) => `${c.letters}:${c.text}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(candidates.map((c) => c.cost)).toEqual([...candidates.map((c) => c.cost)].sort((a, b) => a - b));
  });
});
