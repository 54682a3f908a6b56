import type { ArticleIndexData, ArticleIndexInput, Bm25fParams, IndexedLaw, LawAuthority, Postings } from './article-index';
import { ArticleIndex, buildArticleIndex, lawAuthorities, textStatisticsOf } from './article-index';
import type { BigramParams } from './bigram-rescore';
import { BigramStats, BigramStatsBuilder, gatedBigramWeight, rescoreWithBigrams } from './bigram-rescore';
import type { ArticleCitation } from './citation';
import { LawTitleMatcher, defaultLawAliases, parseQueryCitations } from './citation';
import type { FeedbackParams } from './feedback';
import { feedbackTerms, noFeedback } from './feedback';
import type { GlossaryEntry, GlossaryHit, WeightedTerm } from './glossary-expansion';
import { GlossaryMatcher, expandQueryTerms } from './glossary-expansion';
import type { IndexArray, TextCodec } from './index-codec';
import { IndexFormatError, decodeIndexBlob, encodeIndexBlob } from './index-codec';
import type { LearnedData, SearchModel } from './learned-model';
import { LearnedField, compileLearnedData } from './learned-model';
import type { Tokenizer } from './normalize';
import { meaningfulTokens, normalizeQuery } from './normalize';
import { initialsQueryKey, isInitialsQuery } from './pinyin-initials';
import type { QaHit, QaIndexState, QaInput, QaMatchParams, Suggestion, SuggestionEntry } from './qa-index';
import { QaIndex } from './qa-index';
import type { QaBridgeParams } from './qa-bridge';
import { bridgeQaCitations, defaultQaBridgeParams, qaCoverage } from './qa-bridge';
import type { LearnedRerankParams, RankerCandidate, RankerModel, ScoredDoc, StageRecord } from './learned-rerank';
import { defaultLearnedRerankParams, forestOf, fuseRanker, rankerFeatures, rerankGate } from './learned-rerank';
import { deepRankerFeatureNames, deepRankerFeatures, fuseDeepRanker } from './deep-rerank';
import type { Snippet } from './snippet';
import { makeSnippet } from './snippet';
import type { ScoredWord } from './translation-lm';
import { fuseTranslationScores, translationLogLikelihood } from './translation-lm';

/**
 * The search engine proper: everything a query goes through, independent of where the index
 * came from or how text is segmented. Pure; the Node side injects jieba and the article texts.
 */

export interface SearchIndexInput {
  articles: Iterable<ArticleIndexInput>;
  qa: readonly QaInput[];
  glossary: readonly GlossaryEntry[];
  /** Identifies the content the index was built from; a different one means rebuild. */
  fingerprint: string;
  /** Extra dictionary words the tokenizer was made with (see userWordsFor); stored with the index. */
  userWords: readonly string[];
  /** Learned components (learned-model.ts); without one the engine uses content only. */
  model?: SearchModel | null;
}

/** Law titles and glossary terms: the words a segmenter must keep whole for this content. */
export function userWordsFor(titles: Iterable<string>, glossary: readonly GlossaryEntry[]): string[] {
  const words = new Set<string>(titles);
  for (const g of glossary) for (const w of [...g.colloquial, ...g.legal]) words.add(w);
  return [...words].sort();
}

export interface SearchIndex {
  fingerprint: string;
  userWords: string[];
  tokenizerSignature: string;
  articles: ArticleIndex;
  qa: QaIndex;
  glossary: GlossaryEntry[];
  aliases: Record<string, string>;
  /** Character-bigram document frequencies of the article texts (bigram-rescore.ts). */
  bigrams: BigramStats;
}

const lawSuggestionRank: Readonly<Record<LawAuthority, number>> = {
  law: 0,
  'judicial-interpretation': 200,
  'administrative-regulation': 100,
  'departmental-rule': 300,
};

/** Compiles a trained model against an index's articles and laws (null model → no learned field). */
export function learnedFieldFor(articles: ArticleIndex, model: SearchModel | null | undefined, tokenizer: Tokenizer): LearnedField | null {
  if (!model) return null;
  const docOf = (key: string) => {
    const bar = key.lastIndexOf('|');
    return bar > 0 ? articles.findArticle(key.slice(0, bar), key.slice(bar + 1)) : undefined;
  };
  return new LearnedField(
    compileLearnedData(model, tokenizer, docOf, (t) => articles.lawIndex(t), articles.docCount, articles.data.laws.length, {
      lawOfDoc: (doc) => articles.data.docLaw[doc] as number,
      ...model.neighbours,
    }),
  );
}

export function buildSearchIndex(input: SearchIndexInput, tokenizer: Tokenizer, initialsOf: (text: string) => string): SearchIndex {
  const bigrams = new BigramStatsBuilder();
  const counted = function* () {
    for (const a of input.articles) {
      bigrams.add(a.text);
      yield a;
    }
  };
  const plain = new ArticleIndex(buildArticleIndex(counted(), tokenizer, initialsOf));
  const articles = plain.withLearned(learnedFieldFor(plain, input.model, tokenizer));
  const lawSuggestions = articles.data.laws.map((law): SuggestionEntry => ({
    kind: 'law',
    text: law.normalizedTitle,
    target: law.normalizedTitle,
    initials: law.initials,
    rank: lawSuggestionRank[law.authority],
  }));
  return {
    fingerprint: input.fingerprint,
    userWords: [...input.userWords],
    tokenizerSignature: tokenizer.signature,
    articles,
    qa: QaIndex.build(input.qa, lawSuggestions, tokenizer, initialsOf),
    glossary: input.glossary.map((g) => ({ colloquial: [...g.colloquial], legal: [...g.legal], ...(g.domain ? { domain: g.domain } : {}) })),
    aliases: { ...defaultLawAliases },
    bigrams: new BigramStats(bigrams.finish()),
  };
}

