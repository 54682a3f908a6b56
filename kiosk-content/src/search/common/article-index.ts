import type { WeightedTerm } from './glossary-expansion';
import type { LearnedField } from './learned-model';
import type { Tokenizer } from './normalize';
import { meaningfulTokens } from './normalize';
import type { ForwardIndex } from './translation-lm';
import { forwardIndexFromPostings } from './translation-lm';

/**
 * BM25F over the current articles of the library, three fields per article: its text, its
 * headings (编/章/节 titles, which name the topic: 「饲养动物损害责任」) and its law's title.
 * Typed-array postings (CSR), built once at import time and persisted (index-codec.ts), so the
 * kiosk loads it in milliseconds and never re-segments 58k articles at start-up. Pure.
 *
 * The title field is stored per law, not per article, and broadcast at query time: every article
 * of a law shares its title, and 民法典 alone has 1,260 articles.
 */

/** Legal rank of a source, highest first (立法法: 法律 > 行政法规 > 部门规章; 司法解释 apply 法律). */
export type LawAuthority = 'law' | 'judicial-interpretation' | 'administrative-regulation' | 'departmental-rule';

export const lawAuthorities: readonly LawAuthority[] = ['law', 'judicial-interpretation', 'administrative-regulation', 'departmental-rule'];

/** The corpus folder (laws.category, e.g. 社会法 or 部门规章/公安部) decides the kind of source. */
export function authorityOfCategory(category: string): LawAuthority {
  const top = category.split('/')[0] ?? '';
  if (top === '司法解释') return 'judicial-interpretation';
  if (top === '行政法规') return 'administrative-regulation';
  if (top === '部门规章') return 'departmental-rule';
  return 'law';
}

/** One article as the builder consumes it (LawRepository.iterateCurrentArticles yields these). */
export interface ArticleIndexInput {
  key: string;
  normalizedTitle: string;
  title: string;
  label: string;
  text: string;
  headings: readonly string[];
  versionDate: string | null;
  category: string;
}

export interface IndexedLaw {
  normalizedTitle: string;
  title: string;
  category: string;
  authority: LawAuthority;
  versionDate: string | null;
  /** Pinyin initials of the normalised title (ldhtf for 劳动合同法). */
  initials: string;
  /** Its articles are docs firstDoc … firstDoc + docCount − 1. */
  firstDoc: number;
  docCount: number;
}

export interface Postings {
  /** offsets[t]..offsets[t+1] is term t's slice of docs/tfs. */
  offsets: Uint32Array;
  docs: Uint32Array;
  tfs: Uint16Array;
  /** Token count per document of this field. */
  lengths: Uint32Array;
}

export interface ArticleIndexData {
  terms: string[];
  /** Articles containing the term in any field (the BM25F document frequency). */
  df: Uint32Array;
  text: Postings;
  headings: Postings;
  /** Documents are laws here (see the file comment). */
  title: Postings;
  /** Article → index into laws. */
  docLaw: Uint32Array;
  labels: string[];
  laws: IndexedLaw[];
}

export interface FieldParams {
  text: number;
  headings: number;
  title: number;
}

export interface Bm25fParams {
  k1: number;
  /** Field weights (how much one occurrence counts). */
  weights: FieldParams;
  /** Length normalisation per field, 0 … 1. */
  b: FieldParams;
  /** Score multiplier per source kind; 1 for 法律. */
  authorityPrior: Readonly<Record<LawAuthority, number>>;
  /** The learned expansion field (learned-model.ts), when the index has one. */
  learned?: { weight: number; b: number; popularity?: number };
}

export const noPrior: Readonly<Record<LawAuthority, number>> = {
  law: 1,
  'judicial-interpretation': 1,
  'administrative-regulation': 1,
  'departmental-rule': 1,
};

