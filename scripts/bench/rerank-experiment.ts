/**
 * Experiment: does a learned re-ranker over the engine's candidates help? 5-fold CV features
 * (each question's candidates come from the engine with the model of the fold that held it out),
 * then a logistic re-ranker trained on the other folds' questions scores fold f's candidates.
 * `npx tsx scripts/bench/rerank-experiment.ts`.
 */
import { readFileSync } from 'node:fs';
import { normalizeLawTitle } from '../../kiosk-content/src/laws/common/law-title';
import { performance } from 'node:perf_hooks';
import { evaluateRetrieval } from '../../kiosk-content/src/search/common/metrics';
import { defaultEngineParams } from '../../kiosk-content/src/search/common/search-engine';
import { everydayFile } from './bench-data-files';
import { FOLDS, openExperimentEngine } from './search-experiment-setup';

const folds = FOLDS;
const { base, trainModels } = openExperimentEngine();
const trained = trainModels();
const depth = Number(process.env.DEPTH ?? 200);

interface Cand {
  key: string;
  x: number[];
}
const perQuestion: { fold: number; relevant: Set<string>; cands: Cand[]; baseline: string[] }[] = [];
let t = performance.now();
type Sink = typeof perQuestion;
function collect(model: (typeof trained)['model'], qs: { query: string; relevant: readonly string[] }[], fold: number, sink: Sink): void {
  const engine = base.withModel(model).withParams(defaultEngineParams);
  const idx = engine.index.articles;
  const learned = idx.learned;
  if (!learned) throw new Error('no learned field');
  for (const q of qs) {
    const res = engine.search(q.query, { limit: depth, qaLimit: 0, snippets: false });
    const own = res.terms.filter((w) => w.weight >= 1).map((w) => w.term);
    const votes = learned.similarQuestionVotes(own, 10);
    const votes30 = learned.similarQuestionVotes(own, 30);
    const post = learned.lawPosterior(
      own.map((term) => ({ term, idf: idx.idf(term) })),
      2,
    );
    const lawVote = new Map<number, number>();
    for (const [doc, v] of votes30) lawVote.set(idx.data.docLaw[doc] as number, (lawVote.get(idx.data.docLaw[doc] as number) ?? 0) + v);
    let maxLaw = 0;
    for (const v of lawVote.values()) maxLaw = Math.max(maxLaw, v);
    const top = res.articles[0]?.score ?? 1;
    const docs: { doc: number; score: number; rank: number }[] = [];
    const seen = new Set<number>();
    res.articles.forEach((a, rank) => {
      const bar = a.key.lastIndexOf('|');
      const doc = idx.findArticle(a.key.slice(0, bar), a.key.slice(bar + 1));
      if (doc === undefined || seen.has(doc)) return;
      seen.add(doc);
      docs.push({ doc, score: a.score, rank });
    });
    for (const [doc] of process.env.NOVOTE ? [] : votes30)
      if (!seen.has(doc)) {
        seen.add(doc);
        docs.push({ doc, score: 0, rank: depth });
      }
    const pop = learned.data.popularity;
    const cands = docs.map(({ doc, score, rank }): Cand => {
      const law = idx.data.docLaw[doc] as number;
      let near = 0;
      for (const d of [doc - 2, doc - 1, doc + 1, doc + 2]) if (idx.data.docLaw[d] === law) near = Math.max(near, votes30.get(d) ?? 0);
      const auth = idx.law(doc).authority;
      return {
        key: idx.key(doc),
        x: [
          score / top,
          Math.log(2 + rank),
          votes.get(doc) ?? 0,
          votes30.get(doc) ?? 0,
          pop ? (pop[doc] as number) : 0,
          Math.sqrt(post.get(law) ?? 0),
          maxLaw > 0 ? (lawVote.get(law) ?? 0) / maxLaw : 0,
          near,
          auth === 'law' ? 1 : 0,
          auth === 'judicial-interpretation' ? 1 : 0,
          pop && (pop[doc] as number) > 0 ? 1 : 0,
          Math.log(1 + (idx.data.text.lengths[doc] as number)),
          rank < depth ? 1 : 0,
        ],
      };
    });
    sink.push({ fold, relevant: new Set(q.relevant), cands, baseline: res.articles.map((a) => a.key) });
  }
}
trained.folds.forEach((f, fold) =>
  collect(
    f.model,
    f.heldOut.map((i) => trained.questions[i]).filter((q) => q !== undefined),
    fold,
    perQuestion,
  ),
);
const everyday: Sink = [];
collect(
  trained.model,
  readFileSync(everydayFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as { query: string; relevant: { law: string; article: string }[] })
    .map((q) => ({ query: q.query, relevant: q.relevant.map((r) => `${normalizeLawTitle(r.law)}|${r.article}`) })),
  -1,
  everyday,
);
console.log(`features: ${((performance.now() - t) / 1000).toFixed(1)} s`);

