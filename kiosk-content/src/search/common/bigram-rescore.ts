/**
 * Character-bigram re-scoring of the engine's best articles. jieba cuts statute wording and a
 * question's wording differently (拖欠工资 / 拖欠劳动报酬), so two texts can share characters the
 * word match never sees; BM25 over the CJK character bigrams of the query and of each of the first
 * `depth` articles adds that overlap:
 *
 *   score + weight × (best score) × bigram(article) / (best bigram among them)
 *
 * bigram = Σ over the query's distinct bigrams of idf × tf × (k1 + 1) / (tf + k1 × (1 − b + b × len / avg len)),
 * k1 1.2, b 0.75, idf ln(1 + (N − df + 0.5) / (df + 0.5)) with document frequencies over the
 * whole library. A bigram is coded as one number, (first char code << 16) | second; the index keeps
 * only bigrams in ≥ 2 articles (sorted codes and their df), a bigram it lacks that an article
 * contains occurs in that article alone (df 1). Pure.
 */

export interface BigramParams {
  /** Share of the best article score the article with the most bigram overlap gains; 0 = off. */
  weight: number;
  /** Articles re-scored (the first of the ranking). */
  depth: number;
  /**
   * The weight applies × (1 − coverage)^power, coverage being the share of the resident's own words
   * the best Q&A match matched (qa-bridge.ts qaCoverage; 0 without a match). Questions in residents'
   * words have a Q&A that speaks them (everyday set: median 0.67) and lose by literal overlap with
   * statutes; questions in statute wording have none (public STARD: median 0.23) and gain. 0 = ungated.
   */
  coveragePower: number;
}

/** The weight for a query whose best Q&A match covers `coverage` of its own words. */
export function gatedBigramWeight(params: BigramParams, coverage: number): number {
  return params.weight * (1 - Math.min(1, Math.max(0, coverage))) ** params.coveragePower;
}

const k1 = 1.2;
const b = 0.75;

const isCjk = (c: number) => c >= 0x4e00 && c <= 0x9fff;

/** Codes of the CJK character bigrams of `text`, in order (repeats kept). */
export function bigramCodes(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < text.length; i++) {
    const a = text.charCodeAt(i);
    const c = text.charCodeAt(i + 1);
    if (isCjk(a) && isCjk(c)) out.push(((a << 16) | c) >>> 0);
  }
  return out;
}

/** The library's bigram statistics as the index stores them. */
export interface BigramStatsData {
  /** Bigram codes in ≥ 2 articles, ascending. */
  codes: Uint32Array;
  /** Their document frequencies (same order). */
  df: Uint32Array;
  docCount: number;
  /** Mean number of bigrams per article. */
  avgLength: number;
}

export class BigramStats {
  constructor(readonly data: BigramStatsData) {}

  /** Articles containing the bigram (1 for one the index does not list: only such an article has it). */
  documentFrequency(code: number): number {
    const { codes, df } = this.data;
    let lo = 0;
    let hi = codes.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = codes[mid] as number;
      if (c === code) return df[mid] as number;
      if (c < code) lo = mid + 1;
      else hi = mid - 1;
    }
    return 1;
  }

  idf(code: number): number {
    const d = this.documentFrequency(code);
    return Math.log(1 + (this.data.docCount - d + 0.5) / (d + 0.5));
  }
}

/** Accumulates the article texts at index build time. */
export class BigramStatsBuilder {
  private readonly df = new Map<number, number>();
  private docs = 0;
  private total = 0;

  add(text: string): void {
    const codes = bigramCodes(text);
    this.docs++;
    this.total += codes.length;
    for (const c of new Set(codes)) this.df.set(c, (this.df.get(c) ?? 0) + 1);
  }

  finish(): BigramStatsData {
    const kept = [...this.df].filter(([, n]) => n >= 2).sort((x, y) => x[0] - y[0]);
    return {
      codes: Uint32Array.from(kept, ([c]) => c),
      df: Uint32Array.from(kept, ([, n]) => n),
      docCount: this.docs,
      avgLength: this.docs > 0 ? this.total / this.docs : 0,
    };
  }
}

/**
 * The query's distinct bigrams as bigramScore reads texts against them: each one's idf, and two
 * 1,024-bit masks of the characters that begin and end one (by code mod 1,024), so most bigrams of a
 * text are passed over after two bit tests, without a map lookup.
 */
