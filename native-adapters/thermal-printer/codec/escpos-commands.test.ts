import { describe, expect, it } from 'vitest';
import {
  chineseModeOff,
  chineseModeOn,
  concatBytes,
  defaultLineSpacing,
  feedAndCut,
  feedLines,
  initialize,
  lineFeed,
  qrCode,
  realTimeStatus,
  setAlignment,
  setBold,
  setCharacterSize,
  setLineSpacing,
} from './escpos-commands';
import { encodeUtf8 } from './gb18030-text';

/** Bytes as the spec writes them: upper-case hex pairs separated by spaces. */
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

describe('ESC/POS command builders (escpos-printer.md §2)', () => {
  it('initialises and switches Chinese mode', () => {
    expect(hex(initialize())).toBe('1B 40');
    expect(hex(chineseModeOn())).toBe('1C 26');
    expect(hex(chineseModeOff())).toBe('1C 2E');
  });

  it('GS ! puts width − 1 in the high nibble and height − 1 in the low nibble', () => {
    expect(hex(setCharacterSize(1, 1))).toBe('1D 21 00');
    expect(hex(setCharacterSize(1, 2))).toBe('1D 21 01'); // double height only: the spec's 58 mm title
    expect(hex(setCharacterSize(2, 1))).toBe('1D 21 10');
    expect(hex(setCharacterSize(2, 2))).toBe('1D 21 11');
    expect(hex(setCharacterSize(8, 8))).toBe('1D 21 77');
    expect(() => setCharacterSize(9 as 8, 1)).toThrow(RangeError);
  });

  it('aligns, emphasises, spaces lines and feeds', () => {
    expect(hex(setAlignment('left'))).toBe('1B 61 00');
    expect(hex(setAlignment('center'))).toBe('1B 61 01');
    expect(hex(setAlignment('right'))).toBe('1B 61 02');
    expect(hex(setBold(true))).toBe('1B 45 01');
    expect(hex(setBold(false))).toBe('1B 45 00');
    expect(hex(setLineSpacing(32))).toBe('1B 33 20');
    expect(hex(defaultLineSpacing())).toBe('1B 32');
    expect(hex(lineFeed())).toBe('0A');
    expect(hex(feedLines(5))).toBe('1B 64 05');
    expect(() => feedLines(256)).toThrow(RangeError);
  });

  it('cuts with GS V 42 00 (feed to cutter, partial) by default', () => {
    expect(hex(feedAndCut())).toBe('1D 56 42 00');
    expect(hex(feedAndCut('full', 3))).toBe('1D 56 41 03');
  });

  it('asks real-time status with DLE EOT n', () => {
    expect(hex(realTimeStatus(1))).toBe('10 04 01');
    expect(hex(realTimeStatus(4))).toBe('10 04 04');
  });
});

describe('QR code, GS ( k (§5)', () => {
  it('reproduces the worked example byte for byte', () => {
    const payload = ascii('https://example.cn/r/A1B2C3');
    const bytes = concatBytes([setAlignment('center'), qrCode(payload, { moduleSize: 6, errorLevel: 'M' }), lineFeed()]);
    expect(hex(bytes)).toBe(
      [
        '1B 61 01',
        '1D 28 6B 04 00 31 41 32 00',
        '1D 28 6B 03 00 31 43 06',
        '1D 28 6B 03 00 31 45 31',
        '1D 28 6B 1E 00 31 50 30 68 74 74 70 73 3A 2F 2F 65 78 61 6D 70 6C 65 2E 63 6E 2F 72 2F 41 31 42 32 43 33',
        '1D 28 6B 03 00 31 51 30',
        '0A',
      ].join(' '),
    );
  });

  it('declares the BYTE length of a Chinese payload (UTF-8), not the character count', () => {
    const data = encodeUtf8('法律服务'); // 4 characters, 12 UTF-8 bytes
    expect(data.length).toBe(12);
    const store = qrCode(data).slice(25, 33); // the fn 180 header follows the 9-, 8- and 8-byte setup functions
    expect(hex(store)).toBe('1D 28 6B 0F 00 31 50 30'); // 12 + 3 = 0x0F; node-thermal-printer sends 07 00
  });

  it('carries pH for payloads of 253 bytes and more', () => {
    const data = new Uint8Array(300).fill(0x41);
    const bytes = qrCode(data);
    expect(hex(bytes.slice(25, 33))).toBe('1D 28 6B 2F 01 31 50 30'); // 303 = 0x012F
    expect(bytes.length).toBe(9 + 8 + 8 + 8 + 300 + 8);
  });

  it('selects the error level and rejects what the printer cannot store', () => {
    expect(hex(qrCode(ascii('x'), { errorLevel: 'H' }).slice(17, 25))).toBe('1D 28 6B 03 00 31 45 33');
    expect(() => qrCode(new Uint8Array(0))).toThrow(RangeError);
    expect(() => qrCode(new Uint8Array(7090))).toThrow(RangeError);
    expect(() => qrCode(ascii('x'), { moduleSize: 17 })).toThrow(RangeError);
  });
});