/** See ArticleIndex.textStatistics. */
export interface TextStatistics {
  forward: ForwardIndex;
  /** P(term | collection) over the text field, (cf + 0.5) / (tokens + 1). */
  collection: Float32Array;
  /** The same for a word the corpus lacks. */
  unseen: number;
  /** Zeroed scratch over term ids (translationLogLikelihood's slots). */
  scratch: Int32Array;
}

export function textStatisticsOf(forward: ForwardIndex, collection: Float32Array, unseen: number): TextStatistics {
  return { forward, collection, unseen, scratch: new Int32Array(collection.length) };
}

const textViews = new WeakMap<ArticleIndexData, TextStatistics>();

export interface ArticleHit {
  doc: number;
  score: number;
}

class PostingsBuilder {
  private readonly termOf: number[] = [];
  private readonly docOf: number[] = [];
  private readonly tfOf: number[] = [];
  readonly lengths: number[] = [];

  add(doc: number, termIds: readonly number[]): void {
    const tf = new Map<number, number>();
    for (const id of termIds) tf.set(id, (tf.get(id) ?? 0) + 1);
    for (const [id, n] of tf) {
      this.termOf.push(id);
      this.docOf.push(doc);
      this.tfOf.push(Math.min(n, 65_535));
    }
    this.lengths[doc] = termIds.length;
  }

  finish(termCount: number, docCount: number): Postings {
    const offsets = new Uint32Array(termCount + 1);
    for (const id of this.termOf) offsets[id + 1] = (offsets[id + 1] as number) + 1;
    for (let t = 0; t < termCount; t++) offsets[t + 1] = (offsets[t + 1] as number) + (offsets[t] as number);
    const cursor = offsets.slice(0, termCount);
    const docs = new Uint32Array(this.termOf.length);
    const tfs = new Uint16Array(this.termOf.length);
    // Docs were added in ascending order, so each term's slice ends up ascending too.
    for (let i = 0; i < this.termOf.length; i++) {
      const id = this.termOf[i] as number;
      const at = cursor[id] as number;
      docs[at] = this.docOf[i] as number;
      tfs[at] = this.tfOf[i] as number;
      cursor[id] = at + 1;
    }
    const lengths = new Uint32Array(docCount);
    this.lengths.forEach((n, doc) => (lengths[doc] = n));
    return { offsets, docs, tfs, lengths };
  }
}

/**
 * Builds the index. Articles may arrive in any order; they are grouped by law (first-seen order)
 * so that each law's articles are contiguous.
 */
export function buildArticleIndex(articles: Iterable<ArticleIndexInput>, tokenizer: Tokenizer, initialsOf: (text: string) => string): ArticleIndexData {
  const byLaw = new Map<string, ArticleIndexInput[]>();
  for (const a of articles) {
    let list = byLaw.get(a.normalizedTitle);
    if (!list) byLaw.set(a.normalizedTitle, (list = []));
    list.push(a);
  }
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  const idsOf = (text: string): number[] =>
    meaningfulTokens(tokenizer.tokenize(text)).map((t) => {
      let id = termIds.get(t);
      if (id === undefined) {
        id = terms.length;
        termIds.set(t, id);
        terms.push(t);
      }
      return id;
    });
  const text = new PostingsBuilder();
  const headings = new PostingsBuilder();
  const title = new PostingsBuilder();
  const df: number[] = [];
  const labels: string[] = [];
  const docLaw: number[] = [];
  const laws: IndexedLaw[] = [];
  for (const [normalizedTitle, list] of byLaw) {
    const first = list[0] as ArticleIndexInput;
    const lawIndex = laws.length;
    const titleIds = idsOf(normalizedTitle);
    title.add(lawIndex, titleIds);
    laws.push({
      normalizedTitle,
      title: first.title,
      category: first.category,
      authority: authorityOfCategory(first.category),
      versionDate: first.versionDate,
      initials: initialsOf(normalizedTitle),
      firstDoc: labels.length,
      docCount: list.length,
    });
    const titleSet = new Set(titleIds);
    for (const a of list) {
      const doc = labels.length;
      labels.push(a.label);
      docLaw.push(lawIndex);
      const textIds = idsOf(a.text);
      const headingIds = idsOf(a.headings.join(' '));
      text.add(doc, textIds);
      headings.add(doc, headingIds);
      const all = new Set([...textIds, ...headingIds, ...titleSet]);
      for (const id of all) df[id] = (df[id] ?? 0) + 1;
    }
  }
  const n = terms.length;
  const dfArray = new Uint32Array(n);
  for (let i = 0; i < n; i++) dfArray[i] = df[i] ?? 0;
  return {
    terms,
    df: dfArray,
    text: text.finish(n, labels.length),
    headings: headings.finish(n, labels.length),
    title: title.finish(n, laws.length),
    docLaw: Uint32Array.from(docLaw),
    labels,
    laws,
  };
}

