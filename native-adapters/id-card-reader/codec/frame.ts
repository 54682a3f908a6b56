/**
 * SAM serial frames (shared/protocols/idcard-reader.md §2). The same envelope carries requests and
 * responses: preamble AA AA AA 96 69, a big-endian LEN counting every byte after itself (checksum
 * included), the body, and an XOR of LEN..body. Pure byte functions: no transport, no clock.
 */

export const PREAMBLE = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);
/** Preamble (5) + LEN (2). */
export const HEADER_SIZE = 7;
/** The largest real frame is LEN 0x090A (text + photo + two fingerprints); §2.3 rejects anything above 0x0A00. */
export const MAX_LEN = 0x0a00;
/** Smallest LEN of a request (CMD PARA CHK) and of a response (SW1 SW2 SW3 CHK). */
export const MIN_REQUEST_LEN = 3;
export const MIN_RESPONSE_LEN = 4;

/** XOR of every byte in `bytes` (the caller passes LEN1..last DATA byte). */
export function xorChecksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let chk = 0;
  for (let i = start; i < end; i++) chk ^= bytes[i] ?? 0;
  return chk;
}

/** Wraps a body (CMD PARA DATA, or SW1 SW2 SW3 DATA) in preamble, LEN and checksum. */
export function encodeFrame(body: Uint8Array): Uint8Array {
  const len = body.length + 1;
  if (len > MAX_LEN) throw new RangeError(`frame body of ${body.length} bytes exceeds LEN ${MAX_LEN}`);
  const out = new Uint8Array(HEADER_SIZE + len);
  out.set(PREAMBLE, 0);
  out[5] = (len >> 8) & 0xff;
  out[6] = len & 0xff;
  out.set(body, HEADER_SIZE);
  out[out.length - 1] = xorChecksum(out, 5, out.length - 1);
  return out;
}

export interface Request {
  cmd: number;
  para: number;
  data: Uint8Array;
}

export interface Response {
  sw1: number;
  sw2: number;
  sw3: number;
  data: Uint8Array;
}

export function encodeRequest(cmd: number, para: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const body = new Uint8Array(2 + data.length);
  body[0] = cmd;
  body[1] = para;
  body.set(data, 2);
  return encodeFrame(body);
}

export function encodeResponse(sw3: number, data: Uint8Array = new Uint8Array(0), sw1 = 0, sw2 = 0): Uint8Array {
  const body = new Uint8Array(3 + data.length);
  body[0] = sw1;
  body[1] = sw2;
  body[2] = sw3;
  body.set(data, 3);
  return encodeFrame(body);
}

export type FrameCheck =
  { ok: true; body: Uint8Array } | { ok: false; reason: 'too-short' | 'bad-preamble' | 'bad-length' | 'length-mismatch' | 'bad-checksum' };

/** Verifies one complete frame (preamble, LEN bounds, total size = 7 + LEN, checksum) and returns its body. */
export function checkFrame(frame: Uint8Array, minLen = MIN_REQUEST_LEN): FrameCheck {
  if (frame.length < HEADER_SIZE + 1) return { ok: false, reason: 'too-short' };
  for (let i = 0; i < PREAMBLE.length; i++) if (frame[i] !== PREAMBLE[i]) return { ok: false, reason: 'bad-preamble' };
  const len = ((frame[5] ?? 0) << 8) | (frame[6] ?? 0);
  if (len < minLen || len > MAX_LEN) return { ok: false, reason: 'bad-length' };
  if (frame.length !== HEADER_SIZE + len) return { ok: false, reason: 'length-mismatch' };
  if (xorChecksum(frame, 5, frame.length - 1) !== frame[frame.length - 1]) return { ok: false, reason: 'bad-checksum' };
  return { ok: true, body: frame.slice(HEADER_SIZE, frame.length - 1) };
}

export function decodeRequestBody(body: Uint8Array): Request | null {
  if (body.length < 2) return null;
  return { cmd: body[0] ?? 0, para: body[1] ?? 0, data: body.slice(2) };
}

export function decodeResponseBody(body: Uint8Array): Response | null {
  if (body.length < 3) return null;
  return { sw1: body[0] ?? 0, sw2: body[1] ?? 0, sw3: body[2] ?? 0, data: body.slice(3) };
}

export function decodeResponse(frame: Uint8Array): Response | null {
  const checked = checkFrame(frame, MIN_RESPONSE_LEN);
  return checked.ok ? decodeResponseBody(checked.body) : null;
}

export function decodeRequest(frame: Uint8Array): Request | null {
  const checked = checkFrame(frame, MIN_REQUEST_LEN);
  return checked.ok ? decodeRequestBody(checked.body) : null;
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/[^0-9a-fA-F]/g, '');
  if (clean.length % 2 !== 0) throw new Error('odd number of hex digits');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}
