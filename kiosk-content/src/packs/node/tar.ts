/**
 * A deliberately small ustar reader and writer for content packs. We write our own (≈150 lines)
 * instead of a general tar library because a pack needs only regular files, and the reader's job
 * is mostly to say no: it accepts regular files with safe relative names and bounded sizes, and
 * rejects everything else (symlinks, hard links, devices, directories, PAX/GNU extension headers,
 * base-256 sizes, bad checksums, truncation) with a one-line reason.
 */
import { unsafePathReason } from '../common/pack-manifest';

export const BLOCK = 512;

export class PackFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackFormatError';
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

function writeString(block: Buffer, offset: number, length: number, value: string): void {
  const bytes = encoder.encode(value);
  if (bytes.length > length) throw new PackFormatError(`tar field too long: ${value}`);
  block.set(bytes, offset);
}

function writeOctal(block: Buffer, offset: number, length: number, value: number): void {
  // length-1 octal digits then NUL.
  const digits = value.toString(8).padStart(length - 1, '0');
  if (digits.length > length - 1) throw new PackFormatError(`tar number too large: ${String(value)}`);
  block.write(`${digits}\0`, offset, length, 'ascii');
}

/** Splits a name into ustar prefix (≤155 bytes) and name (≤100 bytes) at a slash. */
function splitName(name: string): { prefix: string; name: string } {
  const bytes = encoder.encode(name);
  if (bytes.length <= 100) return { prefix: '', name };
  const parts = name.split('/');
  for (let i = 1; i < parts.length; i++) {
    const prefix = parts.slice(0, i).join('/');
    const rest = parts.slice(i).join('/');
    if (encoder.encode(prefix).length <= 155 && encoder.encode(rest).length <= 100) return { prefix, name: rest };
  }
  throw new PackFormatError(`path too long for a pack: ${name}`);
}

export interface TarHeaderInput {
  name: string;
  size: number;
  /** '0' regular file; tests write other types to check that readers refuse them. */
  type?: string;
  linkname?: string;
  mtime?: number;
}

export function encodeTarHeader(input: TarHeaderInput): Buffer {
  const block = Buffer.alloc(BLOCK);
  const { prefix, name } = splitName(input.name);
  writeString(block, 0, 100, name);
  writeOctal(block, 100, 8, 0o644);
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  writeOctal(block, 124, 12, input.size);
  writeOctal(block, 136, 12, input.mtime ?? 0);
  block.write(input.type ?? '0', 156, 1, 'ascii');
  if (input.linkname) writeString(block, 157, 100, input.linkname);
  block.write('ustar\0', 257, 6, 'ascii');
  block.write('00', 263, 2, 'ascii');
  writeString(block, 345, 155, prefix);
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return block;
}

export const tarPadding = (size: number): Buffer => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
/** tar writes archives in records of 20 blocks: after the end marker at most one record of zeros may follow. */
export const TAR_RECORD = 20 * BLOCK;
export const tarEnd = (): Buffer => Buffer.alloc(BLOCK * 2);

function readString(block: Buffer, offset: number, length: number): string {
  const slice = block.subarray(offset, offset + length);
  const end = slice.indexOf(0);
  try {
    return decoder.decode(end === -1 ? slice : slice.subarray(0, end));
  } catch {
    throw new PackFormatError('archive entry name is not UTF-8');
  }
}

function readOctal(block: Buffer, offset: number, length: number, what: string): number {
  const first = block[offset] ?? 0;
  // Base-256 (GNU) encodes huge sizes: more than any pack may hold.
  if (first & 0x80) throw new PackFormatError(`archive entry ${what} is too large`);
  const text = block
    .toString('ascii', offset, offset + length)
    .replace(/[\0 ]+$/, '')
    .replace(/^ +/, '');
  if (!/^[0-7]*$/.test(text)) throw new PackFormatError(`archive header is damaged (bad ${what})`);
  return text === '' ? 0 : parseInt(text, 8);
}

export interface TarEntryHeader {
  name: string;
  size: number;
}

export interface TarLimits {
  /** Largest single entry (bytes). */
  maxEntryBytes: number;
  /** Sum of all entries (bytes). */
  maxTotalBytes: number;
  maxEntries: number;
}

