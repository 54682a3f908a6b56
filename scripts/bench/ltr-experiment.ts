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
 *
 * Deeper lists (a dump with DEPTH=300): FEATURES=deep trains on the `deep.*` features and the two
 * indicators instead of the shipped ones, TRAINROWS=300 on all rows, LAMBDA=ndcg100 | recall100 |
 * mix:w (ΔnDCG@10 + w × ΔRecall@100) chooses the trees' lambdas, OBJECTIVE=top (R@10 + nDCG@10,
 * default) | recall (R@100) | all (R@10 + nDCG@10 + R@100) what the inner CVs maximise, and KEEP=k
 * keeps the shipped ranker's first k (the shipped features of the first 100, κ 2, γ 1, p 4, 100
 * trees, trained inside every fold like the others) and lets the learner order the rest of the
 * `depth` candidates: the learner decides which articles below 100 enter the first 100 and the
 * order after k, never the first k. The shipped re-ranker alone (the first 100 re-ranked, the
 * rest in the engine's order) is printed as the reference. EXTRA=name,… adds columns of the other
 * kind (with FEATURES=deep: e.g. the candidate features of contextFeatures, in a dump that has
 * them); TREES=25,50,100 the tree counts offered, RATE and TREEDEPTH the trees' learning rate and
 * depth (lambdamart.ts defaults otherwise).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { QueryJudgement } from '../../kiosk-content/src/search/common/metrics';
import { evaluateRetrieval } from '../../kiosk-content/src/search/common/metrics';
import type { LambdaMartParams, RankingQuery, RegressionTree } from '../../kiosk-content/authoring/search-model/lambdamart';
import { defaultLambdaMartParams, ensembleOutput, trainLambdaMart } from '../../kiosk-content/authoring/search-model/lambdamart';
import { rankerFeatureNames } from '../../kiosk-content/src/search/common/learned-rerank';
import type { RankingIndex } from './ltr-features';

const dir = process.env.IN ?? '/tmp/rank';
const meta = JSON.parse(readFileSync(path.join(dir, 'features.json'), 'utf8')) as { names: string[]; width: number; rankings: RankingIndex[] };
const raw = readFileSync(path.join(dir, 'features.f32'));
const data = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
const names = meta.names;
const dropped = new Set((process.env.DROP ?? '').split(',').filter(Boolean));
/** The deep re-ranker's columns (deep-rerank.ts; 'tlmScored' is what the first deep dump called 'translationScored'). */
const isDeep = (n: string) => n.startsWith('deep.') || n === 'bigramScored' || n === 'translationScored' || n === 'tlmScored';
const deepFeatures = process.env.FEATURES === 'deep';
/** EXTRA=name,…: columns of the other kind used as well (e.g. FEATURES=deep EXTRA=similarVote10,coCitedSum). */
const extra = new Set((process.env.EXTRA ?? '').split(',').filter(Boolean));
for (const n of extra) if (!names.includes(n)) throw new Error(`EXTRA: no column ${n} in ${dir} (columns: ${names.join(', ')})`);
const used = names.map((n, j) => ({ n, j })).filter(({ n }) => !dropped.has(n) && (isDeep(n) === deepFeatures || extra.has(n)));
/** The shipped re-ranker's columns (KEEP and the reference). */
const shippedColumns = rankerFeatureNames.map((n) => names.indexOf(n));
const col = (name: string) => names.indexOf(name);
const FINAL = col('finalScore');
const COVERAGE = col('coverage');

interface Query extends RankingQuery {
  coverage: number;
  engine: number[];
  /** The shipped re-ranker's features of the first 100 rows. */
  shipped: number[][];
}
const shippedDepth = 100;
function queryOf(r: RankingIndex, from: Float32Array = data): Query {
  const features: number[][] = [];
  const shipped: number[][] = [];
  const labels: number[] = [];
  const engine: number[] = [];
  for (let i = 0; i < r.rows; i++) {
    const o = (r.offset + i) * meta.width;
    const row = Array.from(from.subarray(o, o + meta.width));
    features.push(used.map(({ j }) => row[j] as number));
    if (i < shippedDepth) shipped.push(shippedColumns.map((j) => row[j] as number));
    labels.push(row[meta.width - 1] as number);
    engine.push(row[FINAL] as number);
  }
  const o = r.offset * meta.width;
  return { features, shipped, labels, base: engine, engine, relevantTotal: r.relevantTotal, coverage: r.rows > 0 ? (from[o + COVERAGE] as number) : 0 };
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

/** The query's rows ordered by `score` (ties: the dump's order). */
function orderBy(q: Query, score: (x: readonly number[], i: number) => number): number[] {
  const s = q.features.map((x, i) => score(x, i));
  return q.labels.map((_, i) => i).sort((a, b) => (s[b] as number) - (s[a] as number) || a - b);
}
function judgeOrder(q: Query, order: readonly number[]): QueryJudgement {
  const relevant = new Set<string>();
  for (let i = 0; i < q.relevantTotal; i++) relevant.add(`r${String(i)}`);
  let next = 0;
  const keys = q.labels.map((l, i) => (l === 1 && next < q.relevantTotal ? `r${String(next++)}` : `n${String(i)}`));
  return { relevant, ranked: order.map((i) => keys[i] as string) };
}
const judge = (q: Query, score: (x: readonly number[], i: number) => number): QueryJudgement => judgeOrder(q, orderBy(q, score));
/** The learner's fused order of all rows. */
function fusedOrder(q: Query, ranker: Ranker, s: Setting): number[] {
  const g = s.gamma * (1 - q.coverage) ** s.power;
  return orderBy(q, (x, i) => s.kappa * (q.engine[i] as number) + g * ranker(x));
}
/** The shipped fusion (κ 2, γ 1, p 4) of the first 100 rows by a ranker of the shipped features; the rest in the dump's order. */
const shippedSetting: Setting = { kappa: 2, gamma: 1, power: 4 };
function shippedOrder(q: Query, ranker: Ranker): number[] {
  const g = shippedSetting.gamma * (1 - q.coverage) ** shippedSetting.power;
  const s = q.shipped.map((x, i) => shippedSetting.kappa * (q.engine[i] as number) + g * ranker(x));
  const head = q.shipped.map((_, i) => i).sort((a, b) => (s[b] as number) - (s[a] as number) || a - b);
  return [...head, ...q.labels.map((_, i) => i).slice(head.length)];
}
/** KEEP=k: the shipped ranker's first k rows, then the rest in the learner's order. */
const keep = Number(process.env.KEEP ?? 0);
/** Per query: the shipped ranker of the fold being scored (KEEP > 0). */
let shippedRankerFor: ((q: Query) => Ranker) | null = null;
function fused(q: Query, ranker: Ranker, s: Setting): QueryJudgement {
  const order = fusedOrder(q, ranker, s);
  if (keep <= 0 || !shippedRankerFor) return judgeOrder(q, order);
  const top = shippedOrder(q, shippedRankerFor(q)).slice(0, keep);
  const kept = new Set(top);
  return judgeOrder(q, [...top, ...order.filter((i) => !kept.has(i))]);
}
const objectiveName = process.env.OBJECTIVE ?? 'top';
const objective = (js: QueryJudgement[]) => {
  const m = evaluateRetrieval(js);
  if (objectiveName === 'recall') return m.recallAt100;
  if (objectiveName === 'all') return m.recallAt10 + m.ndcgAt10 + m.recallAt100;
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

/** TREES=a,b,…: the tree counts the inner CVs choose from (a prefix of the largest); RATE, TREEDEPTH: the learner's learning rate and tree depth. */
const treeCounts = (process.env.TREES ?? '25,50,100').split(',').map(Number);
const learnerParams: Partial<LambdaMartParams> = {
  ...(process.env.RATE ? { learningRate: Number(process.env.RATE) } : {}),
  ...(process.env.TREEDEPTH ? { depth: Number(process.env.TREEDEPTH) } : {}),
};
/** LambdaMART trains on each query's first TRAINROWS candidates (the lambdas of the lower ones are small), scores all. */
const trainRows = Number(process.env.TRAINROWS ?? 50);
/** LAMBDA: the trees' lambdas (see the header). */
const [lambdaName, lambdaArg] = (process.env.LAMBDA ?? 'ndcg10').split(':');
const lambdaParams: Partial<LambdaMartParams> =
  lambdaName === 'ndcg100'
    ? { k: 100 }
    : lambdaName === 'recall100'
      ? { ndcgWeight: 0, recallK: 100, recallWeight: 1 }
      : lambdaName === 'mix'
        ? { recallK: 100, recallWeight: Number(lambdaArg ?? 1) }
        : {};
/** The shipped re-ranker's trees trained on the shipped features of `queries`' first 50 rows (KEEP and the reference). */
function trainShipped(queries: readonly Query[]): Ranker {
  const trees = trainLambdaMart(
    queries.map((q) => ({
      features: q.shipped.slice(0, 50),
      labels: q.labels.slice(0, 50),
      base: q.engine.slice(0, 50).map((e) => shippedSetting.kappa * e),
      relevantTotal: q.relevantTotal,
    })),
    { ...defaultLambdaMartParams, trees: 100 },
  );
  return (x) => ensembleOutput(trees, x);
}
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
          { ...defaultLambdaMartParams, ...lambdaParams, ...learnerParams, trees: Math.max(...treeCounts) },
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
    const training = folds.filter((_, i) => i !== v).flat();
    const trained = learner.train(training);
    if (keep > 0) {
      const shipped = trainShipped(training);
      shippedRankerFor = () => shipped;
    }
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
/** The shipped re-ranker trained on `all` (KEEP: used for the queries scored next). */
function shippedFor(all: Query[]): Ranker {
  const shipped = trainShipped(all);
  shippedRankerFor = () => shipped;
  return shipped;
}

const baseline = (qs: Query[]) => qs.map((q) => judge(q, (_, i) => -i));
const allOuter = [...outer.values()];
console.log(`features: ${used.map((u) => u.n).join(', ')}`);
console.log(`engine (dump order): STARD CV ${fig(baseline(allOuter))} | everyday ${fig(baseline(everyday))}`);
const innerFolds = (f: number) =>
  [...Array(FOLDS).keys()].filter((g) => g !== f).map((g) => questionsIn(g).map((q) => inner.get(`${String(q)}:${String(f)}`) as Query));
const outerFolds = () => [...Array(FOLDS).keys()].map((g) => questionsIn(g).map((q) => outer.get(q) as Query));
if (process.env.REFERENCE !== '0') {
  // The shipped re-ranker at its fixed settings, trained inside each outer fold on the inner features.
  const cv: QueryJudgement[] = [];
  for (let f = 0; f < FOLDS; f++) {
    const r = trainShipped(innerFolds(f).flat());
    for (const q of questionsIn(f)) {
      const oq = outer.get(q) as Query;
      cv.push(judgeOrder(oq, shippedOrder(oq, r)));
    }
  }
  const r = trainShipped(allOuter);
  console.log(`shipped re-ranker (κ 2, γ 1, p 4, 100 trees): STARD CV ${fig(cv)} | everyday ${fig(everyday.map((q) => judgeOrder(q, shippedOrder(q, r))))}`);
}
for (const learner of process.env.LEARNERS
  ? [linear, mart].filter((l) => process.env.LEARNERS?.split(',').includes(l.name.split(' ')[0] ?? ''))
  : [linear, mart]) {
  const started = performance.now();
  const cv: QueryJudgement[] = [];
  const chosen: string[] = [];
  for (let f = 0; f < FOLDS; f++) {
    const folds = innerFolds(f);
    const { ranker, setting } = choose(learner, folds, folds.flat());
    if (keep > 0) shippedFor(folds.flat());
    chosen.push(JSON.stringify(setting));
    for (const q of questionsIn(f)) cv.push(fused(outer.get(q) as Query, ranker, setting));
    console.log(`  outer fold ${String(f)}: ${JSON.stringify(setting)}, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const ev = choose(learner, outerFolds(), allOuter);
  if (keep > 0) shippedFor(allOuter);
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
