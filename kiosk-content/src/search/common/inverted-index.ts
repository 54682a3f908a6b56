/**
 * A compact, immutable inverted index in typed arrays (CSR layout): one posting list per term,
 * doc ids ascending, with term frequencies. Built once at import, stored as binary blobs in the
 * content database and loaded without re-tokenising anything — that is what keeps cold start and
 * memory small for ~58k articles. Pure: no Node APIs.
 */
export interface InvertedIndexData {
  /** Terms in id order. */
  terms: string[];
  /** offsets[t]..offsets[t+1] is term t's slice of docs/tfs. Length terms.length + 1. */
  offsets: Uint32Array;
  docs: Uint32Array;
  tfs: Uint16Array;
  /** Token count per document (the field length BM25 normalises by). */
  docLengths: Uint32Array;
}

export class InvertedIndex {
  readonly docCount: number;
  readonly avgDocLength: number;
  private readonly termIds: Map<string, number>;

  constructor(readonly data: InvertedIndexData) {
    this.docCount = data.docLengths.length;
    let total = 0;
    for (const len of data.docLengths) total += len;
    this.avgDocLength = this.docCount === 0 ? 0 : total / this.docCount;
    this.termIds = new Map();
    data.terms.forEach((term, id) => this.termIds.set(term, id));
  }

  /** Builds from one token list per document (docs are numbered by their position). */
  static build(documents: readonly (readonly string[])[]): InvertedIndex {
    const termIds = new Map<string, number>();
    const terms: string[] = [];
    const counts: number[] = [];
    const perDoc: Map<number, number>[] = [];
    const docLengths = new Uint32Array(documents.length);
    documents.forEach((tokens, doc) => {
      const tf = new Map<number, number>();
      for (const token of tokens) {
        let id = termIds.get(token);
        if (id === undefined) {
          id = terms.length;
          termIds.set(token, id);
          terms.push(token);
          counts.push(0);
        }
        tf.set(id, (tf.get(id) ?? 0) + 1);
      }
      for (const id of tf.keys()) counts[id] = (counts[id] ?? 0) + 1;
      perDoc.push(tf);
      docLengths[doc] = tokens.length;
    });
    const offsets = new Uint32Array(terms.length + 1);
    for (let t = 0; t < terms.length; t++) offsets[t + 1] = (offsets[t] ?? 0) + (counts[t] ?? 0);
    const total = offsets[terms.length] ?? 0;
    const docs = new Uint32Array(total);
    const tfs = new Uint16Array(total);
    const cursor = offsets.slice(0, terms.length);
    perDoc.forEach((tf, doc) => {
      for (const [id, n] of tf) {
        const at = cursor[id] ?? 0;
        docs[at] = doc;
        tfs[at] = Math.min(n, 65_535);
        cursor[id] = at + 1;
      }
    });
    return new InvertedIndex({ terms, offsets, docs, tfs, docLengths });
  }

  termId(term: string): number | undefined {
    return this.termIds.get(term);
  }

  documentFrequency(term: string): number {
    const id = this.termIds.get(term);
    if (id === undefined) return 0;
    return (this.data.offsets[id + 1] ?? 0) - (this.data.offsets[id] ?? 0);
  }

  /** Robertson–Spärck Jones IDF as classic Okapi BM25 uses it (may be negative for very common terms). */
  idf(term: string): number {
    const n = this.documentFrequency(term);
    return Math.log((this.docCount - n + 0.5) / (n + 0.5));
  }

  /**
   * Adds weight × BM25(term) to scores[doc] for every document containing the term.
   * `idf` is passed in so that callers can choose the variant (Okapi vs. non-negative).
   */
  accumulate(term: string, weight: number, scores: Float32Array, k1: number, b: number, idf = this.idf(term)): void {
    const id = this.termIds.get(term);
    if (id === undefined) return;
    const { offsets, docs, tfs, docLengths } = this.data;
    const start = offsets[id] ?? 0;
    const end = offsets[id + 1] ?? 0;
    const w = weight * idf * (k1 + 1);
    const norm = k1 / (this.avgDocLength || 1);
    const base = k1 * (1 - b);
    for (let i = start; i < end; i++) {
      const doc = docs[i] as number;
      const tf = tfs[i] as number;
      scores[doc] = (scores[doc] as number) + (w * tf) / (tf + base + b * norm * (docLengths[doc] as number));
    }
  }
}
