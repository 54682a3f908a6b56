import { describe, expect, it } from 'vitest';
import { splitHighlighted } from './highlight';

describe('splitHighlighted', () => {
  it('returns the whole text unmarked when nothing matched', () => {
    expect(splitHighlighted({ text: '用人单位应当支付工资', marks: [] })).toEqual([{ text: '用人单位应当支付工资', marked: false }]);
  });

  it('marks the given ranges in order, keeping the text between them', () => {
    expect(
      splitHighlighted({
        text: '用人单位应当支付工资',
        marks: [
          [8, 10],
          [0, 4],
        ],
      }),
    ).toEqual([
      { text: '用人单位', marked: true },
      { text: '应当支付', marked: false },
      { text: '工资', marked: true },
    ]);
  });

  it('merges overlapping and touching ranges into one mark', () => {
    expect(
      splitHighlighted({
        text: '劳动合同法',
        marks: [
          [0, 2],
          [1, 3],
          [3, 4],
        ],
      }),
    ).toEqual([
      { text: '劳动合同', marked: true },
      { text: '法', marked: false },
    ]);
  });

  it('clamps ranges past the end and drops empty or inverted ones', () => {
    expect(
      splitHighlighted({
        text: '交押金',
        marks: [
          [1, 99],
          [0, 0],
          [2, 1],
        ],
      }),
    ).toEqual([
      { text: '交', marked: false },
      { text: '押金', marked: true },
    ]);
  });

  it('leaves single matched characters plain: only words of two or more characters are marked', () => {
    expect(
      splitHighlighted({
        text: '不签劳动合同每月支付二倍工资',
        marks: [
          [0, 1],
          [2, 6],
          [7, 8],
          [12, 14],
        ],
      }),
    ).toEqual([
      { text: '不签', marked: false },
      { text: '劳动合同', marked: true },
      { text: '每月支付二倍', marked: false },
      { text: '工资', marked: true },
    ]);
  });

  it('never cuts a surrogate pair in half, and counts it as one character', () => {
    const text = '甲𠀀乙'; // 𠀀 is two UTF-16 units
    expect(splitHighlighted({ text, marks: [[2, 4]] })).toEqual([
      { text: '甲', marked: false },
      { text: '𠀀乙', marked: true },
    ]);
    // 𠀀 alone is one character (two units): not marked.
    expect(splitHighlighted({ text, marks: [[1, 3]] })).toEqual([{ text, marked: false }]);
  });

  it('keeps markup characters as plain text (rendered as text nodes, never parsed)', () => {
    const segments = splitHighlighted({ text: '<b>工资</b>', marks: [[3, 5]] });
    expect(segments.map((segment) => segment.text).join('')).toBe('<b>工资</b>');
    expect(segments[1]).toEqual({ text: '工资', marked: true });
  });

  it('returns one empty segment for empty text', () => {
    expect(splitHighlighted({ text: '', marks: [[0, 3]] })).toEqual([{ text: '', marked: false }]);
  });
});
