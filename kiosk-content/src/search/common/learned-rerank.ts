import type { ArticleIndex } from './article-index';

/**
 * The learned re-ranker (last stage): gradient-boosted regression trees (LambdaMART, trained at
 * pack build by authoring/search-model/train-ranker.ts) score the engine's best candidates on
 * features of what the earlier stages computed for the query, and the final order is
 *
 *   κ × engine score (scaled to the best 1) + γ × (1 − Q&A coverage)^p × trees,
 *
 * so a question a Q&A covers keeps the engine's order. rankerFeatures is the one definition of
 * the features, used at query time, at pack build and by scripts/bench/ltr-features.ts.
 */

export const rankerFeatureNames = [
  'finalScore',
  'logFinalRank',
  'firstScore',
  'logFirstRank',
  'tlmPart',
  'translatedScore',
  'qaPart',
  'bigramRaw',
  'coverage',
  'ownWords',
  'logQueryChars',
  'logLawRank',
  'lawTop10',
  'lawTop100',
  'logLawBoost',
  'authority',
  'popularity',
  'cited',
  'position',
  'exact',
] as const;

export interface ScoredDoc {
  doc: number;
  score: number;
}

/**
 * What the stages of one search left: each stage's article ranking (the word ranking, after the
 * translation second stage, after the Q&A boost and bridge, after the bigram re-scoring), the
 * bigram scores of the bigram stage's candidates (scaled to the best 1), the query's Q&A coverage,
 * the laws' score multipliers and the resident's own words.
 */
export interface StageRecord {
  query: string;
  firstStage: readonly ScoredDoc[];
  translated: readonly ScoredDoc[];
  bridged: readonly ScoredDoc[];
  final: readonly ScoredDoc[];
  bigrams: ReadonlyMap<number, number>;
  coverage: number;
  lawBoost: ReadonlyMap<number, number>;
  ownWords: readonly string[];
  /** How many of the word ranking's first articles the translation second stage scored (0: none). */
  translationDepth?: number;
}

/** A candidate the ranker sees: the engine's list in its order, articles the query cites first. */
export interface RankerCandidate extends ScoredDoc {
  exact: boolean;
}

const authorityValue: Record<string, number> = { law: 1, 'judicial-interpretation': 0.85, 'administrative-regulation': 0.8, 'departmental-rule': 0.7 };

/** First doc and article count of each law (articles of a law are consecutive docs). */
const lawSpans = new WeakMap<object, { start: Uint32Array; count: Uint32Array }>();
function spansOf(articles: ArticleIndex): { start: Uint32Array; count: Uint32Array } {
  const data = articles.data;
  let spans = lawSpans.get(data);
  if (!spans) {
    const start = new Uint32Array(data.laws.length);
    const count = new Uint32Array(data.laws.length);
    data.docLaw.forEach((law, d) => {
      if ((count[law] as number) === 0) start[law] = d;
      count[law] = (count[law] as number) + 1;
    });
    lawSpans.set(data, (spans = { start, count }));
  }
  return spans;
}

/**
 * Where each article stands in a stage's ranking, for the feature rows: rank + 1 by doc id (0 = not
 * in it; an article listed twice keeps its first place). One scratch array per ranking and
 * library, filled from the ranking and cleared again after each call (a few hundred docs), so the
 * lookups are array reads, not maps of objects.
 */
class StageRanks {
  private readonly slots: Int32Array[] = [];

  constructor(private readonly docCount: number) {}

  /** Fills slot `i` from `ranked`; returns the filled array. */
  fill(i: number, ranked: readonly ScoredDoc[]): Int32Array {
    let a = this.slots[i];
    if (!a) this.slots[i] = a = new Int32Array(this.docCount);
    for (let r = 0; r < ranked.length; r++) {
      const doc = (ranked[r] as ScoredDoc).doc;
      if (a[doc] === 0) a[doc] = r + 1;
    }
    return a;
  }

