/**
 * The issue's latency figure as a technician measures it: a fresh process of
 * `npm run cli -- search --top 100 --kind article` on a terminal's installed content, questions on
 * stdin, and the per-query `ms` the CLI itself prints on each JSON line (the engine's whole query,
 * nothing excluded). Used by bench-search.ts on the law pack it builds and installs.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../lib/repo-paths';

export interface CliLatency {
  /** Per-query ms as the CLI printed them, in question order. */
  ms: number[];
  /** Spawn → exit of the CLI process (start-up, index load, warm-up, all questions). */
  processMs: number;
}

/** The `ms` of each JSON line the batch search printed; a line that is not one is an error naming it. */
export function cliQueryTimes(stdout: string): number[] {
  return stdout
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((line, i) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        throw new Error(`search output line ${String(i + 1)} is not JSON: ${line.slice(0, 80)}`);
      }
      const ms = (parsed as { ms?: unknown }).ms;
      if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new Error(`search output line ${String(i + 1)} has no numeric ms`);
      return ms;
    });
}

/** Nearest-rank quantile (q in 0 … 1) of the values; 0 for none. */
export function nearestRank(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

export interface CliSearchTarget {
  /** KIOSK_DATA_DIR of a terminal with installed content (the CLI searches its active content)… */
  dataDir?: string;
  /** …or a content database (--db). */
  dbFile?: string;
}

/** Runs the CLI's batch search over `questions` (one per line) in a new process. */
export function measureCliSearch(target: CliSearchTarget, questions: readonly string[], timeoutMs = 600_000): Promise<CliLatency> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const args = ['--import', tsx, path.join(repoRoot, 'scripts', 'cli', 'main.ts'), 'search', '--top', '100', '--kind', 'article'];
  if (target.dbFile) args.push('--db', target.dbFile);
  const env = { ...process.env, ...(target.dataDir ? { KIOSK_DATA_DIR: target.dataDir } : {}) };
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const processMs = performance.now() - started;
      if (code !== 0) {
        reject(new Error(`search CLI failed (${signal ?? `exit ${String(code)}`}): ${err.trim().split('\n').at(-1) ?? ''}`));
        return;
      }
      try {
        const ms = cliQueryTimes(out);
        if (ms.length !== questions.length) throw new Error(`search CLI answered ${String(ms.length)} of ${String(questions.length)} questions`);
        resolve({ ms, processMs });
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    // One question per line; a question with a line break would split into two.
    child.stdin.end(`${questions.map((q) => q.replace(/\s*\n\s*/g, ' ')).join('\n')}\n`);
  });
}
