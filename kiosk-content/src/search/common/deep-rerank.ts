import type { ArticleIndex } from './article-index';
import type { CompiledForest, RankerCandidate, StageRecord } from './learned-rerank';
import { fusedScores, rankerFeatureNames, rankerFeatures } from './learned-rerank';

/**
 * The deep re-ranker: a second set of LambdaMART trees (trained at pack build with the first, by
 * authoring/search-model/train-ranker.ts, with lambdas that also count the change of recall in the
 * first 100) scores the engine's first `deepDepth` (300) candidates. The first `keep` results stay
 * those of the re-ranker of the first 100 (learned-rerank.ts); the deep trees order everything
 * after them, so they decide which articles from ranks 101–300 enter the first 100.
 *
 * Its features are the re-ranker's own computed over the whole deeper list (law ranks and counts
 * over 300), plus two indicators: whether the bigram stage scored the article (it scores the first
 * 100 only; an unscored article's bigram feature is 0, not a score) and whether the translation
 * second stage did.
 */

export const deepRankerFeatureNames: readonly string[] = [...rankerFeatureNames.map((n) => `deep.${n}`), 'bigramScored', 'translationScored'];

/** Feature rows (deepRankerFeatureNames order), one per candidate, row-major. */
export function deepRankerFeatures(stages: StageRecord, candidates: readonly RankerCandidate[], articles: ArticleIndex): Float64Array {
  const inner = rankerFeatureNames.length;
  const width = deepRankerFeatureNames.length;
  const out = rankerFeatures(stages, candidates, articles, width);
  const translated = new Set(stages.firstStage.slice(0, stages.translationDepth ?? 0).map((h) => h.doc));
  candidates.forEach((c, i) => {
    out[i * width + inner] = stages.bigrams.has(c.doc) ? 1 : 0;
    out[i * width + inner + 1] = translated.has(c.doc) ? 1 : 0;
  });
  return out;
}

/**
 * `top` (the re-ranker's order of the first candidates, cited articles removed) keeps its first
 * `keep`; the other candidates (not cited) follow in the order of κ × engine score + gate × deep
 * trees. `rows` are deepRankerFeatures of `candidates`. Scores never rise down the list.
 */
export function fuseDeepRanker(
  top: readonly RankerCandidate[],
  keep: number,
  candidates: readonly RankerCandidate[],
  rows: Float64Array,
  forest: CompiledForest,
  gate: number,
  kappa: number,
): RankerCandidate[] {
  const head = top.slice(0, keep);
  const kept = new Set(head.map((c) => c.doc));
  const order: number[] = [];
  candidates.forEach((c, i) => {
    if (!c.exact && !kept.has(c.doc)) order.push(i);
  });
  const score = fusedScores(rows, deepRankerFeatureNames.length, forest, gate, kappa, order);
  order.sort((a, b) => (score[b] as number) - (score[a] as number) || a - b);
  let floor = head[head.length - 1]?.score ?? Infinity;
  const out = head.slice();
  for (const i of order) {
    floor = Math.min(floor, score[i] as number);
    out.push({ doc: (candidates[i] as RankerCandidate).doc, score: floor, exact: false });
  }
  return out;
}
