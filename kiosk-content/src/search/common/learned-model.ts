import type { RankerModel } from './learned-rerank';
import type { Tokenizer } from './normalize';
import { meaningfulTokens } from './normalize';
import { ibmModel1, trainReverseTranslation } from './translation-lm';

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
  /**
   * How much this question counts against one labelled question (default 1): the kiosk's own Q&A
   * enter as lighter training questions (qa-training.ts). Scales its words in the expansion
   * field, its vote in the domain prior and its citations in the popularity prior.
   */
  weight?: number;
  /**
   * False for a question that only describes its articles (the kiosk's Q&A): it reaches the
   * expansion field (and the translation table when passed there) but not the domain prior, the
   * popularity prior or the similar-question examples, which estimate how often residents' questions
   * need a law or an article — something an editor's choice of topics does not measure.
   */
  counted?: boolean;
}

export interface SearchModel {
  format: 'fatong-search-model-1';
  /** Number of training questions, Q&A entries (TrainingQuestion.counted false) included. */
  questions: number;
  /** Texts describing each article, with their weight (query 1, keywords, answer less). */
  expansions: { key: string; texts: { text: string; weight: number }[] }[];
  /** Question text → the laws that answer it (domain prior); weight as TrainingQuestion.weight, 1 when absent. */
  lawExamples: { text: string; laws: string[]; weight?: number }[];
  /**
   * A question's words also describe the articles next to the cited ones (same law, distance
   * j ≤ radius, weight / j): neighbouring articles usually treat the same matter (same 节), and
   * about half of the articles a new question needs were never cited by a training question.
   */
  neighbours: { radius: number; weight: number };
  /**
   * Fingerprint of the law library the model was trained for (library.fingerprint); a terminal
   * refuses a model stamped for another library. Absent in models trained outside a library.
   */
  library?: string | null;
  /**
   * Translation table (IBM model 1, trained on question → cited-article pairs): for a word
   * residents use, the statute words it most likely stands for, with P(statute word | word).
   * Queries are expanded with them at a lower weight (EngineParams.translationWeight).
   */
  translation?: { word: string; targets: [string, number][] }[];
  /**
   * The same pairs the other way round (IBM model 1, cited article → question): for a word
   * residents use, the statute words that generate it, with t(word | statute word). The engine's
   * second stage (EngineParams.translationRerank, translation-lm.ts) scores candidates with it.
   */
  questionTranslation?: { word: string; sources: [string, number][] }[];
  /** How many training questions cite each article, weighted (an article popularity prior). */
  citations?: { key: string; count: number }[];
  /**
   * The training questions with the articles each cites: at query time the most similar earlier
   * questions (BM25 over their words) vouch for the articles their lawyers cited.
   */
  examples?: { text: string; keys: string[]; keywords?: string | null }[];
  /**
   * The learned re-ranker's trees (learned-rerank.ts), trained at pack build on cross-fitted
   * rankings of the training questions (authoring/search-model/train-ranker.ts); absent = none.
   */
  ranker?: RankerModel;
}

export interface ModelWeights {
  query: number;
  keywords: number;
  answer: number;
}

export const defaultModelWeights: ModelWeights = { query: 1, keywords: 1, answer: 0.25 };
export const defaultNeighbours: SearchModel['neighbours'] = { radius: 2, weight: 0.3 };

/** The article texts a translation table is learned from (without it the model has none). */
export interface TranslationSource {
  articleText: (key: string) => string | null;
  tokenizer: Tokenizer;
  options?: TranslationOptions;
}

