/**
 * What the translation-LM second stage costs per query: `npx tsx scripts/bench/translation-latency.ts`.
 * The engine over the national library with the model trained on all public questions answers
 * the 988 STARD and 60 everyday questions as the search screen asks them (10 articles, 5 Q&A,
 * snippets), the stage off and on alternating query by query so machine load hits both alike
 * (ROUNDS=n repeats the whole set). Prints p50 / p95 / max per setting.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { defaultEngineParams } from '../../kiosk-content/src/search/common/search-engine';
import { trainSearchModel } from '../../kiosk-content/authoring/search-model/train-search-model';
import { everydayFile, lecoqaFile, stardQueriesFile } from './bench-data-files';
import { openExperimentEngine, quantileMs } from './search-experiment-setup';

const { base, source, tokenizer } = openExperimentEngine();
const translation = { articleText: (key: string) => source.article(key)?.text ?? null, tokenizer };
const trained = trainSearchModel(stardQueriesFile, lecoqaFile, 0, { translation });
const engine = base.withModel(trained.model);
const reranked =
  defaultEngineParams.translationRerank.weight > 0 ? defaultEngineParams.translationRerank : { ...defaultEngineParams.translationRerank, weight: 0.2 };
const on = engine.withParams({ ...defaultEngineParams, translationRerank: reranked });
const off = engine.withParams({ ...defaultEngineParams, translationRerank: { ...reranked, weight: 0 } });
const queries = [
  ...trained.questions.map((q) => q.query),
  ...readFileSync(everydayFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => (JSON.parse(l) as { query: string }).query),
];
// Warm-up: the first query of each builds lazy state (text statistics when not stored).
let t = performance.now();
on.search(queries[0] ?? '工资');
console.log(`first re-ranked query (text statistics derived, not stored in this experiment index): ${(performance.now() - t).toFixed(0)} ms`);
off.search(queries[0] ?? '工资');
const times = { off: [] as number[], on: [] as number[] };
const rounds = Number(process.env.ROUNDS ?? 1);
for (let r = 0; r < rounds; r++)
  queries.forEach((q, i) => {
    const order = (i + r) % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const);
    for (const which of order) {
      t = performance.now();
      (which === 'on' ? on : off).search(q);
      times[which].push(performance.now() - t);
    }
  });
for (const which of ['off', 'on'] as const)
  console.log(
    `translation LM ${which === 'on' ? `on (weight ${String(reranked.weight)}, depth ${String(reranked.depth)})` : 'off'}: p50 / p95 / max ${quantileMs(times[which], 0.5)} / ${quantileMs(times[which], 0.95)} / ${quantileMs(times[which], 1)} ms over ${String(times[which].length)} queries`,
  );
