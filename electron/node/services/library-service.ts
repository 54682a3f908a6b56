import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ArticleView, QaView, SearchResult, Suggestion } from '../../common/contract/library-api';
import { legalDomains, type LegalDomainId } from '../../../kiosk-content/src/legal-domains/common/legal-domains';
import type { QaEntry } from '../../../kiosk-content/src/qa/common/qa-types';
import type { Snippet } from '../../../kiosk-content/src/search/common/snippet';
import { LawRepository } from '../../../kiosk-content/src/library-db/node/law-repository';
import { contentDbFileName, type ContentDb } from '../../../kiosk-content/src/library-db/node/open-content-db';
import { loadQaFolder } from '../../../kiosk-content/src/qa/node/load-qa-folder';
import { glossaryFromFolder, qaSearchInput } from '../../../kiosk-content/src/search/node/content-sources';
import { noArticleSource, openContentDbForSearch, openSearchForDb, type IndexSource } from '../../../kiosk-content/src/search/node/persisted-index';
import { LocalSearchService, type ProcedureFinder } from '../../../kiosk-content/src/search/node/search-service';
import { errorMessage } from '../../common/errors/error-message';
import type { QueryCorrector } from '../../common/ime/query-correction';
import type { DataDirLayout } from '../system/data-dir';
import type { Logger } from '../system/logger';
import { emptyLawVintage, listedLawsIn, vintageNotice, vintageNotices, type LawVintage } from '../../../kiosk-content/src/law-vintage/common/law-vintage';

export interface LibraryServiceOptions {
  dataDir: DataDirLayout;
  /** The content folder with qa/ and glossary/ (the embedded default content). */
  contentDir: string;
  logger: Logger;
  /** Guided procedures matching a query (ProcedureService.search); without it search shows none. */
  procedureSearch?: ProcedureFinder;
  /** Laws revised after the library snapshot (content law-vintage.yaml); none when absent. */
  lawVintage?: LawVintage;
  /** 「您是不是要找」: a corrector for misspelled known terms (given this content's glossary terms and law titles); without it none. */
  queryCorrector?: (knownTerms: Iterable<string>) => QueryCorrector | null;
}

const domainLabel = (domain: string): string => legalDomains[domain as LegalDomainId] ?? legalDomains.general;

const toHighlighted = (snippet: Snippet | null, fallback: string) =>
  snippet
    ? {
        text: `${snippet.cutBefore ? '…' : ''}${snippet.text}${snippet.cutAfter ? '…' : ''}`,
        marks: snippet.highlights.map((h) => [h.start + (snippet.cutBefore ? 1 : 0), h.end + (snippet.cutBefore ? 1 : 0)] as [number, number]),
      }
    : { text: fallback, marks: [] };

