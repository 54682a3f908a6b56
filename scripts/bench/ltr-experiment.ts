/**
 * Learning to rank on the feature dump of ltr-features.ts (run that first; IN=/tmp/rank):
 * `npx tsx scripts/bench/ltr-experiment.ts`. Nested 5-fold CV only: inside outer fold f the
 * ranker trains on the other folds' questions with the features of the inner cross-fitted models
 * (trained without fold f and without the question's own fold), its hyperparameters (the gate and
 * its strength, the number of trees) are chosen by a 4-fold CV over those training folds, and
 * fold f is scored with the features of its outer model. The everyday set is scored by a ranker
 * trained on all public questions' outer (held-out) features with hyperparameters chosen by the
 * 5-fold CV on them. Every variant fuses as
 *
 *   final = κ × engine score (scaled to the best 1) + γ × g(coverage) × ranker,
 *   g = (1 − coverage)^p,
 *
 * so questions a Q&A covers keep the engine's order. Variants: `linear` (coordinate ascent of
 * weights on the standardised features, RankLib style), `lambdamart` (lambdamart.ts). DROP=name,…
 * leaves features out (e.g. DROP=popularity,cited). Prints R@10 / R@100 / nDCG@10.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { QueryJudgement } from '../../kiosk-content/src/search/common/metrics';
import { evaluateRetrieval } from '../../kiosk-content/src/search/common/metrics';
import type { RankingQuery, RegressionTree } from '../../kiosk-content/authoring/search-model/lambdamart';
import { defaultLambdaMartParams, ensembleOutput, trainLambdaMart } from '../../kiosk-content/authoring/search-model/lambdamart';
import type { RankingIndex } from './ltr-features';

const dir = process.env.IN ?? '/tmp/rank';
const meta = JSON.parse(readFileSync(path.join(dir, 'features.json'), 'utf8')) as { names: string[]; width: number; rankings: RankingIndex[] };
const raw = readFileSync(path.join(dir, 'features.f32'));
const data = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
const names = meta.names;
const dropped = new Set((process.env.DROP ?? '').split(',').filter(Boolean));
const used = names.map((n, j) => ({ n, j })).filter(({ n }) => !dropped.has(n));
const col = (name: string) => names.indexOf(name);
const FINAL = col('finalScore');
const COVERAGE = col('coverage');

interface Query extends RankingQuery {
  coverage: number;
  engine: number[];
}
function queryOf(r: RankingIndex, from: Float32Array = data): Query {
  const features: number[][] = [];
  const labels: number[] = [];
  const engine: number[] = [];
  for (let i = 0; i < r.rows; i++) {
    const o = (r.offset + i) * meta.width;
    const row = Array.from(from.subarray(o, o + meta.width));
    features.push(used.map(({ j }) => row[j] as number));
    labels.push(row[meta.width - 1] as number);
    engine.push(row[FINAL] as number);
  }
  const o = r.offset * meta.width;
  return { features, labels, base: engine, engine, relevantTotal: r.relevantTotal, coverage: r.rows > 0 ? (from[o + COVERAGE] as number) : 0 };
}
const outer = new Map<number, Query>();
const inner = new Map<string, Query>();
const everyday: Query[] = [];
for (const r of meta.rankings) {
  if (r.set === 'everyday') everyday.push(queryOf(r));
  else if (r.model === 'outer') outer.set(r.question, queryOf(r));
  else inner.set(`${String(r.question)}:${String(r.model)}`, queryOf(r));
}
const foldOfQuestion = new Map(meta.rankings.filter((r) => r.set === 'stard').map((r) => [r.question, r.fold]));
const FOLDS = 5;
const questionsIn = (fold: number) => [...outer.keys()].filter((q) => foldOfQuestion.get(q) === fold);

/** POWERS=2: the gate powers the inner CV may choose from (default 0,1,2). */
const powers = (process.env.POWERS ?? '0,1,2').split(',').map(Number);
/** A ranker scores one row. */
type Ranker = (x: readonly number[]) => number;
interface Setting {
  kappa: number;
  gamma: number;
  power: number;
  /** LambdaMART: trees used. */
  trees?: number;
}