interface IndexHeader {
  fingerprint: string;
  userWords: string[];
  tokenizerSignature: string;
  terms: string[];
  labels: string[];
  laws: IndexedLaw[];
  qa: QaIndexState;
  glossary: GlossaryEntry[];
  aliases: Record<string, string>;
  bigrams: { docCount: number; avgLength: number };
  /** P(word | collection) of a word the text lacks (with the stored text statistics). */
  unseen?: number;
  learned?: {
    terms: string[];
    priorTerms: string[];
    translation?: Record<string, [string, number][]>;
    questionTranslation?: Record<string, [string, number][]>;
    exampleTerms?: string[];
    ranker?: RankerModel;
  };
}

const learnedArrays = ['offsets', 'docs', 'tfs', 'lengths', 'priorOffsets', 'priorLaws', 'priorCounts', 'lawShare'] as const;

const exampleArrays = ['offsets', 'questions', 'tfs', 'lengths', 'docOffsets', 'docs', 'keywordOffsets', 'keywords'] as const;

const fieldNames = ['text', 'headings', 'title'] as const;

export function encodeSearchIndex(index: SearchIndex, codec: TextCodec): Uint8Array {
  const d = index.articles.data;
  const bg = index.bigrams.data;
  const arrays: Record<string, IndexArray> = { df: d.df, docLaw: d.docLaw, 'bigrams.codes': bg.codes, 'bigrams.df': bg.df };
  for (const f of fieldNames) {
    arrays[`${f}.offsets`] = d[f].offsets;
    arrays[`${f}.docs`] = d[f].docs;
    arrays[`${f}.tfs`] = d[f].tfs;
    arrays[`${f}.lengths`] = d[f].lengths;
  }
  const header: IndexHeader = {
    fingerprint: index.fingerprint,
    userWords: index.userWords,
    tokenizerSignature: index.tokenizerSignature,
    terms: d.terms,
    labels: d.labels,
    laws: d.laws,
    qa: index.qa.toState(),
    glossary: index.glossary,
    aliases: index.aliases,
    bigrams: { docCount: bg.docCount, avgLength: bg.avgLength },
  };
  const learned = index.articles.learned?.data;
  if (learned) {
    header.learned = {
      terms: learned.terms,
      priorTerms: learned.priorTerms,
      ...(learned.translation ? { translation: learned.translation } : {}),
      ...(learned.questionTranslation ? { questionTranslation: learned.questionTranslation } : {}),
      ...(learned.examples ? { exampleTerms: learned.examples.terms } : {}),
      ...(learned.ranker ? { ranker: learned.ranker } : {}),
    };
    for (const name of learnedArrays) arrays[`learned.${name}`] = learned[name];
    if (learned.popularity) arrays['learned.popularity'] = learned.popularity;
    if (learned.examples) for (const name of exampleArrays) arrays[`learned.examples.${name}`] = learned.examples[name];
    if (learned.questionTranslation) {
      // The translation LM's per-article words, stored so a terminal never derives them (≈ 7 MB
      // for the full library).
      const stats = index.articles.textStatistics();
      arrays['text.forward.offsets'] = stats.forward.offsets;
      arrays['text.forward.terms'] = stats.forward.terms;
      arrays['text.forward.tfs'] = stats.forward.tfs;
      arrays['text.collection'] = stats.collection;
      header.unseen = stats.unseen;
    }
  }
  return encodeIndexBlob({ header, arrays }, codec);
}

export interface DecodedSearchIndex {
  index: SearchIndex;
  /** Made from the stored user words, so queries are segmented exactly like the index. */
  tokenizer: Tokenizer;
}

/** Fingerprint of a stored index without decoding the rest (for a cheap staleness check). */
export function peekSearchIndexFingerprint(bytes: Uint8Array, codec: TextCodec): string | null {
  try {
    return (decodeIndexBlob(bytes, codec).header as IndexHeader).fingerprint;
  } catch {
    return null;
  }
}

