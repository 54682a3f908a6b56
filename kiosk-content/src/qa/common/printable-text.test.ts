import { describe, expect, it } from 'vitest';
import { findUnprintable, formatCodePoint } from './printable-text';

describe('findUnprintable', () => {
  it('accepts Chinese text, full-width punctuation, digits and the symbols GB2312 fonts carry', () => {
    expect(findUnprintable('老板拖欠工资，怎么办？拨打12348。「第一条」★☆※①\n\t· —')).toEqual([]);
  });

  it('rejects emoji, with their joiners and variation selectors', () => {
    const found = findUnprintable('好😀的⭐✅');
    expect(found.map((c) => [c.index, formatCodePoint(c.codePoint), c.reason])).toEqual([
      [1, 'U+1F600', 'emoji'],
      [4, 'U+2B50', 'emoji'],
      [5, 'U+2705', 'emoji'],
    ]);
    expect(findUnprintable('a\u200db\ufe0f').map((c) => c.codePoint)).toEqual([0x200d, 0xfe0f]);
    expect(findUnprintable('🇨🇳').map((c) => c.reason)).toEqual(['emoji', 'emoji']);
  });

  it('rejects unpaired surrogates but not a proper pair', () => {
    expect(findUnprintable('a\ud800b\udc00').map((c) => [c.index, c.reason])).toEqual([
      [1, 'unpaired surrogate'],
      [3, 'unpaired surrogate'],
    ]);
    expect(findUnprintable('𠀀')).toEqual([]); // CJK Extension B, a real pair
  });

  it('rejects private use, control characters and noncharacters', () => {
    expect(findUnprintable('\ue000\u0007\u0085\ufffe\u{10fffd}').map((c) => c.reason)).toEqual([
      'private use',
      'control character',
      'control character',
      'noncharacter',
      'private use',
    ]);
  });
});
