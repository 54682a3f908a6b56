/**
 * Query latency of the learned model trained with and without the kiosk's Q&A (qa-training.ts),
 * the same questions through both engines alternately so machine load hits both alike:
 * `npx tsx scripts/bench/qa-training-latency.ts`. Article search as the CLI asks (--top 100 --kind
 * article), over the public STARD questions and the everyday set; prints p50 / p95 of each.
 */
import os from 'node:os';
import { readFileSync } from 'node:fs';
import { defaultQaTraining, qaTrainingQuestions } from '../../kiosk-content/authoring/search-model/qa-training';
import { trainSearchModel } from '../../kiosk-content/authoring/search-model/train-search-model';
import { qaFromFolder } from '../../kiosk-content/src/search/node/content-sources';
import { everydayFile, lecoqaFile, stardQueriesFile } from './bench-data-files';
import { interleavedTimes, openExperimentEngine, quantileMs } from './search-experiment-setup';

const { base, source, tokenizer } = openExperimentEngine();
const translation = { articleText: (key: string) => source.article(key)?.text ?? null, tokenizer };
const without = trainSearchModel(stardQueriesFile, lecoqaFile, 0, { translation });
const withQa = trainSearchModel(stardQueriesFile, lecoqaFile, 0, {
  translation,
  extraQuestions: qaTrainingQuestions(qaFromFolder(), defaultQaTraining),
  extraInTranslation: defaultQaTraining.translation,
});
const engines = [base.withModel(without.model), base.withModel(withQa.model)];
const everyday = readFileSync(everydayFile, 'utf8')
  .split('\n')
  .filter((l) => l.trim().length > 0)
  .map((l) => (JSON.parse(l) as { query: string }).query);
const queries = [...without.questions.map((q) => q.query), ...everyday];
const cli = { limit: 100, qaLimit: 1, snippets: false };
const times = interleavedTimes(engines, queries, cli);
const fig = (t: number[]) => `p50 ${quantileMs(t, 0.5)} ms, p95 ${quantileMs(t, 0.95)} ms`;
console.log(`${String(queries.length)} questions × 2 rounds, interleaved; load average ${os.loadavg()[0]?.toFixed(2) ?? ''}`);
console.log(`learned model without the Q&A: ${fig(times[0] ?? [])}`);
console.log(`learned model with the Q&A:    ${fig(times[1] ?? [])}`);
