/**
 * Query latency with and without the character-bigram re-scoring (EngineParams.bigrams), the same
 * questions through both engines alternately so machine load hits both alike:
 * `npx tsx scripts/bench/bigram-latency.ts`. Learned model trained on all public questions with the
 * kiosk's Q&A (the defaults); the public STARD questions and the everyday set, searched as the
 * search screen asks (10 articles, 5 Q&A, snippets) and as the CLI asks (100 articles, no snippets).
 * Article texts come from the law folder in memory; the host reads them from SQLite.
 */
import os from 'node:os';
import { readFileSync } from 'node:fs';
import { defaultQaTraining, qaTrainingQuestions } from '../../kiosk-content/authoring/search-model/qa-training';
import { trainSearchModel } from '../../kiosk-content/authoring/search-model/train-search-model';
import { defaultEngineParams } from '../../kiosk-content/src/search/common/search-engine';
import type { EngineSearchOptions } from '../../kiosk-content/src/search/common/search-engine';
import { qaFromFolder } from '../../kiosk-content/src/search/node/content-sources';
import { everydayFile, lecoqaFile, stardQueriesFile } from './bench-data-files';
import { interleavedTimes, openExperimentEngine, quantileMs } from './search-experiment-setup';

const { base, source, tokenizer } = openExperimentEngine();
const translation = { articleText: (key: string) => source.article(key)?.text ?? null, tokenizer };
const trained = trainSearchModel(stardQueriesFile, lecoqaFile, 0, {
  translation,
  extraQuestions: qaTrainingQuestions(qaFromFolder(), defaultQaTraining),
  extraInTranslation: defaultQaTraining.translation,
});
const on = base.withModel(trained.model).withParams(defaultEngineParams);
const engines = [on.withParams({ ...defaultEngineParams, bigrams: { weight: 0, depth: 100, coveragePower: 0 } }), on];
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
  console.log(`${name}: without bigrams ${fig(times[0] ?? [])}; with bigrams ${fig(times[1] ?? [])}`);
}