export function modelFromQuestions(
  questions: readonly TrainingQuestion[],
  weights: ModelWeights = defaultModelWeights,
  neighbours: SearchModel['neighbours'] = defaultNeighbours,
  translationSource: TranslationSource | null = null,
  /** The questions the translation table learns from (default: all of them). */
  translationQuestions: readonly TrainingQuestion[] = questions,
): SearchModel {
  const used = questions.filter((q) => (q.weight ?? 1) > 0);
  const byKey = new Map<string, { text: string; weight: number }[]>();
  const lawExamples: SearchModel['lawExamples'] = [];
  for (const q of used) {
    const w = q.weight ?? 1;
    const texts = [{ text: q.query, weight: weights.query * w }];
    if (q.keywords && weights.keywords > 0) texts.push({ text: q.keywords, weight: weights.keywords * w });
    if (q.answer && weights.answer > 0) texts.push({ text: q.answer, weight: weights.answer * w });
    for (const key of new Set(q.relevant)) {
      let list = byKey.get(key);
      if (!list) byKey.set(key, (list = []));
      list.push(...texts);
    }
    if (q.counted === false) continue;
    const laws = [...new Set(q.relevant.map((k) => k.slice(0, k.lastIndexOf('|'))))];
    lawExamples.push(w === 1 ? { text: q.query, laws } : { text: q.query, laws, weight: w });
  }
  const counted = used.filter((q) => q.counted !== false);
  return {
    format: 'fatong-search-model-1',
    questions: used.length,
    expansions: [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, texts]) => ({ key, texts })),
    lawExamples,
    neighbours: { ...neighbours },
    citations: citationCounts(counted),
    examples: counted.map((q) => ({ text: q.query, keys: [...new Set(q.relevant)], ...(q.keywords ? { keywords: q.keywords } : {}) })),
    ...(translationSource
      ? translationFor(
          translationQuestions.filter((q) => (q.weight ?? 1) > 0),
          translationSource,
        )
      : {}),
  };
}

/** The model without its training questions (SearchModel.examples); everything else unchanged. */
export function withoutExamples(model: SearchModel): SearchModel {
  const { examples: _examples, ...rest } = model;
  return rest;
}

function translationFor(questions: readonly TrainingQuestion[], source: TranslationSource): Pick<SearchModel, 'translation' | 'questionTranslation'> {
  const cache = new Map<string, string[] | null>();
  const articleTerms = (key: string) => {
    let terms = cache.get(key);
    if (terms === undefined) {
      const text = source.articleText(key);
      terms = text === null ? null : [...new Set(analyse(source.tokenizer, text))];
      cache.set(key, terms);
    }
    return terms;
  };
  const options = source.options ?? defaultTranslationOptions;
  return {
    translation: trainTranslation(questions, articleTerms, source.tokenizer, options),
    questionTranslation: trainQuestionTranslation(questions, articleTerms, source.tokenizer, options),
  };
}

/**
 * IBM model 1 from the words of cited articles to the question's words (translation-lm.ts):
 * t(question word | statute word), entries below 0.01 dropped, statute words seen in fewer than
 * minPairs pairs left out; sources of each word sorted by probability, rounded to 4 digits.
 */
export function trainQuestionTranslation(
  questions: readonly TrainingQuestion[],
  articleTerms: (key: string) => readonly string[] | null,
  tokenizer: Tokenizer,
  options: TranslationOptions = defaultTranslationOptions,
): NonNullable<SearchModel['questionTranslation']> {
  const pairs: { question: string[]; article: readonly string[] }[] = [];
  for (const q of questions) {
    const words = analyse(tokenizer, q.query);
    for (const key of new Set(q.relevant)) {
      const article = articleTerms(key);
      if (article && article.length > 0) pairs.push({ question: words, article });
    }
  }
  const table = trainReverseTranslation(pairs, { iterations: options.iterations, minProbability: 0.01, minPairs: options.minPairs });
  return [...table]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([word, sources]) => ({ word, sources: sources.map(([u, p]): [string, number] => [u, Math.round(p * 1e4) / 1e4]) }));
}

export interface TranslationOptions {
  /** EM iterations. */
  iterations: number;
  /** Statute words kept per question word. */
  targets: number;
  /** A question word must occur in this many question → article pairs. */
  minPairs: number;
}

export const defaultTranslationOptions: TranslationOptions = { iterations: 5, targets: 5, minPairs: 2 };

/**
 * IBM model 1 from question words to the words of the articles the question cites: each article
 * word is generated by one question word or by NULL (which absorbs statute boilerplate). EM
 * estimates t(article word | question word); words are the same analysis the engine applies.
 */
