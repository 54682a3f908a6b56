import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { GlossaryEntry } from '../common/glossary-expansion';
import type { SearchModel } from '../common/learned-model';
import type { ArticleIndexInput } from '../common/article-index';
import type { QaInput } from '../common/qa-index';
import type { ArticleText, EngineParams } from '../common/search-engine';
import { SearchEngine, decodeSearchIndex, defaultEngineParams, encodeSearchIndex } from '../common/search-engine';
import { LawRepository } from '../../library-db/node/law-repository';
import { ContentDbVersionError, openContentDb, type ContentDb } from '../../library-db/node/open-content-db';
import { articleBodiesOf, RepositoryArticleSource, type ArticleSource } from './article-source';
import { glossaryFromDb, glossaryFromFolder, qaFromDb, qaFromFolder } from './content-sources';
import { defaultGlossaryDir } from '../../glossary/node/load-glossary-folder';
import { defaultQaDir } from '../../qa/node/load-qa-folder';
import { createJiebaTokenizer } from './jieba-tokenizer';
import { warmUpEngine, type WarmUpOptions, type WarmUpReport } from '../common/warm-up';
import { engineRevision, indexFingerprint, LocalSearchService, nodeTextCodec } from './search-service';
import { errorMessage } from '../../errors/common/error-message';

/**
 * The search index stored in the content database (table search_index, step 'search-1-index'):
 * import-laws builds it once right after the import, and the kiosk host and the search CLI load
 * it instead of re-indexing the library at every start. A reader checks that the stored index
 * was built from the content it has now (library + Q&A + glossary + engine revision) and falls
 * back to LocalSearchService.open (build, or a cache file) when it is missing or stale.
 */

/** Everything an index is built from; the same object must be used to build and to check it. */
export interface SearchContent {
  articles: ArticleSource;
  qa: readonly QaInput[];
  glossary: readonly GlossaryEntry[];
  model?: SearchModel | null;
}

/** A terminal without the imported law library: the search still answers from the Q&A. */
export const noArticleSource: ArticleSource = {
  fingerprint: () => 'no-library',
  lawTitles: () => [],
  articles: (): Iterable<ArticleIndexInput> => [],
  article: (): ArticleText | null => null,
};

/** The one stored index today. */
const indexId = 'main';

export function searchIndexFingerprint(content: SearchContent): string {
  return indexFingerprint(content);
}

const hasTable = (db: ContentDb, name: string): boolean => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

/** True when the database holds an imported law library. */
export function hasLibrary(db: ContentDb): boolean {
  return hasTable(db, 'meta') && new LawRepository(db).stats().installed;
}

/** The Q&A and glossary folders of a content folder (null = the embedded default content). */
function contentFolders(contentDir: string | null | undefined): { qa: string; glossary: string } {
  return contentDir ? { qa: path.join(contentDir, 'qa'), glossary: path.join(contentDir, 'glossary') } : { qa: defaultQaDir, glossary: defaultGlossaryDir };
}

/** sha256 over every file below `dir` (relative path + bytes, sorted): equal stamps, equal folders. */
function folderStamp(dir: string): string {
  const hash = createHash('sha256');
  if (!existsSync(dir)) return 'missing';
  const walk = (rel: string) => {
    const entries = readdirSync(path.join(dir, rel), { withFileTypes: true })
      .filter((e) => !e.name.startsWith('.'))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile())
        hash
          .update(child)
          .update('\0')
          .update(readFileSync(path.join(dir, child)))
          .update('\0');
    }
  };
  walk('');
  return hash.digest('hex');
}

/**
 * A cheap identity of what searchContentOf(db, {contentDir}) would return: the library's
 * fingerprint and the bytes of the Q&A and glossary files, plus the engine revision. Lets the CLI
 * and the host trust a stored index without loading (and validating) the Q&A and glossary just to
 * recompute its fingerprint (~0.3 s). Null when the database has its own Q&A/glossary tables
 * (then only the full fingerprint decides).
 */
export function contentStamp(db: ContentDb, contentDir?: string | null): string | null {
  if (hasTable(db, 'qa') || hasTable(db, 'glossary')) return null;
  const articles = hasLibrary(db) ? new RepositoryArticleSource(db, new LawRepository(db)).fingerprint() : noArticleSource.fingerprint();
  const folders = contentFolders(contentDir);
  const model = hasTable(db, 'search_model')
    ? ((db.prepare("SELECT trained_at FROM search_model WHERE id = 'main'").pluck().get() as string | undefined) ?? null)
    : null;
  return JSON.stringify([engineRevision, articles, folderStamp(folders.qa), folderStamp(folders.glossary), model]);
}

/**
 * What the kiosk indexes for this database: its current law articles (none without a library),
 * and the Q&A and glossary from the database's own tables when it has them, else from the content
 * folder (the embedded default content). Host, CLI and import use this one function, so the
 * index import-laws stores is the one they look for.
 */