function average(lengths: Uint32Array): number {
  if (lengths.length === 0) return 1;
  let total = 0;
  for (const n of lengths) total += n;
  return total / lengths.length || 1;
}

/** True when hit (scoreA, docA) ranks below (scoreB, docB): lower score, or equal score and later doc. */
const ranksBelow = (scoreA: number, docA: number, scoreB: number, docB: number) => scoreA < scoreB || (scoreA === scoreB && docA > docB);

/**
 * The `limit` best hits offered to it (ties: lower doc id first, i.e. reading order). A bounded
 * min-heap over parallel typed arrays: a hit that does not beat the heap's worst costs one
 * comparison and no allocation, which matters because a query scores tens of thousands of articles.
 */
class TopHits {
  private readonly docs: Uint32Array;
  private readonly scores: Float64Array;
  private size = 0;

  constructor(private readonly limit: number) {
    this.docs = new Uint32Array(limit);
    this.scores = new Float64Array(limit);
  }

  /**
   * Offers a hit; returns the lowest score a later hit needs to be worth offering (the worst kept
   * score once `limit` hits are kept, −∞ before), so a caller can skip the call for the many that
   * cannot get in.
   */
  offer(doc: number, score: number): number {
    if (this.size < this.limit) {
      this.docs[this.size] = doc;
      this.scores[this.size] = score;
      this.siftUp(this.size++);
    } else if (this.size > 0 && ranksBelow(this.scores[0] as number, this.docs[0] as number, score, doc)) {
      this.docs[0] = doc;
      this.scores[0] = score;
      this.siftDown(0);
    }
    return this.size < this.limit || this.size === 0 ? -Infinity : (this.scores[0] as number);
  }

  /** Best first. */
  sorted(): ArticleHit[] {
    const hits: ArticleHit[] = [];
    for (let i = 0; i < this.size; i++) hits.push({ doc: this.docs[i] as number, score: this.scores[i] as number });
    return hits.sort((a, b) => b.score - a.score || a.doc - b.doc);
  }

  private below(i: number, j: number): boolean {
    return ranksBelow(this.scores[i] as number, this.docs[i] as number, this.scores[j] as number, this.docs[j] as number);
  }

  private swap(i: number, j: number): void {
    const { docs, scores } = this;
    const d = docs[i] as number;
    const s = scores[i] as number;
    docs[i] = docs[j] as number;
    scores[i] = scores[j] as number;
    docs[j] = d;
    scores[j] = s;
  }

  private siftUp(j: number): void {
    while (j > 0) {
      const p = (j - 1) >> 1;
      if (!this.below(j, p)) return;
      this.swap(j, p);
      j = p;
    }
  }

  private siftDown(j: number): void {
    for (;;) {
      const l = 2 * j + 1;
      const r = l + 1;
      let m = j;
      if (l < this.size && this.below(l, m)) m = l;
      if (r < this.size && this.below(r, m)) m = r;
      if (m === j) return;
      this.swap(j, m);
      j = m;
    }
  }
}

