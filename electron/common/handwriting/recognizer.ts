/**
 * Offline handwriting recognition by template matching. Each character's template is its stroke
 * medians from a font (see template-format.ts); a drawing is normalised the same way and compared
 * stroke by stroke:
 *
 *  - templates whose stroke count differs by more than MAX_STROKE_DIFFERENCE are skipped;
 *  - a stroke-to-stroke cost = mean distance of corresponding resampled points + a direction term;
 *  - strokes are paired by an optimal assignment (Hungarian method), with a small penalty for
 *    pairing strokes far apart in writing order — so a resident who writes two strokes in the
 *    "wrong" order still gets the character, but in-order pairing wins ties;
 *  - strokes left unpaired (a joined or split stroke, a forgotten dot) cost a penalty that grows
 *    with the stroke's length.
 *
 * Pure and synchronous: no DOM. About 10–20 ms for 3765 templates (npm run bench:handwriting).
 */
import { POINTS_PER_STROKE, prepareStrokes, type CharacterTemplate, type Stroke } from './template-format';

export interface Candidate {
  character: string;
  /** Lower is better: the mean cost per stroke (of the drawing and the template). */
  score: number;
}

export const MAX_STROKE_DIFFERENCE = 2;
/** Weight of the direction term against the point-distance term (unit square). */
const DIRECTION_WEIGHT = 0.2;
/** Cost per stroke of distance in writing order between paired strokes. */
const ORDER_WEIGHT = 0.025;
/** An unpaired stroke costs this much, plus LENGTH_PENALTY × its length (unit square). */
const MISS_BASE = 0.12;
const LENGTH_PENALTY = 0.3;
/** Longer drawings are cut: nothing in the template set has that many strokes. */
const MAX_INPUT_STROKES = 40;

const K = POINTS_PER_STROKE;
/** Per stroke: K points (x, y), K − 1 unit segment directions (x, y), the length. */
const STRIDE = K * 2 + (K - 1) * 2 + 1;
const DIR_OFFSET = K * 2;
const LENGTH_OFFSET = STRIDE - 1;

/** Points → the packed per-stroke features used by strokeCost. */
function packStrokes(strokes: readonly (readonly { x: number; y: number }[])[], out: Float64Array, at: number): void {
  strokes.forEach((stroke, s) => {
    const base = at + s * STRIDE;
    let length = 0;
    for (let k = 0; k < K; k++) {
      const point = stroke[k] ?? stroke[stroke.length - 1] ?? { x: 0.5, y: 0.5 };
      out[base + k * 2] = point.x;
      out[base + k * 2 + 1] = point.y;
    }
    for (let k = 0; k < K - 1; k++) {
      const dx = (out[base + k * 2 + 2] as number) - (out[base + k * 2] as number);
      const dy = (out[base + k * 2 + 3] as number) - (out[base + k * 2 + 1] as number);
      const d = Math.sqrt(dx * dx + dy * dy);
      length += d;
      // A segment shorter than a pixel or so has no meaningful direction: leave it at zero.
      out[base + DIR_OFFSET + k * 2] = d > 1e-3 ? dx / d : 0;
      out[base + DIR_OFFSET + k * 2 + 1] = d > 1e-3 ? dy / d : 0;
    }
    out[base + LENGTH_OFFSET] = length;
  });
}

function strokeCost(a: Float64Array, aBase: number, b: Float64Array, bBase: number): number {
  let position = 0;
  for (let k = 0; k < K * 2; k += 2) {
    const dx = (a[aBase + k] as number) - (b[bBase + k] as number);
    const dy = (a[aBase + k + 1] as number) - (b[bBase + k + 1] as number);
    position += Math.sqrt(dx * dx + dy * dy);
  }
  let direction = 0;
  for (let k = DIR_OFFSET; k < DIR_OFFSET + (K - 1) * 2; k += 2) {
    const dx = (a[aBase + k] as number) - (b[bBase + k] as number);
    const dy = (a[aBase + k + 1] as number) - (b[bBase + k + 1] as number);
    direction += Math.sqrt(dx * dx + dy * dy);
  }
  // Direction differences of 0–2 per segment; a short stroke's wobble matters less than a long one's.
  const shorter = Math.min(a[aBase + LENGTH_OFFSET] as number, b[bBase + LENGTH_OFFSET] as number);
  const directionScale = Math.min(1, shorter / 0.15);
  return position / K + (DIRECTION_WEIGHT * directionScale * direction) / (2 * (K - 1));
}

function missCost(features: Float64Array, base: number): number {
  return MISS_BASE + LENGTH_PENALTY * (features[base + LENGTH_OFFSET] as number);
}

/**
 * Minimum-cost assignment of every row to a distinct column (rows ≤ cols), Hungarian method with
 * potentials, O(rows² · cols). `cost` is 1-indexed: cost[i * (cols + 1) + j], i ≥ 1, j ≥ 1.
 */
class Assignment {
  private readonly size = MAX_INPUT_STROKES + MAX_STROKE_DIFFERENCE + 64;
  readonly cost = new Float64Array((this.size + 1) * (this.size + 1));
  private readonly u = new Float64Array(this.size + 1);
  private readonly v = new Float64Array(this.size + 1);
  private readonly p = new Int32Array(this.size + 1);
  private readonly way = new Int32Array(this.size + 1);
  private readonly minv = new Float64Array(this.size + 1);
  private readonly used = new Uint8Array(this.size + 1);

  fits(cols: number): boolean {
    return cols <= this.size;
  }