export function decodeSearchIndex(bytes: Uint8Array, codec: TextCodec, tokenizerFor: (userWords: readonly string[]) => Tokenizer): DecodedSearchIndex {
  const blob = decodeIndexBlob(bytes, codec);
  const h = blob.header as IndexHeader;
  const tokenizer = tokenizerFor(h.userWords);
  if (h.tokenizerSignature !== tokenizer.signature) {
    throw new IndexFormatError(`search index was built with tokenizer ${h.tokenizerSignature}, this one is ${tokenizer.signature}`);
  }
  const arr = <T extends IndexArray>(name: string): T => {
    const a = blob.arrays[name];
    if (!a) throw new IndexFormatError(`search index lacks ${name}`);
    return a as T;
  };
  const postings = (f: string): Postings => ({
    offsets: arr<Uint32Array>(`${f}.offsets`),
    docs: arr<Uint32Array>(`${f}.docs`),
    tfs: arr<Uint16Array>(`${f}.tfs`),
    lengths: arr<Uint32Array>(`${f}.lengths`),
  });
  const data: ArticleIndexData = {
    terms: h.terms,
    df: arr<Uint32Array>('df'),
    text: postings('text'),
    headings: postings('headings'),
    title: postings('title'),
    docLaw: arr<Uint32Array>('docLaw'),
    labels: h.labels,
    laws: h.laws,
  };
  let learned: LearnedField | null = null;
  if (h.learned) {
    const l: LearnedData = {
      terms: h.learned.terms,
      priorTerms: h.learned.priorTerms,
      offsets: arr<Uint32Array>('learned.offsets'),
      docs: arr<Uint32Array>('learned.docs'),
      tfs: arr<Float32Array>('learned.tfs'),
      lengths: arr<Float32Array>('learned.lengths'),
      priorOffsets: arr<Uint32Array>('learned.priorOffsets'),
      priorLaws: arr<Uint32Array>('learned.priorLaws'),
      priorCounts: arr<Float32Array>('learned.priorCounts'),
      lawShare: arr<Float32Array>('learned.lawShare'),
    };
    const popularity = blob.arrays['learned.popularity'];
    if (popularity) l.popularity = popularity as Float32Array;
    if (h.learned.translation) l.translation = h.learned.translation;
    if (h.learned.questionTranslation) l.questionTranslation = h.learned.questionTranslation;
    if (h.learned.ranker) l.ranker = h.learned.ranker;
    if (h.learned.exampleTerms)
      l.examples = {
        terms: h.learned.exampleTerms,
        offsets: arr<Uint32Array>('learned.examples.offsets'),
        questions: arr<Uint32Array>('learned.examples.questions'),
        tfs: arr<Float32Array>('learned.examples.tfs'),
        lengths: arr<Float32Array>('learned.examples.lengths'),
        docOffsets: arr<Uint32Array>('learned.examples.docOffsets'),
        docs: arr<Uint32Array>('learned.examples.docs'),
        keywordOffsets: arr<Uint32Array>('learned.examples.keywordOffsets'),
        keywords: arr<Uint32Array>('learned.examples.keywords'),
      };
    learned = new LearnedField(l);
  }
  const forwardTerms = blob.arrays['text.forward.terms'];
  if (forwardTerms && h.unseen !== undefined) {
    const terms = forwardTerms instanceof Uint16Array || forwardTerms instanceof Uint32Array ? forwardTerms : null;
    const tfs = blob.arrays['text.forward.tfs'];
    if (!terms || !(tfs instanceof Uint8Array)) throw new IndexFormatError('search index has text.forward arrays of the wrong type');
    const forward = { offsets: arr<Uint32Array>('text.forward.offsets'), terms, tfs, lengths: data.text.lengths };
    ArticleIndex.seedTextStatistics(data, textStatisticsOf(forward, arr<Float32Array>('text.collection'), h.unseen));
  }
  const index: SearchIndex = {
    fingerprint: h.fingerprint,
    userWords: h.userWords,
    tokenizerSignature: h.tokenizerSignature,
    articles: new ArticleIndex(data, learned),
    qa: QaIndex.load(h.qa, tokenizer),
    glossary: h.glossary,
    aliases: h.aliases,
    bigrams: new BigramStats({
      codes: arr<Uint32Array>('bigrams.codes'),
      df: arr<Uint32Array>('bigrams.df'),
      docCount: h.bigrams.docCount,
      avgLength: h.bigrams.avgLength,
    }),
  };
  return { index, tokenizer };
}

export interface EngineParams {
  bm25: Bm25fParams;
  /** Weight of a glossary expansion relative to the resident's own word (1). */
  expansionWeight: number;
  /** Score multiplier for articles of a law the query names. */
  namedLawBoost: number;
  /**
   * Articles cited by the Q&A entries that match the query gain this share of the best article
   * score (scaled by how well each entry matched). The Q&A is written in residents' words and its
   * citations are checked by hand, so it bridges 「老板不发工资」 to 劳动合同法第三十条 where term
   * overlap cannot. 0 turns it off (the benchmark's ablation).
   */
  qaCiteBoost: number;
  /**
   * Domain prior from the learned model: an article's score × (1 + priorStrength × √P(law | query)).
   * No effect without a model. priorSmoothing is the Dirichlet α of that estimate.
   */
  priorStrength: number;
  priorSmoothing: number;
  /**
   * Weight of the learned translation expansions (statute words the resident's words stand for,
   * learned-model.ts trainTranslation) relative to the resident's own words; 0 = off.
   */
  translationWeight: number;
  /**
   * Domain routing: the glossary words in the query name legal domains (the glossary file's
   * domain); the laws the Q&A of those domains cite, by their share of the domain's citations,
   * multiply article scores by 1 + domainRouting × share. 0 = off. Off by default: at 0.5 the
   * 5-fold CV on the public questions lost 1.5 R@10 and 1.1 nDCG@10 (R@100 +0.1) while the everyday
   * check set gained 3 points of R@100 (scripts/bench/search-ablation.ts prints both).
   */
  domainRouting: number;
  /**
   * Similar training questions (learned model's examples): the k most similar to the query (BM25
   * over the questions' words) vote for the articles they cite, and an article's score gains
   * weight × (best article score) × its vote (0–1); `keywords` > 0 also adds the lawyer keywords
   * of those questions to the query at that weight (at most 8). Off by default: in 5-fold CV on
   * the public questions no setting beat the defaults (votes 0.1 with k 3: R@10 +0.5, nDCG@10
   * −0.9; keywords 0.1: R@100 +0.6, nDCG@10 −0.7) and the everyday questions lost up to 3 points
   * of R@10 — the expansion field already carries what earlier questions say about an article.
   */
  similarQuestions: { weight: number; k: number; keywords?: number };
  /**
   * Co-citation: each of the `top` best articles passes weight × its score × P(b | it) to the
   * articles b that training questions cite together with it. Off by default: in 5-fold CV it
   * never raised R@100 and cost nDCG@10 (0.1, top 5: −1.2; 0.2: −2.8).
   */
  coCitation: { weight: number; top: number };
  /**
   * Second stage (translation-lm.ts): the best `depth` candidates of the word ranking (before the
   * Q&A stages) are re-ordered by score / best + weight × min–max-scaled per-word log P(query |
   * article) under the translation language model (article → question table of the learned
   * model, `translationShare` β, Jelinek–Mercer `collectionShare` μ). 0 weight or no table = off.
   * Defaults from the 5-fold CV on the public STARD questions and the everyday set (60), both by
   * scripts/bench/search-ablation.ts TLM=…: weight 0.2, depth 100 moved CV R@10 / R@100 / nDCG@10
   * 63.4 / 87.0 / 50.1 → 64.9 / 87.0 / 51.8 with everyday R@10 78.3 → 78.1; 0.3 gave 65.2 / 86.9
   * / 52.2 but everyday R@10 74.2, so 0.2 is the largest weight that keeps the everyday set; β and
   * μ (0.2–0.8) changed CV R@10 by ≤ 0.6 and were left at 0.5; depth 200 changed nothing but cost.
   */
  translationRerank: { weight: number; depth: number; translationShare: number; collectionShare: number };
  /** The Q&A bridge (qa-bridge.ts); absent = its defaults. */
  qaBridge?: QaBridgeParams;
  /** How query terms match the Q&A (qa-index.ts); absent = its defaults. */
  qaMatch?: QaMatchParams;
  /** Pseudo-relevance feedback (feedback.ts); absent = off. */
  feedback?: FeedbackParams;
  /** Character-bigram re-scoring of the best articles (bigram-rescore.ts); absent = defaultBigramParams. */
  bigrams?: BigramParams;
  /** The learned re-ranker's fusion (learned-rerank.ts), used when the model carries trees; absent = defaultLearnedRerankParams. */
  learnedRerank?: LearnedRerankParams;
}

