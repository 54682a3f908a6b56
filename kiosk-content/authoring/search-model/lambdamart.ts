/**
 * A small LambdaMART (Burges 2010): gradient-boosted regression trees whose gradients are the
 * lambdas of pairwise logistic loss weighted by the |ΔnDCG@k| of swapping the pair. Features are
 * binned once by quantiles (histogram split finding), trees grow depth-first to `depth` levels,
 * leaves take a Newton step. Written here because the npm registry has no maintained pure-JS
 * learning-to-rank trainer (ml-xgboost is a WebAssembly build without a ranking objective, ml-cart
 * fits one plain regression tree per call and sorts every node's rows); pure, deterministic.
 */

export interface RankingQuery {
  /** Rows of feature values, one per candidate, in the base ranking's order. */
  features: readonly (readonly number[])[];
  /** 1 relevant, 0 not. */
  labels: readonly number[];
  /** The base score every tree's output adds to. */
  base: readonly number[];
  /** Relevant items in total (those the list lacks count in the ideal DCG). */
  relevantTotal: number;
}

export interface LambdaMartParams {
  trees: number;
  depth: number;
  learningRate: number;
  /** Least summed hessian in a leaf. */
  minLeafHessian: number;
  /** nDCG cut-off of the lambdas. */
  k: number;
  bins: number;
  /**
   * Recall-oriented lambdas: a pair's weight also gains recallWeight × |ΔRecall@recallK| of the
   * swap (1 / relevant count when it moves the relevant row across the cut-off, else 0), so the
   * trees learn which rows enter the first recallK. Absent or 0: ΔnDCG@k only.
   */
  recallK?: number;
  recallWeight?: number;
  /** Weight of the |ΔnDCG@k| part (default 1; 0 with a recall weight: recall lambdas only). */
  ndcgWeight?: number;
}

export const defaultLambdaMartParams: LambdaMartParams = { trees: 100, depth: 3, learningRate: 0.1, minLeafHessian: 1, k: 10, bins: 32 };

/** A regression tree as flat arrays: node i splits on feature[i] at threshold[i] (≤ left), or is a leaf (feature −1) with value[i]. */
export interface RegressionTree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
}

export function treeOutput(tree: RegressionTree, x: readonly number[]): number {
  let n = 0;
  while ((tree.feature[n] as number) >= 0)
    n = (x[tree.feature[n] as number] as number) <= (tree.threshold[n] as number) ? (tree.left[n] as number) : (tree.right[n] as number);
  return tree.value[n] as number;
}

/** Σ learning-rate-scaled tree outputs of the first `count` trees. */
export function ensembleOutput(trees: readonly RegressionTree[], x: readonly number[], count = trees.length): number {
  let s = 0;
  for (let i = 0; i < count && i < trees.length; i++) s += treeOutput(trees[i] as RegressionTree, x);
  return s;
}

function quantileEdges(values: Float64Array, bins: number): number[] {
  const sorted = Float64Array.from(values).sort();
  const edges: number[] = [];
  for (let b = 1; b < bins; b++) {
    const v = sorted[Math.floor((b * sorted.length) / bins)] as number;
    if (edges.length === 0 || v > (edges[edges.length - 1] as number)) edges.push(v);
  }
  return edges;
}

