import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createGb18030Encoder } from '../node/gb18030';
import { encodeReceipt } from './encode-receipt';
import { layoutReceipt } from './layout-receipt';
import type { ReceiptLayout } from './layout-receipt';
import { buildLawArticleReceipt, buildOutcomeReceipt, buildQaReceipt } from '../../../electron/common/receipts/receipt-builders';
import { buildSelfTestReceipt } from './self-test-receipt';
import type { ReceiptDocument } from './receipt-document';
import { sampleArticle, sampleHeader, sampleOutcome, sampleQa } from '../../../electron/common/receipts/sample-receipts';

const encode = createGb18030Encoder();
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');

type Printed = { kind: 'text'; text: string; size: number; bold: boolean } | { kind: 'qr'; payload: string; moduleSize: number } | { kind: 'cut' };

/**
 * Reads the encoder's output the way a printer in Chinese mode would (only the commands the encoder may send;
 * anything else fails the test). Text bytes: 00–7F single, 81–FE lead + trail.
 */
function readBack(bytes: Uint8Array): Printed[] {
  const out: Printed[] = [];
  let text: number[] = [];
  let size = 0;
  let bold = false;
  let chinese = false;
  let module = 0;
  let stored = new Uint8Array(0);
  let i = 0;
  const at = (k: number) => {
    const b = bytes[k];
    if (b === undefined) throw new Error(`truncated command at ${i}`);
    return b;
  };
  while (i < bytes.length) {
    const b = at(i);
    const cmd = `${b.toString(16)} ${bytes[i + 1]?.toString(16)}`;
    if (b === 0x1b && at(i + 1) === 0x40) {
      i += 2;
    } else if (b === 0x1c && at(i + 1) === 0x26) {
      chinese = true;
      i += 2;
    } else if (b === 0x1b && [0x33, 0x61].includes(at(i + 1))) {
      i += 3;
    } else if (b === 0x1b && at(i + 1) === 0x45) {
      bold = at(i + 2) === 1;
      i += 3;
    } else if (b === 0x1d && at(i + 1) === 0x21) {
      size = at(i + 2);
      i += 3;
    } else if (b === 0x1d && at(i + 1) === 0x56 && at(i + 2) === 0x42) {
      out.push({ kind: 'cut' });
      i += 4;
    } else if (b === 0x1d && at(i + 1) === 0x28 && at(i + 2) === 0x6b) {
      const length = at(i + 3) + 256 * at(i + 4);
      const fn = at(i + 6);
      if (fn === 0x43) module = at(i + 7);
      if (fn === 0x50) stored = bytes.slice(i + 8, i + 5 + length);
      if (fn === 0x51) out.push({ kind: 'qr', payload: new TextDecoder('utf-8', { fatal: true }).decode(stored), moduleSize: module });
      i += 5 + length;
    } else if (b === 0x0a) {
      // An empty line prints nothing, so its style cannot be observed (-1 / false).
      out.push(
        text.length === 0 ? { kind: 'text', text: '', size: -1, bold: false } : { kind: 'text', text: iconv.decode(Buffer.from(text), 'gb18030'), size, bold },
      );
      text = [];
      i += 1;
    } else if (b >= 0x20 && b < 0x7f) {
      text.push(b);
      i += 1;
    } else if (b >= 0x81 && b <= 0xfe && chinese) {
      const trail = at(i + 1);
      if (!((trail >= 0x40 && trail <= 0x7e) || (trail >= 0x80 && trail <= 0xfe))) throw new Error(`bad trail byte at ${i + 1}`);
      text.push(b, trail);
      i += 2;
    } else {
      throw new Error(`unexpected bytes ${cmd} at ${i}`);
    }
  }
  // A QR is followed by the LF that prints it; that is not a text line.
  return out.filter((p, k) => !(p.kind === 'text' && p.text === '' && out[k - 1]?.kind === 'qr'));
}

function expected(layout: ReceiptLayout): Printed[] {
  return layout.lines.map((line): Printed => {
    if (line.kind === 'text') {
      if (line.text === '') return { kind: 'text', text: '', size: -1, bold: false };
      const size = ((line.style.width - 1) << 4) | (line.style.height - 1);
      return { kind: 'text', text: ' '.repeat(line.indent / line.style.width) + line.text, size, bold: line.style.bold };
    }
    if (line.kind === 'qr') return { kind: 'qr', payload: line.payload, moduleSize: line.moduleSize };
    return { kind: 'cut' };
  });
}

