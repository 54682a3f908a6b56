import type { LayoutLine, ReceiptLayout } from '../../../../electron/common/contract/receipt-api';

/**
 * The receipt preview grid: the host's layout drawn on a grid of 12-dot cells, each glyph on its
 * own cells, so the screen shows the slip as the printer's font A lays it out. Pure: no DOM.
 */

/** Text line pitch on paper (ESC 3 32). */
export const LINE_PITCH_DOTS = 32;
export const DOTS_PER_CELL = 12;

export interface PreviewGlyph {
  char: string;
  /** First cell of the glyph. */
  cell: number;
  /** Cells it takes: ASCII 1, others 2, × the line's width. */
  cells: number;
}

export type PreviewRow =
  | { kind: 'text'; top: number; height: number; bold: boolean; heightScale: 1 | 2; widthScale: 1 | 2; glyphs: PreviewGlyph[] }
  | { kind: 'qr'; top: number; height: number; left: number; size: number; payload: string }
  | { kind: 'cut'; top: number; height: number };

/** Cells one character takes (what the printer's font A does: single-byte 1 cell, double-byte 2). */
export function charCells(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x80 ? 1 : 2;
}

function textGlyphs(line: Extract<LayoutLine, { kind: 'text' }>): PreviewGlyph[] {
  const glyphs: PreviewGlyph[] = [];
  let cell = line.indent;
  for (const char of line.text) {
    const cells = charCells(char) * line.style.width;
    glyphs.push({ char, cell, cells });
    cell += cells;
  }
  return glyphs;
}

/** Every line of a layout with its position in dots (top, height) and each glyph's cells. */
export function previewRows(layout: ReceiptLayout): { rows: PreviewRow[]; heightDots: number } {
  const rows: PreviewRow[] = [];
  let top = 0;
  for (const line of layout.lines) {
    if (line.kind === 'text') {
      const height = LINE_PITCH_DOTS * line.style.height;
      rows.push({ kind: 'text', top, height, bold: line.style.bold, heightScale: line.style.height, widthScale: line.style.width, glyphs: textGlyphs(line) });
      top += height;
    } else if (line.kind === 'qr') {
      rows.push({
        kind: 'qr',
        top,
        height: line.sizeDots,
        left: Math.max(0, Math.round((layout.dots - line.sizeDots) / 2)),
        size: line.sizeDots,
        payload: line.payload,
      });
      top += line.sizeDots;
    } else {
      rows.push({ kind: 'cut', top, height: LINE_PITCH_DOTS });
      top += LINE_PITCH_DOTS;
    }
  }
  return { rows, heightDots: top };
}
