import { CholeskyDecomposition, EigenvalueDecomposition, Matrix, inverse } from 'ml-matrix';

/**
 * Latent semantic space (LSI): a truncated SVD of a TF-IDF matrix (rows = texts, columns = words)
 * computed by randomized SVD (Halko, Martinsson & Tropp 2011: range finder with power iterations,
 * then the exact SVD of the small projected matrix). Each word gets a `dim`-vector; a text's vector
 * is the TF-IDF-weighted sum of its words' vectors, so words that occur in the same texts (a
 * resident's 老板 and the statute's 用人单位, when questions and the articles they cite are rows)
 * point the same way. Pure; the small dense steps use ml-matrix. Only scripts/bench/dense-experiment.ts
 * uses it: fused with the engine score it did not win in cross-validation, so no pack carries it.
 */

/** Sparse rows: row r has columns cols[offsets[r]..offsets[r+1]) with values vals[…]. */
export interface SparseRows {
  offsets: Uint32Array;
  cols: Uint32Array;
  vals: Float32Array;
  columnCount: number;
}

export interface LatentSpace {
  dim: number;
  /** Word w's vector is termVectors[w·dim .. (w+1)·dim) (right singular vectors, unscaled). */
  termVectors: Float32Array;
  singularValues: Float64Array;
}

export interface LatentSpaceOptions {
  dim: number;
  /** Extra random directions of the range finder. */
  oversample?: number;
  /** Power iterations (each two sparse products and two orthonormalisations). */
  powerIterations?: number;
  seed?: number;
}

/** Mulberry32: a small seeded generator, so a build is reproducible. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** A·X: X is columnCount × k row-major, the result rows × k. */
function times(a: SparseRows, x: Float64Array, k: number): Float64Array {
  const rows = a.offsets.length - 1;
  const out = new Float64Array(rows * k);
  for (let r = 0; r < rows; r++) {
    const o = r * k;
    for (let p = a.offsets[r] as number; p < (a.offsets[r + 1] as number); p++) {
      const v = a.vals[p] as number;
      const c = (a.cols[p] as number) * k;
      for (let j = 0; j < k; j++) out[o + j] = (out[o + j] as number) + v * (x[c + j] as number);
    }
  }
  return out;
}

/** Aᵀ·Y: Y is rows × k row-major, the result columnCount × k. */
function transposeTimes(a: SparseRows, y: Float64Array, k: number): Float64Array {
  const rows = a.offsets.length - 1;
  const out = new Float64Array(a.columnCount * k);
  for (let r = 0; r < rows; r++) {
    const o = r * k;
    for (let p = a.offsets[r] as number; p < (a.offsets[r + 1] as number); p++) {
      const v = a.vals[p] as number;
      const c = (a.cols[p] as number) * k;
      for (let j = 0; j < k; j++) out[c + j] = (out[c + j] as number) + v * (y[o + j] as number);
    }
  }
  return out;
}

/** Xᵀ·X of an n × k row-major matrix. */
function gram(x: Float64Array, k: number): Matrix {
  const g = new Float64Array(k * k);
  const n = x.length / k;
  for (let i = 0; i < n; i++) {
    const o = i * k;
    for (let a = 0; a < k; a++) {
      const xa = x[o + a] as number;
      if (xa === 0) continue;
      for (let b = a; b < k; b++) g[a * k + b] = (g[a * k + b] as number) + xa * (x[o + b] as number);
    }
  }
  const m = new Matrix(k, k);
  for (let a = 0; a < k; a++) for (let b = a; b < k; b++) m.set(a, b, g[a * k + b] as number).set(b, a, g[a * k + b] as number);
  return m;
}