const documents: [string, ReceiptDocument][] = [
  ['outcome', buildOutcomeReceipt(sampleHeader, sampleOutcome)],
  ['law article', buildLawArticleReceipt(sampleHeader, sampleArticle)],
  ['Q&A', buildQaReceipt(sampleHeader, sampleQa)],
  ['self-test', buildSelfTestReceipt(sampleHeader, { columns: 32, qrPayload: 'FATONG SELF-TEST A7K3Q2' })],
];

describe('encodeReceipt', () => {
  it('opens with ESC @, FS &, ESC 3 32 and closes with GS V 42 00', () => {
    const { bytes, issues } = encodeReceipt(layoutReceipt(documents[0]![1], { columns: 32, encode }), encode);
    expect(hex(bytes.slice(0, 7))).toBe('1B 40 1C 26 1B 33 20');
    expect(hex(bytes.slice(-4))).toBe('1D 56 42 00');
    expect(issues).toEqual([]);
  });

  it('prints the spec’s example lines with the spec’s bytes (§7)', () => {
    const layout = layoutReceipt(
      {
        header: { siteName: '示例', issuedAt: '2026-11-22 14:05', reference: 'A1' },
        blocks: [
          { type: 'title', text: '社区法律服务回执' },
          { type: 'text', text: '业务：法律咨询\n编号：A20240501-007' },
        ],
      },
      { columns: 32, encode },
    );
    const stream = hex(encodeReceipt(layout, encode).bytes);
    // Title: double height only (1D 21 01), bold, centred by 8 spaces (16 of 32 columns).
    expect(stream).toContain('1D 21 01 1B 45 01 20 20 20 20 20 20 20 20 C9 E7 C7 F8 B7 A8 C2 C9 B7 FE CE F1 BB D8 D6 B4 0A');
    expect(stream).toContain('1D 21 00 1B 45 00 D2 B5 CE F1 A3 BA B7 A8 C2 C9 D7 C9 D1 AF 0A');
    expect(stream).toContain('0A B1 E0 BA C5 A3 BA 41 32 30 32 34 30 35 30 31 2D 30 30 37 0A');
    expect(stream).toContain(`${Array(32).fill('2D').join(' ')} 0A`);
  });

  it('centres QR codes with ESC a and declares their byte length', () => {
    const layout = layoutReceipt({ header: sampleHeader, blocks: [{ type: 'qr', payload: 'https://example.cn/r/A1B2C3' }] }, { columns: 32, encode });
    expect(hex(encodeReceipt(layout, encode).bytes)).toContain(
      '1B 61 01 1D 28 6B 04 00 31 41 32 00 1D 28 6B 03 00 31 43 06 1D 28 6B 03 00 31 45 31 1D 28 6B 1E 00 31 50 30 68 74 74 70 73 3A 2F 2F 65 78 61 6D 70 6C 65 2E 63 6E 2F 72 2F 41 31 42 32 43 33 1D 28 6B 03 00 31 51 30 0A 1B 61 00',
    );
  });

  for (const [name, document] of documents) {
    for (const columns of [32, 48]) {
      it(`${name}, ${columns} columns: a printer reading the bytes prints exactly the layout`, () => {
        const layout = layoutReceipt(document, { columns, encode });
        expect(readBack(encodeReceipt(layout, encode).bytes)).toEqual(expected(layout));
      });
    }
  }

  it('keeps a typical outcome receipt under 2 KB on both paper widths (about 2 s at 9600 baud)', () => {
    for (const columns of [32, 48]) {
      const { bytes } = encodeReceipt(layoutReceipt(documents[0]![1], { columns, encode }), encode);
      expect(bytes.length).toBeGreaterThan(500);
      expect(bytes.length).toBeLessThan(2048);
    }
  });

  it('re-checks text it did not lay out itself', () => {
    const layout: ReceiptLayout = {
      columns: 32,
      dots: 384,
      issues: [],
      lines: [{ kind: 'text', indent: 0, text: '𠮷', columns: 2, style: { bold: false, width: 1, height: 1 } }],
    };
    const { bytes, issues } = encodeReceipt(layout, encode);
    expect(issues.map((x) => x.kind)).toEqual(['four-byte']);
    expect(hex(bytes.slice(7))).toBe('A1 FE 0A');
  });
});