  solve(rows: number, cols: number): number {
    const { cost, u, v, p, way, minv, used } = this;
    const width = cols + 1;
    u.fill(0, 0, rows + 1);
    v.fill(0, 0, cols + 1);
    p.fill(0, 0, cols + 1);
    for (let i = 1; i <= rows; i++) {
      p[0] = i;
      let j0 = 0;
      minv.fill(Infinity, 0, cols + 1);
      used.fill(0, 0, cols + 1);
      do {
        used[j0] = 1;
        const i0 = p[j0] as number;
        let delta = Infinity;
        let j1 = 0;
        const ui0 = u[i0] as number;
        for (let j = 1; j <= cols; j++) {
          if (used[j]) continue;
          const current = (cost[i0 * width + j] as number) - ui0 - (v[j] as number);
          if (current < (minv[j] as number)) {
            minv[j] = current;
            way[j] = j0;
          }
          if ((minv[j] as number) < delta) {
            delta = minv[j] as number;
            j1 = j;
          }
        }
        for (let j = 0; j <= cols; j++) {
          if (used[j]) {
            u[p[j] as number] = (u[p[j] as number] as number) + delta;
            v[j] = (v[j] as number) - delta;
          } else {
            minv[j] = (minv[j] as number) - delta;
          }
        }
        j0 = j1;
      } while (p[j0] !== 0);
      do {
        const j1 = way[j0] as number;
        p[j0] = p[j1] as number;
        j0 = j1;
      } while (j0 !== 0);
    }
    return -(v[0] as number);
  }
}

interface PackedTemplate {
  character: string;
  flags: number;
  strokeCount: number;
  offset: number;
}

export class HandwritingRecognizer {
  /** Templates grouped by stroke count, for the stroke-count filter. */
  private readonly byStrokes = new Map<number, PackedTemplate[]>();
  private readonly features: Float64Array;
  private readonly input = new Float64Array(MAX_INPUT_STROKES * STRIDE);
  private readonly assignment = new Assignment();
  readonly size: number;

  constructor(templates: readonly CharacterTemplate[]) {
    const usable = templates.filter((template) => template.strokeCount > 0 && this.assignment.fits(template.strokeCount));
    this.features = new Float64Array(usable.reduce((sum, template) => sum + template.strokeCount, 0) * STRIDE);
    let offset = 0;
    for (const template of usable) {
      const strokes = Array.from({ length: template.strokeCount }, (_, s) =>
        Array.from({ length: K }, (_, k) => ({
          x: (template.points[(s * K + k) * 2] as number) / 255,
          y: (template.points[(s * K + k) * 2 + 1] as number) / 255,
        })),
      );
      packStrokes(strokes, this.features, offset);
      const group = this.byStrokes.get(template.strokeCount) ?? [];
      group.push({ character: template.character, flags: template.flags, strokeCount: template.strokeCount, offset });
      this.byStrokes.set(template.strokeCount, group);
      offset += template.strokeCount * STRIDE;
    }
    this.size = usable.length;
  }

  /** The `limit` best characters for a drawing (screen coordinates, any scale), best first. */
  recognize(strokes: readonly Stroke[], limit = 10): Candidate[] {
    const drawn = prepareStrokes(strokes.filter((stroke) => stroke.length > 0).slice(0, MAX_INPUT_STROKES));
    const n = drawn.length;
    if (n === 0 || limit <= 0) return [];
    packStrokes(drawn, this.input, 0);
    const best: Candidate[] = [];
    for (let m = Math.max(1, n - MAX_STROKE_DIFFERENCE); m <= n + MAX_STROKE_DIFFERENCE; m++) {
      for (const template of this.byStrokes.get(m) ?? []) {
        const score = this.match(n, template);
        if (best.length < limit || score < (best[best.length - 1] as Candidate).score) {
          let at = best.length;
          while (at > 0 && (best[at - 1] as Candidate).score > score) at--;
          best.splice(at, 0, { character: template.character, score });
          if (best.length > limit) best.pop();
        }
      }
    }
    return best;
  }

  /** Mean cost per stroke of the best pairing of the drawing's n strokes with the template's. */
  private match(n: number, template: PackedTemplate): number {
    const m = template.strokeCount;
    const { input, features } = this;
    const cost = this.assignment.cost;
    // Rows are the side with fewer strokes; unpaired columns pay their miss cost, folded into the
    // matrix (cost − miss) so the assignment itself chooses which strokes to leave out.
    const inputIsRows = n <= m;
    const rows = inputIsRows ? n : m;
    const cols = inputIsRows ? m : n;
    const width = cols + 1;
    let missTotal = 0;
    for (let c = 0; c < cols; c++) {
      missTotal += inputIsRows ? missCost(features, template.offset + c * STRIDE) : missCost(input, c * STRIDE);
    }
    for (let i = 0; i < n; i++) {
      // Where stroke i of the drawing would fall in the template's writing order.
      const expected = n === 1 ? 0 : (i * (m - 1)) / (n - 1);
      for (let j = 0; j < m; j++) {
        const pair = strokeCost(input, i * STRIDE, features, template.offset + j * STRIDE) + ORDER_WEIGHT * Math.abs(expected - j);
        const miss = inputIsRows ? missCost(features, template.offset + j * STRIDE) : missCost(input, i * STRIDE);
        const row = inputIsRows ? i + 1 : j + 1;
        const col = inputIsRows ? j + 1 : i + 1;
        cost[row * width + col] = pair - miss;
      }
    }
    const paired = this.assignment.solve(rows, cols);
    // Per stroke, counting both sides: dividing by the larger count alone made a template with
    // an extra stroke (王 for a drawn 工) cheaper than the exact one whenever pairs cost much.
    return (missTotal + paired) / ((rows + cols) / 2);
  }
}
