import { describe, expect, it } from 'vitest';
import { prepareText } from '../codec/gb18030-text';
import { createGb18030Encoder } from '../node/gb18030';
import { breakLines } from './line-breaker';

const encode = createGb18030Encoder();
const wrap = (text: string, width: number, scale = 1) => breakLines(prepareText(text, encode).chars, width, scale).lines.map((l) => l.text);
const han = (n: number) => '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉'.repeat(3).slice(0, n);

describe('breakLines: widths', () => {
  it('fills a 32-column line with 16 CJK characters', () => {
    expect(wrap(han(20), 32)).toEqual([han(16), han(20).slice(16)]);
    expect(wrap(han(24), 48)).toEqual([han(24)]);
  });

  it('mixes 1-column ASCII and 2-column CJK by byte length', () => {
    // 28 + 3 = 31 columns: one more CJK character (2 columns) would make 33.
    const lines = breakLines(prepareText(`${han(14)}A12${han(2)}`, encode).chars, 32).lines;
    expect(lines.map((l) => [l.text, l.columns])).toEqual([
      [`${han(14)}A12`, 31],
      [han(2), 4],
    ]);
  });

  it('doubles every width for double-width text', () => {
    expect(wrap(han(10), 32, 2)).toEqual([han(8), han(10).slice(8)]);
  });
});

describe('breakLines: Chinese line-breaking rules', () => {
  it.each([...'，。、；：？！）」』'])('never starts a line with %s: the previous character is pushed down', (mark) => {
    // 16 characters fill the line; the mark would start line 2.
    const text = `${han(16)}${mark}后`;
    const lines = wrap(text, 32);
    expect(lines).toEqual([han(15), `${han(16).slice(15)}${mark}后`]);
    for (const line of lines.slice(1)) expect(line.startsWith(mark)).toBe(false);
  });

  it.each([...'（「『'])('never ends a line with %s: it moves to the next line', (mark) => {
    // The mark is the 16th character and would end line 1.
    const text = `${han(15)}${mark}内容${mark === '（' ? '）' : mark === '「' ? '」' : '』'}`;
    const lines = wrap(text, 32);
    expect(lines[0]).toBe(han(15));
    expect(lines[1]?.startsWith(mark)).toBe(true);
  });

  it('keeps a run of closing marks together with the character before them', () => {
    expect(wrap(`${han(15)}。」完`, 32)).toEqual([han(14), `${han(15).slice(14)}。」完`]);
  });

  it('satisfies both rules at once (an opening mark before the character that gets pushed)', () => {
    // Greedy break would put 「 at the end and 。 at the start.
    const lines = wrap(`${han(14)}「乙。`, 32);
    expect(lines).toEqual([han(14), '「乙。']);
  });

  it('falls back to the plain break when no break on the line can satisfy the rules', () => {
    const lines = wrap('，'.repeat(20), 32);
    expect(lines).toEqual(['，'.repeat(16), '，'.repeat(4)]);
  });
});

describe('breakLines: words and numbers', () => {
  it('never splits digits', () => {
    expect(wrap(`${han(15)}2024年`, 32)).toEqual([han(15), '2024年']);
    expect(wrap(`编号：A20240501-007${han(8)}`, 32)).toEqual([`编号：A20240501-007${han(6)}`, han(8).slice(6)]);
  });

  it('never splits a Latin word and drops the space at the break', () => {
    expect(wrap('please visit the Fatong kiosk', 16)).toEqual(['please visit the', 'Fatong kiosk']);
    expect(wrap(`${han(13)} Beijing`, 32)).toEqual([han(13), 'Beijing']);
  });

  it('cuts a word longer than a whole line and reports it', () => {
    const result = breakLines(prepareText('X'.repeat(40), encode).chars, 32);
    expect(result.lines.map((l) => l.text)).toEqual(['X'.repeat(32), 'X'.repeat(8)]);
    expect(result.forcedSplits).toEqual(['X'.repeat(40)]);
  });

  it('returns one empty line for empty text', () => {
    expect(wrap('', 32)).toEqual(['']);
  });
});
