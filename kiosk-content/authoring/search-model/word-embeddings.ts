import type { SparseRows } from './latent-space';
import { trainLatentSpace } from './latent-space';

/**
 * Static word embeddings by PPMI-SVD (Levy, Goldberg & Dagan 2015): word–context co-occurrence counts
 * in a symmetric window over token sequences, positive pointwise mutual information with the context
 * distribution smoothed by ^0.75 and shifted by log(shift), then a truncated SVD of the sparse PPMI
 * matrix (latent-space.ts, randomized). A word's vector is its singular vector × σ^eigenPower, unit
 * length. Chosen over skip-gram with negative sampling because the randomized SVD is already here and
 * tested, needs no learning-rate schedule, and one SVD of the sparse matrix is a few seconds where SGNS
 * in plain JS over the library's millions of tokens takes tens of seconds per epoch; Levy et al. found
 * the two comparable on word similarity. No npm package trains word2vec/GloVe in pure JS at this size.
 * Only scripts/bench/embedding-experiment.ts uses it: re-scoring with these vectors did not win in
 * cross-validation (README, Search), so no pack carries them.
 */

/** Word–context counts: an open-addressing hash of (word, context) → weighted count. */
export class CooccurrenceCounts {
  keys: Uint32Array;
  values: Float32Array;
  size = 0;
  constructor(
    readonly vocabularySize: number,
    capacityLog2 = 22,
  ) {
    if (vocabularySize > 65535) throw new Error(`vocabulary of ${String(vocabularySize)} words: at most 65,535`);
    this.keys = new Uint32Array(1 << capacityLog2).fill(0xffffffff);
    this.values = new Float32Array(1 << capacityLog2);
  }

  clone(): CooccurrenceCounts {
    const c = new CooccurrenceCounts(this.vocabularySize, 0);
    c.keys = this.keys.slice();
    c.values = this.values.slice();
    c.size = this.size;
    return c;
  }

  add(word: number, context: number, weight: number): void {
    if (this.size * 2 > this.keys.length) this.grow();
    const key = ((word << 16) | context) >>> 0;
    const mask = this.keys.length - 1;
    let slot = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
    for (;;) {
      const k = this.keys[slot] as number;
      if (k === key) {
        this.values[slot] = (this.values[slot] as number) + weight;
        return;
      }
      if (k === 0xffffffff) {
        this.keys[slot] = key;
        this.values[slot] = weight;
        this.size++;
        return;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Counts every pair of in-vocabulary words (ids ≥ 0) at most `window` apart, both ways, × weight. */
  addSequence(ids: ArrayLike<number>, window: number, weight = 1): void {
    for (let i = 0; i < ids.length; i++) {
      const a = ids[i] as number;
      if (a < 0) continue;
      for (let j = i + 1; j <= i + window && j < ids.length; j++) {
        const b = ids[j] as number;
        if (b < 0) continue;
        this.add(a, b, weight);
        this.add(b, a, weight);
      }
    }
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Uint32Array(keys.length * 2).fill(0xffffffff);
    this.values = new Float32Array(keys.length * 2);
    this.size = 0;
    for (let s = 0; s < keys.length; s++) {
      const k = keys[s] as number;
      if (k !== 0xffffffff) this.add(k >>> 16, k & 0xffff, values[s] as number);
    }
  }
}

export interface EmbeddingOptions {
  dim: number;
  /** Shifted PPMI: log(shift) is subtracted (1 = plain PPMI). */
  shift?: number;
  /** Word vector = singular vector × σ^eigenPower (0 or 0.5 usual). */
  eigenPower?: number;
  powerIterations?: number;
}

/** Unit word vectors, row-major vocabularySize × dim (all-zero rows for words with no context). */
export function trainEmbeddings(counts: CooccurrenceCounts, options: EmbeddingOptions): { dim: number; vectors: Float32Array } {
  const n = counts.vocabularySize;
  const rowSum = new Float64Array(n);
  const ctxSmoothed = new Float64Array(n);
  const { keys, values } = counts;
  for (let s = 0; s < keys.length; s++) {
    const k = keys[s] as number;
    if (k === 0xffffffff) continue;
    rowSum[k >>> 16] = (rowSum[k >>> 16] as number) + (values[s] as number);
  }
  let ctxTotal = 0;
  for (let w = 0; w < n; w++) {
    ctxSmoothed[w] = (rowSum[w] as number) ** 0.75;
    ctxTotal += ctxSmoothed[w] as number;
  }
  const logShift = Math.log(options.shift ?? 1);
  const offsets = new Uint32Array(n + 1);
  const kept: number[] = [];
  for (let s = 0; s < keys.length; s++) {
    const k = keys[s] as number;
    if (k === 0xffffffff) continue;
    const w = k >>> 16;
    const c = k & 0xffff;
    const pmi = Math.log(((values[s] as number) * ctxTotal) / ((rowSum[w] as number) * (ctxSmoothed[c] as number))) - logShift;
    if (pmi > 0) {
      kept.push(s);
      offsets[w + 1] = (offsets[w + 1] as number) + 1;
    }
  }
  for (let w = 0; w < n; w++) offsets[w + 1] = (offsets[w + 1] as number) + (offsets[w] as number);
  const cols = new Uint32Array(kept.length);
  const vals = new Float32Array(kept.length);
  const fill = offsets.slice(0, n);
  for (const s of kept) {
    const k = keys[s] as number;
    const w = k >>> 16;
    const c = k & 0xffff;
    const p = fill[w] as number;
    fill[w] = p + 1;
    cols[p] = c;
    vals[p] = Math.log(((values[s] as number) * ctxTotal) / ((rowSum[w] as number) * (ctxSmoothed[c] as number))) - logShift;
  }
  const matrix: SparseRows = { offsets, cols, vals, columnCount: n };
  const space = trainLatentSpace(matrix, { dim: options.dim, powerIterations: options.powerIterations ?? 1 });
  const dim = space.dim;
  const vectors = space.termVectors;
  const power = options.eigenPower ?? 0.5;
  for (let w = 0; w < n; w++) {
    let norm = 0;
    const o = w * dim;
    for (let d = 0; d < dim; d++) {
      const v = (vectors[o + d] as number) * (space.singularValues[d] as number) ** power;
      vectors[o + d] = v;
      norm += v * v;
    }
    if (norm > 0) {
      const inv = 1 / Math.sqrt(norm);
      for (let d = 0; d < dim; d++) vectors[o + d] = (vectors[o + d] as number) * inv;
    }
  }
  return { dim, vectors };
}
