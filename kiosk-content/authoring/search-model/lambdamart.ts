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
  const binned = x.map((col, j) => {
    const e = edges[j] as number[];
    const out = new Uint8Array(rows);
    for (let i = 0; i < rows; i++) {
      let lo = 0;
      let hi = e.length;
      const v = col[i] as number;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (v <= (e[mid] as number)) hi = mid;
        else lo = mid + 1;
      }
      out[i] = lo;
    }
    return out;
  });
  const score = new Float64Array(rows);
  queries.forEach((q, qi) => q.base.forEach((b, i) => (score[(start[qi] as number) + i] = b)));
  const grad = new Float64Array(rows);
  const hess = new Float64Array(rows);
  const trees: RegressionTree[] = [];
  for (let t = 0; t < params.trees; t++) {
    grad.fill(0);
    hess.fill(0);
    queries.forEach((q, qi) => lambdas(q, start[qi] as number, score, grad, hess, params));
    const tree: RegressionTree = { feature: [], threshold: [], left: [], right: [], value: [] };
    const all = new Uint32Array(rows);
    for (let i = 0; i < rows; i++) all[i] = i;
    grow(tree, all, 0, binned, edges, grad, hess, params);
    for (let i = 0; i < rows; i++) {
      let n = 0;
      while ((tree.feature[n] as number) >= 0)
        n =
          ((binned[tree.feature[n] as number] as Uint8Array)[i] as number) <= (tree.threshold[n] as number)
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

/** Adds one query's lambdas (negative gradients) and their second derivatives. */
function lambdas(q: RankingQuery, offset: number, score: Float64Array, grad: Float64Array, hess: Float64Array, params: LambdaMartParams): void {
  const { k } = params;
  const ndcgWeight = params.ndcgWeight ?? 1;
  const recallK = params.recallK ?? 0;
  const recallWeight = recallK > 0 && q.relevantTotal > 0 ? (params.recallWeight ?? 0) / q.relevantTotal : 0;
  const n = q.features.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (score[offset + b] as number) - (score[offset + a] as number) || a - b);
  const rank = new Int32Array(n);
  order.forEach((i, pos) => (rank[i] = pos));
  let idcg = 0;
  for (let i = 0; i < Math.min(q.relevantTotal, k); i++) idcg += 1 / Math.log2(i + 2);
  if (idcg === 0) return;
  const inRecall = (pos: number) => (pos < recallK ? 1 : 0);
  const gain = (pos: number) => (pos < k ? 1 / Math.log2(pos + 2) : 0);
  for (let i = 0; i < n; i++) {
    if (q.labels[i] !== 1) continue;
    for (let j = 0; j < n; j++) {
      if (q.labels[j] === 1) continue;
      const ri = rank[i] as number;
      const rj = rank[j] as number;
      const delta = (ndcgWeight * Math.abs(gain(ri) - gain(rj))) / idcg + recallWeight * Math.abs(inRecall(ri) - inRecall(rj));
      if (delta === 0) continue;
      const s = (score[offset + i] as number) - (score[offset + j] as number);
      const p = 1 / (1 + Math.exp(s));
      grad[offset + i] = (grad[offset + i] as number) + delta * p;
      grad[offset + j] = (grad[offset + j] as number) - delta * p;
      const h = delta * p * (1 - p);
      hess[offset + i] = (hess[offset + i] as number) + h;
      hess[offset + j] = (hess[offset + j] as number) + h;
    }
  }
}

function grow(
  tree: RegressionTree,
  rows: Uint32Array,
  level: number,
  binned: Uint8Array[],
  edges: number[][],
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
  for (const i of rows) {
    g += grad[i] as number;
    h += hess[i] as number;
  }
  tree.value.push(h > 0 ? (params.learningRate * g) / (h + 1e-9) : 0);
  if (level >= params.depth || h < 2 * params.minLeafHessian) return node;
  let best = { gain: 0, feature: -1, bin: 0 };
  const parent = (g * g) / (h + 1e-9);
  binned.forEach((col, j) => {
    const bins = (edges[j] as number[]).length + 1;
    const gs = new Float64Array(bins);
    const hs = new Float64Array(bins);
    for (const i of rows) {
      const b = col[i] as number;
      gs[b] = (gs[b] as number) + (grad[i] as number);
      hs[b] = (hs[b] as number) + (hess[i] as number);
    }
    let gl = 0;
    let hl = 0;
    for (let b = 0; b < bins - 1; b++) {
      gl += gs[b] as number;
      hl += hs[b] as number;
      const hr = h - hl;
      if (hl < params.minLeafHessian || hr < params.minLeafHessian) continue;
      const gr = g - gl;
      const gain = (gl * gl) / hl + (gr * gr) / hr - parent;
      if (gain > best.gain) best = { gain, feature: j, bin: b };
    }
  });
  if (best.feature < 0) return node;
  const col = binned[best.feature] as Uint8Array;
  const left = rows.filter((i) => (col[i] as number) <= best.bin);
  const right = rows.filter((i) => (col[i] as number) > best.bin);
  tree.feature[node] = best.feature;
  tree.threshold[node] = best.bin;
  tree.left[node] = grow(tree, left, level + 1, binned, edges, grad, hess, params);
  tree.right[node] = grow(tree, right, level + 1, binned, edges, grad, hess, params);
  return node;
}