export interface ArticleSearchOptions {
  limit: number;
  /** Multiplies the scores of these laws' articles (laws the query names). */
  lawBoost?: ReadonlyMap<number, number>;
}

/** The loaded index with its query-time scratch buffers (one search at a time, synchronous). */
export class ArticleIndex {
  readonly docCount: number;
  private readonly termIds = new Map<string, number>();
  private readonly lawIds = new Map<string, number>();
  /** Length normalisations per field and b (see norms). */
  private readonly normCache = new Map<string, Float64Array>();
  /** Per law: article label → doc (filled by findArticle). */
  private readonly labelDocs: (Map<string, number> | undefined)[] = [];
  private readonly avg: FieldParams;
  private readonly pseudoTf: Float32Array;
  private readonly scores: Float32Array;
  private readonly touched: Uint32Array;
  private readonly inTouched: Uint8Array;
  private readonly scored: Uint32Array;
  private readonly isScored: Uint8Array;
  /** Per law, filled per query: authority prior and law boost (NaN = none). */
  private readonly lawPrior: Float64Array;
  private readonly lawBoost: Float64Array;

  constructor(
    readonly data: ArticleIndexData,
    readonly learned: LearnedField | null = null,
  ) {
    this.docCount = data.labels.length;
    data.terms.forEach((t, i) => this.termIds.set(t, i));
    data.laws.forEach((l, i) => this.lawIds.set(l.normalizedTitle, i));
    this.avg = { text: average(data.text.lengths), headings: average(data.headings.lengths), title: average(data.title.lengths) };
    this.pseudoTf = new Float32Array(this.docCount);
    this.scores = new Float32Array(this.docCount);
    this.touched = new Uint32Array(this.docCount);
    this.inTouched = new Uint8Array(this.docCount);
    this.scored = new Uint32Array(this.docCount);
    this.isScored = new Uint8Array(this.docCount);
    this.lawPrior = new Float64Array(data.laws.length);
    this.lawBoost = new Float64Array(data.laws.length);
  }

  lawIndex(normalizedTitle: string): number | undefined {
    return this.lawIds.get(normalizedTitle);
  }

  /** Id of a term of the article fields (undefined when the corpus lacks it). */
  termId(term: string): number | undefined {
    return this.termIds.get(term);
  }

  private textView: TextStatistics | null = null;

  /**
   * Each article's text words (a forward copy of the text postings) and each term's share of all
   * text tokens, P(term | collection), for the translation language model's second stage
   * (translation-lm.ts). Derived from the stored postings on first use (no training), shared by
   * every ArticleIndex over the same data.
   */
  textStatistics(): TextStatistics {
    if (!this.textView) this.textView = textViews.get(this.data) ?? null;
    if (!this.textView) {
      {
        const text = this.data.text;
        const collection = new Float32Array(this.data.terms.length);
        let total = 0;
        for (let t = 0; t < collection.length; t++) {
          let cf = 0;
          for (let i = text.offsets[t] as number; i < (text.offsets[t + 1] as number); i++) cf += text.tfs[i] as number;
          collection[t] = cf;
          total += cf;
        }
        // Half a token for every term, so a word the corpus lacks still has a (small) probability.
        for (let t = 0; t < collection.length; t++) collection[t] = ((collection[t] as number) + 0.5) / (total + 1);
        this.textView = textStatisticsOf(
          forwardIndexFromPostings(text, () => true),
          collection,
          0.5 / (total + 1),
        );
        textViews.set(this.data, this.textView);
      }
    }
    return this.textView;
  }

  law(doc: number): IndexedLaw {
    return this.data.laws[this.data.docLaw[doc] as number] as IndexedLaw;
  }

