/**
 * Query latency of the learned re-ranker alone and with the deep re-ranker (deep-rerank.ts), the
 * same questions through both engines alternately so machine load hits both alike:
 * `npx tsx scripts/bench/deep-rerank-latency.ts`. Learned model and re-rankers trained on all
 * public questions with the kiosk's Q&A as a pack build trains them (train-ranker.ts); the public
 * STARD questions and the everyday set, searched as the search screen asks (10 articles, 5 Q&A,
 * snippets) and as the CLI asks (100 articles, no snippets). Article texts come from the law
 * folder in memory; the host reads them from SQLite.
 */
import os from 'node:os';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { trainRanker } from '../../kiosk-content/authoring/search-model/train-ranker';
import { trainSearchModel } from '../../kiosk-content/authoring/search-model/train-search-model';
import type { EngineSearchOptions } from '../../kiosk-content/src/search/common/search-engine';
import { everydayFile, lecoqaFile, stardQueriesFile } from './bench-data-files';
import { interleavedTimes, openExperimentEngine, quantileMs } from './search-experiment-setup';

const { base, trainingOptions } = openExperimentEngine();
const trained = trainSearchModel(stardQueriesFile, lecoqaFile, 0, trainingOptions);
const started = performance.now();
const ranker = trainRanker(base, trained.questions, trainingOptions);
console.log(`re-rankers trained in ${((performance.now() - started) / 1000).toFixed(1)} s (${String(ranker.deep?.trees.length ?? 0)} deep trees)`);
const { deep: _deep, ...shallowOnly } = ranker;
const engines = [base.withModel({ ...trained.model, ranker: shallowOnly }), base.withModel({ ...trained.model, ranker })];
const everyday = readFileSync(everydayFile, 'utf8')
  .split('\n')
  .filter((l) => l.trim().length > 0)
  .map((l) => (JSON.parse(l) as { query: string }).query);
const queries = [...trained.questions.map((q) => q.query), ...everyday];
const shapes: [string, EngineSearchOptions][] = [
  ['search screen (10 articles, snippets)', {}],
  ['CLI (100 articles, no snippets)', { limit: 100, qaLimit: 1, snippets: false }],
];
console.log(`${String(queries.length)} questions × 2 rounds, interleaved; load average ${os.loadavg()[0]?.toFixed(2) ?? ''}`);
for (const [name, options] of shapes) {
  const times = interleavedTimes(engines, queries, options);
  const fig = (t: number[]) => `p50 ${quantileMs(t, 0.5)} ms, p95 ${quantileMs(t, 0.95)} ms`;
  console.log(`${name}: re-ranker of the first 100 ${fig(times[0] ?? [])} | with the deep re-ranker ${fig(times[1] ?? [])}`);
}