  clear(i: number, ranked: readonly ScoredDoc[]): void {
    const a = this.slots[i] as Int32Array;
    for (const h of ranked) a[h.doc] = 0;
  }
}

const stageRanks = new WeakMap<object, StageRanks>();

/**
 * Feature rows (rankerFeatureNames order), one per candidate, row-major; rows `width` apart (the
 * deep re-ranker's rows have two more columns after these).
 */
export function rankerFeatures(
  stages: StageRecord,
  candidates: readonly RankerCandidate[],
  articles: ArticleIndex,
  width: number = rankerFeatureNames.length,
): Float64Array {
  const out = new Float64Array(candidates.length * width);
  let ranks = stageRanks.get(articles.data);
  if (!ranks) stageRanks.set(articles.data, (ranks = new StageRanks(articles.docCount)));
  const lists = [stages.firstStage, stages.translated, stages.bridged, stages.final];
  const [first, translated, bridged, final] = lists.map((list, i) => (ranks as StageRanks).fill(i, list)) as [Int32Array, Int32Array, Int32Array, Int32Array];
  try {
    fillFeatureRows(out, width, stages, candidates, articles, { first, translated, bridged, final });
  } finally {
    lists.forEach((list, i) => (ranks as StageRanks).clear(i, list));
  }
  return out;
}

function fillFeatureRows(
  out: Float64Array,
  width: number,
  stages: StageRecord,
  candidates: readonly RankerCandidate[],
  articles: ArticleIndex,
  rank: { first: Int32Array; translated: Int32Array; bridged: Int32Array; final: Int32Array },
): void {
  const bestFirst = stages.firstStage[0]?.score || 1;
  const bestFinal = stages.final[0]?.score || 1;
  const docLaw = articles.data.docLaw;
  // Laws by their best position in the list; how many of the law's articles are in the first 10 / all
  // (per-library scratch over laws, cleared below).
  const { lawRank, lawTop10, lawTop100, authority } = lawScratchOf(articles);
  let lawsSeen = 0;
  candidates.forEach((c, i) => {
    const law = docLaw[c.doc] as number;
    if ((lawTop100[law] as number) === 0) lawRank[law] = lawsSeen++;
    if (i < 10) lawTop10[law] = (lawTop10[law] as number) + 1;
    lawTop100[law] = (lawTop100[law] as number) + 1;
  });
  const popularity = articles.learned?.data.popularity;
  const spans = spansOf(articles);
  const logQueryChars = Math.log(1 + stages.query.length);
  const scoreAt = (list: readonly ScoredDoc[], rankPlusOne: number) => (list[rankPlusOne - 1] as ScoredDoc).score;
  try {
    candidates.forEach((c, i) => {
      const d = c.doc;
      const law = docLaw[d] as number;
      const f = rank.first[d] as number;
      const t = rank.translated[d] as number;
      const b = rank.bridged[d] as number;
      const firstScore = f > 0 ? scoreAt(stages.firstStage, f) / bestFirst : 0;
      const translatedScore = t > 0 ? scoreAt(stages.translated, t) : 0;
      const pop = popularity ? (popularity[d] as number) : 0;
      const count = spans.count[law] as number;
      const o = i * width;
      out[o] = c.score / bestFinal;
      out[o + 1] = Math.log(1 + i);
      out[o + 2] = firstScore;
      out[o + 3] = Math.log(1 + (f > 0 ? f - 1 : 400));
      out[o + 4] = t > 0 ? translatedScore - firstScore : 0;
      out[o + 5] = t > 0 ? translatedScore : firstScore;
      out[o + 6] = b > 0 && t > 0 ? scoreAt(stages.bridged, b) - translatedScore : 0;
      out[o + 7] = stages.bigrams.get(d) ?? 0;
      out[o + 8] = stages.coverage;
      out[o + 9] = stages.ownWords.length;
      out[o + 10] = logQueryChars;
      out[o + 11] = Math.log(1 + (lawRank[law] as number));
      out[o + 12] = lawTop10[law] as number;
      out[o + 13] = lawTop100[law] as number;
      out[o + 14] = Math.log(stages.lawBoost.get(law) ?? 1);
      out[o + 15] = authority[law] as number;
      out[o + 16] = pop;
      out[o + 17] = pop > 0 ? 1 : 0;
      out[o + 18] = count > 0 ? (d - (spans.start[law] as number)) / count : 0;
      out[o + 19] = c.exact || (rank.final[d] as number) === 0 ? 1 : 0;
    });
  } finally {
    for (const c of candidates) {
      const law = docLaw[c.doc] as number;
      lawTop10[law] = 0;
      lawTop100[law] = 0;
    }
  }
}