  /** Doc id of an article of a current law, by label. */
  findArticle(normalizedTitle: string, label: string): number | undefined {
    const lawIndex = this.lawIds.get(normalizedTitle);
    if (lawIndex === undefined) return undefined;
    let docs = this.labelDocs[lawIndex];
    if (!docs) {
      // Built per law on first use: the Q&A bridge resolves dozens of citations per query, and
      // 民法典 alone has 1,260 articles to scan. The first article with a label wins, as a scan would.
      const law = this.data.laws[lawIndex] as IndexedLaw;
      docs = new Map();
      for (let d = law.firstDoc; d < law.firstDoc + law.docCount; d++) {
        const l = this.data.labels[d] ?? '';
        if (!docs.has(l)) docs.set(l, d);
      }
      this.labelDocs[lawIndex] = docs;
    }
    return docs.get(label);
  }

  key(doc: number): string {
    return `${this.law(doc).normalizedTitle}|${this.data.labels[doc] ?? ''}`;
  }

  /** Articles whose text, headings or title have the term (0 when the corpus lacks it). */
  documentFrequency(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : (this.data.df[id] as number);
  }

  hasTerm(term: string): boolean {
    return this.termIds.has(term);
  }

  idf(term: string): number {
    const id = this.termIds.get(term);
    let n = id === undefined ? 0 : (this.data.df[id] as number);
    if (id === undefined && this.learned) {
      // A word only training questions used: its rarity there stands in for the corpus df.
      const lid = this.learned.termId(term);
      if (lid !== undefined) n = this.learned.documentFrequency(lid);
    }
    return Math.log(1 + (this.docCount - n + 0.5) / (n + 0.5));
  }

  /**
   * Uses stored text statistics (encodeSearchIndex persists them when the model has the article →
   * question table, so no terminal derives them at its first query).
   */
  static seedTextStatistics(data: ArticleIndexData, stats: TextStatistics): void {
    textViews.set(data, stats);
  }

  /** Same data, another learned field (cross-validation swaps it per fold). */
  withLearned(learned: LearnedField | null): ArticleIndex {
    return new ArticleIndex(this.data, learned);
  }

  /**
   * BM25F: per term, the field frequencies (weighted, length-normalised) of each article add up to
   * one pseudo term frequency, which saturates once (k1); the terms' scores add up, then the
   * authority prior, popularity and law boosts multiply. The loops below are written out over the
   * typed arrays (no per-posting callbacks): a query walks some 30,000 postings.
   */
  search(terms: readonly WeightedTerm[], params: Bm25fParams, options: ArticleSearchOptions): ArticleHit[] {
    const { text, headings } = this.data;
    let scoredCount = 0;
    const learned = this.learned;
    const lw = learned && params.learned && params.learned.weight > 0 ? params.learned : null;
    for (const { term, weight } of terms) {
      if (weight <= 0) continue;
      const id = this.termIds.get(term);
      const lid = lw && learned ? learned.termId(term) : undefined;
      if (id === undefined && lid === undefined) continue;
      let touchedCount = 0;
      if (id !== undefined) {
        touchedCount = this.startWithText(id, params.weights.text, this.norms('text', text.lengths, params.b.text, this.avg.text));
        touchedCount = this.addField(
          headings,
          id,
          params.weights.headings,
          this.norms('headings', headings.lengths, params.b.headings, this.avg.headings),
          touchedCount,
        );
        touchedCount = this.addTitle(id, params.weights.title, params.b.title, touchedCount);
      }
      if (lid !== undefined && lw && learned)
        touchedCount = this.addLearned(learned, lid, lw.weight, this.norms('learned', learned.data.lengths, lw.b, learned.avgLength), touchedCount);
      scoredCount = this.saturate(weight * this.idf(term) * (params.k1 + 1), params.k1, touchedCount, scoredCount);
    }
    return this.rankScored(params, options, scoredCount);
  }

  /** Adds amount to the doc's pseudo term frequency of the current term; returns the new touched count. */
  private touch(doc: number, amount: number, touchedCount: number): number {
    const pseudoTf = this.pseudoTf;
    pseudoTf[doc] = (pseudoTf[doc] as number) + amount;
    if (this.inTouched[doc]) return touchedCount;
    this.inTouched[doc] = 1;
    this.touched[touchedCount] = doc;
    return touchedCount + 1;
  }

