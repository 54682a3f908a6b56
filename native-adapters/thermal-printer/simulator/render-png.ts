import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import opentype from 'opentype.js';
import { PNG } from 'pngjs';
import qrcode from 'qrcode-generator';
import type { PrintedJob } from './escpos-interpreter';

/**
 * Draws a SIMULATED printout as a 1-bit PNG a person can look at: paper width in dots (384 for 58 mm,
 * 576 for 80 mm), 24×24 Chinese glyphs, 12-dot ASCII cells, GS ! scaling, bold, QR modules. Glyphs
 * come from the bundled Noto Sans SC (@fontsource .woff files, parsed by opentype.js); a character
 * the font set lacks is drawn as an empty box.
 */

type Font = opentype.Font;

interface Slice {
  file: string;
  ranges: Array<[number, number]>;
}

/** Noto Sans SC split into unicode-range slices (as @fontsource ships it); slices load on first use. */
export class GlyphSource {
  private readonly loaded = new Map<string, Font | null>();
  private readonly slices: Slice[];

  constructor(private readonly dir: string) {
    this.slices = parseSlices(readFileSync(path.join(dir, '400.css'), 'utf8'));
  }

  static find(): GlyphSource | null {
    try {
      const require = createRequire(import.meta.url);
      const main = require.resolve('@fontsource/noto-sans-sc/400.css');
      return new GlyphSource(path.dirname(main));
    } catch {
      return null;
    }
  }

  glyph(char: string): opentype.Glyph | null {
    const code = char.codePointAt(0) ?? 0;
    for (const slice of this.slices) {
      if (!slice.ranges.some(([a, b]) => code >= a && code <= b)) continue;
      const font = this.font(slice.file);
      if (!font) continue;
      const glyph = font.charToGlyph(char);
      if (glyph.index !== 0) return glyph;
    }
    return null;
  }

  get unitsPerEm(): number {
    return 1000;
  }

  private font(file: string): Font | null {
    if (!this.loaded.has(file)) {
      const full = path.join(this.dir, 'files', file);
      let font: Font | null = null;
      if (existsSync(full)) {
        const buf = readFileSync(full);
        font = opentype.parse(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
      }
      this.loaded.set(file, font);
    }
    return this.loaded.get(file) ?? null;
  }
}

function parseSlices(css: string): Slice[] {
  const slices: Slice[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const file = /url\(\.\/files\/([^)]+\.woff)\)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    if (!file || !range) continue;
    const ranges: Array<[number, number]> = range.split(',').map((part) => {
      const [a, b] = part.trim().replace(/^U\+/i, '').split('-');
      const start = parseInt(a ?? '0', 16);
      return [start, b ? parseInt(b, 16) : start];
    });
    slices.push({ file, ranges });
  }
  // The big named subsets first: most characters are found without opening a numbered slice.
  const rank = (s: Slice) => (s.file.includes('chinese-simplified') ? 0 : s.file.includes('-latin-400') ? 1 : 2);
  return slices.sort((a, b) => rank(a) - rank(b));
}

class Bitmap {
  readonly data: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Uint8Array(width * height);
  }
  set(x: number, y: number): void {
    if (x >= 0 && y >= 0 && x < this.width && y < this.height) this.data[y * this.width + x] = 1;
  }
  rect(x: number, y: number, w: number, h: number): void {
    for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) this.set(x + i, y + j);
  }
}

type Point = [number, number];

