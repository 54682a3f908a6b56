import { bigramCodes } from '../../kiosk-content/src/search/common/bigram-rescore';
import type { ArticleIndex } from '../../kiosk-content/src/search/common/article-index';
import type { ArticleIndexInput } from '../../kiosk-content/src/search/common/article-index';

/**
 * BM25 (k1 1.2, b 0.75) over the CJK character bigrams of every article text, as a candidate source
 * for the recall experiments (recall-analysis.ts, recall-union-experiment.ts): an inverted index
 * over the index's doc ids, built in memory from the law folder.
 */
export function bigramCandidateIndex(articles: Iterable<ArticleIndexInput>, idx: ArticleIndex) {
  const docCount = idx.docCount;
  const gramDocs = new Map<number, number[]>();
  const gramTfs = new Map<number, number[]>();
  const gramLength = new Uint32Array(docCount);
  let total = 0;
  for (const a of articles) {
    const doc = idx.findArticle(a.normalizedTitle, a.label);
    if (doc === undefined) continue;
    const codes = bigramCodes(a.text);
    gramLength[doc] = codes.length;
    total += codes.length;
    const tf = new Map<number, number>();
    for (const c of codes) tf.set(c, (tf.get(c) ?? 0) + 1);
    for (const [c, n] of tf) {
      let d = gramDocs.get(c);
      let f = gramTfs.get(c);
      if (!d || !f) {
        gramDocs.set(c, (d = []));
        gramTfs.set(c, (f = []));
      }
      d.push(doc);
      f.push(n);
    }
  }
  const avg = total / docCount;
  const acc = new Float64Array(docCount);
  let postings = 0;
  for (const d of gramDocs.values()) postings += d.length;
  return {
    bigrams: gramDocs.size,
    postings,
    /** Articles with the bigram. */
    docsOf: (code: number): readonly number[] => gramDocs.get(code) ?? [],
    /** Docs by BM25 over the query's distinct bigrams, best first, the first k. */
    top(query: string, k: number): number[] {
      const touched: number[] = [];
      for (const c of new Set(bigramCodes(query))) {
        const docs = gramDocs.get(c);
        const tfs = gramTfs.get(c);
        if (!docs || !tfs) continue;
        const idf = Math.log(1 + (docCount - docs.length + 0.5) / (docs.length + 0.5));
        for (let i = 0; i < docs.length; i++) {
          const d = docs[i] as number;
          const n = tfs[i] as number;
          const norm = 0.25 + (0.75 * (gramLength[d] as number)) / avg;
          if (acc[d] === 0) touched.push(d);
          acc[d] = (acc[d] as number) + (idf * n * 2.2) / (n + 1.2 * norm);
        }
      }
      const out = touched.sort((a, b) => (acc[b] as number) - (acc[a] as number) || a - b).slice(0, k);
      for (const d of touched) acc[d] = 0;
      return out;
    },
  };
}
