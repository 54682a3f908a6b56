import type { Tokenizer } from './normalize';
import { meaningfulTokens } from './normalize';

/**
 * Learned search components, trained on questions whose answering articles are known (the public
 * STARD / LeCoQA questions at build time; never shipped in the repository). Two parts, both
 * general — nothing in them names a question, and the engine works without them:
 *
 * - Document expansion: every article gets an extra, lower-weighted field made of the words of the
 *   training questions that cite it (plus their keywords and, weighted less, the lawyer's answer).
 *   Residents describe their problem the way earlier residents did, not the way the statute does,
 *   so 「公司不给我交社保」 meets 社会保险法 articles through earlier questions' wording.
 * - Domain prior: which laws a question's words point to (term → law co-occurrence with
 *   Dirichlet smoothing towards the laws' overall share). The score of every article of a law is
 *   multiplied by 1 + strength × √P(law | query), the "awareness of the legal domain".
 *
 * Keywords and answers are training-only signals: at query time only the query is used.
 */

export interface TrainingQuestion {
  query: string;
  /** Lawyer-written keywords (LeCoQA); training only. */
  keywords?: string | null;
  /** Lawyer-written answer (LeCoQA); training only. */
  answer?: string | null;
  /** Relevance keys `law|第X条` (normalised law title). */
  relevant: readonly string[];
}

export interface SearchModel {
  format: 'fatong-search-model-1';
  /** Number of training questions. */
  questions: number;
  /** Texts describing each article, with their weight (query 1, keywords, answer less). */
  expansions: { key: string; texts: { text: string; weight: number }[] }[];
  /** Question text → the laws that answer it (domain prior). */
  lawExamples: { text: string; laws: string[] }[];
  /**
   * A question's words also describe the articles next to the cited ones (same law, distance
   * j ≤ radius, weight / j): neighbouring articles usually treat the same matter (same 节), and
   * about half of the articles a new question needs were never cited by a training question.
   */
  neighbours: { radius: number; weight: number };
}

export interface ModelWeights {
  query: number;
  keywords: number;
  answer: number;
}

export const defaultModelWeights: ModelWeights = { query: 1, keywords: 1, answer: 0.25 };
export const defaultNeighbours: SearchModel['neighbours'] = { radius: 2, weight: 0.3 };

export function modelFromQuestions(
  questions: readonly TrainingQuestion[],
  weights: ModelWeights = defaultModelWeights,
  neighbours: SearchModel['neighbours'] = defaultNeighbours,
): SearchModel {
  const byKey = new Map<string, { text: string; weight: number }[]>();
  const lawExamples: SearchModel['lawExamples'] = [];
  for (const q of questions) {
    const texts = [{ text: q.query, weight: weights.query }];
    if (q.keywords && weights.keywords > 0) texts.push({ text: q.keywords, weight: weights.keywords });
    if (q.answer && weights.answer > 0) texts.push({ text: q.answer, weight: weights.answer });
    for (const key of new Set(q.relevant)) {
      let list = byKey.get(key);
      if (!list) byKey.set(key, (list = []));
      list.push(...texts);
    }
    const laws = [...new Set(q.relevant.map((k) => k.slice(0, k.lastIndexOf('|'))))];
    lawExamples.push({ text: q.query, laws });
  }
  return {
    format: 'fatong-search-model-1',
    questions: questions.length,
    expansions: [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, texts]) => ({ key, texts })),
    lawExamples,
    neighbours: { ...neighbours },
  };
}

/** The model compiled against one index: typed arrays, persisted with the index. */
export interface LearnedData {
  /** Expansion field: terms in id order, CSR postings over article docs with weighted tf. */
  terms: string[];
  offsets: Uint32Array;
  docs: Uint32Array;
  tfs: Float32Array;
  /** Weighted length per doc (0 for articles no training question cites). */
  lengths: Float32Array;
  /** Domain prior: CSR from prior term id to (law index, count). */
  priorTerms: string[];
  priorOffsets: Uint32Array;
  priorLaws: Uint32Array;
  priorCounts: Float32Array;
  /** Share of training questions citing each law (index = law index). */
  lawShare: Float32Array;
}

/** Terms of a text for the model: the same analysis the engine applies to a query. */
const analyse = (tokenizer: Tokenizer, text: string) => meaningfulTokens(tokenizer.tokenize(text));