/** Trains `params.trees` trees on the queries; returns them with the learning rate folded into the leaf values. */
export function trainLambdaMart(queries: readonly RankingQuery[], params: LambdaMartParams = defaultLambdaMartParams): RegressionTree[] {
  const width = queries[0]?.features[0]?.length ?? 0;
  const rows = queries.reduce((n, q) => n + q.features.length, 0);
  const x: Float64Array[] = Array.from({ length: width }, () => new Float64Array(rows));
  const start: number[] = [];
  let r = 0;
  for (const q of queries) {
    start.push(r);
    for (const f of q.features) {
      for (let j = 0; j < width; j++) (x[j] as Float64Array)[r] = f[j] as number;
      r++;
    }
  }
  const edges = x.map((col) => quantileEdges(col, params.bins));
  const bins = binRows(x, edges, rows, params.bins);
  const score = new Float64Array(rows);
  queries.forEach((q, qi) => q.base.forEach((b, i) => (score[(start[qi] as number) + i] = b)));
  const grad = new Float64Array(rows);
  const hess = new Float64Array(rows);
  const rowsOf = queries.map(queryRows);
  const trees: RegressionTree[] = [];
  for (let t = 0; t < params.trees; t++) {
    grad.fill(0);
    hess.fill(0);
    queries.forEach((q, qi) => lambdas(q, rowsOf[qi] as QueryRows, start[qi] as number, score, grad, hess, params));
    const tree: RegressionTree = { feature: [], threshold: [], left: [], right: [], value: [] };
    const all = new Uint32Array(rows);
    for (let i = 0; i < rows; i++) all[i] = i;
    grow(tree, all, 0, bins, grad, hess, params);
    for (let i = 0; i < rows; i++) {
      let n = 0;
      while ((tree.feature[n] as number) >= 0)
        n =
          (bins.codes[i * width + (tree.feature[n] as number)] as number) <= (tree.threshold[n] as number)
            ? (tree.left[n] as number)
            : (tree.right[n] as number);
      score[i] = (score[i] as number) + (tree.value[n] as number);
    }
    // Thresholds were bin numbers while growing; as feature values they are the bins' upper edges.
    tree.threshold = tree.threshold.map((b, n) => ((tree.feature[n] as number) < 0 ? 0 : ((edges[tree.feature[n] as number] as number[])[b] ?? Infinity)));
    trees.push(tree);
  }
  return trees;
}

/** A query's relevant and other rows (ascending), fixed while the trees grow. */
interface QueryRows {
  relevant: Int32Array;
  others: Int32Array;
}

function queryRows(q: RankingQuery): QueryRows {
  const relevant: number[] = [];
  const others: number[] = [];
  q.labels.forEach((label, i) => (label === 1 ? relevant : others).push(i));
  return { relevant: Int32Array.from(relevant), others: Int32Array.from(others) };
}

/**
 * Adds one query's lambdas (negative gradients) and their second derivatives. Pairs are visited
 * relevant row by relevant row, other rows ascending, so the sums are added in a fixed order.
 */
function lambdas(
  q: RankingQuery,
  rowsOf: QueryRows,
  offset: number,
  score: Float64Array,
  grad: Float64Array,
  hess: Float64Array,
  params: LambdaMartParams,
): void {
  const { k } = params;
  const ndcgWeight = params.ndcgWeight ?? 1;
  const recallK = params.recallK ?? 0;
  const recallWeight = recallK > 0 && q.relevantTotal > 0 ? (params.recallWeight ?? 0) / q.relevantTotal : 0;
  const { relevant, others } = rowsOf;
  if (relevant.length === 0) return;
  let idcg = 0;
  for (let i = 0; i < Math.min(q.relevantTotal, k); i++) idcg += 1 / Math.log2(i + 2);
  if (idcg === 0) return;
  const n = q.labels.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => (score[offset + b] as number) - (score[offset + a] as number) || a - b);
  const rank = new Int32Array(n);
  for (let pos = 0; pos < n; pos++) rank[order[pos] as number] = pos;
  // Each row's nDCG gain at its rank and whether it sits in the first recallK.
  const gain = new Float64Array(n);
  const inRecall = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const pos = rank[i] as number;
    gain[i] = pos < k ? 1 / Math.log2(pos + 2) : 0;
    inRecall[i] = pos < recallK ? 1 : 0;
  }
  for (let a = 0; a < relevant.length; a++) {
    const i = relevant[a] as number;
    const gi = gain[i] as number;
    const ri = inRecall[i] as number;
    const si = score[offset + i] as number;
    for (let c = 0; c < others.length; c++) {
      const j = others[c] as number;
      const delta = (ndcgWeight * Math.abs(gi - (gain[j] as number))) / idcg + recallWeight * Math.abs(ri - (inRecall[j] as number));
      if (delta === 0) continue;
      const p = 1 / (1 + Math.exp(si - (score[offset + j] as number)));
      grad[offset + i] = (grad[offset + i] as number) + delta * p;
      grad[offset + j] = (grad[offset + j] as number) - delta * p;
      const h = delta * p * (1 - p);
      hess[offset + i] = (hess[offset + i] as number) + h;
      hess[offset + j] = (hess[offset + j] as number) + h;
    }
  }
}