export function trainTranslation(
  questions: readonly TrainingQuestion[],
  articleTerms: (key: string) => readonly string[] | null,
  tokenizer: Tokenizer,
  options: TranslationOptions = defaultTranslationOptions,
): NonNullable<SearchModel['translation']> {
  const NULL = '\u0000';
  const pairs: { q: string[]; a: readonly string[] }[] = [];
  for (const question of questions) {
    const q = [...new Set(analyse(tokenizer, question.query))];
    if (q.length === 0) continue;
    for (const key of new Set(question.relevant)) {
      const a = articleTerms(key);
      if (a && a.length > 0) pairs.push({ q: [NULL, ...q], a });
    }
  }
  const t = ibmModel1(
    pairs.map((p) => ({ from: p.q, to: p.a })),
    options.iterations,
  );
  const seen = new Map<string, number>();
  for (const { q } of pairs) for (const x of q) seen.set(x, (seen.get(x) ?? 0) + 1);
  const out: NonNullable<SearchModel['translation']> = [];
  for (const [word, m] of t ?? []) {
    if (word === NULL || (seen.get(word) ?? 0) < options.minPairs) continue;
    const targets = [...m]
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
      .slice(0, options.targets)
      .map(([w, p]): [string, number] => [w, Math.round(p * 1e4) / 1e4]);
    out.push({ word, targets });
  }
  return out.sort((x, y) => (x.word < y.word ? -1 : x.word > y.word ? 1 : 0));
}

/** How many questions cite each article. */
export function citationCounts(questions: readonly TrainingQuestion[]): NonNullable<SearchModel['citations']> {
  const counts = new Map<string, number>();
  for (const q of questions) for (const key of new Set(q.relevant)) counts.set(key, (counts.get(key) ?? 0) + (q.weight ?? 1));
  return [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, count]) => ({ key, count }));
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
  /** log(1 + training questions citing the article), per doc (popularity prior). */
  popularity?: Float32Array;
  /** Translation table: question word → statute words with probabilities. */
  translation?: Record<string, [string, number][]>;
  /** Article → question table: question word → (statute word, t(word | statute word)). */
  questionTranslation?: Record<string, [string, number][]>;
  /** Similar training questions (SearchModel.examples), compiled; absent without examples. */
  examples?: ExampleData;
  /** SearchModel.ranker as stored (compiled to flat arrays on first use, learned-rerank.ts forestOf). */
  ranker?: RankerModel;
}

/** Training questions as a small inverted index, and the article docs each one cites. */
export interface ExampleData {
  terms: string[];
  /** CSR from term id to (question, tf). */
  offsets: Uint32Array;
  questions: Uint32Array;
  tfs: Float32Array;
  /** Words per question. */
  lengths: Float32Array;
  /** CSR from question to the docs it cites. */
  docOffsets: Uint32Array;
  docs: Uint32Array;
  /** CSR from question to the term ids of its lawyer keywords (LeCoQA), for query expansion. */
  keywordOffsets: Uint32Array;
  keywords: Uint32Array;
}