const dim = perQuestion[0]?.cands[0]?.x.length ?? 0;
/** Pairwise logistic (RankNet-style) with L2, plain SGD over sampled (relevant, irrelevant) pairs. */
function train(qs: typeof perQuestion, epochs = 8, lr = 0.05, l2 = 1e-4): { w: number[]; mean: number[]; sd: number[] } {
  const mean = new Array<number>(dim).fill(0);
  const sd = new Array<number>(dim).fill(0);
  let n = 0;
  for (const q of qs)
    for (const c of q.cands) {
      n++;
      c.x.forEach((v, j) => (mean[j] = (mean[j] as number) + v));
    }
  for (let j = 0; j < dim; j++) mean[j] = (mean[j] as number) / n;
  for (const q of qs) for (const c of q.cands) c.x.forEach((v, j) => (sd[j] = (sd[j] as number) + (v - (mean[j] as number)) ** 2));
  for (let j = 0; j < dim; j++) sd[j] = Math.sqrt((sd[j] as number) / n) || 1;
  const z = (x: number[]) => x.map((v, j) => (v - (mean[j] as number)) / (sd[j] as number));
  const w = new Array<number>(dim).fill(0);
  let seed = 1;
  const rnd = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296;
  };
  if (process.env.POINTWISE) {
    const all = qs.flatMap((q) => q.cands.map((c) => ({ z: z(c.x), y: q.relevant.has(c.key) ? 1 : 0 })));
    let b0 = 0;
    for (let it = 0; it < Number(process.env.ITER ?? 300); it++) {
      const g = new Array<number>(dim).fill(0);
      let gb = 0;
      for (const { z: zx, y } of all) {
        let d = b0;
        for (let j = 0; j < dim; j++) d += (w[j] as number) * (zx[j] as number);
        const err = y - 1 / (1 + Math.exp(-d));
        gb += err;
        for (let j = 0; j < dim; j++) g[j] = (g[j] as number) + err * (zx[j] as number);
      }
      b0 += (Number(process.env.LR ?? 0.5) * gb) / all.length;
      for (let j = 0; j < dim; j++) w[j] = (w[j] as number) + (Number(process.env.LR ?? 0.5) * (g[j] as number)) / all.length - l2 * (w[j] as number);
    }
    return { w, mean, sd };
  }
  for (let e = 0; e < epochs; e++) {
    for (const q of qs) {
      const pos = q.cands.filter((c) => q.relevant.has(c.key));
      const neg = q.cands.filter((c) => !q.relevant.has(c.key));
      if (pos.length === 0 || neg.length === 0) continue;
      for (const p of pos)
        for (let s = 0; s < 20; s++) {
          const ng = neg[Math.floor(rnd() * Math.min(neg.length, s < Number(process.env.HARD ?? 0) ? 20 : neg.length))] as Cand;
          const zp = z(p.x);
          const zn = z(ng.x);
          let d = 0;
          for (let j = 0; j < dim; j++) d += (w[j] as number) * ((zp[j] as number) - (zn[j] as number));
          const g = 1 / (1 + Math.exp(d));
          for (let j = 0; j < dim; j++) w[j] = (w[j] as number) + lr * (g * ((zp[j] as number) - (zn[j] as number)) - l2 * (w[j] as number));
        }
    }
  }
  return { w, mean, sd };
}
t = performance.now();
const judged: { relevant: Set<string>; ranked: string[] }[] = [];
const base0: { relevant: Set<string>; ranked: string[] }[] = [];
for (let f = 0; f < folds; f++) {
  const m = train(perQuestion.filter((q) => q.fold !== f));
  console.log(`fold ${String(f)} weights ${m.w.map((v) => v.toFixed(2)).join(' ')}`);
  for (const q of perQuestion.filter((p) => p.fold === f)) {
    const scored = q.cands.map((c) => ({
      key: c.key,
      s: c.x.reduce((acc, v, j) => acc + (m.w[j] as number) * ((v - (m.mean[j] as number)) / (m.sd[j] as number)), 0),
    }));
    scored.sort((a, b) => b.s - a.s);
    judged.push({ relevant: q.relevant, ranked: scored.slice(0, 100).map((s) => s.key) });
    base0.push({ relevant: q.relevant, ranked: q.baseline.slice(0, 100) });
  }
}
const all = train(perQuestion);
const rerank = (q: Sink[number], m: typeof all) =>
  q.cands
    .map((c) => ({ key: c.key, s: c.x.reduce((acc, v, j) => acc + (m.w[j] as number) * ((v - (m.mean[j] as number)) / (m.sd[j] as number)), 0) }))
    .sort((a, b) => b.s - a.s)
    .slice(0, 100)
    .map((s) => s.key);
const p = (x: number) => (100 * x).toFixed(1);
for (const [name, j] of [
  ['engine', base0],
  ['re-ranked', judged],
  ['everyday engine', everyday.map((q) => ({ relevant: q.relevant, ranked: q.baseline.slice(0, 100) }))],
  ['everyday re-ranked', everyday.map((q) => ({ relevant: q.relevant, ranked: rerank(q, all) }))],
] as const) {
  const m = evaluateRetrieval(j);
  console.log(`${name.padEnd(20)} R@10 ${p(m.recallAt10)}  R@100 ${p(m.recallAt100)}  nDCG@10 ${p(m.ndcgAt10)}  MRR@10 ${p(m.mrrAt10)}`);
}
console.log(`train+score: ${((performance.now() - t) / 1000).toFixed(1)} s`);
for (const j of [0, 2, 3, 6]) {
  const m = evaluateRetrieval(
    perQuestion.map((q) => ({
      relevant: q.relevant,
      ranked: [...q.cands]
        .sort((a, b) => (b.x[j] as number) - (a.x[j] as number) || (a.x[1] as number) - (b.x[1] as number))
        .slice(0, 100)
        .map((c) => c.key),
    })),
  );
  console.log(`feature ${String(j)} alone: R@10 ${p(m.recallAt10)}  R@100 ${p(m.recallAt100)}  nDCG@10 ${p(m.ndcgAt10)}`);
}
const inCands =
  perQuestion.reduce((s, q) => s + [...q.relevant].filter((k) => q.cands.some((c) => c.key === k)).length / q.relevant.size, 0) / perQuestion.length;
console.log(`recall of the candidate pool: ${p(inCands)}`);
