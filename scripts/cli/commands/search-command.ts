import { existsSync } from 'node:fs';
import path from 'node:path';
import { resolveDataDir } from '../../../electron/node/system/data-dir';
import type { Snippet } from '../../../kiosk-content/src/common/search/snippet';
import { LawRepository } from '../../../kiosk-content/src/node/db/law-repository';
import type { ContentDb } from '../../../kiosk-content/src/node/db/open-content-db';
import { contentDbFileName, openContentDb } from '../../../kiosk-content/src/node/db/open-content-db';
import type { ArticleSource } from '../../../kiosk-content/src/node/search/article-source';
import { LawFolderArticleSource, RepositoryArticleSource } from '../../../kiosk-content/src/node/search/article-source';
import { glossaryFromDb, glossaryFromFolder, qaFromDb, qaFromFolder } from '../../../kiosk-content/src/node/search/content-sources';
import { LocalSearchService } from '../../../kiosk-content/src/node/search/search-service';
import type { CliCommand } from '../command';
import { UsageError } from '../command';
import { parseCommandArgs } from '../parse';

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

export const searchCommand: CliCommand = {
  name: 'search',
  summary: 'Search laws and Q&A like the kiosk does (citations, glossary, pinyin initials)',
  usage: `Usage: npm run cli -- search "<query>" [--db <file> | --laws <dir>] [--limit N] [--json]

Searches the current law articles and the Q&A the way the kiosk's search screen does:
「劳动合同法第47条」 opens that article, 「老板不发工资」 is widened with the glossary's
statute words, 「ldhtf」 suggests 劳动合同法.

  --db <file>    content database (default: <data directory>/db/${contentDbFileName})
  --laws <dir>   search a law Markdown folder instead (e.g. ../shared/data/laws), with the
                 embedded default Q&A and glossary
  --index <file> where the built index is kept (default: <data directory>/cache/…); it is
                 rebuilt automatically when the content changed
  --limit N      article results (default 10)
  --json         one JSON line per result: kind (qa | article | suggestion), id or key,
                 title, label, score, snippet {text, highlights}`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        db: { type: 'string' },
        laws: { type: 'string' },
        index: { type: 'string' },
        limit: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      true,
    );
    const query = positionals.join(' ').trim();
    if (query.length === 0) throw new UsageError('search needs a query: search "<query>" [--db <file>|--laws <dir>]');
    if (values.db !== undefined && values.laws !== undefined) throw new UsageError('use either --db or --laws, not both');
    const limit = values.limit === undefined ? 10 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError(`--limit must be a whole number from 1 to 500, got ${values.limit ?? ''}`);
    const dataDir = resolveDataDir(io.env);

    let db: ContentDb | null = null;
    let source: ArticleSource;
    let qa = qaFromFolder();
    let glossary = glossaryFromFolder();
    let indexName: string;
    if (values.laws !== undefined) {
      const dir = path.resolve(values.laws);
      if (!existsSync(dir)) throw new UsageError(`law folder not found: ${dir}`);
      source = new LawFolderArticleSource(dir);
      indexName = 'search-index-laws.bin';
    } else {
      const dbFile = path.resolve(values.db ?? path.join(dataDir, 'db', contentDbFileName));
      if (!existsSync(dbFile)) {
        throw new UsageError(`no content database at ${dbFile}; run import-laws first, or pass --laws <dir>`);
      }
      db = openContentDb(dbFile, { readonly: true });
      source = new RepositoryArticleSource(db, new LawRepository(db));
      const dbQa = qaFromDb(db);
      const dbGlossary = glossaryFromDb(db);
      // Until Q&A and glossary are imported into the database, use the embedded defaults.
      if (dbQa.length > 0) qa = dbQa;
      if (dbGlossary.length > 0) glossary = dbGlossary;
      indexName = 'search-index.bin';
    }
    try {
      const indexFile = path.resolve(values.index ?? path.join(dataDir, 'cache', indexName));
      const service = LocalSearchService.open({ articles: source, qa, glossary, indexFile });
      if (service.report.built) io.stderr(`built the search index (${String(service.report.articles)} articles) in ${(service.report.ms / 1000).toFixed(1)} s → ${indexFile}\n`);
      const r = service.search(query, { limit, suggestionLimit: 5 });
      if (values.json) {
        for (const q of r.qa) io.stdout(`${JSON.stringify({ kind: 'qa', id: q.id, title: q.question, label: q.domain, score: q.score, snippet: q.snippet })}\n`);
        for (const a of r.articles) {
          io.stdout(`${JSON.stringify({ kind: 'article', key: a.key, title: a.lawTitle, label: a.label, score: a.score, exact: a.exact, snippet: a.snippet })}\n`);
        }
        for (const s of r.suggestions) io.stdout(`${JSON.stringify({ kind: 'suggestion', id: s.target, title: s.text, label: s.kind, score: null, match: s.match })}\n`);
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
        io.stdout(`  ${String(i + 1).padStart(2)}. ${a.normalizedTitle} ${a.label}${a.exact ? '  (cited)' : ''}  ${a.score.toFixed(2)}\n      ${marked(a.snippet)}\n`);
      });
      if (r.suggestions.length > 0) io.stdout(`\nSuggestions: ${r.suggestions.map((s) => s.text).join(' | ')}\n`);
      return 0;
    } finally {
      db?.close();
    }
  },
};