/** Compiles SearchModel.examples: questions citing no article of this index are left out. */
export function compileExamples(
  examples: readonly { text: string; keys: readonly string[]; keywords?: string | null }[],
  tokenizer: Tokenizer,
  docOf: (key: string) => number | undefined,
): ExampleData {
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  const postings: { question: number; tf: number }[][] = [];
  const lengths: number[] = [];
  const docOffsets: number[] = [0];
  const docs: number[] = [];
  const keywordOffsets: number[] = [0];
  const keywordIds: number[] = [];
  const idOf = (w: string) => {
    let id = termIds.get(w);
    if (id === undefined) {
      id = terms.length;
      termIds.set(w, id);
      terms.push(w);
      postings.push([]);
    }
    return id;
  };
  for (const ex of examples) {
    const cited = [...new Set(ex.keys.map(docOf).filter((d): d is number => d !== undefined))];
    const words = analyse(tokenizer, ex.text);
    if (cited.length === 0 || words.length === 0) continue;
    const question = lengths.length;
    const tf = new Map<number, number>();
    for (const w of words) {
      const id = idOf(w);
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    for (const [id, n] of tf) postings[id]?.push({ question, tf: n });
    keywordIds.push(...new Set(ex.keywords ? analyse(tokenizer, ex.keywords).map(idOf) : []));
    keywordOffsets.push(keywordIds.length);
    lengths.push(words.length);
    docs.push(...cited.sort((a, b) => a - b));
    docOffsets.push(docs.length);
  }
  const offsets = new Uint32Array(terms.length + 1);
  postings.forEach((p, id) => (offsets[id + 1] = (offsets[id] as number) + p.length));
  const flat = postings.flat();
  return {
    terms,
    offsets,
    questions: Uint32Array.from(flat.map((p) => p.question)),
    tfs: Float32Array.from(flat.map((p) => p.tf)),
    lengths: Float32Array.from(lengths),
    docOffsets: Uint32Array.from(docOffsets),
    docs: Uint32Array.from(docs),
    keywordOffsets: Uint32Array.from(keywordOffsets),
    keywords: Uint32Array.from(keywordIds),
  };
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
    const w = ex.weight ?? 1;
    if (laws.length === 0 || w <= 0) continue;
    examples += w;
    for (const l of laws) lawShare[l] = (lawShare[l] as number) + w / laws.length;
    for (const t of new Set(analyse(tokenizer, ex.text))) {
      let id = priorIds.get(t);
      if (id === undefined) {
        id = priorTerms.length;
        priorIds.set(t, id);
        priorTerms.push(t);
      }
      let m = pairs.get(id);
      if (!m) pairs.set(id, (m = new Map()));
      for (const l of laws) m.set(l, (m.get(l) ?? 0) + w / laws.length);
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
  const popularity = new Float32Array(docCount);
  for (const { key, count } of model.citations ?? []) {
    const doc = docOf(key);
    if (doc !== undefined) popularity[doc] = Math.log(1 + count);
  }
  const translation: Record<string, [string, number][]> = {};
  for (const { word, targets } of model.translation ?? []) translation[word] = targets;
  const questionTranslation: Record<string, [string, number][]> = {};
  for (const { word, sources } of model.questionTranslation ?? []) questionTranslation[word] = sources;
  return {
    ...(model.questionTranslation ? { questionTranslation } : {}),
    ...(model.examples ? { examples: compileExamples(model.examples, tokenizer, docOf) } : {}),
    ...(model.ranker ? { ranker: model.ranker } : {}),
    popularity,
    translation,
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
  private readonly exampleIds = new Map<string, number>();
  private readonly exampleScores: Float32Array;
  private readonly exampleAvgLength: number;
  /** doc → (doc cited with it by the same training question → P(that doc | this doc is cited)). */
  private coCited: Map<number, Map<number, number>> | null = null;

  constructor(readonly data: LearnedData) {
    data.terms.forEach((t, i) => this.termIds.set(t, i));
    data.examples?.terms.forEach((t, i) => this.exampleIds.set(t, i));
    const exampleCount = data.examples?.lengths.length ?? 0;
    this.exampleScores = new Float32Array(exampleCount);
    let words = 0;
    for (const len of data.examples?.lengths ?? []) words += len;
    this.exampleAvgLength = exampleCount > 0 ? words / exampleCount : 1;
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

  /**
   * Statute words the query's own words translate to (translation table), each weighted
   * weight × P(w | word) / P(best | word); words already in the query are left out.
   */
  translate(words: readonly string[], weight: number): { term: string; weight: number }[] {
    const table = this.data.translation;
    if (!table || weight <= 0) return [];
    const own = new Set(words);
    const out = new Map<string, number>();
    for (const word of own) {
      const targets = Object.hasOwn(table, word) ? table[word] : undefined;
      if (!targets || targets.length === 0) continue;
      const best = targets[0]?.[1] ?? 1;
      for (const [w, p] of targets) if (!own.has(w)) out.set(w, Math.max(out.get(w) ?? 0, (weight * p) / best));
    }
    return [...out].map(([term, w]) => ({ term, weight: w }));
  }

  /**
   * Articles the training questions cite together with `doc`, with the share of the questions
   * citing `doc` that also cite them (built on first use from the examples).
   */
  coCitedWith(doc: number): ReadonlyMap<number, number> | undefined {
    if (!this.coCited) {
      const ex = this.data.examples;
      const counts = new Map<number, Map<number, number>>();
      const cites = new Map<number, number>();
      const questions = ex ? ex.docOffsets.length - 1 : 0;
      for (let q = 0; q < questions && ex; q++) {
        const docs = ex.docs.subarray(ex.docOffsets[q], ex.docOffsets[q + 1]);
        for (const a of docs) {
          cites.set(a, (cites.get(a) ?? 0) + 1);
          for (const b of docs) {
            if (a === b) continue;
            let m = counts.get(a);
            if (!m) counts.set(a, (m = new Map()));
            m.set(b, (m.get(b) ?? 0) + 1);
          }
        }
      }
      for (const [a, m] of counts) for (const [b, n] of m) m.set(b, n / (cites.get(a) ?? 1));
      this.coCited = counts;
    }
    return this.coCited.get(doc);
  }

  /** Number of compiled training questions (0 without examples). */
  get exampleCount(): number {
    return this.exampleScores.length;
  }

  /**
   * The k training questions most similar to the query words (BM25, k1 1.2, b 0.75 over the
   * questions' words) vote for the articles they cite, each with its score relative to the best
   * one; returns doc → summed vote divided by the largest (so the top article has 1).
   */
  similarQuestionVotes(words: readonly string[], k: number): Map<number, number> {
    const ex = this.data.examples;
    const out = new Map<number, number>();
    const best = this.similarQuestions(words, k);
    const top = best[0]?.score ?? 0;
    if (!ex || top <= 0) return out;
    let max = 0;
    for (const { question: q, score: s } of best) {
      for (let i = ex.docOffsets[q] as number; i < (ex.docOffsets[q + 1] as number); i++) {
        const doc = ex.docs[i] as number;
        const v = (out.get(doc) ?? 0) + s / top;
        out.set(doc, v);
        if (v > max) max = v;
      }
    }
    for (const [doc, v] of out) out.set(doc, v / max);
    return out;
  }

  /**
   * The lawyer keywords of the k most similar training questions, each weighted weight × its
   * question's score relative to the best one (the highest when several share a word).
   */
  similarQuestionKeywords(words: readonly string[], k: number, weight: number): { term: string; weight: number }[] {
    const ex = this.data.examples;
    const best = this.similarQuestions(words, k);
    const top = best[0]?.score ?? 0;
    if (!ex || top <= 0 || weight <= 0) return [];
    const out = new Map<string, number>();
    for (const { question: q, score } of best)
      for (let i = ex.keywordOffsets[q] as number; i < (ex.keywordOffsets[q + 1] as number); i++) {
        const term = ex.terms[ex.keywords[i] as number] as string;
        out.set(term, Math.max(out.get(term) ?? 0, (weight * score) / top));
      }
    return [...out].map(([term, w]) => ({ term, weight: w }));
  }

  /** The k training questions with the highest BM25 score for the words, best first. */
  similarQuestions(words: readonly string[], k: number): { question: number; score: number }[] {
    const ex = this.data.examples;
    if (!ex || k <= 0 || this.exampleScores.length === 0) return [];
    const scores = this.exampleScores;
    const n = scores.length;
    const k1 = 1.2;
    const b = 0.75;
    const touched: number[] = [];
    for (const word of new Set(words)) {
      const id = this.exampleIds.get(word);
      if (id === undefined) continue;
      const start = ex.offsets[id] as number;
      const end = ex.offsets[id + 1] as number;
      const idf = Math.log(1 + (n - (end - start) + 0.5) / (end - start + 0.5));
      for (let i = start; i < end; i++) {
        const q = ex.questions[i] as number;
        const tf = ex.tfs[i] as number;
        const norm = 1 - b + (b * (ex.lengths[q] as number)) / this.exampleAvgLength;
        if (scores[q] === 0) touched.push(q);
        scores[q] = (scores[q] as number) + (idf * tf * (k1 + 1)) / (tf + k1 * norm);
      }
    }
    const best = touched
      .map((question) => ({ question, score: scores[question] as number }))
      .sort((x, y) => y.score - x.score || x.question - y.question)
      .slice(0, k);
    for (const q of touched) scores[q] = 0;
    return best;
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
