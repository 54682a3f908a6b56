/**
 * Query latency of this checkout against another one on a terminal's installed content, for speed
 * work that must not change results:
 *
 *   npx tsx scripts/bench/query-latency-ab.ts <other-checkout> <KIOSK_DATA_DIR> [cli-rounds]
 *
 * <other-checkout> is the code before the change (e.g. `git archive <commit> | tar -x -C dir`, with
 * node_modules linked in); <KIOSK_DATA_DIR> a data folder a trained law pack was installed into
 * (`content build … --laws --train … --lecoqa …`, `content install`). Prints
 * 1. both engines in this process, opened on the active content database as the CLI opens it (stored
 *    index, warm-up), the public STARD questions and the everyday set interleaved
 *    (printLatencyComparison);
 * 2. the CLI's own per-query `ms` over the public STARD questions (measureCliSearch), fresh
 *    processes of the two checkouts alternating, `cli-rounds` times each (default 2), with the load.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SearchEngine } from '../../kiosk-content/src/search/common/search-engine';
import type * as PersistedIndex from '../../kiosk-content/src/search/node/persisted-index';
import { ContentStore } from '../../kiosk-content/src/packs/node/content-store';
import { appVersion, defaultContentDir, repoRoot } from '../lib/repo-paths';
import { stardQueriesFile } from './bench-data-files';
import * as cliLatency from './cli-search-latency';
import { printLatencyComparison } from './search-experiment-setup';

const [otherArg, dataArg, roundsArg] = process.argv.slice(2);
if (!otherArg || !dataArg) {
  console.error('usage: query-latency-ab.ts <other-checkout> <KIOSK_DATA_DIR> [cli-rounds]');
  process.exit(2);
}
const other = path.resolve(otherArg);
const dataDir = path.resolve(dataArg);
const rounds = Number(roundsArg ?? 2);
const active = new ContentStore({ root: path.join(dataDir, 'content'), appVersion: appVersion(), defaultContentDir }).active();
if (!active) throw new Error(`${dataDir} has no installed content`);
const contentDir = active.contentDir ?? defaultContentDir;

/** The engine of a checkout's code on the active content, opened as the CLI opens it. */
async function engineOf(checkout: string): Promise<SearchEngine> {
  const persisted = (await import(path.join(checkout, 'kiosk-content/src/search/node/persisted-index.ts'))) as typeof PersistedIndex;
  const db = persisted.openContentDbForSearch(active?.dbFile ?? '');
  return persisted.openSearchForDb(db, { contentDir }).service.engine;
}

const questions = readFileSync(stardQueriesFile, 'utf8')
  .split('\n')
  .filter((l) => l.trim().length > 0)
  .map((l) => (JSON.parse(l) as { query: string }).query);

printLatencyComparison([await engineOf(other), await engineOf(repoRoot)], questions, ['other checkout', 'this checkout']);

const otherCli = (await import(path.join(other, 'scripts/bench/cli-search-latency.ts'))) as typeof cliLatency;
const fig = (ms: number[]) => `p50 ${cliLatency.nearestRank(ms, 0.5).toFixed(1)} / p95 ${cliLatency.nearestRank(ms, 0.95).toFixed(1)} ms`;
const all = new Map<string, number[]>();
for (let round = 0; round < rounds; round++) {
  for (const [name, measure] of [
    ['other checkout', otherCli.measureCliSearch],
    ['this checkout', cliLatency.measureCliSearch],
  ] as const) {
    const load = os.loadavg()[0]?.toFixed(2) ?? '';
    const { ms, processMs } = await measure({ dataDir }, questions);
    all.set(name, [...(all.get(name) ?? []), ...ms]);
    console.log(`CLI ${name}: ${fig(ms)} (first 300: ${fig(ms.slice(0, 300))}), process ${(processMs / 1000).toFixed(1)} s, load average ${load}`);
  }
}
for (const [name, ms] of all) console.log(`CLI ${name}, all ${String(rounds)} runs: ${fig(ms)} over ${String(ms.length)} queries`);
