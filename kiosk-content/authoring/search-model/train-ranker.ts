import type { RankerModel } from '../../src/search/common/learned-rerank';
import { defaultLearnedRerankParams, rankerFeatureNames, rankerFeatures } from '../../src/search/common/learned-rerank';
import type { SearchEngine, SearchTrace } from '../../src/search/common/search-engine';
import type { LambdaMartParams, RankingQuery } from './lambdamart';
import { defaultLambdaMartParams, trainLambdaMart } from './lambdamart';
import type { LabelledQuestion, TrainingFileOptions } from './train-search-model';
import { learnSearchModel } from './train-search-model';

/**
 * Pack-build training of the learned re-ranker (src/search/common/learned-rerank.ts). The trees
 * must learn from rankings like those a terminal will see — by a model that never saw the
 * question — so the training questions are cross-fitted: split into `folds` folds (position
 * mod folds, as trainSearchModel's CV), a model learned without each fold ranks that fold's
 * questions, and LambdaMART trains on all those rankings' features and labels. The settings are
 * those the nested CV of scripts/bench/ltr-experiment.ts chose (100 trees, depth 3, rate 0.1,
 * each question's first 50 candidates, base score κ × engine score).
 */

export const rankerFolds = 5;
/** Candidates per question the trees train on (the lambdas of lower ones are small). */
export const rankerTrainingRows = 50;
export const rankerLambdaMartParams: LambdaMartParams = { ...defaultLambdaMartParams, trees: 100 };

/** Each question ranked by `engine` (whose model must not have seen it), as LambdaMART training queries. */
export function rankerTrainingQueries(engine: SearchEngine, questions: readonly LabelledQuestion[], kappa = defaultLearnedRerankParams.kappa): RankingQuery[] {
  const idx = engine.index.articles;
  const width = rankerFeatureNames.length;
  const depth = defaultLearnedRerankParams.depth;
  return questions.map((q) => {
    const trace: SearchTrace = {};
    engine.search(q.query, { limit: depth, qaLimit: 0, snippets: false, trace });
    const candidates = (trace.candidates ?? []).slice(0, rankerTrainingRows);
    const rows = trace.stages ? rankerFeatures(trace.stages, candidates, idx) : new Float64Array(0);
    const relevant = new Set(q.relevant);
    const features = candidates.map((_, i) => Array.from(rows.subarray(i * width, (i + 1) * width)));
    return {
      features,
      labels: candidates.map((c) => (relevant.has(idx.key(c.doc)) ? 1 : 0)),
      base: features.map((x) => kappa * (x[0] as number)),
      relevantTotal: relevant.size,
    };
  });
}

/**
 * Cross-fitted training on `questions` with the model options every fold model uses; `engine` is
 * the content's engine (its own model is replaced by each fold's).
 */
export function trainRanker(engine: SearchEngine, questions: readonly LabelledQuestion[], options: TrainingFileOptions, folds = rankerFolds): RankerModel {
  const queries: RankingQuery[] = [];
  for (let f = 0; f < folds; f++) {
    const held = questions.filter((_, i) => i % folds === f);
    if (held.length === 0) continue;
    const model = learnSearchModel(
      questions.filter((_, i) => i % folds !== f),
      options,
    );
    queries.push(...rankerTrainingQueries(engine.withModel(model), held));
  }
  const usable = queries.filter((q) => q.features.length > 0);
  return { features: [...rankerFeatureNames], trees: usable.length > 0 ? trainLambdaMart(usable, rankerLambdaMartParams) : [] };
}
