import { toHex } from './frame';

/**
 * SAM ID / management info (0x12 0xFF, §3.1): 16 bytes of little-endian integers. The device's
 * identity for logs. Public code disagrees on the formatting, so the raw hex is the real value and
 * the dotted string is cosmetic.
 */
export interface SamId {
  hex: string;
  parts: [number, number, number, number, number];
  display: string;
}

export function decodeSamId(data: Uint8Array): SamId | null {
  if (data.length !== 16) return null;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const parts: SamId['parts'] = [view.getUint16(0, true), view.getUint16(2, true), view.getUint32(4, true), view.getUint32(8, true), view.getUint32(12, true)];
  const two = (n: number) => String(n).padStart(2, '0');
  const ten = (n: number) => String(n).padStart(10, '0');
  return { hex: toHex(data), parts, display: `${two(parts[0])}.${two(parts[1])}-${parts[2]}-${ten(parts[3])}-${ten(parts[4])}` };
}

export function encodeSamId(parts: readonly [number, number, number, number, number]): Uint8Array {
  const out = new Uint8Array(16);
  const view = new DataView(out.buffer);
  view.setUint16(0, parts[0], true);
  view.setUint16(2, parts[1], true);
  view.setUint32(4, parts[2], true);
  view.setUint32(8, parts[3], true);
  view.setUint32(12, parts[4], true);
  return out;
}
