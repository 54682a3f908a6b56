import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { resolveDataDir } from '../../../electron/node/system/data-dir';
import type { ArticleResult, QaResult } from '../../../kiosk-content/src/search/common/search-engine';
import type { Snippet } from '../../../kiosk-content/src/search/common/snippet';
import { LawRepository } from '../../../kiosk-content/src/library-db/node/law-repository';
import { contentDbFileName, type ContentDb } from '../../../kiosk-content/src/library-db/node/open-content-db';
import { LawFolderArticleSource } from '../../../kiosk-content/authoring/law-import/law-folder-article-source';
import { glossaryFromFolder, qaFromFolder } from '../../../kiosk-content/src/search/node/content-sources';
import { hasLibrary, openContentDbForSearch, openSearchForDb, type OpenedSearch } from '../../../kiosk-content/src/search/node/persisted-index';
import { LocalSearchService } from '../../../kiosk-content/src/search/node/search-service';
import { ContentStore } from '../../../kiosk-content/src/packs/node/content-store';
import { appVersion, defaultContentDir } from '../../lib/repo-paths';
import type { CliCommand, CliIo } from '../command';
import { UsageError } from '../command';
import { parseCommandArgs } from '../parse';
import { errorMessage } from '../../../electron/common/errors/error-message';

const kinds = ['article', 'qa', 'flow', 'all'] as const;
type Kind = (typeof kinds)[number];

