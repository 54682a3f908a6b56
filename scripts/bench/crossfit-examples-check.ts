/**
 * Checks that the cross-validation models' similar-question stores (SearchModel.examples) hold only
 * their training questions: `npx tsx scripts/bench/crossfit-examples-check.ts` prints how many
 * held-out questions appear verbatim among their fold model's examples (0 expected), so features
 * computed from the examples (ltr-features.ts contextFeatures) never see a question's own labels.
 */
import { openExperimentEngine } from './search-experiment-setup';

const { trainModels } = openExperimentEngine();
const trained = trainModels();
let leaked = 0;
let held = 0;
let examples = 0;
for (const fold of trained.folds) {
  const texts = new Set((fold.model.examples ?? []).map((e) => e.text));
  examples += texts.size;
  for (const i of fold.heldOut) {
    held++;
    if (texts.has(trained.questions[i]?.query ?? '')) leaked++;
  }
}
console.log(
  `held-out questions ${String(held)}; found verbatim among their fold model's examples: ${String(leaked)}; ` +
    `examples per fold model ≈ ${String(Math.round(examples / trained.folds.length))}; all-questions model ${String(trained.model.examples?.length ?? 0)}`,
);
if (leaked > 0) process.exitCode = 1;