/**
 * The first 100 articles re-scored by their character bigrams at 0.3 of the best score ×
 * (1 − Q&A coverage)². 5-fold CV on the public STARD questions (scripts/bench/bigram-experiment.ts,
 * model trained with the kiosk's Q&A, translation second stage on), R@10 / R@100 / nDCG@10:
 * 65.1 / 87.3 / 52.2 → 65.9 / 87.3 / 53.5; everyday choosing set 92.2 / 96.4 / 77.6 → 93.1 / 96.4 /
 * 78.0. Ungated the everyday set lost 1.4 R@10 at 0.2 (power 1 at 0.3: nDCG@10 −0.7); power 2 kept
 * it at every weight 0.1–0.3. Blind everyday set, looked at once afterwards: see the README "Search".
 */
export const defaultBigramParams: BigramParams = { weight: 0.3, depth: 100, coveragePower: 2 };

/**
 * Defaults. Field weights, the authority prior and the glossary weight are the grid point that
 * 5-fold cross-validation on the public STARD questions picked in every fold (npm run
 * bench:search prints the grid, the per-fold choice and the held-out scores); k1 and b are the
 * textbook BM25 values. The translation weight (0.1) and the popularity prior (0.05) were chosen
 * looking at the 5-fold CV figures of scripts/bench/search-ablation.ts: larger values trade
 * nDCG@10 for R@100.
 */
export const defaultEngineParams: EngineParams = {
  bm25: {
    k1: 1.2,
    weights: { text: 1, headings: 2, title: 0.5 },
    b: { text: 0.75, headings: 0.5, title: 0.5 },
    authorityPrior: { law: 1, 'judicial-interpretation': 0.85, 'administrative-regulation': 0.8, 'departmental-rule': 0.7 },
    learned: { weight: 0.5, b: 0.2, popularity: 0.05 },
  },
  expansionWeight: 0.5,
  namedLawBoost: 2,
  qaCiteBoost: 0.15,
  priorStrength: 0.75,
  priorSmoothing: 2,
  translationWeight: 0.1,
  domainRouting: 0,
  similarQuestions: { weight: 0, k: 10 },
  coCitation: { weight: 0, top: 5 },
  translationRerank: { weight: 0.2, depth: 100, translationShare: 0.5, collectionShare: 0.5 },
};

/**
 * Whether searching with these parameters reads the learned model's training questions
 * (SearchModel.examples): only the similar-question votes and keywords and the co-citation do.
 */
export function engineReadsExamples(params: EngineParams): boolean {
  return params.similarQuestions.weight > 0 || (params.similarQuestions.keywords ?? 0) > 0 || params.coCitation.weight > 0;
}

/** Translation expansions kept per query, and the largest share of articles such a word may occur in. */
const translationMaxTerms = 8;
const translationMaxDocShare = 0.01;
/** Lawyer keywords of similar training questions kept per query. */
const similarKeywordMaxTerms = 8;

export interface ArticleText {
  text: string;
  headings: readonly string[];
}

/** Article texts by key, in key order (null for an article the source lacks). */
export type ArticleBodies = (keys: readonly string[]) => (string | null)[];

export interface ArticleResult {
  key: string;
  normalizedTitle: string;
  lawTitle: string;
  label: string;
  authority: LawAuthority;
  headings: readonly string[];
  score: number;
  /** Named by a citation in the query (「劳动合同法第47条」). */
  exact: boolean;
  snippet: Snippet | null;
}

