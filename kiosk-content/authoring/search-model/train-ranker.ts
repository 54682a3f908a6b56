import { deepRankerFeatureNames, deepRankerFeatures } from '../../src/search/common/deep-rerank';
import type { RankerModel } from '../../src/search/common/learned-rerank';
import { defaultLearnedRerankParams, rankerFeatureNames, rankerFeatures } from '../../src/search/common/learned-rerank';
import type { SearchEngine, SearchTrace } from '../../src/search/common/search-engine';
import type { LambdaMartParams, RankingQuery } from './lambdamart';
import { defaultLambdaMartParams, trainLambdaMart } from './lambdamart';
import type { LabelledQuestion, TrainingFileOptions } from './train-search-model';
import { learnSearchModel } from './train-search-model';

/**
 * Pack-build training of the learned re-ranker (src/search/common/learned-rerank.ts) and of the
 * deep re-ranker (deep-rerank.ts). The trees must learn from rankings like those a terminal will
 * see — by a model that never saw the question — so the training questions are cross-fitted:
 * split into `folds` folds (position mod folds, as trainSearchModel's CV), a model learned without
 * each fold ranks that fold's questions, and LambdaMART trains on all those rankings' features and
 * labels. The settings are those the nested CV of scripts/bench/ltr-experiment.ts chose: 100 trees,
 * depth 3, rate 0.1, base score κ × engine score; the re-ranker on each question's first 50
 * candidates with ΔnDCG@10 lambdas, the deep one on all its 300 with ΔnDCG@10 + ΔRecall@100.
 */

export const rankerFolds = 5;
/** Candidates per question the trees train on (the lambdas of lower ones are small). */
export const rankerTrainingRows = 50;
export const rankerLambdaMartParams: LambdaMartParams = { ...defaultLambdaMartParams, trees: 100 };
/** The deep re-ranker's lambdas also weigh the change of recall in the first 100. */
export const deepRankerLambdaMartParams: LambdaMartParams = { ...defaultLambdaMartParams, trees: 100, recallK: 100, recallWeight: 1 };

/** A question's training rankings: the re-ranker's (first 50 candidates) and the deep one's (first deepDepth). */
export interface RankerTrainingQuery {
  shallow: RankingQuery;
  deep: RankingQuery;
}

/** Each question ranked by `engine` (whose model must not have seen it), as LambdaMART training queries of both re-rankers. */
export function rankerTrainingRankings(
  engine: SearchEngine,
  questions: readonly LabelledQuestion[],
  kappa = defaultLearnedRerankParams.kappa,
): RankerTrainingQuery[] {
  const idx = engine.index.articles;
  const params = engine.params.learnedRerank ?? defaultLearnedRerankParams;
  const asQuery = (rows: Float64Array, width: number, labels: number[], relevantTotal: number): RankingQuery => {
    const features = labels.map((_, i) => Array.from(rows.subarray(i * width, (i + 1) * width)));
    return { features, labels, base: features.map((x) => kappa * (x[0] as number)), relevantTotal };
  };
  return questions.map((q) => {
    const trace: SearchTrace = {};
    // A trace records the deep re-ranker's candidates whatever the limit; the limit is the CLI's.
    engine.search(q.query, { limit: params.depth, qaLimit: 0, snippets: false, trace });
    const relevant = new Set(q.relevant);
    const all = (trace.candidates ?? []).slice(0, params.deepDepth);
    const labels = all.map((c) => (relevant.has(idx.key(c.doc)) ? 1 : 0));
    const head = all.slice(0, rankerTrainingRows);
    const stages = trace.stages;
    return {
      shallow: asQuery(
        stages ? rankerFeatures(stages, head, idx) : new Float64Array(0),
        rankerFeatureNames.length,
        labels.slice(0, head.length),
        relevant.size,
      ),
      deep: asQuery(stages ? deepRankerFeatures(stages, all, idx) : new Float64Array(0), deepRankerFeatureNames.length, labels, relevant.size),
    };
  });
}

/** The re-ranker's training queries alone (see rankerTrainingRankings). */
export function rankerTrainingQueries(engine: SearchEngine, questions: readonly LabelledQuestion[], kappa = defaultLearnedRerankParams.kappa): RankingQuery[] {
  return rankerTrainingRankings(engine, questions, kappa).map((r) => r.shallow);
}

/**
 * Cross-fitted training on `questions` with the model options every fold model uses; `engine` is
 * the content's engine (its own model is replaced by each fold's). `deep` false: the re-ranker of
 * the first 100 only.
 */
export function trainRanker(
  engine: SearchEngine,
  questions: readonly LabelledQuestion[],
  options: TrainingFileOptions,
  folds = rankerFolds,
  deep = true,
): RankerModel {
  const rankings: RankerTrainingQuery[] = [];
  for (let f = 0; f < folds; f++) {
    const held = questions.filter((_, i) => i % folds === f);
    if (held.length === 0) continue;
    const model = learnSearchModel(
      questions.filter((_, i) => i % folds !== f),
      options,
    );
    rankings.push(...rankerTrainingRankings(engine.withModel(model), held));
  }
  const shallow = rankings.map((r) => r.shallow).filter((q) => q.features.length > 0);
  const deepQueries = rankings.map((r) => r.deep).filter((q) => q.features.length > 0);
  return {
    features: [...rankerFeatureNames],
    trees: shallow.length > 0 ? trainLambdaMart(shallow, rankerLambdaMartParams) : [],
    ...(deep && deepQueries.length > 0
      ? { deep: { features: [...deepRankerFeatureNames], trees: trainLambdaMart(deepQueries, deepRankerLambdaMartParams) } }
      : {}),
  };
}