/** Orthonormal columns spanning X's (CholeskyQR; a second pass restores accuracy); X is n × k row-major. */
function orthonormalize(x: Float64Array, k: number, passes: number): Float64Array {
  let q = x;
  for (let pass = 0; pass < passes; pass++) {
    const g = gram(q, k);
    // A tiny ridge keeps the factorisation defined when random directions are nearly dependent.
    const trace = g.trace();
    for (let i = 0; i < k; i++) g.set(i, i, g.get(i, i) + 1e-10 * trace + 1e-300);
    const chol = new CholeskyDecomposition(g);
    if (!chol.isPositiveDefinite()) throw new Error('latent space: range basis is degenerate');
    const rInverse = inverse(chol.lowerTriangularMatrix.transpose());
    const out = new Float64Array(q.length);
    const n = q.length / k;
    const r = Float64Array.from(rInverse.to1DArray());
    for (let i = 0; i < n; i++) {
      const o = i * k;
      for (let l = 0; l < k; l++) {
        const v = q[o + l] as number;
        if (v === 0) continue;
        const rl = l * k;
        for (let j = l; j < k; j++) out[o + j] = (out[o + j] as number) + v * (r[rl + j] as number);
      }
    }
    q = out;
  }
  return q;
}

/** Top-`dim` right singular vectors and values of the matrix. */
export function trainLatentSpace(a: SparseRows, options: LatentSpaceOptions): LatentSpace {
  const rows = a.offsets.length - 1;
  const k = Math.min(options.dim + (options.oversample ?? 10), rows, a.columnCount);
  const dim = Math.min(options.dim, k);
  const random = seededRandom(options.seed ?? 1);
  const omega = new Float64Array(a.columnCount * k);
  for (let i = 0; i < omega.length; i++) omega[i] = gaussian(random);
  // Between power iterations one CholeskyQR pass keeps the basis well conditioned; the last is exact.
  const iterations = options.powerIterations ?? 1;
  let q = orthonormalize(times(a, omega, k), k, iterations > 0 ? 1 : 2);
  for (let i = 0; i < iterations; i++) {
    const z = orthonormalize(transposeTimes(a, q, k), k, 1);
    q = orthonormalize(times(a, z, k), k, i === iterations - 1 ? 2 : 1);
  }
  // B = QᵀA (k × columns); its right singular vectors are Bᵀ's columns times the eigenvectors of BBᵀ.
  const bt = transposeTimes(a, q, k);
  const eig = new EigenvalueDecomposition(gram(bt, k), { assumeSymmetric: true });
  const values = eig.realEigenvalues;
  const order = values.map((_, i) => i).sort((x, y) => (values[y] as number) - (values[x] as number));
  const w = eig.eigenvectorMatrix;
  const singularValues = new Float64Array(dim);
  const termVectors = new Float32Array(a.columnCount * dim);
  for (let d = 0; d < dim; d++) {
    const e = order[d] as number;
    const s = Math.sqrt(Math.max(values[e] as number, 0));
    singularValues[d] = s;
    if (s === 0) continue;
    const col = w.getColumn(e);
    for (let t = 0; t < a.columnCount; t++) {
      let v = 0;
      const o = t * k;
      for (let j = 0; j < k; j++) v += (bt[o + j] as number) * (col[j] as number);
      termVectors[t * dim + d] = v / s;
    }
  }
  return { dim, termVectors, singularValues };
}

/** Unit vector of a weighted bag of words (column ids); all zeros when none has a vector. */
export function embed(
  space: Pick<LatentSpace, 'dim' | 'termVectors'>,
  words: readonly { id: number; weight: number }[],
  out = new Float32Array(space.dim),
): Float32Array {
  out.fill(0);
  const { dim, termVectors } = space;
  for (const { id, weight } of words) {
    const o = id * dim;
    for (let d = 0; d < dim; d++) out[d] = (out[d] as number) + weight * (termVectors[o + d] as number);
  }
  let norm = 0;
  for (let d = 0; d < dim; d++) norm += (out[d] as number) ** 2;
  if (norm > 0) {
    const inv = 1 / Math.sqrt(norm);
    for (let d = 0; d < dim; d++) out[d] = (out[d] as number) * inv;
  }
  return out;
}
