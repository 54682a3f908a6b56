/**
 * Query latency of the learned re-ranker alone and with the deep re-ranker (deep-rerank.ts), the
 * same questions through both engines alternately so machine load hits both alike:
 * `npx tsx scripts/bench/deep-rerank-latency.ts`. Learned model and re-rankers trained on all
 * public questions with the kiosk's Q&A as a pack build trains them (train-ranker.ts); the public
 * STARD questions and the everyday set, searched as the search screen asks (10 articles, 5 Q&A,
 * snippets) and as the CLI asks (100 articles, no snippets). Article texts come from the law
 * folder in memory; the host reads them from SQLite.
 */
import { performance } from 'node:perf_hooks';
import { trainRanker } from '../../kiosk-content/authoring/search-model/train-ranker';
import { trainSearchModel } from '../../kiosk-content/authoring/search-model/train-search-model';
import { lecoqaFile, stardQueriesFile } from './bench-data-files';
import { openExperimentEngine, printLatencyComparison } from './search-experiment-setup';

const { base, trainingOptions } = openExperimentEngine();
const trained = trainSearchModel(stardQueriesFile, lecoqaFile, 0, trainingOptions);
const started = performance.now();
const ranker = trainRanker(base, trained.questions, trainingOptions);
console.log(`re-rankers trained in ${((performance.now() - started) / 1000).toFixed(1)} s (${String(ranker.deep?.trees.length ?? 0)} deep trees)`);
const { deep: _deep, ...shallowOnly } = ranker;
const engines = [base.withModel({ ...trained.model, ranker: shallowOnly }), base.withModel({ ...trained.model, ranker })] as const;
printLatencyComparison(
  engines,
  trained.questions.map((q) => q.query),
  ['re-ranker of the first 100', 'with the deep re-ranker'],
);
