/**
 * Retrieval metrics exactly as ../shared/data/README.md defines them. The unit of relevance is an
 * article key (normalised law title + "|" + label); a key that shows up twice in a ranking (two
 * versions) counts once, but its extra copies still take up slots.
 */
export interface QueryJudgement {
  /** Relevance keys of the articles that answer the query. */
  relevant: ReadonlySet<string>;
  /** Result keys in rank order. */
  ranked: readonly string[];
}

export interface RetrievalMetrics {
  queries: number;
  recallAt1: number;
  recallAt5: number;
  recallAt10: number;
  recallAt100: number;
  mrrAt10: number;
  ndcgAt10: number;
}

/** |R ∩ top-k| / |R|, each relevant key counted once. */
export function recallAt(relevant: ReadonlySet<string>, ranked: readonly string[], k: number): number {
  if (relevant.size === 0) return 0;
  const found = new Set<string>();
  for (const key of ranked.slice(0, k)) if (relevant.has(key)) found.add(key);
  return found.size / relevant.size;
}

/** 1 / rank of the first relevant result within the top k, else 0. */
export function reciprocalRankAt(relevant: ReadonlySet<string>, ranked: readonly string[], k: number): number {
  const limit = Math.min(k, ranked.length);
  for (let i = 0; i < limit; i++) if (relevant.has(ranked[i] as string)) return 1 / (i + 1);
  return 0;
}

/** Binary-gain nDCG@k; a relevant key gains only at its first rank; IDCG over min(|R|, k). */
export function ndcgAt(relevant: ReadonlySet<string>, ranked: readonly string[], k: number): number {
  if (relevant.size === 0) return 0;
  const seen = new Set<string>();
  let dcg = 0;
  const limit = Math.min(k, ranked.length);
  for (let i = 0; i < limit; i++) {
    const key = ranked[i] as string;
    if (relevant.has(key) && !seen.has(key)) {
      seen.add(key);
      dcg += 1 / Math.log2(i + 2);
    }
  }
  let idcg = 0;
  const ideal = Math.min(relevant.size, k);
  for (let i = 0; i < ideal; i++) idcg += 1 / Math.log2(i + 2);
  return dcg / idcg;
}

/** Averages over queries. */
export function evaluateRetrieval(judgements: readonly QueryJudgement[]): RetrievalMetrics {
  const n = judgements.length;
  const mean = (f: (j: QueryJudgement) => number): number => (n === 0 ? 0 : judgements.reduce((sum, j) => sum + f(j), 0) / n);
  return {
    queries: n,
    recallAt1: mean((j) => recallAt(j.relevant, j.ranked, 1)),
    recallAt5: mean((j) => recallAt(j.relevant, j.ranked, 5)),
    recallAt10: mean((j) => recallAt(j.relevant, j.ranked, 10)),
    recallAt100: mean((j) => recallAt(j.relevant, j.ranked, 100)),
    mrrAt10: mean((j) => reciprocalRankAt(j.relevant, j.ranked, 10)),
    ndcgAt10: mean((j) => ndcgAt(j.relevant, j.ranked, 10)),
  };
}
