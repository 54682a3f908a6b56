import { decodeUtf16Le, TEXT_BLOCK_SIZE, trimPadding } from './card-text';

/**
 * DATA of a successful 0x30 0x01 reply (§5.1): TXTLEN, PHOLEN (big-endian), TEXT, PHOTO. The photo is
 * WLT, undecodable without vendor binaries, and the kiosk does not use it (§8): it is checked for
 * size and not returned, so it never reaches a consumer.
 */
export const PHOTO_SIZE = 1024;

export type BaseInfo = { ok: true; text: Uint8Array } | { ok: false; reason: 'too-short' | 'unexpected-sizes' };

export function decodeBaseInfo(data: Uint8Array): BaseInfo {
  if (data.length < 4) return { ok: false, reason: 'too-short' };
  const txtLen = ((data[0] ?? 0) << 8) | (data[1] ?? 0);
  const phoLen = ((data[2] ?? 0) << 8) | (data[3] ?? 0);
  // Every public parser assumes 256/1024; anything else is a reader we do not understand (§5.1).
  if (txtLen !== TEXT_BLOCK_SIZE || phoLen !== PHOTO_SIZE) return { ok: false, reason: 'unexpected-sizes' };
  if (data.length !== 4 + txtLen + phoLen) return { ok: false, reason: 'too-short' };
  return { ok: true, text: data.slice(4, 4 + txtLen) };
}

/** DATA for a 0x30 0x01 reply (simulator, tests): sizes, text and a photo placeholder. */
export function encodeBaseInfo(text: Uint8Array, photo: Uint8Array = new Uint8Array(PHOTO_SIZE)): Uint8Array {
  if (text.length !== TEXT_BLOCK_SIZE || photo.length !== PHOTO_SIZE) throw new RangeError('text must be 256 bytes and photo 1024');
  const out = new Uint8Array(4 + TEXT_BLOCK_SIZE + PHOTO_SIZE);
  out.set([TEXT_BLOCK_SIZE >> 8, TEXT_BLOCK_SIZE & 0xff, PHOTO_SIZE >> 8, PHOTO_SIZE & 0xff], 0);
  out.set(text, 4);
  out.set(photo, 4 + TEXT_BLOCK_SIZE);
  return out;
}

/** The 70-byte additional address of 0x30 0x03 (§3.2), trimmed; empty when the slot is blank. */
export function decodeAdditionalAddress(data: Uint8Array): string {
  return trimPadding(decodeUtf16Le(data, 0, Math.min(data.length, 70)));
}

export function encodeAdditionalAddress(address: string): Uint8Array {
  if (address.length > 35) throw new RangeError('additional address is longer than 35 characters');
  const out = new Uint8Array(70);
  for (let i = 0; i < 35; i++) {
    const unit = i < address.length ? address.charCodeAt(i) : 0x20;
    out[i * 2] = unit & 0xff;
    out[i * 2 + 1] = unit >> 8;
  }
  return out;
}
