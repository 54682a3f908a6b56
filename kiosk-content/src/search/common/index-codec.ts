/**
 * A small binary container for the persisted search index: a JSON header (strings, MiniSearch
 * state, metadata) followed by raw typed arrays, 8-byte aligned so they can be viewed in place
 * without copying. Little-endian, like every machine the kiosk runs on (checked on load).
 *
 *   "FTSI" | u32 format | u32 header byte length | header JSON (UTF-8) | pad | array bytes …
 */
export type IndexArray = Uint32Array | Uint16Array | Uint8Array | Float32Array;

/** UTF-8 both ways; injected (TextEncoder/TextDecoder in Node and browsers) to keep this pure. */
export interface TextCodec {
  encode(text: string): Uint8Array;
  decode(bytes: Uint8Array): string;
}

export interface IndexBlob {
  /** Anything JSON-serialisable. */
  header: unknown;
  arrays: Record<string, IndexArray>;
}

const magic = [0x46, 0x54, 0x53, 0x49]; // FTSI
export const indexFormatVersion = 1;

const kinds = { u32: Uint32Array, u16: Uint16Array, u8: Uint8Array, f32: Float32Array } as const;
type Kind = keyof typeof kinds;

function kindOf(array: IndexArray): Kind {
  if (array instanceof Uint32Array) return 'u32';
  if (array instanceof Uint16Array) return 'u16';
  if (array instanceof Float32Array) return 'f32';
  return 'u8';
}

interface ArrayEntry {
  name: string;
  kind: Kind;
  offset: number;
  length: number;
}

function littleEndian(): boolean {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
}

const align = (n: number) => (n + 7) & ~7;

export function encodeIndexBlob(blob: IndexBlob, codec: TextCodec): Uint8Array {
  if (!littleEndian()) throw new Error('search index: big-endian machines are not supported');
  const entries: ArrayEntry[] = [];
  let offset = 0;
  for (const [name, array] of Object.entries(blob.arrays)) {
    entries.push({ name, kind: kindOf(array), offset, length: array.length });
    offset = align(offset + array.byteLength);
  }
  const header = codec.encode(JSON.stringify({ arrays: entries, header: blob.header }));
  const dataStart = align(12 + header.length);
  const out = new Uint8Array(dataStart + offset);
  out.set(magic, 0);
  const view = new DataView(out.buffer);
  view.setUint32(4, indexFormatVersion, true);
  view.setUint32(8, header.length, true);
  out.set(header, 12);
  entries.forEach((entry) => {
    const array = blob.arrays[entry.name] as IndexArray;
    out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), dataStart + entry.offset);
  });
  return out;
}

export class IndexFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndexFormatError';
  }
}

/** Decodes; the arrays are views into `bytes` (copied once if `bytes` is not 8-byte aligned). */
export function decodeIndexBlob(input: Uint8Array, codec: TextCodec): IndexBlob {
  if (input.length < 12 || magic.some((b, i) => input[i] !== b)) throw new IndexFormatError('not a Fatong search index');
  const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const format = view.getUint32(4, true);
  if (format !== indexFormatVersion) throw new IndexFormatError(`search index format ${String(format)}, expected ${String(indexFormatVersion)}`);
  const headerLength = view.getUint32(8, true);
  if (12 + headerLength > bytes.length) throw new IndexFormatError('search index is truncated');
  const parsed = JSON.parse(codec.decode(bytes.subarray(12, 12 + headerLength))) as { arrays: ArrayEntry[]; header: unknown };
  const dataStart = align(12 + headerLength);
  const arrays: Record<string, IndexArray> = {};
  for (const entry of parsed.arrays) {
    const Ctor = kinds[entry.kind];
    const start = bytes.byteOffset + dataStart + entry.offset;
    if (dataStart + entry.offset + entry.length * Ctor.BYTES_PER_ELEMENT > bytes.length) throw new IndexFormatError('search index is truncated');
    arrays[entry.name] = new Ctor(bytes.buffer as ArrayBuffer, start, entry.length);
  }
  return { header: parsed.header, arrays };
}
