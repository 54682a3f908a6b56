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

/** Keeps the `limit` best hits (ties: lower doc id first, i.e. reading order). */
function topK(scores: Float32Array, candidates: Uint32Array, count: number, limit: number): ArticleHit[] {
  const heap: ArticleHit[] = [];
  const worse = (a: ArticleHit, b: ArticleHit) => a.score < b.score || (a.score === b.score && a.doc > b.doc);
  for (let i = 0; i < count; i++) {
    const doc = candidates[i] as number;
    const score = scores[doc] as number;
    if (score <= 0) continue;
    const hit = { doc, score };
    if (heap.length < limit) {
      heap.push(hit);
      for (let j = heap.length - 1; j > 0;) {
        const p = (j - 1) >> 1;
        if (!worse(heap[j] as ArticleHit, heap[p] as ArticleHit)) break;
        [heap[j], heap[p]] = [heap[p] as ArticleHit, heap[j] as ArticleHit];
        j = p;
      }
    } else if (worse(heap[0] as ArticleHit, hit)) {
      heap[0] = hit;
      for (let j = 0; ;) {
        const l = 2 * j + 1;
        const r = l + 1;
        let m = j;
        if (l < heap.length && worse(heap[l] as ArticleHit, heap[m] as ArticleHit)) m = l;
        if (r < heap.length && worse(heap[r] as ArticleHit, heap[m] as ArticleHit)) m = r;
        if (m === j) break;
        [heap[j], heap[m]] = [heap[m] as ArticleHit, heap[j] as ArticleHit];
        j = m;
      }
    }
  }
  return heap.sort((a, b) => b.score - a.score || a.doc - b.doc);
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
  private readonly avg: FieldParams;
  private readonly pseudoTf: Float32Array;
  private readonly scores: Float32Array;
  private readonly touched: Uint32Array;
  private readonly inTouched: Uint8Array;
  private readonly scored: Uint32Array;
  private readonly isScored: Uint8Array;

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
    const law = this.data.laws[lawIndex] as IndexedLaw;
    for (let d = law.firstDoc; d < law.firstDoc + law.docCount; d++) if (this.data.labels[d] === label) return d;
    return undefined;
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

  search(terms: readonly WeightedTerm[], params: Bm25fParams, options: ArticleSearchOptions): ArticleHit[] {
    const { pseudoTf, scores, touched, inTouched, scored, isScored } = this;
    const { text, headings, title, docLaw, laws } = this.data;
    let scoredCount = 0;
    const learned = this.learned;
    const lw = learned && params.learned ? params.learned : null;
    for (const { term, weight } of terms) {
      if (weight <= 0) continue;
      const id = this.termIds.get(term);
      const lid = lw && learned ? learned.termId(term) : undefined;
      if (id === undefined && lid === undefined) continue;
      let touchedCount = 0;
      const touch = (doc: number, amount: number) => {
        if (!inTouched[doc]) {
          inTouched[doc] = 1;
          touched[touchedCount++] = doc;
        }
        pseudoTf[doc] = (pseudoTf[doc] as number) + amount;
      };
      const field = (p: Postings, w: number, b: number, avg: number, each: (doc: number, amount: number) => void) => {
        if (w <= 0 || id === undefined) return;
        const start = p.offsets[id] as number;
        const end = p.offsets[id + 1] as number;
        for (let i = start; i < end; i++) {
          const doc = p.docs[i] as number;
          const norm = 1 - b + (b * (p.lengths[doc] as number)) / avg;
          each(doc, (w * (p.tfs[i] as number)) / norm);
        }
      };
      if (id !== undefined) {
        field(text, params.weights.text, params.b.text, this.avg.text, touch);
        field(headings, params.weights.headings, params.b.headings, this.avg.headings, touch);
        field(title, params.weights.title, params.b.title, this.avg.title, (lawIndex, amount) => {
          const law = laws[lawIndex] as IndexedLaw;
          for (let d = law.firstDoc; d < law.firstDoc + law.docCount; d++) touch(d, amount);
        });
      }
      if (lid !== undefined && lw && learned && lw.weight > 0) {
        const ld = learned.data;
        const start = ld.offsets[lid] as number;
        const end = ld.offsets[lid + 1] as number;
        for (let i = start; i < end; i++) {
          const doc = ld.docs[i] as number;
          const norm = 1 - lw.b + (lw.b * (ld.lengths[doc] as number)) / learned.avgLength;
          touch(doc, (lw.weight * (ld.tfs[i] as number)) / norm);
        }
      }
      const w = weight * this.idf(term) * (params.k1 + 1);
      for (let i = 0; i < touchedCount; i++) {
        const doc = touched[i] as number;
        const tf = pseudoTf[doc] as number;
        scores[doc] = (scores[doc] as number) + (w * tf) / (params.k1 + tf);
        pseudoTf[doc] = 0;
        inTouched[doc] = 0;
        if (!isScored[doc]) {
          isScored[doc] = 1;
          scored[scoredCount++] = doc;
        }
      }
    }
    const popularity = learned?.data.popularity;
    const popularityStrength = params.learned?.popularity ?? 0;
    for (let i = 0; i < scoredCount; i++) {
      const doc = scored[i] as number;
      const lawIndex = docLaw[doc] as number;
      const law = laws[lawIndex] as IndexedLaw;
      let factor = params.authorityPrior[law.authority];
      if (popularity && popularityStrength > 0) factor *= 1 + popularityStrength * (popularity[doc] as number);
      const boost = options.lawBoost?.get(lawIndex);
      if (boost !== undefined) factor *= boost;
      scores[doc] = (scores[doc] as number) * factor;
    }
    const hits = topK(scores, scored, scoredCount, options.limit);
    for (let i = 0; i < scoredCount; i++) {
      const doc = scored[i] as number;
      scores[doc] = 0;
      isScored[doc] = 0;
    }
    return hits;
  }
}