function judge(q: Query, score: (x: readonly number[], i: number) => number): QueryJudgement {
  const relevant = new Set<string>();
  for (let i = 0; i < q.relevantTotal; i++) relevant.add(`r${String(i)}`);
  let next = 0;
  const keys = q.labels.map((l, i) => (l === 1 && next < q.relevantTotal ? `r${String(next++)}` : `n${String(i)}`));
  const s = q.features.map((x, i) => score(x, i));
  const order = keys.map((_, i) => i).sort((a, b) => (s[b] as number) - (s[a] as number) || a - b);
  return { relevant, ranked: order.map((i) => keys[i] as string) };
}
function fused(q: Query, ranker: Ranker, s: Setting): QueryJudgement {
  const g = s.gamma * (1 - q.coverage) ** s.power;
  return judge(q, (x, i) => s.kappa * (q.engine[i] as number) + g * ranker(x));
}
const objective = (js: QueryJudgement[]) => {
  const m = evaluateRetrieval(js);
  return m.recallAt10 + m.ndcgAt10;
};
const p = (x: number) => (100 * x).toFixed(1);
const fig = (js: QueryJudgement[]) => {
  const m = evaluateRetrieval(js);
  return `${p(m.recallAt10)} / ${p(m.recallAt100)} / ${p(m.ndcgAt10)}`;
};

/** A learner: trains on queries and returns rankers for every setting it can vary without retraining. */
interface Learner {
  name: string;
  settings: Setting[];
  train(queries: Query[]): (s: Setting) => Ranker;
}

/** Coordinate ascent of linear weights on standardised features, base engine score fixed. */
const linear: Learner = {
  name: 'linear (coordinate ascent)',
  settings: [0.5, 1, 2].flatMap((gamma) => powers.map((power) => ({ kappa: 1, gamma, power }))),
  train(queries) {
    const width = used.length;
    const mean = new Float64Array(width);
    const sd = new Float64Array(width);
    let n = 0;
    for (const q of queries)
      for (const x of q.features) {
        n++;
        x.forEach((v, j) => (mean[j] = (mean[j] as number) + v));
      }
    mean.forEach((v, j) => (mean[j] = v / n));
    for (const q of queries) for (const x of q.features) x.forEach((v, j) => (sd[j] = (sd[j] as number) + (v - (mean[j] as number)) ** 2));
    sd.forEach((v, j) => (sd[j] = Math.sqrt(v / n) || 1));
    const w = new Float64Array(width);
    const lin = (x: readonly number[]) => x.reduce((s, v, j) => s + ((w[j] as number) * (v - (mean[j] as number))) / (sd[j] as number), 0);
    const sample = queries.filter((_, i) => i % 2 === 0);
    const evalW = () => objective(sample.map((q) => judge(q, (x, i) => (q.engine[i] as number) + 0.1 * lin(x))));
    let best = evalW();
    for (let pass = 0; pass < 2; pass++)
      for (let j = 0; j < width; j++) {
        const start = w[j] as number;
        let bestV = start;
        for (const step of [-0.4, -0.2, -0.1, -0.05, 0.05, 0.1, 0.2, 0.4]) {
          w[j] = start + step;
          const v = evalW();
          if (v > best + 1e-9) {
            best = v;
            bestV = w[j] as number;
          }
        }
        w[j] = bestV;
      }
    const frozen = Float64Array.from(w);
    return () => (x) => x.reduce((s, v, j) => s + ((frozen[j] as number) * (v - (mean[j] as number))) / (sd[j] as number), 0) * 0.1;
  },
};

