/**
 * How much room text takes on the 58 mm thermal receipt: 32 columns per line; the printer prints
 * every double-byte GB18030 character (CJK, full-width punctuation, ☐, ①) two columns wide and
 * ASCII one column wide. Lines wrap per character (Chinese has no word breaks).
 * 32 is the narrowest paper's column count, which content must fit: PAPER_COLUMNS['58mm'] of the
 * printer adapter (native-adapters/thermal-printer/receipt/layout-receipt.ts), kept as a number here because
 * content code does not import device code; receipt-width.test.ts fails if the two drift apart.
 */
export const receiptColumns = 32;
/** A single item (an outcome step, a material, a deadline) may take at most this many lines. */
export const maxReceiptLinesPerItem = 3;
/** Room for "8. " / "□ " in front of list items (□ U+25A1 has a two-byte GB18030 code; ☐ U+2610 does not). */
export const receiptItemPrefixColumns = 3;

export function charColumns(char: string): number {
  return (char.codePointAt(0) ?? 0) < 0x80 ? 1 : 2;
}

/** Wraps text into receipt lines of at most `columns` columns; the first line leaves `indent` columns for the "1. " or "□ " in front. */
export function wrapReceiptText(text: string, columns = receiptColumns, indent = 0): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let used = indent;
    for (const char of paragraph) {
      const w = charColumns(char);
      if (used + w > columns) {
        lines.push(line);
        line = '';
        used = 0;
      }
      line += char;
      used += w;
    }
    lines.push(line);
  }
  return lines;
}

export function receiptLineCount(text: string, indent = 0): number {
  return wrapReceiptText(text, receiptColumns, indent).length;
}
