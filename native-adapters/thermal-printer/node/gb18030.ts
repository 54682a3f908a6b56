import iconv from 'iconv-lite';
import type { CharEncoder } from '../codec/gb18030-text';

/**
 * The GB18030 table for the pure codec (codec/gb18030-text.ts takes it as a CharEncoder). iconv-lite's
 * 'gb18030' gives the same bytes as GBK for every character in the 2-byte zones (§4.2), so this is right
 * for GBK-font printers too; 4-byte results are caught by the codec.
 */
export function createGb18030Encoder(): CharEncoder {
  const cache = new Map<string, Uint8Array>();
  return (char) => {
    let bytes = cache.get(char);
    if (bytes === undefined) {
      // Copy out of the Buffer pool so callers get a plain, independent Uint8Array.
      bytes = Uint8Array.from(iconv.encode(char, 'gb18030'));
      cache.set(char, bytes);
    }
    return bytes;
  };
}