/** Path commands → closed polygons (curves flattened), transformed by (sx, sy) then (ox, oy). */
function flatten(commands: opentype.PathCommand[], sx: number, sy: number, ox: number, oy: number): Point[][] {
  const polys: Point[][] = [];
  let current: Point[] = [];
  let last: Point = [0, 0];
  const tx = (x: number, y: number): Point => [x * sx + ox, y * sy + oy];
  for (const cmd of commands) {
    if (cmd.type === 'M') {
      if (current.length > 2) polys.push(current);
      last = tx(cmd.x, cmd.y);
      current = [last];
    } else if (cmd.type === 'L') {
      last = tx(cmd.x, cmd.y);
      current.push(last);
    } else if (cmd.type === 'Q') {
      const p0 = last;
      const p1 = tx(cmd.x1, cmd.y1);
      const p2 = tx(cmd.x, cmd.y);
      for (let i = 1; i <= 6; i++) {
        const t = i / 6;
        const u = 1 - t;
        current.push([u * u * p0[0] + 2 * u * t * p1[0] + t * t * p2[0], u * u * p0[1] + 2 * u * t * p1[1] + t * t * p2[1]]);
      }
      last = p2;
    } else if (cmd.type === 'C') {
      const p0 = last;
      const p1 = tx(cmd.x1, cmd.y1);
      const p2 = tx(cmd.x2, cmd.y2);
      const p3 = tx(cmd.x, cmd.y);
      for (let i = 1; i <= 8; i++) {
        const t = i / 8;
        const u = 1 - t;
        current.push([
          u * u * u * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t * t * t * p3[0],
          u * u * u * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t * t * t * p3[1],
        ]);
      }
      last = p3;
    } else if (cmd.type === 'Z') {
      if (current.length > 2) polys.push(current);
      current = [];
    }
  }
  if (current.length > 2) polys.push(current);
  return polys;
}

/** Non-zero winding fill with 4×4 supersampling; a pixel is black at ≥ 40 % coverage (thermal dots are on/off). */
function fill(bitmap: Bitmap, polys: Point[][]): void {
  const ss = 4;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const poly of polys)
    for (const [x, y] of poly) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  if (!Number.isFinite(minX)) return;
  const x0 = Math.floor(minX);
  const y0 = Math.floor(minY);
  const w = Math.ceil(maxX) - x0 + 1;
  const h = Math.ceil(maxY) - y0 + 1;
  const coverage = new Uint8Array(w * h);
  const edges: Array<[number, number, number, number]> = [];
  for (const poly of polys)
    for (let i = 0; i < poly.length; i++) {
      const a = poly[i] as Point;
      const b = poly[(i + 1) % poly.length] as Point;
      if (a[1] !== b[1]) edges.push([a[0], a[1], b[0], b[1]]);
    }
  for (let sy = 0; sy < h * ss; sy++) {
    const y = y0 + (sy + 0.5) / ss;
    const crossings: Array<[number, number]> = [];
    for (const [ax, ay, bx, by] of edges) {
      if ((ay <= y && by > y) || (by <= y && ay > y)) crossings.push([ax + ((y - ay) / (by - ay)) * (bx - ax), ay < by ? 1 : -1]);
    }
    crossings.sort((p, q) => p[0] - q[0]);
    let winding = 0;
    for (let i = 0; i < crossings.length - 1; i++) {
      winding += (crossings[i] as [number, number])[1];
      if (winding === 0) continue;
      const from = (crossings[i] as [number, number])[0];
      const to = (crossings[i + 1] as [number, number])[0];
      for (let sx = Math.ceil((from - x0) * ss - 0.5); (sx + 0.5) / ss + x0 < to; sx++) {
        if (sx < 0 || sx >= w * ss) continue;
        const idx = Math.floor(sy / ss) * w + Math.floor(sx / ss);
        coverage[idx] = (coverage[idx] ?? 0) + 1;
      }
    }
  }
  for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) if ((coverage[j * w + i] ?? 0) >= 7) bitmap.set(x0 + i, y0 + j);
}

const CELL = 12;
const GLYPH = 24;

export interface RenderOptions {
  dots: number;
  columns: number;
  glyphs: GlyphSource | null;
}