export interface QaResult {
  id: string;
  question: string;
  domain: string;
  score: number;
  snippet: Snippet;
}

export interface EngineResults {
  query: string;
  articles: ArticleResult[];
  qa: QaResult[];
  citations: ArticleCitation[];
  /** Laws the query names. */
  laws: string[];
  /** Weighted terms searched (query words and glossary expansions). */
  terms: WeightedTerm[];
}

export interface EngineSearchOptions {
  limit?: number;
  qaLimit?: number;
  /** The law being read, for bare 「第四十七条」. */
  contextLaw?: string | null;
  /** Fill snippets (needs the article texts); off for benchmarks. */
  snippets?: boolean;
  /** Extra weighted terms for the article ranking only (experiments). */
  extraTerms?: readonly WeightedTerm[];
  /** Experiments (learning to rank): filled with each stage's ranking as that stage left it. */
  trace?: SearchTrace;
}

/**
 * The article rankings of the stages of one search, scores as each stage left them: the word
 * ranking (BM25F × priors), after the translation second stage (score / best + weight × scaled
 * log-likelihood), after the Q&A citation boost and bridge, after the bigram re-scoring; the
 * query's Q&A coverage and the laws' score multipliers (named law, domain prior).
 */
export interface SearchTrace {
  firstStage?: readonly { doc: number; score: number }[];
  translated?: readonly { doc: number; score: number }[];
  bridged?: readonly { doc: number; score: number }[];
  final?: readonly { doc: number; score: number }[];
  coverage?: number;
  lawBoost?: ReadonlyMap<number, number>;
  ownWords?: readonly string[];
  /** The weighted terms the word ranking searched (own words, glossary and translation expansions). */
  rankTerms?: readonly WeightedTerm[];
  /** What the learned re-ranker's features are computed from (learned-rerank.ts rankerFeatures)… */
  stages?: StageRecord;
  /** …for these candidates: the list before the re-ranker, cited articles first. */
  candidates?: readonly RankerCandidate[];
}

/**
 * The article → question table with statute words as term ids, filled per query word on first use
 * (a table belongs to one compiled index, so its words resolve the same way every time).
 */
const resolvedTables = new WeakMap<object, Map<string, [number, number][]>>();

export class SearchEngine {
  private readonly matcher: LawTitleMatcher;
  private readonly glossary: GlossaryMatcher;
  /** Legal domain → law index → share of that domain's Q&A citations. */
  private readonly domainLaws = new Map<string, Map<number, number>>();
  private readonly phraseTerms = new Map<string, string[]>();

  constructor(
    readonly index: SearchIndex,
    private readonly tokenizer: Tokenizer,
    private readonly articleText: (key: string) => ArticleText | null,
    readonly params: EngineParams = defaultEngineParams,
    /**
     * The texts of several articles at once, in key order (the bigram stage reads its hundred
     * candidates with it); default: articleText key by key.
     */
    private readonly articleBodies: ArticleBodies = (keys) => keys.map((k) => articleText(k)?.text ?? null),
  ) {
    this.matcher = new LawTitleMatcher(
      index.articles.data.laws.map((l) => l.normalizedTitle),
      index.aliases,
    );
    this.glossary = new GlossaryMatcher(index.glossary);
    for (const entry of index.qa.entries) {
      let laws = this.domainLaws.get(entry.domain);
      if (!laws) this.domainLaws.set(entry.domain, (laws = new Map()));
      for (const cite of entry.cites) {
        const space = cite.lastIndexOf(' ');
        const law = space > 0 ? index.articles.lawIndex(cite.slice(0, space)) : undefined;
        if (law !== undefined) laws.set(law, (laws.get(law) ?? 0) + 1);
      }
    }
    for (const laws of this.domainLaws.values()) {
      let total = 0;
      for (const n of laws.values()) total += n;
      for (const [law, n] of laws) laws.set(law, n / total);
    }
  }

  /** Law index → routing weight from the domains of the query's glossary words (see domainRouting). */
  private routeByDomain(hits: readonly GlossaryHit[]): Map<number, number> {
    const out = new Map<number, number>();
    const withDomain = hits.filter((h) => h.domains.length > 0);
    if (this.params.domainRouting <= 0 || withDomain.length === 0) return out;
    for (const hit of withDomain)
      for (const domain of hit.domains)
        for (const [law, share] of this.domainLaws.get(domain) ?? []) out.set(law, (out.get(law) ?? 0) + share / (withDomain.length * hit.domains.length));
    return out;
  }

  withParams(params: EngineParams): SearchEngine {
    return new SearchEngine(this.index, this.tokenizer, this.articleText, params, this.articleBodies);
  }

  /** The same content with another learned model (null = none); used by cross-validation. */
  withModel(model: SearchModel | null): SearchEngine {
    const articles = this.index.articles.withLearned(learnedFieldFor(this.index.articles, model, this.tokenizer));
    return new SearchEngine({ ...this.index, articles }, this.tokenizer, this.articleText, this.params, this.articleBodies);
  }

  private terms(text: string): string[] {
    return meaningfulTokens(this.tokenizer.tokenize(text));
  }

  /** Terms of a glossary phrase: the glossary is fixed, so each phrase is segmented once. */
  private glossaryTerms(phrase: string): string[] {
    let terms = this.phraseTerms.get(phrase);
    if (!terms) this.phraseTerms.set(phrase, (terms = this.terms(phrase)));
    return terms;
  }

