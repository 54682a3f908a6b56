import { describe, expect, it } from 'vitest';
import type { RankingQuery } from './lambdamart';
import { defaultLambdaMartParams, ensembleOutput, trainLambdaMart, treeOutput } from './lambdamart';

/** Queries whose relevant item is the one with feature 0 above 0.7; feature 1 is noise; the base order puts it last. */
function queries(count: number, seed: number): RankingQuery[] {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: count }, () => {
    const features = Array.from({ length: 10 }, (_, i) => [i === 9 ? 0.7 + 0.3 * rand() : 0.6 * rand(), rand()]);
    return { features, labels: features.map((_, i) => (i === 9 ? 1 : 0)), base: features.map((_, i) => -i * 0.01), relevantTotal: 1 };
  });
}

describe('trainLambdaMart', () => {
  it('learns to put the rows the features single out first', () => {
    const trees = trainLambdaMart(queries(40, 1), { ...defaultLambdaMartParams, trees: 20 });
    expect(trees).toHaveLength(20);
    for (const q of queries(20, 7)) {
      const scores = q.features.map((x, i) => (q.base[i] as number) + ensembleOutput(trees, x));
      const top = scores.indexOf(Math.max(...scores));
      expect(q.labels[top]).toBe(1);
    }
  });

  it('splits on the informative feature, and a prefix of the trees scores less than all of them', () => {
    const trees = trainLambdaMart(queries(40, 3), { ...defaultLambdaMartParams, trees: 10 });
    expect(trees[0]?.feature[0]).toBe(0);
    const x = [0.9, 0.5];
    expect(ensembleOutput(trees, x, 1)).toBe(treeOutput(trees[0] as never, x));
    expect(ensembleOutput(trees, x)).toBeGreaterThan(ensembleOutput(trees, x, 1));
  });

  it('is deterministic and leaves a query without relevant rows alone', () => {
    const qs = queries(10, 5);
    expect(trainLambdaMart(qs, { ...defaultLambdaMartParams, trees: 5 })).toEqual(trainLambdaMart(qs, { ...defaultLambdaMartParams, trees: 5 }));
    const none = trainLambdaMart(
      qs.map((q) => ({ ...q, labels: q.labels.map(() => 0), relevantTotal: 0 })),
      { ...defaultLambdaMartParams, trees: 3 },
    );
    for (const t of none) expect(t.value.every((v) => v === 0)).toBe(true);
  });

  it('with recall lambdas only, learns nothing where every relevant row is already inside the cut-off, and lifts rows across it', () => {
    const recall = { ...defaultLambdaMartParams, trees: 5, ndcgWeight: 0, recallK: 9, recallWeight: 1 };
    // The base order puts the relevant row 10th: outside the first 9, so the trees must lift it.
    const outside = trainLambdaMart(queries(20, 9), recall);
    expect(outside.some((t) => t.value.some((v) => v !== 0))).toBe(true);
    for (const q of queries(10, 11)) {
      const scores = q.features.map((x, i) => (q.base[i] as number) + ensembleOutput(outside, x));
      expect(scores.filter((s) => s > (scores[9] as number)).length).toBeLessThan(9);
    }
    // Cut-off 10: it is already inside; no pair crosses the cut-off, so every gradient is 0.
    const inside = trainLambdaMart(queries(20, 9), { ...recall, recallK: 10 });
    for (const t of inside) expect(t.value.every((v) => v === 0)).toBe(true);
  });
});
