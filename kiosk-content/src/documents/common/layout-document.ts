import type { DocumentBlock, DocumentContent } from './compose-document';
import { generatedNotice } from './compose-document';
import { breakText } from './line-break';

/**
 * Lays a composed document out on A4 pages: positioned text and rules, in PDF points with the
 * origin at the top left and `y` the text baseline. The PDF writer draws exactly these items and
 * the screen's preview draws the same items as SVG, so what the resident checks is what prints.
 */
export const A4 = { width: 595.28, height: 841.89 } as const;

export interface LayoutText {
  kind: 'text';
  x: number;
  /** Baseline. */
  y: number;
  size: number;
  bold: boolean;
  text: string;
  /** Advance width in points, as measured with the document font. */
  width: number;
}
export interface LayoutRule {
  kind: 'rule';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  lineWidth: number;
}
export type LayoutItem = LayoutText | LayoutRule;

export interface DocumentLayout {
  width: number;
  height: number;
  pages: { items: LayoutItem[] }[];
}

/** Advance width of `text` at `size` points in the regular or bold face. */
export type FontMeasure = (text: string, size: number, bold: boolean) => number;

const margin = { left: 68, right: 68, top: 72, bottom: 80 };
const body = 12;
const lineGap = 1.65;
const labelWidth = 124;
const cellPad = 6;

export function layoutDocument(content: DocumentContent, measure: FontMeasure): DocumentLayout {
  const contentWidth = A4.width - margin.left - margin.right;
  const pages: { items: LayoutItem[] }[] = [];
  let items: LayoutItem[] = [];
  let y = margin.top;
  const bottom = A4.height - margin.bottom;
  const newPage = () => {
    items = [];
    pages.push({ items });
    y = margin.top;
  };
  newPage();
  const text = (x: number, baseline: number, size: number, bold: boolean, t: string) => {
    if (t === '') return;
    items.push({ kind: 'text', x, y: baseline, size, bold, text: t, width: measure(t, size, bold) });
  };
  const rule = (x1: number, y1: number, x2: number, y2: number, lineWidth = 0.6) => items.push({ kind: 'rule', x1, y1, x2, y2, lineWidth });
  const ensure = (height: number) => {
    if (y + height > bottom) newPage();
  };
  const centred = (t: string, size: number, bold: boolean, spaceAfter: number) => {
    const lines = breakText(t, contentWidth, (s) => measure(s, size, bold));
    for (const line of lines) {
      ensure(size * lineGap);
      y += size * lineGap;
      text(margin.left + (contentWidth - measure(line, size, bold)) / 2, y - size * 0.35, size, bold, line);
    }
    y += spaceAfter;
  };
  const lineHeight = body * lineGap;

  const row = (block: Extract<DocumentBlock, { kind: 'row' }>) => {
    const valueWidth = contentWidth - labelWidth - cellPad * 2;
    const labelLines = breakText(block.label, labelWidth - cellPad * 2, (s) => measure(s, body, true));
    // An empty answer keeps two lines of room for the pen.
    const valueLines = block.value === '' ? ['', ''] : breakText(block.value, valueWidth, (s) => measure(s, body, false));
    let index = 0;
    let first = true;
    while (index < valueLines.length || first) {
      const room = Math.floor((bottom - y - cellPad * 2) / lineHeight);
      const needed = Math.max(labelLines.length, valueLines.length - index);
      if (room < Math.min(needed, 2)) {
        newPage();
        continue;
      }
      const take = Math.min(room, valueLines.length - index);
      const rows = Math.max(first ? labelLines.length : 1, take, 1);
      const top = y;
      const height = rows * lineHeight + cellPad * 2;
      const labels = first ? labelLines : [`${block.label}（续）`];
      labels.forEach((l, i) => text(margin.left + cellPad, top + cellPad + (i + 1) * lineHeight - body * 0.45, body, true, l));
      valueLines
        .slice(index, index + take)
        .forEach((l, i) => text(margin.left + labelWidth + cellPad, top + cellPad + (i + 1) * lineHeight - body * 0.45, body, false, l));
      rule(margin.left, top, margin.left + contentWidth, top);
      rule(margin.left, top + height, margin.left + contentWidth, top + height);
      rule(margin.left, top, margin.left, top + height);
      rule(margin.left + labelWidth, top, margin.left + labelWidth, top + height);
      rule(margin.left + contentWidth, top, margin.left + contentWidth, top + height);
      y = top + height;
      index += take;
      first = false;
      if (index >= valueLines.length) break;
      newPage();
    }
  };

  for (const block of content.blocks) {
    switch (block.kind) {
      case 'title':
        centred(block.text, 22, true, 4);
        break;
      case 'subtitle':
        centred(block.text, 15, false, 10);
        break;
      case 'heading': {
        // Keep a heading with the first row below it.
        ensure(14 * lineGap + lineHeight * 2 + cellPad * 2 + 8);
        y += 8 + 14 * lineGap;
        text(margin.left, y - 14 * 0.4, 14, true, block.text);
        y += 4;
        break;
      }
      case 'row':
        row(block);
        break;
      case 'paragraph': {
        y += 6;
        const lines = breakText(block.text, contentWidth - body * 2, (s) => measure(s, body, false));
        lines.forEach((line, i) => {
          ensure(lineHeight);
          y += lineHeight;
          text(margin.left + (i === 0 ? body * 2 : 0), y - body * 0.45, body, false, line);
        });
        break;
      }
      case 'closing': {
        ensure(lineHeight * 3 + 12);
        y += 12 + lineHeight;
        text(margin.left + body * 2, y - body * 0.45, body, false, block.salutation);
        y += lineHeight;
        text(margin.left, y - body * 0.45, body, false, block.addressee);
        break;
      }
      case 'signature': {
        ensure(block.lines.length * lineHeight * 2 + 16);
        y += 16;
        const x = margin.left + contentWidth * 0.45;
        for (const line of block.lines) {
          y += lineHeight * 2;
          text(x, y - body * 0.45, body, false, line);
          if (line.endsWith('：')) rule(x + measure(line, body, false), y - body * 0.2, margin.left + contentWidth, y - body * 0.2);
        }
        break;
      }
    }
  }

  const total = pages.length;
  pages.forEach((page, i) => {
    const footY = A4.height - margin.bottom / 2;
    const notice = generatedNotice;
    const number = `第${String(i + 1)}页 共${String(total)}页`;
    page.items.push({ kind: 'rule', x1: margin.left, y1: footY - 16, x2: margin.left + contentWidth, y2: footY - 16, lineWidth: 0.4 });
    page.items.push({ kind: 'text', x: margin.left, y: footY, size: 9, bold: false, text: notice, width: measure(notice, 9, false) });
    const w = measure(number, 9, false);
    page.items.push({ kind: 'text', x: margin.left + contentWidth - w, y: footY, size: 9, bold: false, text: number, width: w });
  });
  return { width: A4.width, height: A4.height, pages };
}