/** Per library: scratch counts over its laws (zero between calls) and each law's authority value. */
const lawScratch = new WeakMap<object, { lawRank: Int32Array; lawTop10: Int32Array; lawTop100: Int32Array; authority: Float64Array }>();
function lawScratchOf(articles: ArticleIndex): { lawRank: Int32Array; lawTop10: Int32Array; lawTop100: Int32Array; authority: Float64Array } {
  const laws = articles.data.laws;
  let scratch = lawScratch.get(articles.data);
  if (!scratch) {
    scratch = {
      lawRank: new Int32Array(laws.length),
      lawTop10: new Int32Array(laws.length),
      lawTop100: new Int32Array(laws.length),
      authority: Float64Array.from(laws, (l) => authorityValue[l.authority] ?? 0.5),
    };
    lawScratch.set(articles.data, scratch);
  }
  return scratch;
}

/** Regression trees as trained (lambdamart.ts): node i splits on feature[i] at threshold[i] (≤ left), or is a leaf (feature −1). */
export interface RankerTree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
}

/** The trained re-ranker as the SearchModel stores it (JSON: thresholds keep their exact values). */
export interface RankerModel {
  /** rankerFeatureNames when trained; a model whose names differ is not used. */
  features: string[];
  trees: RankerTree[];
  /** The deep re-ranker (deep-rerank.ts) trained with it; absent = the first `depth` re-ranked only. */
  deep?: { features: string[]; trees: RankerTree[] };
}

/**
 * All trees in flat typed arrays, each tree's nodes in preorder from roots[t]: a split's left child
 * is the next node, `right` its right child (absolute); a leaf has feature −1 and its value.
 */
export interface CompiledForest {
  roots: Uint32Array;
  feature: Int32Array;
  threshold: Float64Array;
  right: Uint32Array;
  value: Float64Array;
}

export function compileForest(model: Pick<RankerModel, 'features' | 'trees'>, names: readonly string[] = rankerFeatureNames): CompiledForest | null {
  if (model.features.length !== names.length || model.features.some((n, j) => n !== names[j])) return null;
  // An empty tree becomes one leaf worth 0.
  const nodes = model.trees.reduce((n, t) => n + Math.max(1, t.feature.length), 0);
  const forest: CompiledForest = {
    roots: new Uint32Array(model.trees.length),
    feature: new Int32Array(nodes),
    threshold: new Float64Array(nodes),
    right: new Uint32Array(nodes),
    value: new Float64Array(nodes),
  };
  let at = 0;
  model.trees.forEach((t, i) => {
    forest.roots[i] = at;
    // Preorder from the root (node 0); only nodes reachable from it are kept.
    const place = (n: number): void => {
      const here = at++;
      const f = t.feature[n] ?? -1;
      forest.feature[here] = f;
      forest.threshold[here] = t.threshold[n] ?? 0;
      forest.value[here] = t.value[n] ?? 0;
      if (f < 0) return;
      place(t.left[n] ?? 0);
      forest.right[here] = at;
      place(t.right[n] ?? 0);
    };
    if (t.feature.length > 0) place(0);
    else forest.feature[at++] = -1;
  });
  return forest;
}

