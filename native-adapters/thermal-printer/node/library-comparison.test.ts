/**
 * Evidence for ARCHITECTURE.md "Why our own codec": the two npm candidates run on the same inputs as our codec,
 * byte for byte, against shared/protocols/escpos-printer.md. If a future version of either library fixes these
 * points, this test fails and the decision should be revisited.
 */
import ntp from 'node-thermal-printer';
import receiptline from 'receiptline';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { qrCode } from '../codec/escpos-commands';
import { encodeGb18030Text, encodeUtf8, prepareText } from '../codec/gb18030-text';
import { breakLines } from '../receipt/line-breaker';
import { encodeReceipt } from '../receipt/encode-receipt';
import { layoutReceipt } from '../receipt/layout-receipt';
import { createGb18030Encoder } from './gb18030';

const encode = createGb18030Encoder();
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
const binary = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function thermalPrinter(characterSet?: 'CHINA') {
  // A network interface object is only created here; nothing connects until execute(), which we never call.
  return new ntp.ThermalPrinter({
    type: ntp.PrinterTypes.EPSON,
    interface: 'tcp://127.0.0.1:9',
    width: 32,
    ...(characterSet === undefined ? {} : { characterSet: ntp.CharacterSet.CHINA }),
  });
}

describe('node-thermal-printer 4.6.1 (the product card’s choice)', () => {
  beforeEach(() => {
    // It logs the failed code-page guesses; keep the test output clean.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => vi.restoreAllMocks());

  it('without a character set sends 中国 as EUC-JP after ESC R 8 (§8.3 cause 1)', () => {
    const printer = thermalPrinter();
    printer.print('中国测试镕');
    expect(hex(printer.getBuffer())).toBe('1B 52 08 C3 E6 B9 F1 1B 52 0F B2 E2 CA D4 E9 46');
    expect(hex(encodeGb18030Text('中国测试镕', encode).bytes)).toBe('D6 D0 B9 FA B2 E2 CA D4 E9 46');
  });

  it('with CHINA sends GBK but never switches Chinese mode on (no FS &)', () => {
    const printer = thermalPrinter('CHINA');
    printer.print('中国测试镕');
    const bytes = hex(printer.getBuffer());
    expect(bytes).toBe('1B 52 0F D6 D0 B9 FA B2 E2 CA D4 E9 46');
    expect(bytes).not.toContain('1C 26');
  });

  it('declares the UTF-16 length for a Chinese QR payload (07 00 for 12 bytes)', () => {
    const printer = thermalPrinter('CHINA');
    printer.printQR('法律服务', { cellSize: 6, correction: 'M', model: 2 });
    expect(hex(printer.getBuffer())).toContain('1D 28 6B 07 00 31 50 30 E6 B3 95 E5 BE 8B E6 9C 8D E5 8A A1');
    expect(hex(qrCode(encodeUtf8('法律服务')))).toContain('1D 28 6B 0F 00 31 50 30 E6 B3 95 E5 BE 8B E6 9C 8D E5 8A A1');
  });

  it('counts 姓名 as 2 columns: leftRight overflows a 32-column line', () => {
    const printer = thermalPrinter('CHINA');
    printer.leftRight('姓名', '张三');
    const line = printer.getBuffer().subarray(3, -1); // after ESC R 15, before LF
    expect(line.length).toBe(36); // 4 + 28 spaces + 4 bytes = 36 columns on a 32-column head
    expect(prepareText('姓名', encode).columns).toBe(4);
  });

  it('re-initialises after cut (ESC @ drops Chinese mode) and feeds 8 lines first', () => {
    const printer = thermalPrinter('CHINA');
    printer.cut();
    expect(hex(printer.getBuffer())).toBe('1B 52 0F 1B 64 04 1B 64 04 1D 56 00 1B 40');
  });
});

describe('receiptline 4.0.4 (gb18030 encoding, CJK widths)', () => {
  const doc = '一二三四五六七八九十一二三四五六，七八九\nhttps://example.cn/r/A1B2C3/very/long/path/that/exceeds/the/width';

  it('starts a line with ， and splits a URL in the middle', () => {
    const text = receiptline
      .transform(doc, { cpl: 32, encoding: 'gb18030', command: 'text' })
      .split('\n')
      .map((l) => l.trim());
    expect(text[1]?.startsWith('，')).toBe(true);
    expect(text[2]).toBe('https://example.cn/r/A1B2C3/very');
    const ours = breakLines(prepareText('一二三四五六七八九十一二三四五六，七八九', encode).chars, 32).lines.map((l) => l.text);
    expect(ours).toEqual(['一二三四五六七八九十一二三四五', '六，七八九']);
  });

  it('does switch Chinese mode on (FS &) with the same GB bytes as ours', () => {
    const bytes = hex(binary(receiptline.transform('业务：法律咨询', { cpl: 32, encoding: 'gb18030', command: 'epson' })));
    expect(bytes).toContain('1B 74 00 1C 26 D2 B5 CE F1 A3 BA B7 A8 C2 C9 D7 C9 D1 AF 0A');
  });

  it('prints a QR code as a raster image, not GS ( k: one short URL costs more than our whole receipt', () => {
    const qr = binary(receiptline.transform('{code:https://example.cn/r/A1B2C3; option:qrcode,6,m}', { cpl: 32, encoding: 'gb18030', command: 'epson' }));
    expect(hex(qr)).not.toContain('1D 28 6B');
    expect(hex(qr)).toContain('1D 38 4C'); // GS 8 L: graphics data
    const ours = encodeReceipt(
      layoutReceipt(
        { header: { siteName: '示例', issuedAt: '2026-11-22 14:05', reference: 'A1' }, blocks: [{ type: 'qr', payload: 'https://example.cn/r/A1B2C3' }] },
        { columns: 32, encode },
      ),
      encode,
    );
    expect(qr.length).toBeGreaterThan(2048);
    expect(ours.bytes.length).toBeLessThan(300);
  });
});