export class QueryBigrams {
  /** idf of the query's bigram i. */
  readonly idf: number[] = [];
  /** Bigram → i, keyed by a small integer (both characters are CJK). */
  private readonly slot = new Map<number, number>();
  private readonly begins = new Uint32Array(32);
  private readonly ends = new Uint32Array(32);
  /** Scratch of bigramScore: occurrences per bigram in the current text, and the order they first occurred in. */
  readonly counts: Int32Array;
  readonly seen: number[] = [];

  /** `idf`: bigram code → idf, distinct codes. */
  constructor(idf: ReadonlyMap<number, number>) {
    for (const [code, value] of idf) {
      const a = code >>> 16;
      const c = code & 0xffff;
      if (!isCjk(a) || !isCjk(c)) continue;
      this.slot.set(smallKey(a, c), this.idf.length);
      this.idf.push(value);
      this.begins[(a >> 5) & 31] = (this.begins[(a >> 5) & 31] as number) | (1 << (a & 31));
      this.ends[(c >> 5) & 31] = (this.ends[(c >> 5) & 31] as number) | (1 << (c & 31));
    }
    this.counts = new Int32Array(this.idf.length);
  }

  get size(): number {
    return this.idf.length;
  }

  /** Index of the bigram of CJK characters a, c among the query's, or −1. */
  indexOf(a: number, c: number): number {
    if (!(((this.begins[(a >> 5) & 31] as number) >>> (a & 31)) & 1) || !(((this.ends[(c >> 5) & 31] as number) >>> (c & 31)) & 1)) return -1;
    return this.slot.get(smallKey(a, c)) ?? -1;
  }
}

const smallKey = (a: number, c: number) => (a - 0x4e00) * 0x5200 + (c - 0x4e00);

/**
 * BM25 of one article text for the query bigrams. Walks the text once without listing its bigrams
 * (a hundred texts per query); the terms add up in the order of their first occurrence in the text.
 */
export function bigramScore(query: QueryBigrams, text: string, avgLength: number): number {
  if (query.size === 0) return 0;
  const { counts, seen, idf } = query;
  let length = 0;
  let previous = text.length > 0 ? text.charCodeAt(0) : 0;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isCjk(previous) && isCjk(c)) {
      length++;
      const j = query.indexOf(previous, c);
      if (j >= 0 && (counts[j] = (counts[j] as number) + 1) === 1) seen.push(j);
    }
    previous = c;
  }
  let s = 0;
  if (length > 0) {
    const norm = 1 - b + (b * length) / (avgLength > 0 ? avgLength : length);
    for (const j of seen) {
      const n = counts[j] as number;
      s += (idf[j] as number) * ((n * (k1 + 1)) / (n + k1 * norm));
    }
  }
  for (const j of seen) counts[j] = 0;
  seen.length = 0;
  return s;
}

/**
 * `ranked` (best first) with its first `depth` entries re-scored at `weight` (gatedBigramWeight)
 * and re-sorted; the rest follow unchanged. `textsOf` gives the article texts of those entries, in
 * their order, in one call (null: no bigram score), so a database can read them with one statement;
 * it is not called when nothing is re-scored.
 */
export function rescoreWithBigrams<T extends { score: number }>(
  ranked: readonly T[],
  query: string,
  textsOf: (head: readonly T[]) => readonly (string | null)[],
  stats: BigramStats,
  weight: number,
  depth: number,
  /** Told each head article's bigram score scaled to the best 1 (the learned re-ranker's feature). */
  scaled?: (hit: T, score: number) => void,
): T[] {
  const best = ranked[0]?.score ?? 0;
  if (weight <= 0 || depth <= 0 || best <= 0) return [...ranked];
  const queryIdf = new Map<number, number>();
  for (const c of bigramCodes(query)) if (!queryIdf.has(c)) queryIdf.set(c, stats.idf(c));
  if (queryIdf.size === 0) return [...ranked];
  const bigrams = new QueryBigrams(queryIdf);
  const head = ranked.slice(0, depth);
  const texts = textsOf(head);
  const scores = head.map((_, i) => {
    const text = texts[i] ?? null;
    return text === null ? 0 : bigramScore(bigrams, text, stats.data.avgLength);
  });
  const maxScore = Math.max(0, ...scores);
  if (maxScore <= 0) return [...ranked];
  if (scaled) head.forEach((h, i) => scaled(h, (scores[i] as number) / maxScore));
  const fused = head
    .map((h, i) => ({ hit: h, score: h.score + (weight * best * (scores[i] as number)) / maxScore, i }))
    // Stable: equal scores keep the ranking's order.
    .sort((x, y) => y.score - x.score || x.i - y.i)
    .map((f) => ({ ...f.hit, score: f.score }));
  return [...fused, ...ranked.slice(depth)];
}