const compiled = new WeakMap<object, CompiledForest | null>();
/** The model's trees compiled once per model object (null when its features are not `names`). */
export function forestOf(model: Pick<RankerModel, 'features' | 'trees'>, names: readonly string[] = rankerFeatureNames): CompiledForest | null {
  let forest = compiled.get(model);
  if (forest === undefined) compiled.set(model, (forest = compileForest(model, names)));
  return forest;
}

/** Σ of the trees' outputs for row `row` of the row-major feature matrix (`width` columns). */
export function forestOutput(forest: CompiledForest, rows: Float64Array, row: number, width: number = rankerFeatureNames.length): number {
  const { roots, feature, threshold, right, value } = forest;
  const o = row * width;
  let s = 0;
  for (let t = 0; t < roots.length; t++) {
    let n = roots[t] as number;
    for (let f = feature[n] as number; f >= 0; f = feature[n] as number) n = (rows[o + f] as number) <= (threshold[n] as number) ? n + 1 : (right[n] as number);
    s += value[n] as number;
  }
  return s;
}

export interface LearnedRerankParams {
  /** Weight of the engine score (scaled to the best 1). */
  kappa: number;
  /** Weight of the trees' output at coverage 0. */
  gamma: number;
  /** The gate (1 − coverage)^power. */
  power: number;
  /** Candidates the trees see (the engine's best). */
  depth: number;
  /**
   * The deep re-ranker (deep-rerank.ts, used when the model carries its trees): the first `keep`
   * results are those of the re-ranker above, the deep trees order the rest of the engine's first
   * `deepDepth` (same κ, γ, p), so they decide which articles below `depth` enter the first 100.
   */
  deepDepth: number;
  keep: number;
}

/**
 * Chosen by nested 5-fold CV on the public STARD questions (scripts/bench/ltr-experiment.ts: every
 * inner CV picked κ 2, γ 1, 100 trees); the power 4 was chosen looking at the everyday set. The
 * deep re-ranker's depth 300 and keep 10: the variant measured there (FEATURES=deep KEEP=10).
 */
export const defaultLearnedRerankParams: LearnedRerankParams = { kappa: 2, gamma: 1, power: 4, depth: 100, deepDepth: 300, keep: 10 };

/** The gate: 1 for a question no Q&A covers, 0 for a fully covered one. */
export const rerankGate = (params: LearnedRerankParams, coverage: number): number => params.gamma * (1 - Math.min(1, Math.max(0, coverage))) ** params.power;

/**
 * κ × row's first column (the engine score scaled to the best 1) + gate × trees, for the rows
 * `rowsOf` lists (the others stay 0).
 */
export function fusedScores(rows: Float64Array, width: number, forest: CompiledForest, gate: number, kappa: number, rowsOf: readonly number[]): Float64Array {
  const out = new Float64Array(rows.length / width);
  for (const i of rowsOf) out[i] = kappa * (rows[i * width] as number) + gate * forestOutput(forest, rows, i, width);
  return out;
}

/**
 * The candidates (not those the query cites, which stay first) in the fused order, scores the
 * fused values. `rows` are rankerFeatures of `candidates`.
 */
export function fuseRanker(candidates: readonly RankerCandidate[], rows: Float64Array, forest: CompiledForest, gate: number, kappa: number): RankerCandidate[] {
  const order: number[] = [];
  candidates.forEach((c, i) => {
    if (!c.exact) order.push(i);
  });
  const score = fusedScores(rows, rankerFeatureNames.length, forest, gate, kappa, order);
  return order
    .sort((a, b) => (score[b] as number) - (score[a] as number) || a - b)
    .map((i) => ({ doc: (candidates[i] as RankerCandidate).doc, score: score[i] as number, exact: false }));
}
