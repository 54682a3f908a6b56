import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseLawMarkdown } from '../../src/laws/common/parse-law-markdown';
import type { LawParseProblem } from '../../src/laws/common/law-types';
import type { ContentDb } from '../../src/library-db/node/open-content-db';
import { assembleLibrary, compareText, type AssembledVersion, type SourceFile } from './assemble-library';

/**
 * Imports a folder of law Markdown (layout: ../shared/data/laws/README.md) into the content
 * database, replacing the library that was there.
 *
 * Every file is read and parsed before the database is touched, then the old library is
 * replaced in ONE transaction: a kiosk reading the same file (another connection, WAL) keeps
 * seeing the complete old library until the commit, and a failure anywhere leaves it untouched.
 * A malformed file never stops the import; it is reported as file:line: reason.
 */
export interface ImportProgress {
  phase: 'parse' | 'write';
  /** Items finished in this phase (files when parsing, laws when writing). */
  done: number;
  total: number;
  /** The file just parsed (parse phase only). */
  file?: string;
}

export interface ImportLawsOptions {
  /** Called after each file is parsed and each law is written; may throw to abort (rolls back). */
  onProgress?: (progress: ImportProgress) => void;
  /** Recorded as meta 'library.importedAt'. */
  now?: () => Date;
}

export interface ImportLawsSummary {
  /** The folder imported, absolute. */
  source: string;
  /** .md files found (README.md excluded). */
  files: number;
  /** Files that could not be imported at all (no title line, not UTF-8); they are in `problems`. */
  skippedFiles: number;
  /** Laws with articles, and documents (files without 第…条 articles: 批复, 修正案, 决定 …). */
  laws: number;
  documents: number;
  versions: number;
  /** Articles stored over all versions (copies of a duplicated file counted once). */
  articles: number;
  /** Articles of the current versions: what search indexes. */
  currentArticles: number;
  /** Files recorded as a copy of another file of the same law and version date. */
  duplicatesMerged: number;
  problems: LawParseProblem[];
  /** sha256 over every imported file's path and bytes: equal fingerprints, equal libraries. */
  fingerprint: string;
  durationMs: number;
}

export class ImportLawsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportLawsError';
  }
}

const toPosix = (p: string) => p.split(path.sep).join('/');