export function searchContentOf(db: ContentDb | null, options: { contentDir?: string | null; model?: SearchModel | null } = {}): SearchContent {
  const folders = contentFolders(options.contentDir);
  let glossary: GlossaryEntry[] = [];
  const qa = searchQaOf(db, options.contentDir).entries;
  if (db && hasTable(db, 'glossary')) glossary = glossaryFromDb(db);
  if (glossary.length === 0) glossary = glossaryFromFolder(folders.glossary);
  const articles = db && hasLibrary(db) ? new RepositoryArticleSource(db, new LawRepository(db)) : noArticleSource;
  return { articles, qa, glossary, model: options.model ?? (db ? readStoredSearchModel(db) : null) };
}

/**
 * The Q&A searchContentOf indexes for this database (its own Q&A table when it has entries, else
 * the content folder's), and where they come from.
 */
export function searchQaOf(db: ContentDb | null, contentDir?: string | null): { entries: QaInput[]; source: string } {
  const fromDb = db && hasTable(db, 'qa') ? qaFromDb(db) : [];
  if (fromDb.length > 0) return { entries: fromDb, source: 'the database' };
  const dir = contentFolders(contentDir).qa;
  return { entries: qaFromFolder(dir), source: contentDir ? dir : 'default content (kiosk-content/default/qa)' };
}

/**
 * The learned search model (trainSearchModel) kept beside the library, so an index rebuilt later
 * — after new Q&A arrive in a content pack — keeps the learned components. Null when the library
 * was imported without training data.
 */
export function readStoredSearchModel(db: ContentDb): SearchModel | null {
  if (!hasTable(db, 'search_model')) return null;
  const json = db.prepare("SELECT model_json FROM search_model WHERE id = 'main'").pluck().get() as string | undefined;
  return json === undefined ? null : (JSON.parse(json) as SearchModel);
}

/**
 * Why the stored learned model cannot serve this library (null when there is none or it fits):
 * a model stamped for another library version would point its learned field at other articles.
 */
export function searchModelMismatch(db: ContentDb): string | null {
  const model = readStoredSearchModel(db);
  if (!model || model.library === undefined || model.library === null) return null;
  const library = hasLibrary(db) ? new LawRepository(db).stats().fingerprint : null;
  if (library === model.library) return null;
  return `the search model was trained for law library ${model.library.slice(0, 12)}, but the pack's library is ${library ? library.slice(0, 12) : '(none)'}; the old content is kept`;
}

export function storeSearchModel(db: ContentDb, model: SearchModel, source: string): void {
  db.prepare(
    `INSERT INTO search_model (id, source, trained_at, questions, model_json) VALUES ('main', ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET source = excluded.source, trained_at = excluded.trained_at,
       questions = excluded.questions, model_json = excluded.model_json`,
  ).run(source, new Date().toISOString(), model.questions, JSON.stringify(model));
}

export interface StoredIndexReport {
  fingerprint: string;
  /** Index build time (segmentation, BM25F, Q&A index). */
  buildMs: number;
  /** Encode + write into the database. */
  storeMs: number;
  bytes: number;
  articles: number;
  qa: number;
}

export interface StoreSearchIndexOptions {
  /** contentStamp(db, contentDir) of the same content, so readers can take the fast path. */
  stamp?: string | null;
  now?: () => Date;
}

/** Builds the index for `content` and stores it in the database (replacing the previous one). */
export function storeSearchIndex(db: ContentDb, content: SearchContent, options: StoreSearchIndexOptions = {}): StoredIndexReport {
  const now = options.now ?? (() => new Date());
  const started = performance.now();
  const service = LocalSearchService.open({ ...content, indexFile: null });
  const built = performance.now();
  const bytes = encodeSearchIndex(service.engine.index, nodeTextCodec);
  const fingerprint = service.engine.index.fingerprint;
  db.prepare(
    `INSERT INTO search_index (id, fingerprint, source_stamp, built_at, build_ms, articles, qa, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint, source_stamp = excluded.source_stamp,
       built_at = excluded.built_at, build_ms = excluded.build_ms, articles = excluded.articles, qa = excluded.qa, bytes = excluded.bytes`,
  ).run(indexId, fingerprint, options.stamp ?? null, now().toISOString(), Math.round(built - started), service.report.articles, service.report.qa, bytes);
  db.pragma('wal_checkpoint(TRUNCATE)');
  return {
    fingerprint,
    buildMs: built - started,
    storeMs: performance.now() - built,
    bytes: bytes.length,
    articles: service.report.articles,
    qa: service.report.qa,
  };
}

/** The stored index's fingerprint, or null when there is none (or the file predates search-1-index). */
export function storedIndexFingerprint(db: ContentDb): string | null {
  if (!hasTable(db, 'search_index')) return null;
  return (db.prepare('SELECT fingerprint FROM search_index WHERE id = ?').pluck().get(indexId) as string | undefined) ?? null;
}