  /**
   * BM25's length normalisation 1 − b + b · length / avg of every doc of a field, computed once
   * per field and b rather than once per posting of every query.
   */
  private norms(field: 'text' | 'headings' | 'learned', lengths: ArrayLike<number>, b: number, avg: number): Float64Array {
    const key = `${field}:${String(b)}`;
    let norms = this.normCache.get(key);
    if (!norms) {
      norms = new Float64Array(lengths.length);
      for (let doc = 0; doc < lengths.length; doc++) norms[doc] = 1 - b + (b * (lengths[doc] as number)) / avg;
      this.normCache.set(key, norms);
    }
    return norms;
  }

  /**
   * The text field's postings of term `id`, the first field of a term: each doc occurs once and
   * nothing is touched yet, so the amounts are stored without the touched check; returns the count.
   */
  private startWithText(id: number, w: number, norms: Float64Array): number {
    if (w <= 0) return 0;
    const { pseudoTf, inTouched, touched } = this;
    const { docs, tfs, offsets } = this.data.text;
    const start = offsets[id] as number;
    const end = offsets[id + 1] as number;
    for (let i = start; i < end; i++) {
      const doc = docs[i] as number;
      pseudoTf[doc] = (w * (tfs[i] as number)) / (norms[doc] as number);
      inTouched[doc] = 1;
      touched[i - start] = doc;
    }
    return end - start;
  }

  /** One article field's postings of term `id` into the pseudo term frequencies. */
  private addField(p: Postings, id: number, w: number, norms: Float64Array, touchedCount: number): number {
    if (w <= 0) return touchedCount;
    const { docs, tfs } = p;
    const end = p.offsets[id + 1] as number;
    for (let i = p.offsets[id] as number; i < end; i++) {
      const doc = docs[i] as number;
      touchedCount = this.touch(doc, (w * (tfs[i] as number)) / (norms[doc] as number), touchedCount);
    }
    return touchedCount;
  }

  /** The title field: its documents are laws, each law's amount goes to all of its articles. */
  private addTitle(id: number, w: number, b: number, touchedCount: number): number {
    if (w <= 0) return touchedCount;
    const { docs, tfs, lengths, offsets } = this.data.title;
    const laws = this.data.laws;
    const end = offsets[id + 1] as number;
    for (let i = offsets[id] as number; i < end; i++) {
      const lawIndex = docs[i] as number;
      const norm = 1 - b + (b * (lengths[lawIndex] as number)) / this.avg.title;
      const amount = (w * (tfs[i] as number)) / norm;
      const law = laws[lawIndex] as IndexedLaw;
      const last = law.firstDoc + law.docCount;
      for (let d = law.firstDoc; d < last; d++) touchedCount = this.touch(d, amount, touchedCount);
    }
    return touchedCount;
  }

  /** The learned expansion field's postings of learned term `lid`. */
  private addLearned(learned: LearnedField, lid: number, w: number, norms: Float64Array, touchedCount: number): number {
    const { docs, tfs, offsets } = learned.data;
    const end = offsets[lid + 1] as number;
    for (let i = offsets[lid] as number; i < end; i++) {
      const doc = docs[i] as number;
      touchedCount = this.touch(doc, (w * (tfs[i] as number)) / (norms[doc] as number), touchedCount);
    }
    return touchedCount;
  }

  /** Smallest and largest popularity factor 1 + strength × popularity over all docs, for the strength last asked. */
  private popularityFactors: { strength: number; min: number; max: number } | null = null;