/** The answer's Markdown as plain paragraphs: one per line, blank lines dropped, emphasis marks removed. */
function answerParagraphs(markdown: string): string[] {
  return markdown
    .split(/\r?\n/)
    .map((line) =>
      line
        .replace(/\*\*|__/g, '')
        .replace(/^#+\s*/, '')
        .replace(/^[-*]\s+/, '· ')
        .trim(),
    )
    .filter((line) => line.length > 0);
}

/** The answer's first paragraph, shortened, so a result card shows what the answer is about. */
function answerPreview(markdown: string, maxLength = 60): string {
  const first = answerParagraphs(markdown)[0] ?? '';
  return first.length > maxLength ? `${first.slice(0, maxLength)}…` : first;
}

/**
 * Search, the law library and the Q&A for the KioskApi. The law library is the content database
 * a technician imports (npm run cli -- import-laws); without it the kiosk says so and searches
 * the embedded Q&A alone. The search index is cached under the data directory and rebuilt only
 * when the content changes.
 */
export class LibraryService {
  private readonly lawVintage: LawVintage;
  private readonly qaById: Map<string, QaEntry>;
  private readonly db: ContentDb | null;
  private readonly repo: LawRepository | null;
  private readonly search: LocalSearchService;
  readonly libraryInstalled: boolean;
  private readonly makeCorrector: () => QueryCorrector | null;
  private corrector: QueryCorrector | null | undefined;

  constructor(options: LibraryServiceOptions) {
    const log = options.logger;
    this.lawVintage = options.lawVintage ?? emptyLawVintage;
    const makeCorrector = options.queryCorrector;
    this.makeCorrector = makeCorrector
      ? () =>
          makeCorrector([
            ...glossaryFromFolder(path.join(options.contentDir, 'glossary')).flatMap((e) => [...e.colloquial, ...e.legal]),
            ...(this.repo?.listLaws().map((law) => law.normalizedTitle) ?? []),
          ])
      : () => null;
    const qa = loadQaFolder(path.join(options.contentDir, 'qa'));
    // Broken entries are left out (the content check reports them to editors); one line in the log for technicians.
    if (qa.problems.length > 0) log.log('warn', 'content.qa-problems', { count: qa.problems.length, first: qa.problems[0]?.message ?? '' });
    this.qaById = new Map(qa.entries.map((entry) => [entry.id, entry]));

    const dbFile = path.join(options.dataDir.db, contentDbFileName);
    let db: ContentDb | null = null;
    let repo: LawRepository | null = null;
    if (existsSync(dbFile)) {
      try {
        // Read-only; a file from before a schema step this build added is upgraded once first.
        db = openContentDbForSearch(dbFile);
        repo = new LawRepository(db);
        if (!repo.stats().installed) {
          db.close();
          db = null;
          repo = null;
        }
      } catch (error) {
        // A damaged or newer library must not stop the kiosk: it falls back to the Q&A.
        log.log('error', 'library.open-failed', { file: dbFile, error: errorMessage(error) });
        db?.close();
        db = null;
        repo = null;
      }
    }
    this.db = db;
    this.repo = repo;
    this.libraryInstalled = repo !== null;

    // With the library: the index import-laws stored in the database (no re-indexing at boot);
    // when it is missing or stale, built once and kept in the cache folder.
    const cacheFile = path.join(options.dataDir.cache, 'search-index.bin');
    let source: IndexSource;
    let reason: string | null = null;
    if (db) {
      const opened = openSearchForDb(db, { contentDir: options.contentDir, cacheFile });
      this.search = opened.service;
      source = opened.source;
      reason = opened.reason;
    } else {
      this.search = LocalSearchService.open({
        articles: noArticleSource,
        qa: qa.entries.map(qaSearchInput),
        glossary: glossaryFromFolder(path.join(options.contentDir, 'glossary')),
        indexFile: cacheFile,
      });
      source = this.search.report.built ? 'built' : 'cache';
    }
    // Procedure hits come through the same search service as everything else (the CLI's entry point too).
    if (options.procedureSearch) this.search.offerProcedures(options.procedureSearch);
    const report = this.search.report;
    log.log('info', 'search.ready', {
      source,
      built: report.built,
      ms: Math.round(report.ms),
      articles: report.articles,
      qa: report.qa,
      bytes: report.indexBytes,
      ...(reason ? { reason } : {}),
    });
  }

  get qaCount(): number {
    return this.qaById.size;
  }

  /**
   * Searches the text; unless `exact`, a misspelled known term is corrected first (劳懂合同 →
   * 劳动合同) and the result says what was typed (correctedFrom), so the screen can offer it back.
   */
  query(typed: string, limit = 10, exact = false): SearchResult {
    this.corrector ??= this.makeCorrector();
    const correction = exact ? null : (this.corrector?.correct(typed) ?? null);
    const text = correction?.corrected ?? typed;
    const results = this.search.search(text, { limit, qaLimit: Math.min(limit, 8), suggestionLimit: 0 });
    const queryWords = new Set(results.terms.filter((t) => t.weight >= 1).map((t) => t.term));
    const expansions = results.terms.filter((t) => t.weight < 1 && !queryWords.has(t.term) && !text.includes(t.term)).map((t) => t.term);
    // The tokenizer also yields the parts of a legal phrase (用人单位 → 用人, 单位); show residents the whole words.
    const alsoSearched = expansions.filter((term) => !expansions.some((other) => other !== term && other.includes(term))).slice(0, 6);
    const first = results.citations.find((c) => c.law !== null);
    const citationKey = first?.law ? `${first.law}|${first.label}` : null;
    return {
      query: text,
      correctedFrom: correction ? typed : null,
      citation:
        first && citationKey
          ? { key: citationKey, found: results.articles.some((a) => a.key === citationKey), display: `${first.law ?? ''}${first.label}` }
          : null,
      alsoSearched,
      qa: results.qa.map((hit) => ({
        id: hit.id,
        question: toHighlighted(hit.snippet, hit.question),
        domain: hit.domain,
        domainLabel: domainLabel(hit.domain),
        snippet: { text: answerPreview(this.qaById.get(hit.id)?.answer ?? ''), marks: [] },
      })),
      articles: results.articles.map((hit) => ({
        key: hit.key,
        lawTitle: hit.lawTitle,
        label: hit.label,
        headings: [...hit.headings],
        snippet: toHighlighted(hit.snippet, ''),
      })),
      procedures: results.procedures,
      libraryInstalled: this.libraryInstalled,
    };
  }

  suggest(text: string): Suggestion[] {
    if (text.trim().length === 0) return [];
    return this.search.suggest(text, 8).map((s) => ({ text: s.text, kind: s.kind, target: s.target }));
  }

  getArticle(key: string): ArticleView | null {
    if (!this.repo) return null;
    const article = this.repo.getArticle(key);
    if (!article) return null;
    const around = this.repo.neighbours(key);
    return {
      key: article.key,
      lawTitle: article.lawTitle,
      label: article.label,
      headings: article.headings,
      paragraphs: article.paragraphs,
      versionDate: article.versionDate,
      effectiveDate: article.effectiveDate,
      isCurrent: article.isCurrent,
      previousKey: around?.previous?.key ?? null,
      nextKey: around?.next?.key ?? null,
      vintageNotice: vintageNotices([article.key.split('|')[0] ?? ''], this.lawVintage)[0] ?? null,
      relatedQa: [...this.qaById.values()]
        .filter((entry) => entry.cites.some((c) => `${c.law}|${c.label}` === article.key))
        .slice(0, 10)
        .map((entry) => ({ id: entry.id, question: entry.question })),
    };
  }

  getQa(id: string): QaView | null {
    const entry = this.qaById.get(id);
    if (!entry) return null;
    const related = [...this.qaById.values()]
      .filter((other) => other.id !== id && other.domain === entry.domain)
      .map((other) => ({ other, shared: other.cites.filter((c) => entry.cites.some((e) => e.law === c.law && e.label === c.label)).length }))
      .sort((a, b) => b.shared - a.shared || a.other.id.localeCompare(b.other.id))
      .slice(0, 3)
      .map(({ other }) => ({ id: other.id, question: other.question }));
    return {
      id: entry.id,
      question: entry.question,
      domain: entry.domain,
      domainLabel: domainLabel(entry.domain),
      answer: answerParagraphs(entry.answer),
      cites: entry.cites.map((cite) => {
        const key = `${cite.law}|${cite.label}`;
        return { key, display: `${cite.law}${cite.label}`, available: this.repo?.getArticle(key) != null };
      }),
      vintageNotices: listedLawsIn(
        entry.cites.map((c) => c.law),
        entry.answer,
        this.lawVintage,
      ).map(vintageNotice),
      related,
    };
  }

  close(): void {
    this.db?.close();
  }
}