export function compileLearnedData(
  model: SearchModel,
  tokenizer: Tokenizer,
  docOf: (key: string) => number | undefined,
  lawIndexOf: (normalizedTitle: string) => number | undefined,
  docCount: number,
  lawCount: number,
  neighbours: { lawOfDoc: (doc: number) => number; radius: number; weight: number } | null = null,
): LearnedData {
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  const perDoc = new Map<number, Map<number, number>>();
  const targets: { doc: number; factor: number }[] = [];
  for (const { key, texts } of model.expansions) {
    const doc = docOf(key);
    if (doc === undefined) continue;
    targets.length = 0;
    targets.push({ doc, factor: 1 });
    if (neighbours && neighbours.weight > 0) {
      // Neighbouring articles of the same law usually treat the same matter (same 节).
      const law = neighbours.lawOfDoc(doc);
      for (let j = 1; j <= neighbours.radius; j++)
        for (const d of [doc - j, doc + j])
          if (d >= 0 && d < docCount && neighbours.lawOfDoc(d) === law) targets.push({ doc: d, factor: neighbours.weight / j });
    }
    for (const { text, weight } of texts) {
      for (const t of analyse(tokenizer, text)) {
        let id = termIds.get(t);
        if (id === undefined) {
          id = terms.length;
          termIds.set(t, id);
          terms.push(t);
        }
        for (const { doc: d, factor } of targets) {
          let tf = perDoc.get(d);
          if (!tf) perDoc.set(d, (tf = new Map()));
          tf.set(id, (tf.get(id) ?? 0) + weight * factor);
        }
      }
    }
  }
  const counts = new Uint32Array(terms.length + 1);
  const lengths = new Float32Array(docCount);
  const docsSorted = [...perDoc.keys()].sort((a, b) => a - b);
  for (const doc of docsSorted) {
    let len = 0;
    for (const [id, w] of perDoc.get(doc) as Map<number, number>) {
      counts[id + 1] = (counts[id + 1] as number) + 1;
      len += w;
    }
    lengths[doc] = len;
  }
  const offsets = new Uint32Array(terms.length + 1);
  for (let t = 0; t < terms.length; t++) offsets[t + 1] = (offsets[t] as number) + (counts[t + 1] as number);
  const cursor = offsets.slice(0, terms.length);
  const total = offsets[terms.length] as number;
  const docs = new Uint32Array(total);
  const tfs = new Float32Array(total);
  for (const doc of docsSorted) {
    for (const [id, w] of perDoc.get(doc) as Map<number, number>) {
      const at = cursor[id] as number;
      docs[at] = doc;
      tfs[at] = w;
      cursor[id] = at + 1;
    }
  }

  // Domain prior: count each distinct query term once per (question, law).
  const priorIds = new Map<string, number>();
  const priorTerms: string[] = [];
  const pairs = new Map<number, Map<number, number>>();
  const lawShare = new Float32Array(lawCount);
  let examples = 0;
  for (const ex of model.lawExamples) {
    const laws = ex.laws.map(lawIndexOf).filter((l): l is number => l !== undefined);
    if (laws.length === 0) continue;
    examples++;
    for (const l of laws) lawShare[l] = (lawShare[l] as number) + 1 / laws.length;
    for (const t of new Set(analyse(tokenizer, ex.text))) {
      let id = priorIds.get(t);
      if (id === undefined) {
        id = priorTerms.length;
        priorIds.set(t, id);
        priorTerms.push(t);
      }
      let m = pairs.get(id);
      if (!m) pairs.set(id, (m = new Map()));
      for (const l of laws) m.set(l, (m.get(l) ?? 0) + 1 / laws.length);
    }
  }
  if (examples > 0) for (let l = 0; l < lawCount; l++) lawShare[l] = (lawShare[l] as number) / examples;
  const priorOffsets = new Uint32Array(priorTerms.length + 1);
  const priorLaws: number[] = [];
  const priorCounts: number[] = [];
  for (let id = 0; id < priorTerms.length; id++) {
    for (const [l, c] of [...(pairs.get(id) ?? new Map<number, number>())].sort((a, b) => a[0] - b[0])) {
      priorLaws.push(l);
      priorCounts.push(c);
    }
    priorOffsets[id + 1] = priorLaws.length;
  }
  return {
    terms,
    offsets,
    docs,
    tfs,
    lengths,
    priorTerms,
    priorOffsets,
    priorLaws: Uint32Array.from(priorLaws),
    priorCounts: Float32Array.from(priorCounts),
    lawShare,
  };
}

/** Query-time view of LearnedData (term lookups). */
export class LearnedField {
  readonly avgLength: number;
  private readonly termIds = new Map<string, number>();
  private readonly priorIds = new Map<string, number>();

  constructor(readonly data: LearnedData) {
    data.terms.forEach((t, i) => this.termIds.set(t, i));
    data.priorTerms.forEach((t, i) => this.priorIds.set(t, i));
    let total = 0;
    let n = 0;
    for (const len of data.lengths)
      if (len > 0) {
        total += len;
        n++;
      }
    this.avgLength = n > 0 ? total / n : 1;
  }

  termId(term: string): number | undefined {
    return this.termIds.get(term);
  }

  /** Documents with the term in the expansion field. */
  documentFrequency(id: number): number {
    return (this.data.offsets[id + 1] as number) - (this.data.offsets[id] as number);
  }

  /**
   * P(law | query words) for the laws the words point to: each word votes with weight `idf`
   * for (count(word, law) + α·share(law)) / (count(word) + α); words never seen in training
   * vote for the overall shares. Returns law index → probability (laws with none omitted).
   */
  lawPosterior(terms: readonly { term: string; idf: number }[], smoothing: number): Map<number, number> {
    const { priorOffsets, priorLaws, priorCounts, lawShare } = this.data;
    const out = new Map<number, number>();
    let totalWeight = 0;
    let unseenWeight = 0;
    for (const { term, idf } of terms) {
      if (idf <= 0) continue;
      totalWeight += idf;
      const id = this.priorIds.get(term);
      if (id === undefined) {
        unseenWeight += idf;
        continue;
      }
      const start = priorOffsets[id] as number;
      const end = priorOffsets[id + 1] as number;
      let count = 0;
      for (let i = start; i < end; i++) count += priorCounts[i] as number;
      const denom = count + smoothing;
      // The smoothing share of this word goes to the overall law shares (added below).
      unseenWeight += (idf * smoothing) / denom;
      for (let i = start; i < end; i++) {
        const l = priorLaws[i] as number;
        out.set(l, (out.get(l) ?? 0) + (idf * (priorCounts[i] as number)) / denom);
      }
    }
    if (totalWeight === 0) return out;
    if (unseenWeight > 0)
      lawShare.forEach((share, l) => {
        if (share > 0) out.set(l, (out.get(l) ?? 0) + unseenWeight * share);
      });
    for (const [l, v] of out) out.set(l, v / totalWeight);
    return out;
  }
}
