/**
 * ESC/POS command builders for a China-market receipt printer (shared/protocols/escpos-printer.md §2, §5).
 * Every function returns fresh bytes; nothing here knows about text encodings, paper or transports.
 */

export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;
export const EOT = 0x04;
export const LF = 0x0a;

export type Alignment = 'left' | 'center' | 'right';
export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';
export type CharacterScale = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function byte(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) throw new RangeError(`${what} must be a byte (0–255), got ${value}`);
  return value;
}

/** ESC @ — clears the buffer and resets print modes. Chinese mode must be re-sent after it. */
export function initialize(): Uint8Array {
  return Uint8Array.of(ESC, 0x40);
}

/** FS & — double-byte (GB18030/GBK) mode on. Sent after every ESC @: the power-on default is not trusted. */
export function chineseModeOn(): Uint8Array {
  return Uint8Array.of(FS, 0x26);
}

/** FS . — double-byte mode off. The kiosk never needs it; kept for the self-test and the simulator. */
export function chineseModeOff(): Uint8Array {
  return Uint8Array.of(FS, 0x2e);
}

/** GS ! n — high nibble = width − 1, low nibble = height − 1. Applies to ASCII and Chinese alike. */
export function setCharacterSize(width: CharacterScale, height: CharacterScale): Uint8Array {
  if (width < 1 || width > 8 || height < 1 || height > 8) throw new RangeError(`character scale must be 1–8, got ${width}×${height}`);
  return Uint8Array.of(GS, 0x21, ((width - 1) << 4) | (height - 1));
}

/** ESC a n — takes effect only at the start of a line. */
export function setAlignment(alignment: Alignment): Uint8Array {
  const n = alignment === 'left' ? 0 : alignment === 'center' ? 1 : 2;
  return Uint8Array.of(ESC, 0x61, n);
}

/** ESC E n — emphasis. */
export function setBold(on: boolean): Uint8Array {
  return Uint8Array.of(ESC, 0x45, on ? 1 : 0);
}

/** ESC 3 n — line spacing in motion units (≈ dots); keep ≥ 28 with 24-dot Chinese glyphs. */
export function setLineSpacing(dots: number): Uint8Array {
  return Uint8Array.of(ESC, 0x33, byte(dots, 'line spacing'));
}

/** ESC 2 — default line spacing. */
export function defaultLineSpacing(): Uint8Array {
  return Uint8Array.of(ESC, 0x32);
}

/** LF — print the buffer and feed one line. */
export function lineFeed(): Uint8Array {
  return Uint8Array.of(LF);
}

/** ESC d n — print and feed n lines. */
export function feedLines(lines: number): Uint8Array {
  return Uint8Array.of(ESC, 0x64, byte(lines, 'line count'));
}

export type CutMode = 'partial' | 'full';

/**
 * GS V m n with m = 0x42 (partial) or 0x41 (full): feed the printed part to the blade plus n units, then cut.
 * Preferred over GS V 0/1 because the head-to-cutter distance differs per model.
 */
export function feedAndCut(mode: CutMode = 'partial', extraFeed = 0): Uint8Array {
  return Uint8Array.of(GS, 0x56, mode === 'partial' ? 0x42 : 0x41, byte(extraFeed, 'extra feed'));
}

/** DLE EOT n — real-time status request (n = 1 printer, 2 offline cause, 3 error cause, 4 paper sensors). */
export function realTimeStatus(n: 1 | 2 | 3 | 4): Uint8Array {
  return Uint8Array.of(DLE, EOT, n);
}

export interface QrOptions {
  /** Dots per module, 1–16. */
  readonly moduleSize?: number;
  readonly errorLevel?: QrErrorLevel;
}

/** The printer stores at most 7089 data bytes (Epson reference, §5). */
export const QR_MAX_DATA_BYTES = 7089;

const qrLevelByte: Record<QrErrorLevel, number> = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 };

/**
 * GS ( k, cn = 0x31: model 2, module size, error level, store, print — in that order (§5).
 * The stored length is pL + 256·pH = k + 3, where k is the BYTE count of `data` (the bug node-thermal-printer
 * has: it counts UTF-16 units). `data` is stored verbatim: no code page or Chinese mode applies to it.
 */
export function qrCode(data: Uint8Array, options: QrOptions = {}): Uint8Array {
  const moduleSize = options.moduleSize ?? 6;
  const level = options.errorLevel ?? 'M';
  if (!Number.isInteger(moduleSize) || moduleSize < 1 || moduleSize > 16) throw new RangeError(`QR module size must be 1–16, got ${moduleSize}`);
  if (data.length < 1 || data.length > QR_MAX_DATA_BYTES) throw new RangeError(`QR data must be 1–${QR_MAX_DATA_BYTES} bytes, got ${data.length}`);
  const stored = data.length + 3;
  return concatBytes([
    Uint8Array.of(GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00),
    Uint8Array.of(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, moduleSize),
    Uint8Array.of(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, qrLevelByte[level]),
    Uint8Array.of(GS, 0x28, 0x6b, stored & 0xff, stored >> 8, 0x31, 0x50, 0x30),
    data,
    Uint8Array.of(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30),
  ]);
}