const treeCounts = [25, 50, 100];
/** LambdaMART trains on each query's first TRAINROWS candidates (the lambdas of the lower ones are small), scores all. */
const trainRows = Number(process.env.TRAINROWS ?? 50);
const mart: Learner = {
  name: 'LambdaMART',
  settings: (process.env.KAPPAS ?? '2,10')
    .split(',')
    .map(Number)
    .flatMap((kappa) => powers.flatMap((power) => treeCounts.map((trees) => ({ kappa, gamma: 1, power, trees })))),
  train(queries) {
    // Trained once per κ (the base score's scale changes the lambdas); the tree count is a prefix.
    const byKappa = new Map<number, RegressionTree[]>();
    return (s) => {
      let trees = byKappa.get(s.kappa);
      if (!trees) {
        trees = trainLambdaMart(
          queries.map((q) => ({
            features: q.features.slice(0, trainRows),
            labels: q.labels.slice(0, trainRows),
            base: q.engine.slice(0, trainRows).map((e) => s.kappa * e),
            relevantTotal: q.relevantTotal,
          })),
          { ...defaultLambdaMartParams, trees: Math.max(...treeCounts) },
        );
        byKappa.set(s.kappa, trees);
      }
      const t = trees;
      return (x) => ensembleOutput(t, x, s.trees);
    };
  },
};

/** Chooses a setting by CV over `folds` (queries per fold: inner features), trains on all of them, returns the ranker and setting. */
function choose(learner: Learner, folds: Query[][], all: Query[]): { ranker: Ranker; setting: Setting } {
  const totals = learner.settings.map(() => [] as QueryJudgement[]);
  folds.forEach((validation, v) => {
    const trained = learner.train(folds.filter((_, i) => i !== v).flat());
    learner.settings.forEach((s, k) => {
      const r = trained(s);
      for (const q of validation) totals[k]?.push(fused(q, r, s));
    });
  });
  let bestK = 0;
  totals.forEach((js, k) => {
    if (objective(js) > objective(totals[bestK] ?? [])) bestK = k;
  });
  const setting = learner.settings[bestK] as Setting;
  return { ranker: learner.train(all)(setting), setting };
}

const baseline = (qs: Query[]) => qs.map((q) => judge(q, (_, i) => -i));
const allOuter = [...outer.values()];
console.log(`features: ${used.map((u) => u.n).join(', ')}`);
console.log(`engine (dump order): STARD CV ${fig(baseline(allOuter))} | everyday ${fig(baseline(everyday))}`);
for (const learner of process.env.LEARNERS
  ? [linear, mart].filter((l) => process.env.LEARNERS?.split(',').includes(l.name.split(' ')[0] ?? ''))
  : [linear, mart]) {
  const started = performance.now();
  const cv: QueryJudgement[] = [];
  const chosen: string[] = [];
  for (let f = 0; f < FOLDS; f++) {
    const trainFolds = [...Array(FOLDS).keys()].filter((g) => g !== f);
    const folds = trainFolds.map((g) => questionsIn(g).map((q) => inner.get(`${String(q)}:${String(f)}`) as Query));
    const { ranker, setting } = choose(learner, folds, folds.flat());
    chosen.push(JSON.stringify(setting));
    for (const q of questionsIn(f)) cv.push(fused(outer.get(q) as Query, ranker, setting));
    console.log(`  outer fold ${String(f)}: ${JSON.stringify(setting)}, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const ev = choose(
    learner,
    [...Array(FOLDS).keys()].map((g) => questionsIn(g).map((q) => outer.get(q) as Query)),
    allOuter,
  );
  console.log(`${learner.name}: nested STARD CV ${fig(cv)} | everyday ${fig(everyday.map((q) => fused(q, ev.ranker, ev.setting)))}`);
  // HELDOUT=1 (after ltr-features.ts with BLIND=1 / CHECK=1): those sets' aggregates only, for a chosen variant.
  if (process.env.HELDOUT === '1') {
    const held = JSON.parse(readFileSync(path.join(dir, 'heldout.json'), 'utf8')) as { rankings: RankingIndex[] };
    const heldRaw = readFileSync(path.join(dir, 'heldout.f32'));
    const heldData = new Float32Array(heldRaw.buffer, heldRaw.byteOffset, heldRaw.byteLength / 4);
    for (const set of [...new Set(held.rankings.map((r) => r.set))]) {
      const qs = held.rankings.filter((r) => r.set === set).map((r) => queryOf(r, heldData));
      console.log(`  held-out ${set} (aggregate): engine ${fig(baseline(qs))} → ranker ${fig(qs.map((q) => fused(q, ev.ranker, ev.setting)))}`);
    }
  }
  console.log(`  chosen per outer fold: ${chosen.join(' ')}; for the everyday set: ${JSON.stringify(ev.setting)}`);
}