/** Every .md file below `dir` except README.md files, sorted, relative and '/'-separated. */
export function listLawFiles(dir: string): string[] {
  let stat;
  try {
    stat = statSync(dir);
  } catch {
    throw new ImportLawsError(`law folder not found: ${dir}`);
  }
  if (!stat.isDirectory()) throw new ImportLawsError(`not a folder: ${dir}`);
  const found: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name.startsWith('_')) continue; // .git, _index.md site files
      const child = rel === '' ? entry.name : path.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && /\.md$/i.test(entry.name) && entry.name.toLowerCase() !== 'readme.md') found.push(toPosix(child));
    }
  };
  walk('');
  return found.sort(compareText);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function importLaws(db: ContentDb, dir: string, options: ImportLawsOptions = {}): ImportLawsSummary {
  const started = performance.now();
  const source = path.resolve(dir);
  const paths = listLawFiles(source);
  if (paths.length === 0) throw new ImportLawsError(`no law files (*.md) in ${source}; the library was left as it was`);

  // --- read and parse (nothing written yet) ---
  const problems: LawParseProblem[] = [];
  const sources: SourceFile[] = [];
  const hash = createHash('sha256');
  let skippedFiles = 0;
  paths.forEach((rel, i) => {
    const bytes = readFileSync(path.join(source, rel));
    hash.update(rel).update('\0').update(bytes).update('\0');
    let text: string | null = null;
    try {
      text = utf8.decode(bytes);
    } catch {
      problems.push({ file: rel, line: 1, message: 'the file is not valid UTF-8; skipped' });
    }
    if (text !== null) {
      const result = parseLawMarkdown(rel, text);
      problems.push(...result.problems);
      if (result.law) {
        const category = path.posix.dirname(rel);
        sources.push({ path: rel, category: category === '.' ? '' : category, law: result.law, problemCount: result.problems.length });
      }
    }
    if (sources.at(-1)?.path !== rel) skippedFiles++;
    options.onProgress?.({ phase: 'parse', done: i + 1, total: paths.length, file: rel });
  });

  const library = assembleLibrary(sources);
  problems.push(...library.problems);
  problems.sort((a, b) => compareText(a.file, b.file) || a.line - b.line);

  // --- replace the library in one transaction ---
  const stmt = {
    law: db.prepare('INSERT INTO laws (normalized_title, title, category, kind) VALUES (?, ?, ?, ?)'),
    version: db.prepare(
      `INSERT INTO law_versions (law_id, version_date, is_current, title, adopted_date, amended_date, effective_date,
         in_force_from, dates, header_notes, preamble, loose_text, article_count)
       VALUES (@lawId, @versionDate, @isCurrent, @title, @adoptedDate, @amendedDate, @effectiveDate,
         @inForceFrom, @dates, @headerNotes, @preamble, @looseText, @articleCount)`,
    ),
    file: db.prepare('INSERT INTO law_files (version_id, path, category, title, part, duplicate_of, article_count) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    heading: db.prepare('INSERT INTO headings (version_id, parent_id, seq, depth, kind, text) VALUES (?, ?, ?, ?, ?, ?)'),
    article: db.prepare(
      'INSERT INTO articles (version_id, seq, label, number, suffix, heading_id, file_id, line, part, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    problem: db.prepare('INSERT INTO import_problems (file, line, message) VALUES (?, ?, ?)'),
    meta: db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
  };

  const writeVersion = (lawId: bigint | number, version: AssembledVersion) => {
    const versionId = stmt.version.run({
      lawId,
      versionDate: version.versionDate,
      isCurrent: version.isCurrent ? 1 : 0,
      title: version.title,
      adoptedDate: version.adoptedDate,
      amendedDate: version.amendedDate,
      effectiveDate: version.effectiveDate,
      inForceFrom: version.inForceFrom,
      dates: JSON.stringify(version.dates),
      headerNotes: JSON.stringify(version.headerNotes),
      preamble: version.preamble,
      looseText: JSON.stringify(version.looseText.map(({ headings, paragraphs }) => ({ headings, paragraphs }))),
      articleCount: version.articles.length,
    }).lastInsertRowid;
    const fileIds = new Map<string, bigint | number>();
    for (const f of version.files) {
      fileIds.set(f.path, stmt.file.run(versionId, f.path, f.category, f.title, f.part, f.duplicateOf, f.articleCount).lastInsertRowid);
    }
    // Headings become a tree: an article's path shares a prefix with the open path, the rest opens.
    const open: { text: string; id: bigint | number }[] = [];
    let headingSeq = 0;
    version.articles.forEach((article, i) => {
      let keep = 0;
      while (keep < open.length && keep < article.headings.length && open[keep]?.text === article.headings[keep]) keep++;
      open.length = keep;
      for (let depth = keep; depth < article.headings.length; depth++) {
        const text = article.headings[depth] ?? '';
        const kind = /^第\S+?(分编|编|章|节)/.exec(text)?.[1] ?? null;
        const id = stmt.heading.run(versionId, open.at(-1)?.id ?? null, ++headingSeq, depth, kind, text).lastInsertRowid;
        open.push({ text, id });
      }
      const fileId = fileIds.get(article.file);
      if (fileId === undefined) throw new Error(`internal: article from unknown file ${article.file}`);
      stmt.article.run(
        versionId,
        i + 1,
        article.label,
        article.number,
        article.suffix,
        open.at(-1)?.id ?? null,
        fileId,
        article.line,
        article.part,
        article.paragraphs.join('\n'),
      );
    });
  };

  const fingerprint = hash.digest('hex');
  const importedAt = (options.now ?? (() => new Date()))().toISOString();
  let versions = 0;
  let articles = 0;
  let currentArticles = 0;
  db.transaction(() => {
    // Children first, so no foreign-key check has to look for rows that are about to go anyway.
    for (const table of ['articles', 'headings', 'law_files', 'law_versions', 'laws', 'import_problems']) db.exec(`DELETE FROM ${table}`);
    // The stored search index describes the old library: drop it with it (import-laws stores a new one).
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_index'").get()) db.exec('DELETE FROM search_index');
    library.laws.forEach((law, i) => {
      const lawId = stmt.law.run(law.normalizedTitle, law.title, law.category, law.kind).lastInsertRowid;
      for (const version of law.versions) {
        writeVersion(lawId, version);
        versions++;
        articles += version.articles.length;
        if (version.isCurrent) currentArticles += version.articles.length;
      }
      options.onProgress?.({ phase: 'write', done: i + 1, total: library.laws.length });
    });
    for (const p of problems) stmt.problem.run(p.file, p.line, p.message);
    const meta: Record<string, string> = {
      'library.installed': 'true',
      'library.importedAt': importedAt,
      'library.source': source,
      'library.fingerprint': fingerprint,
      'library.files': String(paths.length),
    };
    for (const [key, value] of Object.entries(meta)) stmt.meta.run(key, value);
  })();
  // Fold the big write back into the main file so the WAL does not stay the size of the library.
  db.pragma('wal_checkpoint(TRUNCATE)');

  return {
    source,
    files: paths.length,
    skippedFiles,
    laws: library.laws.filter((l) => l.kind === 'law').length,
    documents: library.laws.filter((l) => l.kind === 'document').length,
    versions,
    articles,
    currentArticles,
    duplicatesMerged: library.duplicateFiles,
    problems,
    fingerprint,
    durationMs: Math.round(performance.now() - started),
  };
}
