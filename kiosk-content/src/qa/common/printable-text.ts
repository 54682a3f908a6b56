/**
 * Can this text go to the kiosk's GB18030 thermal printer and its CJK font?
 *
 * GB18030 maps every Unicode scalar value, so the real limits are elsewhere: a lone surrogate
 * cannot be encoded at all, and emoji, private-use and control characters encode but print as
 * boxes or garbage. This is a pure check over code points, no encoder needed.
 */
export interface UnprintableChar {
  /** UTF-16 index of the character in the text. */
  index: number;
  codePoint: number;
  reason: 'unpaired surrogate' | 'control character' | 'private use' | 'noncharacter' | 'emoji';
}

// Emoji_Presentation covers the characters that default to colour emoji (😀 ⭐ ✅ ⚡) and leaves out
// text symbols the printer font does have (★ ☆ ♀ ※ ©). The joiners only make sense inside emoji.
const emojiPresentation = /\p{Emoji_Presentation}/u;
const emojiComponents = new Set([0x200d, 0xfe0f, 0x20e3]);

function reasonFor(codePoint: number, char: string): UnprintableChar['reason'] | null {
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return 'unpaired surrogate';
  if ((codePoint < 0x20 && codePoint !== 0x0a && codePoint !== 0x09 && codePoint !== 0x0d) || (codePoint >= 0x7f && codePoint <= 0x9f)) {
    return 'control character';
  }
  if ((codePoint >= 0xe000 && codePoint <= 0xf8ff) || (codePoint >= 0xf0000 && codePoint <= 0xffffd) || (codePoint >= 0x100000 && codePoint <= 0x10fffd)) {
    return 'private use';
  }
  if ((codePoint >= 0xfdd0 && codePoint <= 0xfdef) || (codePoint & 0xfffe) === 0xfffe) return 'noncharacter';
  if (emojiComponents.has(codePoint) || (codePoint >= 0x1f1e6 && codePoint <= 0x1f1ff) || emojiPresentation.test(char)) {
    return 'emoji';
  }
  return null;
}

export function findUnprintable(text: string): UnprintableChar[] {
  const found: UnprintableChar[] = [];
  let index = 0;
  while (index < text.length) {
    const codePoint = text.codePointAt(index) ?? 0;
    const width = codePoint > 0xffff ? 2 : 1;
    const reason = reasonFor(codePoint, text.slice(index, index + width));
    if (reason) found.push({ index, codePoint, reason });
    index += width;
  }
  return found;
}

/** U+1F600 style, for messages. */
export function formatCodePoint(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}
