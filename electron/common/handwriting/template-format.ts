/**
 * The handwriting templates: one entry per character, its strokes in stroke order, each resampled
 * to POINTS_PER_STROKE points in a unit square (y pointing down, like the screen) and quantised
 * to one byte per coordinate. The same normalisation is applied to what a resident draws, so a
 * template and a drawing are compared in the same frame.
 *
 * Pure: the build script (scripts/build/build-handwriting.ts) encodes, the renderer decodes.
 *
 * Binary layout (little-endian):
 *   "FTHW"  u8 version  u8 pointsPerStroke  u16 noticeBytes  notice (UTF-8)
 *   u32 count, then per character: u32 code point, u8 flags, u8 strokeCount,
 *   strokeCount × pointsPerStroke × (u8 x, u8 y)
 */

export interface Point {
  x: number;
  y: number;
}

export type Stroke = readonly Point[];

export const POINTS_PER_STROKE = 8;
export const FORMAT_VERSION = 1;
const MAGIC = 'FTHW';
const QUANT = 255;

/** Set on characters that occur in the kiosk's default content (a search is likely to use them). */
export const FLAG_IN_CONTENT = 1;

export interface CharacterTemplate {
  character: string;
  flags: number;
  strokeCount: number;
  /** strokeCount × POINTS_PER_STROKE × 2 coordinates (x, y), 0–255. */
  points: Uint8Array;
}

export interface TemplateSet {
  /** Where the data comes from and how it was changed (the Arphic Public License asks for it). */
  notice: string;
  pointsPerStroke: number;
  templates: CharacterTemplate[];
}

/**
 * Fits all strokes into the unit square: the bounding box is scaled by its longer side (so the
 * aspect stays: 一 stays flat, 丨 stays thin) and centred.
 */