  search(query: string, options: EngineSearchOptions = {}): EngineResults {
    const limit = options.limit ?? 10;
    const q = normalizeQuery(query);
    const parsed = parseQueryCitations(q, this.matcher, options.contextLaw ?? null);
    const idx = this.index.articles;
    const exactDocs: number[] = [];
    for (const c of parsed.citations) {
      if (c.law === null) continue;
      const doc = idx.findArticle(c.law, c.label);
      if (doc !== undefined && !exactDocs.includes(doc)) exactDocs.push(doc);
    }
    const hits = this.glossary.match(parsed.rest);
    const terms = expandQueryTerms(this.terms(parsed.rest), hits, (s) => this.glossaryTerms(s), this.params.expansionWeight);
    const lawBoost = new Map<number, number>();
    for (const law of parsed.laws) {
      const i = idx.lawIndex(law);
      if (i !== undefined) lawBoost.set(i, this.params.namedLawBoost);
    }
    for (const [law, weight] of this.routeByDomain(hits)) lawBoost.set(law, (lawBoost.get(law) ?? 1) * (1 + this.params.domainRouting * weight));
    const learned = idx.learned;
    if (learned && this.params.priorStrength > 0) {
      // Domain prior from the resident's own words (not the glossary's legal expansions).
      const own = terms.filter((t) => t.weight >= 1).map((t) => ({ term: t.term, idf: idx.idf(t.term) }));
      // √p: a law the words clearly point to gains up to 1 + strength; a faint pointer still counts.
      for (const [law, p] of learned.lawPosterior(own, this.params.priorSmoothing)) {
        lawBoost.set(law, (lawBoost.get(law) ?? 1) * (1 + this.params.priorStrength * Math.sqrt(p)));
      }
    }
    // A query that is only a law name (「劳动合同法」) lists that law's articles in order.
    const searchTerms = terms.length > 0 || parsed.laws.length === 0 ? terms : this.terms(parsed.laws.join(' ')).map((term) => ({ term, weight: 1 }));
    const qaLimit = options.qaLimit ?? 5;
    const qaBridge = this.params.qaBridge ?? defaultQaBridgeParams;
    let qaHits: QaHit[] = this.index.qa.search(terms, Math.max(qaLimit, 3, qaBridge.depth), this.params.qaMatch, parsed.rest);
    if (isInitialsQuery(q)) qaHits = [...this.index.qa.searchInitials(initialsQueryKey(q), Math.max(qaLimit, 3)), ...qaHits];
    const translated = learned
      ? learned.translate(
          terms.filter((t) => t.weight >= 1).map((t) => t.term),
          this.params.translationWeight,
        )
      : [];
    const searched = new Set(searchTerms.map((t) => t.term));
    // Rare statute words only, and few of them: a common one (应当, 规定) says nothing about the
    // matter and would walk a posting list of tens of thousands of articles.
    const maxDf = idx.docCount * translationMaxDocShare;
    const translatedTerms = translated
      .filter((t) => !searched.has(t.term) && idx.documentFrequency(t.term) <= maxDf)
      .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
      .slice(0, translationMaxTerms);
    const similar = this.params.similarQuestions;
    const ownWords = terms.filter((t) => t.weight >= 1).map((t) => t.term);
    const keywordTerms =
      learned && (similar.keywords ?? 0) > 0
        ? learned
            .similarQuestionKeywords(ownWords, similar.k, similar.keywords ?? 0)
            .filter((t) => !searched.has(t.term) && !translatedTerms.some((x) => x.term === t.term))
            .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
            .slice(0, similarKeywordMaxTerms)
        : [];
    const rankTerms = [...searchTerms, ...translatedTerms, ...keywordTerms, ...(options.extraTerms ?? [])];
    const rerank = this.params.translationRerank;
    const reranking = learned?.data.questionTranslation !== undefined && rerank.weight > 0 && rerank.depth > 0;
    // The bigram re-scoring (last) looks at the first bigramParams.depth articles whatever the limit.
    const bigramParams = this.params.bigrams ?? defaultBigramParams;
    // The learned re-ranker (learned-rerank.ts) runs last when the model carries one.
    const rerankParams = this.params.learnedRerank ?? defaultLearnedRerankParams;
    const rankerModel = learned?.data.ranker;
    const forest = rankerModel && rerankParams.depth > 0 ? forestOf(rankerModel) : null;
    const deepForest = forest && rankerModel?.deep && rerankParams.deepDepth > rerankParams.depth ? forestOf(rankerModel.deep, deepRankerFeatureNames) : null;
    // A trace (pack-build training, experiments) records as many candidates as the deep re-ranker sees.
    const rankDepth = deepForest || (options.trace && !forest) ? Math.max(rerankParams.depth, rerankParams.deepDepth) : forest ? rerankParams.depth : 0;
    // The stages after the word ranking see the list they see without the deep re-ranker (so the
    // first 100 are the same); the deep one's candidates below it come from the word ranking.
    const stageKeep =
      Math.max(limit + exactDocs.length, bigramParams.weight > 0 ? bigramParams.depth : 0, forest || options.trace ? rerankParams.depth : 0) + 20;
    const keep = Math.max(stageKeep, rankDepth + 20);
    const depth = { limit: Math.max(keep, reranking ? rerank.depth : 0), lawBoost };
    let firstStage = idx.search(rankTerms, this.params.bm25, depth);
    const fb = this.params.feedback ?? noFeedback;
    if (fb.docs > 0 && fb.weight > 0 && firstStage.length > 0) {
      // Pseudo-relevance feedback (feedback.ts): words of the best articles, ranked again.
      const feedback = firstStage.slice(0, fb.docs).map((h) => ({ score: h.score, words: this.terms(this.articleText(idx.key(h.doc))?.text ?? '') }));
      const added = feedbackTerms(feedback, idx, new Set(rankTerms.map((t) => t.term)), fb);
      if (added.length > 0) firstStage = idx.search([...rankTerms, ...added], this.params.bm25, depth);
    }
    // The later stages see as many candidates as without the second stage.
    const bm25Ranked = reranking ? this.translationRerank(firstStage, ownWords).slice(0, keep) : firstStage;
    const staged = bm25Ranked.slice(0, stageKeep);
    const voted =
      learned && similar.weight > 0 && learned.exampleCount > 0 ? addVotes(staged, learned.similarQuestionVotes(ownWords, similar.k), similar.weight) : staged;
    const cocited = learned && this.params.coCitation.weight > 0 ? addCoCitations(voted, learned, this.params.coCitation) : voted;
    const bridged = bridgeQaCitations(this.boostQaCitations(cocited, qaHits), qaHits, terms, this.index, qaBridge);
    const coverage = qaHits[0] ? qaCoverage(qaHits[0], ownWords) : 0;
    const wantStages = forest !== null || options.trace !== undefined;
    const bigramScores = new Map<number, number>();
    const rescored = rescoreWithBigrams(
      bridged,
      q,
      (head) => this.articleBodies(head.map((h) => idx.key(h.doc))),
      this.index.bigrams,
      gatedBigramWeight(bigramParams, coverage),
      bigramParams.depth,
      wantStages ? (h, score) => bigramScores.set(h.doc, score) : undefined,
    );
    let ranked: readonly ScoredDoc[] = rescored;
    if (wantStages) {
      // The word ranking's articles the later stages did not see, below them in its order.
      const inRescored = new Set(rescored.map((h) => h.doc));
      let tailFloor = rescored[rescored.length - 1]?.score ?? 0;
      const tail = bm25Ranked
        .slice(stageKeep)
        .filter((h) => !inRescored.has(h.doc))
        .map((h) => ({ doc: h.doc, score: (tailFloor = Math.min(tailFloor, h.score)) }));
      const final = tail.length > 0 ? [...rescored, ...tail] : rescored;
      const stages: StageRecord = {
        query: q,
        firstStage,
        translated: bm25Ranked,
        bridged,
        final,
        bigrams: bigramScores,
        coverage,
        lawBoost,
        ownWords,
        translationDepth: reranking ? rerank.depth : 0,
      };
      const top = rescored[0]?.score ?? 0;
      const candidates: RankerCandidate[] = [
        ...exactDocs.map((doc, i) => ({ doc, score: top + exactDocs.length - i, exact: true })),
        ...final.filter((h) => !exactDocs.includes(h.doc)).map((h) => ({ doc: h.doc, score: h.score, exact: false })),
      ].slice(0, Math.max(rankDepth, exactDocs.length));
      const gate = forest ? rerankGate(rerankParams, coverage) : 0;
      if (forest && gate > 0 && candidates.length > 0) {
        const shallow = candidates.slice(0, Math.max(rerankParams.depth, exactDocs.length));
        const reranked = fuseRanker(shallow, rankerFeatures(stages, shallow, idx), forest, gate, rerankParams.kappa);
        const fused = deepForest
          ? fuseDeepRanker(reranked, rerankParams.keep, candidates, deepRankerFeatures(stages, candidates, idx), deepForest, gate, rerankParams.kappa)
          : reranked;
        const seen = new Set((deepForest ? candidates : shallow).map((c) => c.doc));
        // Articles beyond the ranker's depth keep their order below the re-ranked ones.
        const floor = fused[fused.length - 1]?.score ?? 0;
        const best = rescored[0]?.score || 1;
        const rest = final.filter((h) => !seen.has(h.doc)).map((h) => ({ doc: h.doc, score: Math.min(floor, (rerankParams.kappa * h.score) / best) }));
        ranked = [...fused, ...rest];
      }
      if (options.trace) Object.assign(options.trace, { stages, candidates });
    }
    ranked = ranked.slice(0, limit + exactDocs.length);
    if (options.trace)
      Object.assign(options.trace, {
        firstStage,
        translated: bm25Ranked,
        bridged,
        final: rescored.slice(0, limit + exactDocs.length),
        coverage,
        lawBoost,
        ownWords,
        rankTerms,
      });
    const highlightTerms = [...terms.map((t) => t.term), ...hits.map((h) => h.colloquial)];
    const toResult = (doc: number, score: number, exact: boolean): ArticleResult => {
      const law = idx.law(doc);
      const key = idx.key(doc);
      const text = options.snippets === false ? null : this.articleText(key);
      return {
        key,
        normalizedTitle: law.normalizedTitle,
        lawTitle: law.title,
        label: idx.data.labels[doc] ?? '',
        authority: law.authority,
        headings: text?.headings ?? [],
        score,
        exact,
        snippet: text ? makeSnippet(text.text, highlightTerms) : null,
      };
    };
    const articles = [
      // Cited articles rank above everything; a finite score keeps results JSON-safe.
      ...exactDocs.map((doc, i) => toResult(doc, (ranked[0]?.score ?? 0) + exactDocs.length - i, true)),
      ...ranked.filter((h) => !exactDocs.includes(h.doc)).map((h) => toResult(h.doc, h.score, false)),
    ].slice(0, Math.max(limit, exactDocs.length));

    const seenQa = new Set<string>();
    const qa: QaResult[] = [];
    for (const h of qaHits) {
      const entry = this.index.qa.entry(h.id);
      if (!entry || seenQa.has(h.id) || qa.length >= qaLimit) continue;
      seenQa.add(h.id);
      qa.push({
        id: entry.id,
        question: entry.question,
        domain: entry.domain,
        score: h.score,
        snippet: makeSnippet(entry.question, [...highlightTerms, ...h.terms], 200),
      });
    }
    return { query: q, articles, qa, citations: parsed.citations, laws: parsed.laws, terms };
  }