/** One PNG per job. Returns the encoded PNG bytes. */
export function renderJobPng(job: PrintedJob, options: RenderOptions): Buffer {
  const margin = 8;
  // First pass: heights.
  let height = margin * 2;
  const qrs = new Map<number, ReturnType<typeof qrcode>>();
  job.lines.forEach((line, i) => {
    if (line.kind === 'text') height += Math.max(line.spacing, GLYPH * line.height + 2);
    else if (line.kind === 'feed') height += line.dots;
    else {
      const qr = qrcode(0, line.errorLevel);
      qr.addData(line.payload, 'Byte');
      qr.make();
      qrs.set(i, qr);
      height += qr.getModuleCount() * line.moduleSize + 16;
    }
  });
  height += 24; // the cut mark
  const bitmap = new Bitmap(options.dots + margin * 2, height);
  let y = margin;
  job.lines.forEach((line, i) => {
    if (line.kind === 'feed') {
      y += line.dots;
      return;
    }
    if (line.kind === 'qr') {
      const qr = qrs.get(i);
      if (!qr) return;
      const n = qr.getModuleCount();
      const size = n * line.moduleSize;
      y += 8; // quiet zone above the symbol
      const left = margin + (line.align === 'center' ? Math.floor((options.dots - size) / 2) : line.align === 'right' ? options.dots - size : 0);
      for (let r = 0; r < n; r++)
        for (let c = 0; c < n; c++) if (qr.isDark(r, c)) bitmap.rect(left + c * line.moduleSize, y + r * line.moduleSize, line.moduleSize, line.moduleSize);
      y += size + 8;
      return;
    }
    const pitch = Math.max(line.spacing, GLYPH * line.height + 2);
    const top = y + (pitch - GLYPH * line.height);
    let x = margin + line.alignPad * CELL;
    for (const char of line.text) {
      const cells = char.charCodeAt(0) < 0x80 ? 1 : 2;
      const cellWidth = cells * CELL * line.width;
      if (char !== ' ') drawChar(bitmap, options.glyphs, char, x, top, cellWidth, GLYPH * line.height, line.width, line.height, line.bold);
      x += cellWidth;
    }
    y += pitch;
  });
  // Cut mark: a dashed line where the paper was cut.
  for (let x = 0; x < bitmap.width; x += 8) bitmap.rect(x, y + 12, 4, 1);
  const png = new PNG({ width: bitmap.width, height: bitmap.height });
  for (let p = 0; p < bitmap.data.length; p++) {
    const v = bitmap.data[p] ? 0 : 255;
    png.data[p * 4] = v;
    png.data[p * 4 + 1] = v;
    png.data[p * 4 + 2] = v;
    png.data[p * 4 + 3] = 255;
  }
  return PNG.sync.write(png);
}

function drawChar(
  bitmap: Bitmap,
  glyphs: GlyphSource | null,
  char: string,
  x: number,
  top: number,
  cellWidth: number,
  cellHeight: number,
  sw: number,
  sh: number,
  bold: boolean,
): void {
  const glyph = glyphs?.glyph(char) ?? null;
  if (!glyph) {
    // No glyph in the bundled font (or no font): an empty box, as in a grid preview.
    for (let i = 2; i < cellWidth - 2; i++) {
      bitmap.set(x + i, top + 3);
      bitmap.set(x + i, top + cellHeight - 3);
    }
    for (let j = 3; j <= cellHeight - 3; j++) {
      bitmap.set(x + 2, top + j);
      bitmap.set(x + cellWidth - 3, top + j);
    }
    return;
  }
  // Font units → dots: a CJK em is the 24-dot cell; narrow glyphs are squeezed into their 12-dot cell.
  const scale = GLYPH / 1000;
  const advance = (glyph.advanceWidth ?? 1000) * scale;
  const natural = cellWidth / sw;
  const squeeze = advance > natural ? natural / advance : 1;
  const sx = scale * squeeze * sw;
  const sy = -scale * sh;
  const ox = x + (cellWidth - advance * squeeze * sw) / 2;
  const baseline = top + 0.88 * cellHeight;
  const commands = glyph.getPath(0, 0, 1000).commands.map((c) => flipY(c));
  const polys = flatten(commands, sx, sy, ox, baseline);
  fill(bitmap, polys);
  if (bold)
    fill(
      bitmap,
      polys.map((p) => p.map(([px, py]) => [px + 1, py] as Point)),
    );
}

/** getPath() returns screen coordinates (y down); the transform above expects font units (y up). */
function flipY(c: opentype.PathCommand): opentype.PathCommand {
  switch (c.type) {
    case 'M':
    case 'L':
      return { ...c, y: -c.y };
    case 'Q':
      return { ...c, y: -c.y, y1: -c.y1 };
    case 'C':
      return { ...c, y: -c.y, y1: -c.y1, y2: -c.y2 };
    default:
      return c;
  }
}