/** 「…」 around highlighted spans, for a terminal. */
function marked(snippet: Snippet | null): string {
  if (!snippet) return '';
  let out = snippet.cutBefore ? '…' : '';
  let at = 0;
  for (const h of snippet.highlights) {
    out += `${snippet.text.slice(at, h.start)}【${snippet.text.slice(h.start, h.end)}】`;
    at = h.end;
  }
  out += snippet.text.slice(at) + (snippet.cutAfter ? '…' : '');
  return out.replace(/\n/g, ' ');
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

type BatchResult =
  | { kind: 'article'; law: string; article: string; version: string | null; score: number; exact: boolean }
  | { kind: 'qa'; id: string; question: string; domain: string; score: number }
  | { kind: 'flow'; id: string; title: string; score: number };

/**
 * The result list of one batch line. `all`: articles the query cites first (「劳动合同法第47条」),
 * then the Q&A answers, then the other articles, cut to `top` — the order of the kiosk's screen.
 */
function batchResults(
  articles: ArticleResult[],
  qa: QaResult[],
  kind: Kind,
  top: number,
  versionOf: (normalizedTitle: string) => string | null,
): BatchResult[] {
  const article = (a: ArticleResult): BatchResult => ({
    kind: 'article',
    law: a.lawTitle,
    article: a.label,
    version: versionOf(a.normalizedTitle),
    score: round(a.score, 4),
    exact: a.exact,
  });
  const answer = (q: QaResult): BatchResult => ({ kind: 'qa', id: q.id, question: q.question, domain: q.domain, score: round(q.score, 4) });
  // Guided procedures ("flows") are not searchable yet: kind flow answers [] until they are.
  if (kind === 'flow') return [];
  if (kind === 'article') return articles.slice(0, top).map(article);
  if (kind === 'qa') return qa.slice(0, top).map(answer);
  return [...articles.filter((a) => a.exact).map(article), ...qa.map(answer), ...articles.filter((a) => !a.exact).map(article)].slice(0, top);
}

function parseTop(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new UsageError(`${name} must be a whole number from 1 to 1000, got ${raw}`);
  return n;
}

/** Reads stdin line by line and answers each line as soon as it arrives. */
async function runBatch(io: CliIo, opened: OpenedSearch, kind: Kind, top: number, versionOf: (t: string) => string | null): Promise<void> {
  const engine = opened.service.engine;
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  let first = true;
  for await (const raw of lines) {
    const query = (first ? raw.replace(/^\uFEFF/, '') : raw).trim();
    first = false;
    if (query.length === 0) {
      // Keep line n of the output = line n of the input.
      io.stdout(`${JSON.stringify({ query, ms: 0, results: [] })}\n`);
      continue;
    }
    const started = performance.now();
    const r = engine.search(query, {
      limit: kind === 'qa' || kind === 'flow' ? 1 : top,
      qaLimit: kind === 'article' || kind === 'flow' ? 1 : top,
      snippets: false,
    });
    const ms = performance.now() - started;
    io.stdout(`${JSON.stringify({ query, ms: round(ms, 2), results: batchResults(r.articles, r.qa, kind, top, versionOf) })}\n`);
  }
}

export const searchCommand: CliCommand = {
  name: 'search',
  summary: 'Search laws and Q&A like the kiosk does; batch mode reads queries on stdin and prints JSON lines',
  usage: `Usage: npm run cli -- search --db <file> [--top N] [--kind article|qa|flow|all]  < queries.txt
       npm run cli -- search "<query>" [--db <file> | --laws <dir>] [--limit N] [--json]

Searches the current law articles and the Q&A the way the kiosk's search screen does:
「劳动合同法第47条」 opens that article, 「老板不发工资」 is widened with the glossary's
statute words, 「ldhtf」 suggests 劳动合同法.

Batch mode (no query argument): one query per line on stdin, one JSON line per query on
stdout, in order (a blank line gives empty results):
  {"query": "…", "ms": 1.2, "results": [
     {"kind": "article", "law": "<title line of the current version>", "article": "第五十四条",
      "version": "2020-05-28", "score": 12.3, "exact": false},
     {"kind": "qa", "id": "…", "question": "…", "domain": "labour", "score": 8.1}, …]}
  ms is the engine's time for that query (no snippets). exact = the query cites that article.

  --db <file>    content database; it must hold a law library (npm run cli -- import-laws <dir>
                 --db <file>), whose search index import-laws stores; without one the index is
                 built (seconds). Default: this terminal's active content — the generation
                 content install put in place (what the kiosk answers from), else
                 <data directory>/db/${contentDbFileName}
  --top N        results per query in batch mode (default 10)
  --kind K       article | qa | flow (guided procedures; none yet) | all (default): cited
                 articles first, then Q&A, then the other articles
  --laws <dir>   single query only: search a law Markdown folder instead (e.g. ../shared/data/laws)
  --index <file> cache for an index that had to be built (default: <data directory>/cache/…)
  --limit N      single query: article results (default 10)
  --json         single query: one JSON line per result (kind qa | article | suggestion)`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        db: { type: 'string' },
        laws: { type: 'string' },
        index: { type: 'string' },
        limit: { type: 'string' },
        top: { type: 'string' },
        kind: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      true,
    );
    const query = positionals.join(' ').trim();
    const batch = positionals.length === 0;
    if (values.db !== undefined && values.laws !== undefined) throw new UsageError('use either --db or --laws, not both');
    const kind = (values.kind ?? 'all') as Kind;
    if (!kinds.includes(kind)) throw new UsageError(`--kind must be one of ${kinds.join(', ')}, got ${values.kind ?? ''}`);
    const top = parseTop(values.top, 10, '--top');
    const limit = parseTop(values.limit, 10, '--limit');
    if (batch && values.laws !== undefined) throw new UsageError('--laws works with a single query only; use --db for batch mode');
    if (!batch && query.length === 0) throw new UsageError('search needs a query: search "<query>", or queries on stdin');
    if (batch && (io.stdin as { isTTY?: boolean }).isTTY === true) {
      throw new UsageError('no query: give one as an argument, or pipe one query per line on stdin');
    }
    const dataDir = resolveDataDir(io.env);

    let db: ContentDb | null = null;
    let opened: OpenedSearch;
    let versionOf: (normalizedTitle: string) => string | null = () => null;
    if (values.laws !== undefined) {
      const dir = path.resolve(values.laws);
      if (!existsSync(dir)) throw new UsageError(`law folder not found: ${dir}`);
      const indexFile = path.resolve(values.index ?? path.join(dataDir, 'cache', 'search-index-laws.bin'));
      const service = LocalSearchService.open({ articles: new LawFolderArticleSource(dir), qa: qaFromFolder(), glossary: glossaryFromFolder(), indexFile });
      opened = { service, source: service.report.built ? 'built' : 'cache', reason: null };
    } else {
      // Without --db: what the kiosk itself answers from (the installed generation, if any).
      let contentDir: string | null = null;
      let active = null;
      if (values.db === undefined) {
        try {
          active = new ContentStore({ root: path.join(dataDir, 'content'), appVersion: appVersion(), defaultContentDir }).active();
        } catch (error) {
          throw new Error(`the terminal's active content cannot be read (${errorMessage(error)}); pass --db <file>`, { cause: error });
        }
      }
      if (active && existsSync(active.dbFile)) contentDir = active.contentDir ?? defaultContentDir;
      else active = null;
      const dbFile = path.resolve(values.db ?? active?.dbFile ?? path.join(dataDir, 'db', contentDbFileName));
      if (!existsSync(dbFile)) throw new Error(`no content database at ${dbFile}; create it with: npm run cli -- import-laws <dir> --db ${dbFile}`);
      if (!statSync(dbFile).isFile()) throw new Error(`${dbFile} is not a file`);
      try {
        db = openContentDbForSearch(dbFile);
      } catch (error) {
        throw new Error(`cannot open the database ${dbFile}: ${errorMessage(error)}`, { cause: error });
      }
      if (!hasLibrary(db)) {
        db.close();
        throw new Error(`${dbFile} holds no law library; import one with: npm run cli -- import-laws <dir> --db ${dbFile}`);
      }
      const versions = new Map(new LawRepository(db).listLaws().map((l) => [l.normalizedTitle, l.currentVersionDate]));
      versionOf = (t) => versions.get(t) ?? null;
      const cacheFile = path.resolve(values.index ?? path.join(dataDir, 'cache', 'search-index.bin'));
      opened = openSearchForDb(db, { cacheFile, contentDir });
    }
    try {
      const report = opened.service.report;
      if (opened.source === 'built') {
        io.stderr(
          `built the search index (${String(report.articles)} articles) in ${(report.ms / 1000).toFixed(1)} s${opened.reason ? ` because ${opened.reason}` : ''}\n`,
        );
      }
      if (batch) {
        await runBatch(io, opened, kind, top, versionOf);
        return 0;
      }
      const r = opened.service.search(query, { limit, suggestionLimit: 5 });
      if (values.json) {
        for (const q of r.qa)
          io.stdout(`${JSON.stringify({ kind: 'qa', id: q.id, title: q.question, label: q.domain, score: q.score, snippet: q.snippet })}\n`);
        for (const a of r.articles) {
          io.stdout(
            `${JSON.stringify({ kind: 'article', key: a.key, title: a.lawTitle, label: a.label, version: versionOf(a.normalizedTitle), score: a.score, exact: a.exact, snippet: a.snippet })}\n`,
          );
        }
        for (const s of r.suggestions)
          io.stdout(`${JSON.stringify({ kind: 'suggestion', id: s.target, title: s.text, label: s.kind, score: null, match: s.match })}\n`);
        return 0;
      }
      io.stdout(`「${query}」 ${r.tookMs.toFixed(1)} ms\n`);
      if (r.citations.length > 0) io.stdout(`citations: ${r.citations.map((c) => `${c.law ?? '(which law?)'} ${c.label}`).join(', ')}\n`);
      if (r.qa.length > 0) {
        io.stdout('\nQ&A\n');
        r.qa.forEach((q, i) => io.stdout(`  ${String(i + 1).padStart(2)}. ${q.question}  [${q.id}]\n`));
      }
      io.stdout('\nArticles\n');
      if (r.articles.length === 0) io.stdout('  (none)\n');
      r.articles.forEach((a, i) => {
        io.stdout(
          `  ${String(i + 1).padStart(2)}. ${a.normalizedTitle} ${a.label}${a.exact ? '  (cited)' : ''}  ${a.score.toFixed(2)}\n      ${marked(a.snippet)}\n`,
        );
      });
      if (r.suggestions.length > 0) io.stdout(`\nSuggestions: ${r.suggestions.map((s) => s.text).join(' | ')}\n`);
      return 0;
    } finally {
      db?.close();
    }
  },
};
