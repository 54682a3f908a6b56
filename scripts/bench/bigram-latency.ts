/**
 * Query latency with and without the character-bigram re-scoring (EngineParams.bigrams), the same
 * questions through both engines alternately so machine load hits both alike:
 * `npx tsx scripts/bench/bigram-latency.ts`. Learned model trained on all public questions with the
 * kiosk's Q&A (the defaults); the public STARD questions and the everyday set, searched as the
 * search screen asks (10 articles, 5 Q&A, snippets) and as the CLI asks (100 articles, no snippets).
 * Article texts come from the law folder in memory; the host reads them from SQLite.
 */
import { defaultQaTraining, qaTrainingQuestions } from '../../kiosk-content/authoring/search-model/qa-training';
import { trainSearchModel } from '../../kiosk-content/authoring/search-model/train-search-model';
import { defaultEngineParams } from '../../kiosk-content/src/search/common/search-engine';
import { qaFromFolder } from '../../kiosk-content/src/search/node/content-sources';
import { lecoqaFile, stardQueriesFile } from './bench-data-files';
import { openExperimentEngine, printLatencyComparison } from './search-experiment-setup';

const { base, source, tokenizer } = openExperimentEngine();
const translation = { articleText: (key: string) => source.article(key)?.text ?? null, tokenizer };
const trained = trainSearchModel(stardQueriesFile, lecoqaFile, 0, {
  translation,
  extraQuestions: qaTrainingQuestions(qaFromFolder(), defaultQaTraining),
  extraInTranslation: defaultQaTraining.translation,
});
const on = base.withModel(trained.model).withParams(defaultEngineParams);
const engines = [on.withParams({ ...defaultEngineParams, bigrams: { weight: 0, depth: 100, coveragePower: 0 } }), on] as const;
printLatencyComparison(
  engines,
  trained.questions.map((q) => q.query),
  ['without bigrams', 'with bigrams'],
);
