import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ArticleCitation } from '../common/citation';
import type { GlossaryEntry, WeightedTerm } from '../common/glossary-expansion';
import type { TextCodec } from '../common/index-codec';
import type { Tokenizer } from '../common/normalize';
import type { SearchModel } from '../common/learned-model';
import type { QaInput, Suggestion } from '../common/qa-index';
import type { ArticleResult, EngineParams, QaResult, SearchIndex } from '../common/search-engine';
import { SearchEngine, buildSearchIndex, decodeSearchIndex, defaultEngineParams, encodeSearchIndex, userWordsFor } from '../common/search-engine';
import { articleBodiesOf, type ArticleSource } from './article-source';
import { createJiebaTokenizer, fnv1a } from './jieba-tokenizer';
import { pinyinInitials } from './pinyin';
import { writeFileAtomic } from '../../../../native-adapters/node/atomic-file';

/** A guided procedure matching the query, its title with the matched ranges marked. */
export interface ProcedureResult {
  id: string;
  title: { text: string; marks: [number, number][] };
  summary: string;
}

/** Finds the procedures for a query from its text and the weighted terms searched (query words, glossary expansions). */
export type ProcedureFinder = (query: string, terms: readonly WeightedTerm[]) => ProcedureResult[];

export interface SearchOptions {
  /** Article results (default 10). */
  limit?: number;
  /** Q&A results (default 5). */
  qaLimit?: number;
  /** The law on screen, so a bare 「第四十七条」 means its article 47. */
  contextLaw?: string | null;
  /** Suggestions to include (default 5; 0 for none). */
  suggestionLimit?: number;
}

export interface SearchResults {
  query: string;
  qa: QaResult[];
  articles: ArticleResult[];
  procedures: ProcedureResult[];
  citations: ArticleCitation[];
  suggestions: Suggestion[];
  /** Weighted terms searched: the query's own words and the glossary's expansions at their lower weight. */
  terms: WeightedTerm[];
  tookMs: number;
}

/** What the kiosk host (and the CLI) searches through. Synchronous: a query takes milliseconds. */
export interface SearchService {
  search(query: string, options?: SearchOptions): SearchResults;
  suggest(prefix: string, limit?: number): Suggestion[];
}

export const nodeTextCodec: TextCodec = {
  encode: (text) => new TextEncoder().encode(text),
  decode: (bytes) => new TextDecoder().decode(bytes),
};

export interface OpenSearchOptions {
  articles: ArticleSource;
  qa: readonly QaInput[];
  glossary: readonly GlossaryEntry[];
  /** Where the built index is kept (e.g. <data>/cache/search-index.bin); null = build in memory. */
  indexFile?: string | null;
  params?: EngineParams;
  /** Learned components (trainSearchModel); without one the engine uses the content alone. */
  model?: SearchModel | null;
}

export interface OpenSearchReport {
  /** True when the index was (re)built, false when loaded from indexFile. */
  built: boolean;
  /** Build or load time. */
  ms: number;
  indexBytes: number;
  articles: number;
  qa: number;
}

/** Bump when the engine's index layout or analysis changes in a way the fingerprint does not see. */
export const engineRevision = 'search-engine-7';

/** Identity of the content an index was built from; persisted-index.ts stores and compares it. */
export function indexFingerprint(options: Pick<OpenSearchOptions, 'articles' | 'qa' | 'glossary' | 'model'>): string {
  const content = JSON.stringify([options.articles.fingerprint(), options.qa, options.glossary, options.model ?? null]);
  return `${engineRevision}:${fnv1a(content)}:${String(content.length)}`;
}

function writeIndexFile(file: string, bytes: Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  // A cache any process may read (rebuilt when missing or stale).
  writeFileAtomic(file, bytes, 0o644);
}

function tryLoad(file: string, fingerprint: string): { index: SearchIndex; tokenizer: Tokenizer; bytes: number } | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return null;
  }
  try {
    const decoded = decodeSearchIndex(bytes, nodeTextCodec, createJiebaTokenizer);
    if (decoded.index.fingerprint !== fingerprint) return null;
    return { ...decoded, bytes: bytes.length };
  } catch {
    // A damaged or older index is simply rebuilt.
    return null;
  }
}

export class LocalSearchService implements SearchService {
  private findProcedures: ProcedureFinder = () => [];

  constructor(
    readonly engine: SearchEngine,
    readonly report: OpenSearchReport,
  ) {}

  /** Loads the persisted index when it matches the content, else builds (and stores) it. */
  static open(options: OpenSearchOptions): LocalSearchService {
    const started = performance.now();
    const fingerprint = indexFingerprint(options);
    const articleText = (key: string) => options.articles.article(key);
    const params = options.params ?? defaultEngineParams;
    if (options.indexFile) {
      const loaded = tryLoad(options.indexFile, fingerprint);
      if (loaded) {
        const engine = new SearchEngine(loaded.index, loaded.tokenizer, articleText, params, articleBodiesOf(options.articles));
        return new LocalSearchService(engine, {
          built: false,
          ms: performance.now() - started,
          indexBytes: loaded.bytes,
          articles: loaded.index.articles.docCount,
          qa: loaded.index.qa.entries.length,
        });
      }
    }
    const userWords = userWordsFor(options.articles.lawTitles(), options.glossary);
    const tokenizer = createJiebaTokenizer(userWords);
    const index = buildSearchIndex(
      { articles: options.articles.articles(), qa: options.qa, glossary: options.glossary, fingerprint, userWords, model: options.model ?? null },
      tokenizer,
      pinyinInitials,
    );
    const bytes = encodeSearchIndex(index, nodeTextCodec);
    if (options.indexFile) writeIndexFile(options.indexFile, bytes);
    const engine = new SearchEngine(index, tokenizer, articleText, params, articleBodiesOf(options.articles));
    return new LocalSearchService(engine, {
      built: true,
      ms: performance.now() - started,
      indexBytes: bytes.length,
      articles: index.articles.docCount,
      qa: index.qa.entries.length,
    });
  }

  /** Results offer the procedures `find` returns (the kiosk hands in those of the content it shows). */
  offerProcedures(find: ProcedureFinder): this {
    this.findProcedures = find;
    return this;
  }

  search(query: string, options: SearchOptions = {}): SearchResults {
    const started = performance.now();
    const r = this.engine.search(query, {
      limit: options.limit ?? 10,
      qaLimit: options.qaLimit ?? 5,
      contextLaw: options.contextLaw ?? null,
    });
    const suggestionLimit = options.suggestionLimit ?? 5;
    return {
      query: r.query,
      qa: r.qa,
      articles: r.articles,
      procedures: this.findProcedures(query, r.terms),
      citations: r.citations,
      suggestions: suggestionLimit > 0 ? this.engine.suggest(query, suggestionLimit) : [],
      terms: r.terms,
      tookMs: performance.now() - started,
    };
  }

  suggest(prefix: string, limit = 8): Suggestion[] {
    return this.engine.suggest(prefix, limit);
  }
}
