import { describe, expect, it } from 'vitest';
import type { ReceiptLayout } from '../../../../electron/common/contract/receipt-api';
import { charCells, previewRows } from './receipt-paper-grid';

describe('receipt preview grid', () => {
  const layout: ReceiptLayout = {
    columns: 32,
    dots: 384,
    lines: [
      { kind: 'text', indent: 8, text: '法律援助申请预审', columns: 16, style: { bold: true, width: 1, height: 2 } },
      { kind: 'text', indent: 0, text: '1. 带上A4纸', columns: 11, style: { bold: false, width: 1, height: 1 } },
      { kind: 'qr', payload: 'https://x.cn', payloadBytes: 12, errorLevel: 'M', version: 1, moduleSize: 6, sizeDots: 174 },
      { kind: 'cut' },
    ],
    issues: [],
  };
  it('places each glyph on its cells: ASCII one, CJK two, from the indent', () => {
    const { rows } = previewRows(layout);
    const [title, step] = rows;
    expect(title?.kind === 'text' && title.glyphs.map((g) => g.cell)).toEqual([8, 10, 12, 14, 16, 18, 20, 22]);
    expect(step?.kind === 'text' && step.glyphs.map((g) => [g.char, g.cell, g.cells])).toEqual([
      ['1', 0, 1],
      ['.', 1, 1],
      [' ', 2, 1],
      ['带', 3, 2],
      ['上', 5, 2],
      ['A', 7, 1],
      ['4', 8, 1],
      ['纸', 9, 2],
    ]);
  });
  it('adds the glyph cells up to the layout’s own column count', () => {
    for (const line of layout.lines) {
      if (line.kind !== 'text') continue;
      expect([...line.text].reduce((sum, c) => sum + charCells(c) * line.style.width, 0)).toBe(line.columns);
    }
  });
  it('stacks lines at the paper’s pitch: double height twice as tall, the QR centred', () => {
    const { rows, heightDots } = previewRows(layout);
    expect(rows.map((r) => [r.top, r.height])).toEqual([
      [0, 64],
      [64, 32],
      [96, 174],
      [270, 32],
    ]);
    expect(rows[2]?.kind === 'qr' && rows[2].left).toBe(105);
    expect(heightDots).toBe(302);
  });
});