export function normalizeStrokes(strokes: readonly Stroke[]): Point[][] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const stroke of strokes) {
    for (const { x, y } of stroke) {
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  if (minX === Infinity) return strokes.map(() => []);
  const width = maxX - minX;
  const height = maxY - minY;
  // A single dot has no size; any scale maps it to the centre.
  const size = Math.max(width, height) || 1;
  const offsetX = (size - width) / 2;
  const offsetY = (size - height) / 2;
  return strokes.map((stroke) => stroke.map(({ x, y }) => ({ x: (x - minX + offsetX) / size, y: (y - minY + offsetY) / size })));
}

/** `count` points spaced evenly along the polyline (its first and last point included). */
export function resampleStroke(stroke: Stroke, count: number = POINTS_PER_STROKE): Point[] {
  const first = stroke[0];
  if (first === undefined) return [];
  const cumulative: number[] = [0];
  for (let i = 1; i < stroke.length; i++) {
    const a = stroke[i - 1] as Point;
    const b = stroke[i] as Point;
    cumulative.push((cumulative[i - 1] as number) + Math.hypot(b.x - a.x, b.y - a.y));
  }
  const total = cumulative[cumulative.length - 1] as number;
  if (total === 0 || count === 1) return Array.from({ length: count }, () => ({ x: first.x, y: first.y }));
  const result: Point[] = [];
  let segment = 1;
  for (let k = 0; k < count; k++) {
    const target = (total * k) / (count - 1);
    while (segment < stroke.length - 1 && (cumulative[segment] as number) < target) segment++;
    const a = stroke[segment - 1] as Point;
    const b = stroke[segment] as Point;
    const start = cumulative[segment - 1] as number;
    const length = (cumulative[segment] as number) - start;
    const t = length === 0 ? 0 : Math.min(1, Math.max(0, (target - start) / length));
    result.push({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });
  }
  return result;
}

/** Normalises and resamples a drawing (or a font's stroke medians) the way templates are stored. */
export function prepareStrokes(strokes: readonly Stroke[], count: number = POINTS_PER_STROKE): Point[][] {
  return normalizeStrokes(strokes.filter((stroke) => stroke.length > 0)).map((stroke) => resampleStroke(stroke, count));
}

function quantize(value: number): number {
  return Math.max(0, Math.min(QUANT, Math.round(value * QUANT)));
}

/** Builds a template from strokes already in screen orientation (y down). */
export function makeTemplate(character: string, strokes: readonly Stroke[], flags = 0): CharacterTemplate {
  const prepared = prepareStrokes(strokes);
  const points = new Uint8Array(prepared.length * POINTS_PER_STROKE * 2);
  prepared.forEach((stroke, s) =>
    stroke.forEach((point, k) => {
      points[(s * POINTS_PER_STROKE + k) * 2] = quantize(point.x);
      points[(s * POINTS_PER_STROKE + k) * 2 + 1] = quantize(point.y);
    }),
  );
  return { character, flags, strokeCount: prepared.length, points };
}

/**
 * UTF-8 for the notice without TextEncoder/TextDecoder, which this pure layer (no DOM, no Node
 * types) cannot name; encodeURIComponent is plain ECMAScript and speaks UTF-8.
 */
function utf8Encode(text: string): Uint8Array {
  const escaped = encodeURIComponent(text);
  const bytes: number[] = [];
  for (let i = 0; i < escaped.length; i++) {
    if (escaped[i] === '%') {
      bytes.push(parseInt(escaped.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(escaped.charCodeAt(i));
  }
  return Uint8Array.from(bytes);
}

function utf8Decode(bytes: Uint8Array): string {
  let escaped = '';
  for (const byte of bytes) escaped += `%${byte.toString(16).padStart(2, '0')}`;
  return decodeURIComponent(escaped);
}

export function encodeTemplates(set: { notice: string; templates: readonly CharacterTemplate[] }): Uint8Array {
  const notice = utf8Encode(set.notice);
  if (notice.length > 0xffff) throw new Error('notice too long');
  let size = 4 + 1 + 1 + 2 + notice.length + 4;
  for (const template of set.templates) size += 4 + 1 + 1 + template.points.length;
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  let offset = 0;
  for (const char of MAGIC) bytes[offset++] = char.charCodeAt(0);
  bytes[offset++] = FORMAT_VERSION;
  bytes[offset++] = POINTS_PER_STROKE;
  view.setUint16(offset, notice.length, true);
  offset += 2;
  bytes.set(notice, offset);
  offset += notice.length;
  view.setUint32(offset, set.templates.length, true);
  offset += 4;
  for (const template of set.templates) {
    const codePoint = template.character.codePointAt(0);
    if (codePoint === undefined || template.strokeCount > 255 || template.points.length !== template.strokeCount * POINTS_PER_STROKE * 2) {
      throw new Error(`bad template for ${JSON.stringify(template.character)}`);
    }
    view.setUint32(offset, codePoint, true);
    bytes[offset + 4] = template.flags;
    bytes[offset + 5] = template.strokeCount;
    bytes.set(template.points, offset + 6);
    offset += 6 + template.points.length;
  }
  return bytes;
}

export function decodeTemplates(bytes: Uint8Array): TemplateSet {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (why: string): never => {
    throw new Error(`not a handwriting template file: ${why}`);
  };
  if (bytes.length < 12 || String.fromCharCode(...bytes.subarray(0, 4)) !== MAGIC) fail('magic');
  if (bytes[4] !== FORMAT_VERSION) fail(`version ${String(bytes[4])}`);
  const pointsPerStroke = bytes[5] as number;
  if (pointsPerStroke !== POINTS_PER_STROKE) fail(`${pointsPerStroke} points per stroke`);
  const noticeLength = view.getUint16(6, true);
  let offset = 8;
  const notice = utf8Decode(bytes.subarray(offset, offset + noticeLength));
  offset += noticeLength;
  if (offset + 4 > bytes.length) fail('truncated');
  const count = view.getUint32(offset, true);
  offset += 4;
  const templates: CharacterTemplate[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 6 > bytes.length) fail('truncated');
    const character = String.fromCodePoint(view.getUint32(offset, true));
    const flags = bytes[offset + 4] as number;
    const strokeCount = bytes[offset + 5] as number;
    const length = strokeCount * pointsPerStroke * 2;
    if (offset + 6 + length > bytes.length) fail('truncated');
    // A copy, not a view: the file's buffer can then be garbage-collected.
    templates.push({ character, flags, strokeCount, points: bytes.slice(offset + 6, offset + 6 + length) });
    offset += 6 + length;
  }
  if (offset !== bytes.length) fail('trailing bytes');
  return { notice, pointsPerStroke, templates };
}