  /**
   * The largest factor rankScored can give any doc this query (its lawPrior and lawBoost filled;
   * `popularityStrength` 0 = no popularity), or ∞ when some factor could be 0, negative or NaN. A
   * product of positive numbers rounds monotonically, so no doc's factor exceeds it.
   */
  private factorBound(popularityStrength: number): number {
    let bound = 0;
    let positive = true;
    for (let l = 0; l < this.lawPrior.length; l++) {
      const p = this.lawPrior[l] as number;
      positive &&= p > 0;
      bound = Math.max(bound, p);
    }
    const popularity = this.learned?.data.popularity;
    if (popularity && popularityStrength > 0) {
      if (this.popularityFactors?.strength !== popularityStrength) {
        let min = Infinity;
        let max = -Infinity;
        for (const x of popularity) {
          const f = 1 + popularityStrength * x;
          min = Math.min(min, f);
          max = Math.max(max, f);
        }
        this.popularityFactors = { strength: popularityStrength, min, max };
      }
      positive &&= this.popularityFactors.min > 0;
      bound *= this.popularityFactors.max;
    }
    let maxBoost = 1;
    for (const b of this.lawBoost) {
      if (Number.isNaN(b)) continue;
      positive &&= b > 0;
      maxBoost = Math.max(maxBoost, b);
    }
    return positive ? bound * maxBoost : Infinity;
  }

  /** Saturates the touched docs' pseudo term frequencies into their scores and clears them; returns the scored count. */
  private saturate(w: number, k1: number, touchedCount: number, scoredCount: number): number {
    const { pseudoTf, scores, touched, inTouched, scored, isScored } = this;
    for (let i = 0; i < touchedCount; i++) {
      const doc = touched[i] as number;
      const tf = pseudoTf[doc] as number;
      scores[doc] = (scores[doc] as number) + (w * tf) / (k1 + tf);
      pseudoTf[doc] = 0;
      inTouched[doc] = 0;
      if (!isScored[doc]) {
        isScored[doc] = 1;
        scored[scoredCount++] = doc;
      }
    }
    return scoredCount;
  }

  /**
   * Multiplies each scored doc by its authority prior, popularity and law boost (in that order),
   * keeps the best `limit`, and clears the scratch buffers for the next query, in one pass.
   */
  private rankScored(params: Bm25fParams, options: ArticleSearchOptions, scoredCount: number): ArticleHit[] {
    const { scores, scored, isScored } = this;
    const { docLaw, laws } = this.data;
    const popularity = this.learned?.data.popularity;
    const popularityStrength = params.learned?.popularity ?? 0;
    const withPopularity = popularity !== undefined && popularityStrength > 0;
    // Per law once, not per article: the prior of its authority, and its boost if any.
    const prior = this.lawPrior;
    const boost = this.lawBoost;
    for (let l = 0; l < laws.length; l++) {
      prior[l] = params.authorityPrior[(laws[l] as IndexedLaw).authority];
      boost[l] = NaN;
    }
    for (const [l, b] of options.lawBoost ?? []) if (l >= 0 && l < laws.length) boost[l] = b;
    const bound = this.factorBound(withPopularity ? popularityStrength : 0);
    const top = new TopHits(options.limit);
    let floor = -Infinity;
    for (let i = 0; i < scoredCount; i++) {
      const doc = scored[i] as number;
      const raw = scores[doc] as number;
      scores[doc] = 0;
      isScored[doc] = 0;
      // Below the worst kept score a hit cannot get in (an equal one may: the lower doc id wins),
      // and no factor lifts a doc above raw × bound: most docs need no law or popularity lookup.
      if (Math.fround(raw * bound) < floor) continue;
      const lawIndex = docLaw[doc] as number;
      let factor = prior[lawIndex] as number;
      if (withPopularity) factor *= 1 + popularityStrength * (popularity[doc] as number);
      const b = boost[lawIndex] as number;
      if (!Number.isNaN(b)) factor *= b;
      // Rounded as the Float32Array score buffer stores it.
      const score = Math.fround(raw * factor);
      if (score > 0 && score >= floor) floor = top.offer(doc, score);
    }
    return top.sorted();
  }
}
