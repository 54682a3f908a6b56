/**
 * Synthetic "handwriting" for the recognizer's benchmark and tests: a character's own font
 * medians, turned into what a finger on the pad might produce (screen space, y down, scaled,
 * moved, slightly rotated, jittered, with stroke ends shortened or overshot, sometimes two
 * adjacent strokes written in swapped order). Derived from the templates themselves, so accuracy
 * measured on it overstates real-world accuracy: real residents write with other proportions,
 * join strokes, and miss strokes.
 */
import type { Point } from '../../electron/common/handwriting/template-format';

export type Random = () => number;

/** Small seeded PRNG (mulberry32), so runs and tests are repeatable. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const uniform = (random: Random, low: number, high: number): number => low + (high - low) * random();

/** Standard normal, Box–Muller. */
function gaussian(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** A point at arc-length fraction t of the polyline; t < 0 or t > 1 continues the end segments. */
function pointAt(stroke: readonly Point[], cumulative: readonly number[], t: number): Point {
  const total = cumulative[cumulative.length - 1] as number;
  const first = stroke[0] as Point;
  if (stroke.length === 1 || total === 0) return first;
  const target = t * total;
  let segment = 1;
  while (segment < stroke.length - 1 && (cumulative[segment] as number) < target) segment++;
  const a = stroke[segment - 1] as Point;
  const b = stroke[segment] as Point;
  const start = cumulative[segment - 1] as number;
  const length = (cumulative[segment] as number) - start || 1;
  const u = (target - start) / length;
  return { x: a.x + (b.x - a.x) * u, y: a.y + (b.y - a.y) * u };
}

export interface SynthesisOptions {
  /** Probability that two adjacent strokes are written in swapped order. */
  swapProbability?: number;
  /** Pad size in CSS px that scale 1 fills. */
  padSize?: number;
  /**
   * A harsher variant closer to real writing: the whole character squeezed or stretched (aspect
   * 0.8–1.25), every stroke moved by ~4 % of the character size and resized 0.85–1.15 on its
   * own, stronger jitter, and in 15 % of samples two adjacent strokes joined into one.
   */
  messy?: boolean;
}

export interface SyntheticDrawing {
  strokes: Point[][];
  swapped: boolean;
  /** Two adjacent strokes were written as one (messy set only). */
  joined: boolean;
}

/** `medians`: the character's strokes in screen orientation (y down), 1024-unit font box. */
export function synthesizeDrawing(medians: readonly (readonly Point[])[], random: Random, options: SynthesisOptions = {}): SyntheticDrawing {
  const padSize = options.padSize ?? 360;
  const scale = (uniform(random, 0.6, 1.2) * padSize) / 1024;
  const angle = (uniform(random, -8, 8) * Math.PI) / 180;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const shiftX = uniform(random, -40, 40);
  const shiftY = uniform(random, -40, 40);
  const messy = options.messy ?? false;
  // Jitter of about 1 % (messy: 2 %) of the character's size, in font units.
  const jitter = messy ? 20 : 10;
  const aspect = messy ? Math.exp(uniform(random, -0.22, 0.22)) : 1;
  const placed = medians.map((stroke) => {
    if (!messy || stroke.length === 0) return stroke;
    const cx = stroke.reduce((sum, p) => sum + p.x, 0) / stroke.length;
    const cy = stroke.reduce((sum, p) => sum + p.y, 0) / stroke.length;
    const size = uniform(random, 0.85, 1.15);
    const dx = gaussian(random) * 40;
    const dy = gaussian(random) * 40;
    return stroke.map((p) => ({ x: cx + (p.x - cx) * size + dx, y: cy + (p.y - cy) * size + dy }));
  });
  const strokes = placed.map((stroke) => {
    const cumulative = [0];
    for (let i = 1; i < stroke.length; i++) {
      const a = stroke[i - 1] as Point;
      const b = stroke[i] as Point;
      cumulative.push((cumulative[i - 1] as number) + Math.hypot(b.x - a.x, b.y - a.y));
    }
    const total = cumulative[cumulative.length - 1] as number;
    // Each end shortened or overshot by up to 12 % of the stroke.
    const from = uniform(random, -0.12, 0.12);
    const to = 1 + uniform(random, -0.12, 0.12);
    // A finger reports a point every few pixels: about one per 12 font units.
    const count = Math.max(2, Math.round((total * (to - from)) / 12));
    return Array.from({ length: count }, (_, i) => {
      const point = pointAt(stroke, cumulative, from + ((to - from) * i) / (count - 1));
      const x = (point.x - 512) * aspect + gaussian(random) * jitter;
      const y = point.y - 450 + gaussian(random) * jitter;
      return {
        x: (x * cos - y * sin) * scale + padSize / 2 + shiftX,
        y: (x * sin + y * cos) * scale + padSize / 2 + shiftY,
      };
    });
  });
  let joined = false;
  if (messy && strokes.length >= 2 && random() < 0.15) {
    const i = Math.floor(random() * (strokes.length - 1));
    strokes.splice(i, 2, [...(strokes[i] as Point[]), ...(strokes[i + 1] as Point[])]);
    joined = true;
  }
  let swapped = false;
  if (strokes.length >= 2 && random() < (options.swapProbability ?? 0.2)) {
    const i = Math.floor(random() * (strokes.length - 1));
    [strokes[i], strokes[i + 1]] = [strokes[i + 1] as Point[], strokes[i] as Point[]];
    swapped = true;
  }
  return { strokes, swapped, joined };
}

/**
 * Characters "written" as a person might with a ruler: straight segments on a 10 × 10 grid,
 * in standard stroke order, with proportions chosen by eye rather than copied from the font.
 * Not real handwriting either, but independent of the templates. A stroke is a list of grid
 * points joined by straight lines (a 横折 is three points).
 */
export const ruledCharacters: Readonly<Record<string, readonly (readonly [number, number])[][]>> = {
  一: [
    [
      [1, 5],
      [9, 5],
    ],
  ],
  二: [
    [
      [2, 3],
      [8, 3],
    ],
    [
      [1, 7],
      [9, 7],
    ],
  ],
  三: [
    [
      [2, 2],
      [8, 2],
    ],
    [
      [3, 5],
      [7, 5],
    ],
    [
      [1, 8],
      [9, 8],
    ],
  ],
  十: [
    [
      [1, 4],
      [9, 4],
    ],
    [
      [5, 1],
      [5, 9],
    ],
  ],
  工: [
    [
      [2, 2],
      [8, 2],
    ],
    [
      [5, 2],
      [5, 8],
    ],
    [
      [1, 8],
      [9, 8],
    ],
  ],
  土: [
    [
      [2, 4],
      [8, 4],
    ],
    [
      [5, 1],
      [5, 8],
    ],
    [
      [1, 8],
      [9, 8],
    ],
  ],
  王: [
    [
      [2, 2],
      [8, 2],
    ],
    [
      [3, 5],
      [7, 5],
    ],
    [
      [5, 2],
      [5, 8],
    ],
    [
      [1, 8],
      [9, 8],
    ],
  ],
  口: [
    [
      [2, 2],
      [2, 8],
    ],
    [
      [2, 2],
      [8, 2],
      [8, 8],
    ],
    [
      [2, 8],
      [8, 8],
    ],
  ],
  日: [
    [
      [3, 1],
      [3, 9],
    ],
    [
      [3, 1],
      [7, 1],
      [7, 9],
    ],
    [
      [3, 5],
      [7, 5],
    ],
    [
      [3, 9],
      [7, 9],
    ],
  ],
  田: [
    [
      [2, 2],
      [2, 8],
    ],
    [
      [2, 2],
      [8, 2],
      [8, 8],
    ],
    [
      [2, 5],
      [8, 5],
    ],
    [
      [5, 2],
      [5, 8],
    ],
    [
      [2, 8],
      [8, 8],
    ],
  ],
  中: [
    [
      [2, 3],
      [2, 7],
    ],
    [
      [2, 3],
      [8, 3],
      [8, 7],
    ],
    [
      [2, 7],
      [8, 7],
    ],
    [
      [5, 1],
      [5, 9],
    ],
  ],
  人: [
    [
      [5, 1],
      [5, 4],
      [1, 9],
    ],
    [
      [5, 4],
      [9, 9],
    ],
  ],
  八: [
    [
      [4, 2],
      [1, 8],
    ],
    [
      [6, 2],
      [9, 8],
    ],
  ],
  大: [
    [
      [1, 4],
      [9, 4],
    ],
    [
      [5, 1],
      [5, 4],
      [1, 9],
    ],
    [
      [5, 4],
      [9, 9],
    ],
  ],
  上: [
    [
      [5, 1],
      [5, 9],
    ],
    [
      [5, 5],
      [8, 5],
    ],
    [
      [1, 9],
      [9, 9],
    ],
  ],
  下: [
    [
      [1, 2],
      [9, 2],
    ],
    [
      [5, 2],
      [5, 9],
    ],
    [
      [5, 5],
      [7, 6],
    ],
  ],
  木: [
    [
      [1, 4],
      [9, 4],
    ],
    [
      [5, 1],
      [5, 9],
    ],
    [
      [5, 4],
      [1, 8],
    ],
    [
      [5, 4],
      [9, 8],
    ],
  ],
  山: [
    [
      [5, 1],
      [5, 8],
    ],
    [
      [2, 4],
      [2, 8],
      [8, 8],
    ],
    [
      [8, 4],
      [8, 8],
    ],
  ],
  门: [
    [
      [3, 1],
      [4, 2],
    ],
    [
      [2, 3],
      [2, 9],
    ],
    [
      [2, 3],
      [8, 3],
      [8, 9],
    ],
  ],
  小: [
    [
      [5, 1],
      [5, 9],
      [4, 8],
    ],
    [
      [3, 4],
      [1, 7],
    ],
    [
      [7, 4],
      [9, 7],
    ],
  ],
};

/** A ruled character in screen space: `size` px wide, at (left, top), each segment as a dense polyline. */
export function ruledDrawing(strokes: readonly (readonly (readonly [number, number])[])[], size = 300, left = 30, top = 30): Point[][] {
  return strokes.map((stroke) => {
    const points: Point[] = [];
    for (let i = 1; i < stroke.length; i++) {
      const [x1, y1] = stroke[i - 1] as readonly [number, number];
      const [x2, y2] = stroke[i] as readonly [number, number];
      for (let k = i === 1 ? 0 : 1; k <= 10; k++) {
        points.push({ x: left + ((x1 + ((x2 - x1) * k) / 10) * size) / 10, y: top + ((y1 + ((y2 - y1) * k) / 10) * size) / 10 });
      }
    }
    return points;
  });
}
