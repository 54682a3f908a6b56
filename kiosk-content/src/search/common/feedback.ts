import type { WeightedTerm } from './glossary-expansion';

/**
 * Pseudo-relevance feedback (RM3-style): the words that stand out in the best articles of a first
 * ranking are added to the query at a low weight, and the query is ranked again. Pure; the engine
 * passes the feedback articles' words (the same analysis as queries) and the corpus statistics.
 */
export interface FeedbackParams {
  /** Articles of the first ranking that count as relevant; 0 = off. */
  docs: number;
  /** Words added at most. */
  terms: number;
  /** Weight of the best added word relative to the resident's own words (1); the others in proportion. */
  weight: number;
  /** A word in more than this share of the articles is not added (it says nothing about the matter). */
  maxDocShare: number;
}

export const noFeedback: FeedbackParams = { docs: 0, terms: 0, weight: 0, maxDocShare: 0 };

/**
 * Words of the feedback articles scored Σ_d (score_d / best score) × tf(w, d) / |d| × idf(w),
 * the best `terms` of them (ties by word) that are not `exclude`d and occur in at most
 * maxDocShare × docCount articles, each weighted weight × its score / the best one.
 */
export function feedbackTerms(
  feedback: readonly { score: number; words: readonly string[] }[],
  stats: { idf: (term: string) => number; documentFrequency: (term: string) => number; docCount: number },
  exclude: ReadonlySet<string>,
  params: FeedbackParams,
): WeightedTerm[] {
  if (params.docs <= 0 || params.terms <= 0 || params.weight <= 0) return [];
  const best = feedback[0]?.score ?? 0;
  if (best <= 0) return [];
  const maxDf = stats.docCount * params.maxDocShare;
  const scores = new Map<string, number>();
  for (const { score, words } of feedback.slice(0, params.docs)) {
    if (words.length === 0) continue;
    const tf = new Map<string, number>();
    for (const w of words) if (!exclude.has(w)) tf.set(w, (tf.get(w) ?? 0) + 1);
    for (const [w, n] of tf) scores.set(w, (scores.get(w) ?? 0) + ((score / best) * n) / words.length);
  }
  const ranked: WeightedTerm[] = [];
  for (const [term, s] of scores) {
    const df = stats.documentFrequency(term);
    if (df === 0 || df > maxDf) continue;
    ranked.push({ term, weight: s * stats.idf(term) });
  }
  ranked.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  const kept = ranked.slice(0, params.terms);
  const top = kept[0]?.weight ?? 0;
  return top > 0 ? kept.map((t) => ({ term: t.term, weight: (params.weight * t.weight) / top })) : [];
}
