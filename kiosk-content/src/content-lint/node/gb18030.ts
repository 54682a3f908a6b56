/**
 * Which characters the kiosk's GB18030 receipt printer can print: the ones with a one- or
 * two-byte GB18030 code. Everything else (CJK extension B and later, most emoji, many symbols)
 * needs a four-byte sequence, which the printer's font does not have — it prints garbage.
 * The two-byte table is read from the platform's own GB18030 decoder (ICU, in Node), so no copy
 * of the mapping is kept here.
 */
let twoByte: Set<number> | null = null;

function twoByteCodePoints(): Set<number> {
  if (twoByte) return twoByte;
  const decoder = new TextDecoder('gb18030');
  const set = new Set<number>();
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead += 1) {
    for (let trail = 0x40; trail <= 0xfe; trail += 1) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const text = decoder.decode(pair);
      const cp = text.codePointAt(0);
      if (cp !== undefined && cp !== 0xfffd && [...text].length === 1) set.add(cp);
    }
  }
  twoByte = set;
  return set;
}

/** True when the printer can print the character (ASCII, or a two-byte GB18030 code). */
export function isGb18030TwoByteOrAscii(char: string): boolean {
  const cp = char.codePointAt(0) ?? 0;
  return cp < 0x80 || twoByteCodePoints().has(cp);
}

export interface FourByteChar {
  /** 1-based line in the text. */
  line: number;
  char: string;
  codePoint: number;
}

/** Every character of the text that would need a four-byte GB18030 sequence, with its line. */
export function findFourByteChars(text: string): FourByteChar[] {
  const found: FourByteChar[] = [];
  let line = 1;
  for (const char of text) {
    if (char === '\n') {
      line += 1;
      continue;
    }
    if (char === '\uFEFF' && found.length === 0 && line === 1) continue;
    if (!isGb18030TwoByteOrAscii(char)) found.push({ line, char, codePoint: char.codePointAt(0) ?? 0 });
  }
  return found;
}
