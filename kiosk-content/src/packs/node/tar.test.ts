import { describe, expect, it } from 'vitest';
import { BLOCK, encodeTarHeader, PackFormatError, TAR_RECORD, TarParser, tarEnd, tarPadding, type TarLimits } from './tar';

const limits: TarLimits = { maxEntryBytes: 1024, maxTotalBytes: 2048, maxEntries: 3 };

function parse(bytes: Buffer, chunk = 7): Array<{ name: string; body: string }> {
  const out: Array<{ name: string; body: string }> = [];
  const parser = new TarParser(limits, (h) => {
    const parts: Buffer[] = [];
    return { write: (c) => parts.push(Buffer.from(c)), end: () => out.push({ name: h.name, body: Buffer.concat(parts).toString() }) };
  });
  for (let i = 0; i < bytes.length; i += chunk) parser.push(bytes.subarray(i, i + chunk));
  parser.finish();
  return out;
}

const entry = (name: string, body: string, type?: string) => [
  encodeTarHeader({ name, size: Buffer.byteLength(body), ...(type ? { type } : {}) }),
  Buffer.from(body),
  tarPadding(Buffer.byteLength(body)),
];

describe('TarParser', () => {
  it('round-trips entries fed in small chunks, including a long name split into prefix/name', () => {
    const long = `files/${'a'.repeat(90)}/${'b'.repeat(60)}.md`;
    const bytes = Buffer.concat([...entry('manifest.json', '{}'), ...entry(long, 'x'.repeat(600)), tarEnd()]);
    expect(bytes.length % BLOCK).toBe(0);
    expect(parse(bytes)).toEqual([
      { name: 'manifest.json', body: '{}' },
      { name: long, body: 'x'.repeat(600) },
    ]);
  });

  it('is also the format GNU tar reads (ustar magic, checksum)', () => {
    const header = encodeTarHeader({ name: 'a.txt', size: 3 });
    expect(header.toString('ascii', 257, 262)).toBe('ustar');
  });

  it.each([
    ['a symlink', Buffer.concat([...entry('x', '', '2'), tarEnd()]), /symbolic link/],
    ['a directory', Buffer.concat([...entry('x', '', '5'), tarEnd()]), /not a regular file/],
    ['a PAX header', Buffer.concat([...entry('x', 'k=v', 'x'), tarEnd()]), /not a regular file/],
    ['..', Buffer.concat([...entry('../x', 'a'), tarEnd()]), /".." in path/],
    ['an oversize entry', Buffer.concat([encodeTarHeader({ name: 'x', size: 5000 }), tarEnd()]), /oversize/],
    ['too many entries', Buffer.concat([...entry('a', '1'), ...entry('b', '1'), ...entry('c', '1'), ...entry('d', '1'), tarEnd()]), /too many archive entries/],
    [
      'too much in total',
      Buffer.concat([...entry('a', 'x'.repeat(1000)), ...entry('b', 'x'.repeat(1000)), ...entry('c', 'x'.repeat(100)), tarEnd()]),
      /unpacks to more than 2048/,
    ],
    ['a truncated body', Buffer.concat([...entry('a', 'x'.repeat(600))]).subarray(0, 700), /truncated/],
    ['a missing end marker', Buffer.concat([...entry('a', 'x')]), /truncated/],
    ['data after the end', Buffer.concat([tarEnd(), Buffer.from('junk')]), /data after the end/],
  ])('refuses %s', (_what, bytes, reason) => {
    expect(() => parse(bytes)).toThrow(reason);
  });

  it('accepts one record of zero padding after the end marker (as GNU tar writes) and refuses more', () => {
    const body = Buffer.concat([...entry('a', 'x'), tarEnd()]);
    expect(parse(Buffer.concat([body, Buffer.alloc(TAR_RECORD - 2 * BLOCK)]), 4096)).toEqual([{ name: 'a', body: 'x' }]);
    expect(() => parse(Buffer.concat([body, Buffer.alloc(TAR_RECORD * 4)]), 4096)).toThrow(/padding after the end/);
  });

  it('refuses a header with a bad checksum', () => {
    const header = encodeTarHeader({ name: 'a', size: 0 });
    header[0] = 0x62;
    expect(() => parse(Buffer.concat([header, tarEnd()]))).toThrow(PackFormatError);
  });
});
