import { HEADER_SIZE, MAX_LEN, MIN_RESPONSE_LEN, PREAMBLE, xorChecksum } from './frame';

export type ParserEvent =
  | { kind: 'frame'; body: Uint8Array }
  /** A complete frame whose checksum did not match: dropped; the caller may re-issue the command (§2.3 step 5). */
  | { kind: 'bad-checksum' }
  /** Bytes thrown away while looking for a preamble (line noise, late replies, a bad LEN). */
  | { kind: 'discarded'; count: number };

/**
 * Streaming receiver (§2.3): scans for the preamble, reads LEN, waits for LEN more bytes and checks
 * the XOR. It resynchronises after garbage, an impossible LEN or a bad checksum by dropping the first
 * preamble byte and scanning again, so a real frame hidden inside noise is still found. The buffer
 * never holds more than one maximal frame (7 + 0x0A00 bytes): input is consumed as it arrives.
 * A frame that never completes stays pending until the caller's timeout calls reset() (partial frame).
 */
export class FrameParser {
  private buffer = new Uint8Array(0);

  constructor(private readonly minLen = MIN_RESPONSE_LEN) {}

  /** Largest number of bytes the parser can hold between calls. */
  static readonly maxBuffered = HEADER_SIZE + MAX_LEN;

  get buffered(): number {
    return this.buffer.length;
  }

  /** True while a preamble has been seen but its frame is not complete yet. */
  get hasPartialFrame(): boolean {
    return this.buffer.length > 0;
  }

  reset(): void {
    this.buffer = new Uint8Array(0);
  }

  push(chunk: Uint8Array): ParserEvent[] {
    const events: ParserEvent[] = [];
    let data = concat(this.buffer, chunk);
    let discarded = 0;
    for (;;) {
      const start = findPreamble(data);
      if (start < 0) {
        // Keep a tail that could be the beginning of a preamble split across chunks.
        const keep = preamblePrefixAtEnd(data);
        discarded += data.length - keep;
        data = data.slice(data.length - keep);
        break;
      }
      discarded += start;
      data = data.subarray(start);
      if (data.length < HEADER_SIZE) break;
      const len = ((data[5] ?? 0) << 8) | (data[6] ?? 0);
      if (len < this.minLen || len > MAX_LEN) {
        discarded += 1;
        data = data.subarray(1);
        continue;
      }
      const total = HEADER_SIZE + len;
      if (data.length < total) break;
      if (xorChecksum(data, 5, total - 1) === data[total - 1]) {
        if (discarded > 0) events.push({ kind: 'discarded', count: discarded });
        discarded = 0;
        events.push({ kind: 'frame', body: data.slice(HEADER_SIZE, total - 1) });
        data = data.subarray(total);
      } else {
        events.push({ kind: 'bad-checksum' });
        discarded += 1;
        data = data.subarray(1);
      }
    }
    if (discarded > 0) events.push({ kind: 'discarded', count: discarded });
    this.buffer = data.slice();
    return events;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function findPreamble(data: Uint8Array): number {
  outer: for (let i = 0; i + PREAMBLE.length <= data.length; i++) {
    for (let j = 0; j < PREAMBLE.length; j++) if (data[i + j] !== PREAMBLE[j]) continue outer;
    return i;
  }
  return -1;
}

/** Length of the longest suffix of `data` that is a proper prefix of the preamble. */
function preamblePrefixAtEnd(data: Uint8Array): number {
  for (let k = Math.min(PREAMBLE.length - 1, data.length); k > 0; k--) {
    let match = true;
    for (let j = 0; j < k; j++) {
      if (data[data.length - k + j] !== PREAMBLE[j]) {
        match = false;
        break;
      }
    }
    if (match) return k;
  }
  return 0;
}