  /** See EngineParams.translationRerank. */
  private translationRerank(ranked: readonly { doc: number; score: number }[], ownWords: readonly string[]): { doc: number; score: number }[] {
    const table = this.index.articles.learned?.data.questionTranslation;
    const { weight, depth, translationShare, collectionShare } = this.params.translationRerank;
    if (!table || ranked.length === 0) return [...ranked];
    const stats = this.index.articles.textStatistics();
    const words = this.translationWords(ownWords);
    const head = ranked.slice(0, depth);
    const ll = translationLogLikelihood(
      words,
      head.map((h) => h.doc),
      stats.forward,
      { translationShare, collectionShare },
      stats.scratch,
    );
    const best = head[0]?.score || 1;
    return [...fuseTranslationScores(head, ll, weight), ...ranked.slice(depth).map((h) => ({ doc: h.doc, score: h.score / best }))];
  }

  /**
   * The resident's own words as the translation LM scores them: each word's term id, collection
   * probability and the statute words it translates from (resolved once per word and table).
   */
  translationWords(ownWords: readonly string[]): ScoredWord[] {
    const table = this.index.articles.learned?.data.questionTranslation ?? {};
    const idx = this.index.articles;
    const stats = idx.textStatistics();
    const words: ScoredWord[] = [];
    let resolved = resolvedTables.get(table);
    if (!resolved) resolvedTables.set(table, (resolved = new Map()));
    for (const w of new Set(ownWords)) {
      const term = idx.termId(w);
      let sources = resolved.get(w);
      if (!sources) {
        sources = [];
        for (const [u, p] of Object.hasOwn(table, w) ? (table[w] ?? []) : []) {
          const id = idx.termId(u);
          if (id !== undefined) sources.push([id, p]);
        }
        resolved.set(w, sources);
      }
      words.push({ term, collection: term === undefined ? stats.unseen : (stats.collection[term] as number), sources });
    }
    return words;
  }