/** Every row's bin of every feature, row-major; `counts[j]` bins of feature j, `stride` ≥ all counts. */
interface BinnedRows {
  width: number;
  stride: number;
  codes: Uint8Array;
  counts: Uint32Array;
}

function binRows(x: readonly Float64Array[], edges: readonly number[][], rows: number, maxBins: number): BinnedRows {
  const width = x.length;
  const codes = new Uint8Array(rows * width);
  x.forEach((col, j) => {
    const e = edges[j] as number[];
    for (let i = 0; i < rows; i++) {
      let lo = 0;
      let hi = e.length;
      const v = col[i] as number;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (v <= (e[mid] as number)) hi = mid;
        else lo = mid + 1;
      }
      codes[i * width + j] = lo;
    }
  });
  const counts = Uint32Array.from(edges, (e) => e.length + 1);
  return { width, stride: Math.max(maxBins, ...counts), codes, counts };
}

function grow(
  tree: RegressionTree,
  rows: Uint32Array,
  level: number,
  bins: BinnedRows,
  grad: Float64Array,
  hess: Float64Array,
  params: LambdaMartParams,
): number {
  const node = tree.feature.length;
  tree.feature.push(-1);
  tree.threshold.push(0);
  tree.left.push(-1);
  tree.right.push(-1);
  let g = 0;
  let h = 0;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r] as number;
    g += grad[i] as number;
    h += hess[i] as number;
  }
  tree.value.push(h > 0 ? (params.learningRate * g) / (h + 1e-9) : 0);
  if (level >= params.depth || h < 2 * params.minLeafHessian) return node;
  const { width, stride, codes, counts } = bins;
  const gs = new Float64Array(width * stride);
  const hs = new Float64Array(width * stride);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r] as number;
    const gi = grad[i] as number;
    const hi = hess[i] as number;
    const o = i * width;
    for (let j = 0; j < width; j++) {
      const b = j * stride + (codes[o + j] as number);
      gs[b] = (gs[b] as number) + gi;
      hs[b] = (hs[b] as number) + hi;
    }
  }
  let best = { gain: 0, feature: -1, bin: 0 };
  const parent = (g * g) / (h + 1e-9);
  for (let j = 0; j < width; j++) {
    let gl = 0;
    let hl = 0;
    const count = counts[j] as number;
    for (let b = 0; b < count - 1; b++) {
      gl += gs[j * stride + b] as number;
      hl += hs[j * stride + b] as number;
      const hr = h - hl;
      if (hl < params.minLeafHessian || hr < params.minLeafHessian) continue;
      const gr = g - gl;
      const gain = (gl * gl) / hl + (gr * gr) / hr - parent;
      if (gain > best.gain) best = { gain, feature: j, bin: b };
    }
  }
  if (best.feature < 0) return node;
  const left = rows.filter((i) => (codes[i * width + best.feature] as number) <= best.bin);
  const right = rows.filter((i) => (codes[i * width + best.feature] as number) > best.bin);
  tree.feature[node] = best.feature;
  tree.threshold[node] = best.bin;
  tree.left[node] = grow(tree, left, level + 1, bins, grad, hess, params);
  tree.right[node] = grow(tree, right, level + 1, bins, grad, hess, params);
  return node;
}
