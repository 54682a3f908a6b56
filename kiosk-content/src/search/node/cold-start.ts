import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openContentDbForSearch, openSearchForDb, type IndexSource } from './persisted-index';

/**
 * Cold start of the search, measured the way a kiosk boots: a fresh Node process opens the
 * content database, loads the search index import-laws stored there and answers one query.
 * The child is this very file, run with tsx (`node --import tsx cold-start.ts <db> <query>`).
 */
export interface ColdStartResult {
  /** In the child: open the database → load the stored index → first answer. The cold-start figure. */
  ms: number;
  /** In the child: process start → first answer (adds Node and tsx start-up and module loading). */
  processMs: number;
  /** In the parent: spawn → the child's exit. */
  wallMs: number;
  /** The child's resident set size right after the first answer. */
  rssBytes: number;
  /** Where the index came from: 'db' is the expected case; 'built' means it was missing or stale. */
  indexSource: IndexSource;
  /** Articles + Q&A answered for the query (a sanity check that it searched something). */
  results: number;
  /** Of `ms`: the warm-up run when the search opened (warm-up.ts). */
  warmUpMs?: number;
}

export interface ColdStartOptions {
  query?: string;
  /** Content folder for Q&A/glossary when the database has none (default: the embedded default content). */
  contentDir?: string | null;
  /** Give up after this long (default 60 s). */
  timeoutMs?: number;
}

const thisFile = fileURLToPath(import.meta.url);

export function measureColdStart(dbFile: string, options: ColdStartOptions = {}): Promise<ColdStartResult> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const args = ['--import', tsx, thisFile, path.resolve(dbFile), options.query ?? '劳动合同法第47条', options.contentDir ?? ''];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: options.timeoutMs ?? 60_000 });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - started;
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || line === '') {
        reject(new Error(`cold-start child failed (${signal ?? `exit ${String(code)}`}): ${err.trim().split('\n').at(-1) ?? ''}`));
        return;
      }
      try {
        resolve({ ...(JSON.parse(line) as Omit<ColdStartResult, 'wallMs'>), wallMs });
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

/** The child: everything after the module imports counts towards `ms`. */
function runChild(dbFile: string, query: string, contentDir: string): void {
  const started = performance.now();
  const db = openContentDbForSearch(dbFile);
  try {
    const opened = openSearchForDb(db, { contentDir: contentDir || null });
    const r = opened.service.search(query);
    const ended = performance.now();
    const result: Omit<ColdStartResult, 'wallMs'> = {
      ms: ended - started,
      processMs: ended,
      rssBytes: process.memoryUsage.rss(),
      indexSource: opened.source,
      results: r.articles.length + r.qa.length,
      warmUpMs: opened.warmUp?.ms ?? 0,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    db.close();
  }
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === thisFile) {
  const [dbFile, query, contentDir] = process.argv.slice(2);
  if (!dbFile || !query) throw new Error('usage: node --import tsx cold-start.ts <db> <query> [contentDir]');
  runChild(dbFile, query, contentDir ?? '');
}