/** Decodes the stored index; a damaged blob or one from an older layout gives a reason instead. */
function loadStored(
  db: ContentDb,
  articles: ArticleSource,
  params: EngineParams,
  started: number,
): { service: LocalSearchService; reason: null } | { service: null; reason: string } {
  const bytes = db.prepare('SELECT bytes FROM search_index WHERE id = ?').pluck().get(indexId) as Buffer | undefined;
  if (!bytes) return { service: null, reason: 'the database has no stored search index' };
  try {
    const decoded = decodeSearchIndex(bytes, nodeTextCodec, createJiebaTokenizer);
    const engine = new SearchEngine(decoded.index, decoded.tokenizer, (key) => articles.article(key), params, articleBodiesOf(articles));
    const service = new LocalSearchService(engine, {
      built: false,
      ms: performance.now() - started,
      indexBytes: bytes.length,
      articles: decoded.index.articles.docCount,
      qa: decoded.index.qa.entries.length,
    });
    return { service, reason: null };
  } catch (error) {
    return { service: null, reason: `the stored search index cannot be read (${errorMessage(error)})` };
  }
}

export type IndexSource = 'db' | 'cache' | 'built';

export interface OpenedSearch {
  service: LocalSearchService;
  /** db = the index import-laws stored; cache = the cache file; built = indexed now (missing or stale). */
  source: IndexSource;
  /** Why the stored index was not used (null when it was). */
  reason: string | null;
}

export interface OpenStoredSearchOptions {
  /** Fallback when the database has no up-to-date index: cache file (built and written when stale); null = build in memory. */
  cacheFile?: string | null;
  params?: EngineParams;
}

/** Loads the index stored in the database when it matches `content`, else falls back to building it. */
export function openStoredSearch(db: ContentDb | null, content: SearchContent, options: OpenStoredSearchOptions = {}): OpenedSearch {
  const started = performance.now();
  const expected = searchIndexFingerprint(content);
  const params = options.params ?? defaultEngineParams;
  let reason: string;
  const stored = db ? storedIndexFingerprint(db) : null;
  if (!db) reason = 'no content database';
  else if (stored === null) reason = 'the database has no stored search index';
  else if (stored !== expected) reason = 'the stored search index was built from other content or by another engine revision';
  else {
    const loaded = loadStored(db, content.articles, params, started);
    if (loaded.service) return { service: loaded.service, source: 'db', reason: null };
    reason = loaded.reason;
  }
  const service = LocalSearchService.open({ ...content, indexFile: options.cacheFile ?? null, params });
  return { service, source: service.report.built ? 'built' : 'cache', reason };
}

export interface OpenSearchForDbOptions extends OpenStoredSearchOptions {
  /** Content folder with qa/ and glossary/ (default: the embedded default content). */
  contentDir?: string | null;
  /** Warm-up before the search is handed out (warm-up.ts); false = none. Default: warmUpEngine's defaults. */
  warmUp?: WarmUpOptions | false;
}

export interface OpenedSearchForDb extends OpenedSearch {
  /** What the warm-up ran (null when it was switched off). */
  warmUp: WarmUpReport | null;
}

/**
 * The search for a content database, as the CLI, the cold-start probe and the host open it:
 * warmed up (warm-up.ts) before it is returned, so the first questions of a new process are not slow;
 * the stored index when its source stamp matches (no Q&A/glossary loading at all), else the
 * full fingerprint check, else a build (or the cache file).
 */
export function openSearchForDb(db: ContentDb, options: OpenSearchForDbOptions = {}): OpenedSearchForDb {
  const opened = openSearchForDbCold(db, options);
  const warmUp = options.warmUp === false ? null : warmUpEngine(opened.service.engine, options.warmUp);
  return { ...opened, warmUp };
}

function openSearchForDbCold(db: ContentDb, options: OpenSearchForDbOptions): OpenedSearch {
  const started = performance.now();
  const params = options.params ?? defaultEngineParams;
  const stamp = contentStamp(db, options.contentDir);
  if (stamp !== null && hasTable(db, 'search_index')) {
    const stored = db.prepare('SELECT source_stamp FROM search_index WHERE id = ?').pluck().get(indexId) as string | null | undefined;
    if (stored === stamp) {
      const articles = hasLibrary(db) ? new RepositoryArticleSource(db, new LawRepository(db)) : noArticleSource;
      const loaded = loadStored(db, articles, params, started);
      if (loaded.service) return { service: loaded.service, source: 'db', reason: null };
    }
  }
  return openStoredSearch(db, searchContentOf(db, { contentDir: options.contentDir ?? null }), options);
}

/**
 * Opens a content database for reading. A file written before a schema step this build added
 * (e.g. search-1-index) is upgraded once with a writable open first; a file from a newer build
 * is still refused (ContentDbVersionError).
 */
export function openContentDbForSearch(file: string): ContentDb {
  try {
    return openContentDb(file, { readonly: true });
  } catch (error) {
    if (!(error instanceof ContentDbVersionError) || !/needs \d+ schema update/.test(error.message)) throw error;
    openContentDb(file).close();
    return openContentDb(file, { readonly: true });
  }
}