  /** See EngineParams.qaCiteBoost: the three best Q&A matches vouch for the articles they cite. */
  private boostQaCitations(ranked: readonly { doc: number; score: number }[], qaHits: readonly QaHit[]): { doc: number; score: number }[] {
    const boost = this.params.qaCiteBoost;
    const top = qaHits[0]?.score ?? 0;
    // Nothing matched the words themselves (empty or filler-only query): nothing to vouch for.
    if (boost <= 0 || top <= 0 || ranked.length === 0) return [...ranked];
    const scores = new Map(ranked.map((h) => [h.doc, h.score]));
    const best = ranked[0]?.score ?? 1;
    const seen = new Set<string>();
    for (const hit of qaHits) {
      if (seen.has(hit.id) || seen.size >= 3) continue;
      seen.add(hit.id);
      const entry = this.index.qa.entry(hit.id);
      if (!entry) continue;
      const bonus = boost * best * (hit.score / top);
      for (const cite of entry.cites) {
        const space = cite.lastIndexOf(' ');
        const doc = space > 0 ? this.index.articles.findArticle(cite.slice(0, space), cite.slice(space + 1)) : undefined;
        if (doc !== undefined) scores.set(doc, (scores.get(doc) ?? 0) + bonus);
      }
    }
    return [...scores].map(([doc, score]) => ({ doc, score })).sort((a, b) => b.score - a.score || a.doc - b.doc);
  }

  suggest(prefix: string, limit = 8): Suggestion[] {
    const q = normalizeQuery(prefix);
    return this.index.qa.suggest(q, this.terms(q), limit);
  }
}

/** Adds weight × (best score) × vote to each voted doc (docs the ranking lacked start at 0). */
export function addVotes(
  ranked: readonly { doc: number; score: number }[],
  votes: ReadonlyMap<number, number>,
  weight: number,
): { doc: number; score: number }[] {
  if (votes.size === 0 || weight <= 0) return [...ranked];
  const best = ranked[0]?.score ?? 1;
  const scores = new Map(ranked.map((h) => [h.doc, h.score]));
  for (const [doc, vote] of votes) scores.set(doc, (scores.get(doc) ?? 0) + weight * best * vote);
  return [...scores].map(([doc, score]) => ({ doc, score })).sort((a, b) => b.score - a.score || a.doc - b.doc);
}

/** See EngineParams.coCitation. */
export function addCoCitations(
  ranked: readonly { doc: number; score: number }[],
  learned: Pick<LearnedField, 'coCitedWith'>,
  params: EngineParams['coCitation'],
): { doc: number; score: number }[] {
  const scores = new Map(ranked.map((h) => [h.doc, h.score]));
  for (const { doc, score } of ranked.slice(0, params.top))
    for (const [other, p] of learned.coCitedWith(doc) ?? []) scores.set(other, (scores.get(other) ?? 0) + params.weight * score * p);
  return [...scores].map(([doc, score]) => ({ doc, score })).sort((a, b) => b.score - a.score || a.doc - b.doc);
}

/** Ids of the authority levels, for tables and tuning grids. */
export { lawAuthorities };
