/**
 * Text → printer bytes for Chinese mode (FS &), with the checks §4.2 asks for. The GB18030 table itself lives
 * on the Node side (iconv-lite, node/gb18030.ts) and is injected as a CharEncoder, so this module stays pure.
 */

/** Encodes ONE Unicode code point (given as a string of 1 or 2 UTF-16 units) to GB18030 bytes. */
export type CharEncoder = (char: string) => Uint8Array;

/**
 * What an unprintable character becomes. 〓 (GETA MARK, A1 FE, inside GB2312) is the traditional
 * "missing glyph" mark in CJK typesetting; □, which the spec suggests, is our checklist box and would be ambiguous.
 */
export const SUBSTITUTE_CHAR = '〓';

export type TextIssueKind =
  /** A 4-byte GB18030 sequence (second byte 30–39): many printer fonts only cover the 2-byte zones. */
  | 'four-byte'
  /** U+E000–U+F8FF (e.g. rare characters in ID-card names): no reliable glyph on any printer. */
  | 'private-use'
  /** No valid GB18030 encoding (lone surrogate) or the encoder returned something Chinese mode would misread. */
  | 'unencodable'
  /** A control character other than the ones the layout handles itself; dropped. */
  | 'control';

export interface TextIssue {
  readonly kind: TextIssueKind;
  readonly char: string;
  readonly codePoint: number;
  /** What is printed instead ('' when the character is dropped). */
  readonly replacement: string;
}

export type Gb18030Class = 'single' | 'double' | 'four-byte' | 'invalid';

/**
 * Classifies the bytes of ONE encoded character by the Chinese-mode byte rules (§4.1): 00–7F single; lead 81–FE +
 * trail 40–7E/80–FE double; lead + 30–39 + lead + 30–39 four-byte. A lone byte ≥ 80 would swallow the next byte.
 */
export function classifyGb18030(bytes: Uint8Array): Gb18030Class {
  const [b0, b1, b2, b3] = bytes;
  if (bytes.length === 1 && b0 !== undefined && b0 <= 0x7f) return 'single';
  if (bytes.length === 2 && b0 !== undefined && b1 !== undefined && b0 >= 0x81 && b0 <= 0xfe) {
    if ((b1 >= 0x40 && b1 <= 0x7e) || (b1 >= 0x80 && b1 <= 0xfe)) return 'double';
  }
  if (bytes.length === 4 && b0 !== undefined && b1 !== undefined && b2 !== undefined && b3 !== undefined) {
    const lead = (b: number) => b >= 0x81 && b <= 0xfe;
    const digit = (b: number) => b >= 0x30 && b <= 0x39;
    if (lead(b0) && digit(b1) && lead(b2) && digit(b3)) return 'four-byte';
  }
  return 'invalid';
}

/** One printable character after checks: exactly what goes to the printer. */
export interface PreparedChar {
  readonly char: string;
  readonly bytes: Uint8Array;
  /** Columns in font A: 1 per byte for ASCII, 2 for a double-byte character (§3). */
  readonly columns: number;
}

export interface PreparedText {
  readonly chars: readonly PreparedChar[];
  /** The text as it will print (substitutes in place, control characters gone). */
  readonly text: string;
  readonly columns: number;
  readonly issues: readonly TextIssue[];
}

export interface PrepareOptions {
  /** Send 4-byte GB18030 sequences as they are (only for a printer whose font is known to cover them). */
  readonly allowFourByte?: boolean;
}

function isLoneSurrogate(char: string): boolean {
  if (char.length !== 1) return false;
  const unit = char.charCodeAt(0);
  return unit >= 0xd800 && unit <= 0xdfff;
}

/**
 * Encodes text character by character (§4.3 step 2) so each character's byte length is known: that is what the
 * layout measures with, and where 4-byte, private-use and unencodable characters are caught and replaced.
 * A tab becomes a space; other control characters (including newlines, which the layout splits on first) are dropped.
 */
export function prepareText(text: string, encode: CharEncoder, options: PrepareOptions = {}): PreparedText {
  const chars: PreparedChar[] = [];
  const issues: TextIssue[] = [];
  let substitute: PreparedChar | undefined;
  const substituteChar = (): PreparedChar => {
    substitute ??= { char: SUBSTITUTE_CHAR, bytes: encode(SUBSTITUTE_CHAR), columns: 2 };
    return substitute;
  };
  for (const raw of text) {
    const char = raw === '\t' ? ' ' : raw;
    const codePoint = char.codePointAt(0) ?? 0;
    if (codePoint < 0x20 || codePoint === 0x7f || (codePoint >= 0x80 && codePoint < 0xa0)) {
      issues.push({ kind: 'control', char, codePoint, replacement: '' });
      continue;
    }
    if (codePoint >= 0xe000 && codePoint <= 0xf8ff) {
      issues.push({ kind: 'private-use', char, codePoint, replacement: SUBSTITUTE_CHAR });
      chars.push(substituteChar());
      continue;
    }
    if (isLoneSurrogate(char)) {
      issues.push({ kind: 'unencodable', char, codePoint, replacement: SUBSTITUTE_CHAR });
      chars.push(substituteChar());
      continue;
    }
    const bytes = encode(char);
    const kind = classifyGb18030(bytes);
    if (kind === 'single' || kind === 'double') {
      chars.push({ char, bytes, columns: bytes.length });
    } else if (kind === 'four-byte' && options.allowFourByte === true) {
      chars.push({ char, bytes, columns: 2 });
    } else {
      issues.push({ kind: kind === 'four-byte' ? 'four-byte' : 'unencodable', char, codePoint, replacement: SUBSTITUTE_CHAR });
      chars.push(substituteChar());
    }
  }
  let columns = 0;
  let printed = '';
  for (const c of chars) {
    columns += c.columns;
    printed += c.char;
  }
  return { chars, text: printed, columns, issues };
}

/** GB18030 bytes for a text, after the same checks as prepareText. */
export function encodeGb18030Text(text: string, encode: CharEncoder, options: PrepareOptions = {}): { bytes: Uint8Array; issues: readonly TextIssue[] } {
  const prepared = prepareText(text, encode, options);
  const out = new Uint8Array(prepared.chars.reduce((n, c) => n + c.bytes.length, 0));
  let offset = 0;
  for (const c of prepared.chars) {
    out.set(c.bytes, offset);
    offset += c.bytes.length;
  }
  return { bytes: out, issues: prepared.issues };
}

/**
 * UTF-8 for QR payloads (§5: scanners expect UTF-8; the printer stores the bytes verbatim). Written out because
 * the pure projects have no TextEncoder in scope. Lone surrogates become U+FFFD, as TextEncoder does.
 */
export function encodeUtf8(text: string): Uint8Array {
  const out: number[] = [];
  for (const char of text) {
    let cp = char.codePointAt(0) ?? 0xfffd;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return Uint8Array.from(out);
}