/** Decodes and checks a header block; null for an all-zero block (end of archive). */
export function decodeTarHeader(block: Buffer, limits: TarLimits): TarEntryHeader | null {
  if (block.every((b) => b === 0)) return null;
  const stored = readOctal(block, 148, 8, 'checksum');
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
  if (sum !== stored) throw new PackFormatError('archive header checksum mismatch (damaged or not a pack)');
  if (block.toString('ascii', 257, 262) !== 'ustar') throw new PackFormatError('not a ustar archive');
  const type = String.fromCharCode(block[156] ?? 0);
  const name = [readString(block, 345, 155), readString(block, 0, 100)].filter((s) => s !== '').join('/');
  if (type === '2') throw new PackFormatError(`symbolic link in the archive: ${name}`);
  if (type === '1') throw new PackFormatError(`hard link in the archive: ${name}`);
  if (type !== '0' && type !== '\0') throw new PackFormatError(`archive entry of type "${type === '\0' ? 'NUL' : type}" is not a regular file: ${name}`);
  const unsafe = unsafePathReason(name);
  if (unsafe) throw new PackFormatError(`unsafe archive entry: ${unsafe}`);
  const size = readOctal(block, 124, 12, 'size');
  if (size > limits.maxEntryBytes)
    throw new PackFormatError(`archive entry ${name} is oversize (${String(size)} bytes, limit ${String(limits.maxEntryBytes)})`);
  return { name, size };
}

/** Receives one entry's body. */
export interface EntrySink {
  write(chunk: Buffer): void;
  end(): void;
}

/**
 * Push parser: feed decompressed chunks, it calls onEntry for each header (which returns the sink
 * for the body) and enforces the limits as bytes arrive, so a zip bomb is stopped at the limit
 * rather than after inflating. finish() checks the archive ended properly (not truncated).
 */
export class TarParser {
  private pending: Buffer = Buffer.alloc(0);
  private current: { header: TarEntryHeader; left: number; pad: number; sink: EntrySink } | null = null;
  private ended = false;
  private entries = 0;
  private total = 0;
  private trailing = 0;

  /** onEnd runs once at the end-of-archive marker (before any padding after it is read). */
  constructor(
    private readonly limits: TarLimits,
    private readonly onEntry: (header: TarEntryHeader, index: number) => EntrySink,
    private readonly onEnd: () => void = () => undefined,
  ) {}

  push(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    for (;;) {
      if (this.current) {
        const { current } = this;
        if (current.left > 0) {
          if (this.pending.length === 0) return;
          const take = Math.min(current.left, this.pending.length);
          current.sink.write(this.pending.subarray(0, take));
          this.pending = this.pending.subarray(take);
          current.left -= take;
          if (current.left > 0) return;
        }
        if (this.pending.length < current.pad) return;
        this.pending = this.pending.subarray(current.pad);
        this.current = null;
        current.sink.end();
        continue;
      }
      if (this.ended) {
        // After the end marker only zero padding may follow, and at most one record of it: the
        // reader stops there instead of inflating whatever else the file holds.
        if (this.pending.some((b) => b !== 0)) throw new PackFormatError('data after the end of the archive');
        this.trailing += this.pending.length;
        if (this.trailing > TAR_RECORD) throw new PackFormatError(`more than ${String(TAR_RECORD)} bytes of padding after the end of the archive`);
        this.pending = Buffer.alloc(0);
        return;
      }
      if (this.pending.length < BLOCK) return;
      const block = this.pending.subarray(0, BLOCK);
      this.pending = this.pending.subarray(BLOCK);
      const header = decodeTarHeader(block, this.limits);
      if (header === null) {
        this.ended = true;
        this.onEnd();
        continue;
      }
      this.entries++;
      if (this.entries > this.limits.maxEntries) throw new PackFormatError(`too many archive entries (limit ${String(this.limits.maxEntries)})`);
      this.total += header.size;
      if (this.total > this.limits.maxTotalBytes)
        throw new PackFormatError(`the pack unpacks to more than ${String(this.limits.maxTotalBytes)} bytes (zip bomb?)`);
      const sink = this.onEntry(header, this.entries - 1);
      this.current = { header, left: header.size, pad: (BLOCK - (header.size % BLOCK)) % BLOCK, sink };
      if (header.size === 0) continue;
    }
  }

  finish(): void {
    if (this.current) throw new PackFormatError(`the pack is truncated (inside ${this.current.header.name})`);
    if (!this.ended) throw new PackFormatError('the pack is truncated (no end-of-archive marker)');
  }
}
