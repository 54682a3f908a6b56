import { encodeUtf8, prepareText } from '../codec/gb18030-text';
import type { CharEncoder, PrepareOptions, TextIssue } from '../codec/gb18030-text';
import { breakLines } from './line-breaker';
import { CHECKBOX, RECEIPT_FOOTER } from './receipt-document';
import type { BlockAlign, ReceiptDocument, ReceiptHeader } from './receipt-document';

/**
 * Receipt layout: document → lines for one paper width. The result is plain, serialisable data: the ESC/POS
 * encoder prints it and the on-screen preview draws it, so the preview is exactly what prints.
 */

/** Font A columns (§3). Printers differ (some 42-column 80 mm models): the width is configuration. */
export const PAPER_COLUMNS = { '58mm': 32, '80mm': 48 } as const;
export type PaperWidth = keyof typeof PAPER_COLUMNS;

/** Columns for a paper width given in millimetres (configuration, CLI flags): the same table. */
export function paperColumns(widthMm: 58 | 80): number {
  return PAPER_COLUMNS[widthMm === 80 ? '80mm' : '58mm'];
}

/** Font A cells are 12 dots wide (203 dpi heads): 32 columns = 384 dots, 48 = 576. */
export const DOTS_PER_COLUMN = 12;

export interface LineStyle {
  readonly bold: boolean;
  /** GS ! width multiplier: every character takes this many times its columns. */
  readonly width: 1 | 2;
  readonly height: 1 | 2;
}

export const NORMAL_STYLE: LineStyle = { bold: false, width: 1, height: 1 };
const TITLE_STYLE: LineStyle = { bold: true, width: 1, height: 2 };
const BOLD_STYLE: LineStyle = { bold: true, width: 1, height: 1 };

export interface LayoutTextLine {
  readonly kind: 'text';
  /** Leading blank columns (a multiple of style.width; the encoder sends indent / width spaces). */
  readonly indent: number;
  /** Exactly the characters that print (substitutes in place). */
  readonly text: string;
  /** Printed width of `text` in columns, style.width included. indent + columns ≤ layout columns. */
  readonly columns: number;
  readonly style: LineStyle;
}

export interface LayoutQrLine {
  readonly kind: 'qr';
  readonly payload: string;
  /** UTF-8 byte length of the payload (what GS ( k declares). */
  readonly payloadBytes: number;
  readonly errorLevel: 'M';
  /** Smallest QR version holding the payload at level M (byte mode). */
  readonly version: number;
  readonly moduleSize: number;
  /** Symbol width including the 4-module quiet zone on each side, in dots; printed centred. */
  readonly sizeDots: number;
}

export interface LayoutCutLine {
  readonly kind: 'cut';
}

export type LayoutLine = LayoutTextLine | LayoutQrLine | LayoutCutLine;

export type LayoutIssue =
  | (TextIssue & { readonly block: number })
  | { readonly kind: 'forced-split'; readonly block: number; readonly text: string }
  | { readonly kind: 'qr-too-long'; readonly block: number; readonly payloadBytes: number };

export interface ReceiptLayout {
  readonly columns: number;
  readonly dots: number;
  readonly lines: readonly LayoutLine[];
  /** Characters replaced or words cut: a receipt with issues should be flagged for staff (§4.5). */
  readonly issues: readonly LayoutIssue[];
}

export interface LayoutOptions extends PrepareOptions {
  readonly columns: number;
  readonly encode: CharEncoder;
}

/** Byte-mode capacity at level M for versions 1–10 (ISO/IEC 18004 table 7); larger symbols do not fit a receipt. */
const QR_CAPACITY_M = [14, 26, 42, 62, 84, 106, 122, 152, 180, 213];

/** Header and footer blocks as they are printed (block indices −1 and −2 in issues). */
export const HEADER_BLOCK = -1;
export const FOOTER_BLOCK = -2;

