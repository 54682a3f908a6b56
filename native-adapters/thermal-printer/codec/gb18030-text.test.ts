import { describe, expect, it } from 'vitest';
import { createGb18030Encoder } from '../node/gb18030';
import { classifyGb18030, encodeGb18030Text, encodeUtf8, prepareText, SUBSTITUTE_CHAR } from './gb18030-text';

const encode = createGb18030Encoder();
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');

describe('GB18030 text (escpos-printer.md §4)', () => {
  it('encodes the spec’s example lines byte for byte (§4.4)', () => {
    expect(hex(encodeGb18030Text('社区法律服务回执', encode).bytes)).toBe('C9 E7 C7 F8 B7 A8 C2 C9 B7 FE CE F1 BB D8 D6 B4');
    expect(hex(encodeGb18030Text('业务：法律咨询', encode).bytes)).toBe('D2 B5 CE F1 A3 BA B7 A8 C2 C9 D7 C9 D1 AF');
    expect(hex(encodeGb18030Text('编号：A20240501-007', encode).bytes)).toBe('B1 E0 BA C5 A3 BA 41 32 30 32 34 30 35 30 31 2D 30 30 37');
    expect(hex(encodeGb18030Text('请扫码查看办理进度', encode).bytes)).toBe('C7 EB C9 A8 C2 EB B2 E9 BF B4 B0 EC C0 ED BD F8 B6 C8');
  });

  it('counts columns from the bytes: ASCII 1, double-byte 2 (§3)', () => {
    expect(prepareText('社区法律服务回执', encode).columns).toBe(16);
    expect(prepareText('编号：A20240501-007', encode).columns).toBe(19);
    expect(prepareText('姓名', encode).columns).toBe(4); // string.length would say 2
    expect(prepareText('中', encode).chars[0]).toMatchObject({ columns: 2 });
  });

  it('keeps GBK-extension name characters, which are 2-byte (§4.2)', () => {
    const result = encodeGb18030Text('镕喆堃昇赟', encode);
    expect(hex(result.bytes)).toBe('E9 46 86 B4 88 D2 95 4E DA 53');
    expect(result.issues).toEqual([]);
  });

  it('detects a 4-byte sequence, prints a visible substitute and reports it', () => {
    expect(hex(encode('𠮷'))).toBe('95 34 B2 35');
    expect(classifyGb18030(encode('𠮷'))).toBe('four-byte');
    const result = prepareText('吉𠮷家', encode);
    expect(result.text).toBe(`吉${SUBSTITUTE_CHAR}家`);
    expect(result.columns).toBe(6);
    expect(result.issues).toEqual([{ kind: 'four-byte', char: '𠮷', codePoint: 0x20bb7, replacement: SUBSTITUTE_CHAR }]);
    expect(hex(encodeGb18030Text('𠮷', encode).bytes)).toBe('A1 FE'); // 〓, inside GB2312
  });

  it('treats ☐ as 4-byte (so checklists print □, A1 F5)', () => {
    expect(classifyGb18030(encode('☐'))).toBe('four-byte');
    expect(hex(encode('□'))).toBe('A1 F5');
  });

  it('can pass 4-byte sequences through for a font known to have them', () => {
    const result = encodeGb18030Text('𠮷', encode, { allowFourByte: true });
    expect(hex(result.bytes)).toBe('95 34 B2 35');
    expect(result.issues).toEqual([]);
  });

  it('replaces private-use characters and lone surrogates, drops control characters', () => {
    const result = prepareText('张\uE000三\uD800\u0007\t!', encode);
    expect(result.text).toBe(`张${SUBSTITUTE_CHAR}三${SUBSTITUTE_CHAR} !`);
    expect(result.issues.map((i) => i.kind)).toEqual(['private-use', 'unencodable', 'control']);
  });

  it('rejects an encoder result that Chinese mode would misread', () => {
    const lying = (char: string) => (char === '€' ? Uint8Array.of(0x80) : encode(char));
    const result = prepareText('€5', lying);
    expect(result.text).toBe(`${SUBSTITUTE_CHAR}5`);
    expect(result.issues[0]).toMatchObject({ kind: 'unencodable', char: '€' });
  });

  it('classifies byte patterns', () => {
    expect(classifyGb18030(Uint8Array.of(0x41))).toBe('single');
    expect(classifyGb18030(Uint8Array.of(0xd6, 0xd0))).toBe('double');
    expect(classifyGb18030(Uint8Array.of(0x81, 0x7f))).toBe('invalid');
    expect(classifyGb18030(Uint8Array.of(0x80))).toBe('invalid');
  });

  it('encodes UTF-8 like the platform TextEncoder', () => {
    for (const sample of ['https://example.cn/r/A1B2C3', '法律服务', 'é€𠮷', '\uD800x']) {
      expect(hex(encodeUtf8(sample))).toBe(hex(new TextEncoder().encode(sample)));
    }
  });
});