/** Block numbers in issues refer to document.blocks; the header and footer use HEADER_BLOCK / FOOTER_BLOCK. */
export function layoutReceipt(document: ReceiptDocument, options: LayoutOptions): ReceiptLayout {
  const { columns, encode } = options;
  if (!Number.isInteger(columns) || columns < 16) throw new RangeError(`columns must be an integer ≥ 16, got ${columns}`);
  const dots = columns * DOTS_PER_COLUMN;
  const lines: LayoutLine[] = [];
  const issues: LayoutIssue[] = [];
  let block = HEADER_BLOCK;

  const prepare = (text: string) => {
    const prepared = prepareText(text, encode, options);
    for (const issue of prepared.issues) issues.push({ ...issue, block });
    return prepared;
  };

  const place = (text: string, textColumns: number, style: LineStyle, align: BlockAlign, indent = 0) => {
    const free = columns - indent - textColumns;
    let offset = align === 'center' ? Math.floor(free / 2) : align === 'right' ? free : 0;
    offset -= offset % style.width;
    lines.push({ kind: 'text', indent: indent + Math.max(0, offset), text, columns: textColumns, style });
  };

  const qr = (payload: string) => {
    const bytes = encodeUtf8(payload).length;
    const versionIndex = QR_CAPACITY_M.findIndex((capacity) => capacity >= bytes);
    if (versionIndex < 0) {
      issues.push({ kind: 'qr-too-long', block, payloadBytes: bytes });
      return;
    }
    const version = versionIndex + 1;
    const modules = 17 + 4 * version + 8;
    // §5: module 5–6 dots on 58 mm, 6–8 on 80 mm; shrink if the symbol would not fit the paper.
    const preferred = columns >= 48 ? 8 : 6;
    const moduleSize = Math.max(1, Math.min(preferred, Math.floor(dots / modules)));
    lines.push({ kind: 'qr', payload, payloadBytes: bytes, errorLevel: 'M', version, moduleSize, sizeDots: modules * moduleSize });
  };

  /**
   * Wraps text (paragraphs separated by \n): the first line after `prefix`, every other line indented by the
   * prefix width (hanging indent). An ASCII URL too wide for the line is never wrapped: it is replaced by a
   * pointer and printed as a QR code after the text.
   */
  const paragraph = (text: string, style: LineStyle, align: BlockAlign, prefix = '', baseIndent = 0) => {
    const head = prefix === '' ? undefined : prepare(prefix);
    const hang = (head?.columns ?? 0) * style.width;
    const width = columns - baseIndent - hang;
    const codes: string[] = [];
    text.split(/\r?\n/).forEach((raw, part) => {
      const withPointers = raw.replace(/https?:\/\/[\x21-\x7e]+/g, (match) => {
        const url = match.replace(/[.,;:!?)\]}'"]+$/, '');
        if (url.length * style.width <= width) return match;
        codes.push(url);
        return `（网址见下方二维码${codes.length > 1 ? codes.length : ''}）${match.slice(url.length)}`;
      });
      const body = prepare(withPointers);
      const broken = breakLines(body.chars, width, style.width);
      for (const split of broken.forcedSplits) issues.push({ kind: 'forced-split', block, text: split });
      broken.lines.forEach((line, index) => {
        if (head !== undefined && part === 0 && index === 0) place(head.text + line.text, hang + line.columns, style, align, baseIndent);
        else place(line.text, line.columns, style, align, baseIndent + hang);
      });
    });
    for (const url of codes) qr(url);
  };

  const prose = (text: string, style: LineStyle, align: BlockAlign) => paragraph(text, style, align);

  const header = (h: ReceiptHeader) => {
    block = HEADER_BLOCK;
    prose(h.siteName, BOLD_STYLE, 'center');
    keyValue('时间', h.issuedAt);
    keyValue('编号', h.reference);
    lines.push(rule('-'));
  };

  const keyValue = (key: string, value: string) => {
    const prefix = `${key}：`;
    const keyColumns = prepare(prefix).columns;
    if (keyColumns <= columns / 2) {
      paragraph(value, NORMAL_STYLE, 'left', prefix);
    } else {
      paragraph(prefix, NORMAL_STYLE, 'left');
      paragraph(value, NORMAL_STYLE, 'left', '', 2);
    }
  };

  const rule = (char: '-' | '='): LayoutTextLine => ({ kind: 'text', indent: 0, text: char.repeat(columns), columns, style: NORMAL_STYLE });

  const list = (items: readonly string[], prefixes: readonly string[]) => {
    items.forEach((item, index) => paragraph(item, NORMAL_STYLE, 'left', prefixes[index] ?? ''));
  };

  header(document.header);
  document.blocks.forEach((b, index) => {
    block = index;
    switch (b.type) {
      case 'title':
        prose(b.text, TITLE_STYLE, b.align ?? 'center');
        break;
      case 'heading':
        prose(b.text, BOLD_STYLE, 'left');
        break;
      case 'text':
        prose(b.text, b.bold === true ? BOLD_STYLE : NORMAL_STYLE, b.align ?? 'left');
        break;
      case 'steps': {
        const start = b.start ?? 1;
        const digits = String(start + b.items.length - 1).length;
        list(
          b.items,
          b.items.map((_, i) => `${String(start + i).padStart(digits, ' ')}. `),
        );
        break;
      }
      case 'checklist':
        list(
          b.items,
          b.items.map(() => `${CHECKBOX} `),
        );
        break;
      case 'bullets':
        list(
          b.items,
          b.items.map(() => '· '),
        );
        break;
      case 'keyValue':
        for (const row of b.rows) keyValue(row.key, row.value);
        break;
      case 'separator':
        lines.push(rule(b.char ?? '-'));
        break;
      case 'blank':
        lines.push({ kind: 'text', indent: 0, text: '', columns: 0, style: NORMAL_STYLE });
        break;
      case 'qr':
        qr(b.payload);
        if (b.caption !== undefined) prose(b.caption, NORMAL_STYLE, 'center');
        break;
      case 'cut':
        lines.push({ kind: 'cut' });
        break;
    }
  });
  block = FOOTER_BLOCK;
  lines.push(rule('-'));
  prose(RECEIPT_FOOTER, NORMAL_STYLE, 'center');
  if (lines.at(-1)?.kind !== 'cut') lines.push({ kind: 'cut' });
  return { columns, dots, lines, issues };
}

/**
 * The layout as monospaced text, one string per printed line (a QR code is one bracketed line, a cut is a row
 * of 8<). Used by golden tests and the CLI; the GUI preview draws the same lines with styles.
 */
export function renderLayoutText(layout: ReceiptLayout): string[] {
  return layout.lines.map((line) => {
    if (line.kind === 'cut') return '8<'.padEnd(layout.columns, '-');
    if (line.kind === 'qr') {
      const label = `[QR v${line.version} ×${line.moduleSize}: ${line.payload}]`;
      return ' '.repeat(Math.max(0, Math.floor((layout.columns - label.length) / 2))) + label;
    }
    return (' '.repeat(line.indent) + line.text).trimEnd();
  });
}
