/**
 * Ablation of the learned search components on the public STARD questions, 5-fold CV (each
 * question ranked by a model trained without its fold): `npx tsx scripts/bench/search-ablation.ts`.
 * Prints R@10 / R@100 / nDCG@10 with all components and with each one switched off. For
 * development; `npm run bench:search` is the full benchmark.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { normalizeLawTitle } from '../../kiosk-content/src/laws/common/law-title';
import type { QueryJudgement } from '../../kiosk-content/src/search/common/metrics';
import { evaluateRetrieval } from '../../kiosk-content/src/search/common/metrics';
import type { EngineParams, SearchEngine } from '../../kiosk-content/src/search/common/search-engine';
import { defaultEngineParams } from '../../kiosk-content/src/search/common/search-engine';
import { defaultQaBridgeParams } from '../../kiosk-content/src/search/common/qa-bridge';
import { everydayFile } from './bench-data-files';
import { FOLDS, openExperimentEngine, quantileMs, selectedVariants } from './search-experiment-setup';

const folds = FOLDS;
const { base, trainModels } = openExperimentEngine();
let t = performance.now();
const trained = trainModels();
console.log(`training (${String(folds)} folds + all): ${((performance.now() - t) / 1000).toFixed(1)} s`);
// NEIGH=radius:weight compiles the models with another neighbour spread of the expansion field.
const [radius, spread] = (process.env.NEIGH ?? '').split(':').map(Number);
const neighboured = <M extends typeof trained.model>(m: M): M => (process.env.NEIGH ? { ...m, neighbours: { radius: radius ?? 2, weight: spread ?? 0.3 } } : m);
const engines = trained.folds.map((f) => ({ heldOut: f.heldOut, engine: base.withModel(neighboured(f.model)) }));

const withWeights = (translationWeight: number, popularity: number): EngineParams => ({
  ...defaultEngineParams,
  translationWeight,
  bm25: {
    ...defaultEngineParams.bm25,
    learned: { weight: defaultEngineParams.bm25.learned?.weight ?? 0.5, b: defaultEngineParams.bm25.learned?.b ?? 0.2, popularity },
  },
});
const variants: { name: string; params: EngineParams }[] = [
  { name: 'defaults', params: defaultEngineParams },
  { name: 'translation 0, popularity 0 (before)', params: withWeights(0, 0) },
  { name: 'domain routing 0.5', params: { ...defaultEngineParams, domainRouting: 0.5 } },
  ...(process.env.GRID ?? '0.1:0.05,0.2:0,0.1:0,0.3:0')
    .split(',')
    .filter((pair) => pair.includes(':'))
    .map((pair) => {
      const [tw, pop] = pair.split(':').map(Number);
      return { name: `translation ${String(tw)}, popularity ${String(pop)}`, params: withWeights(tw ?? 0, pop ?? 0) };
    }),
  ...(process.env.SIMILAR ?? '')
    .split(',')
    .filter((pair) => pair.includes(':'))
    .map((pair) => {
      const [weight, k, keywords] = pair.split(':').map(Number);
      return {
        name: `similar q. votes ${String(weight)} k ${String(k)} kw ${String(keywords ?? 0)}`,
        params: { ...defaultEngineParams, similarQuestions: { weight: weight ?? 0, k: k ?? 10, keywords: keywords ?? 0 } },
      };
    }),
  ...(process.env.COCITE ?? '')
    .split(',')
    .filter((pair) => pair.includes(':'))
    .map((pair) => {
      const [weight, top] = pair.split(':').map(Number);
      return {
        name: `co-citation ${String(weight)} top ${String(top)}`,
        params: { ...defaultEngineParams, coCitation: { weight: weight ?? 0, top: top ?? 5 } },
      };
    }),
  ...(process.env.LEARNED ?? '')
    .split(',')
    .filter((pair) => pair.includes(':'))
    .map((pair) => {
      const [weight, b] = pair.split(':').map(Number);
      const learned = { ...(defaultEngineParams.bm25.learned ?? { weight: 0.5, b: 0.2 }), weight: weight ?? 0.5, b: b ?? 0.2 };
      return { name: `learned field ${String(weight)} b ${String(b)}`, params: { ...defaultEngineParams, bm25: { ...defaultEngineParams.bm25, learned } } };
    }),
  // BRIDGE=weight,… : the Q&A bridge at another weight (0 = off), coverage power as default.
  ...(process.env.BRIDGE ?? '')
    .split(',')
    .filter((w) => w.trim().length > 0)
    .map((w) => ({
      name: `Q&A bridge weight ${w}`,
      params: { ...defaultEngineParams, qaBridge: { ...defaultQaBridgeParams, weight: Number(w) } },
    })),
  // FEEDBACK=docs:terms:weight:maxDocShare,… : pseudo-relevance feedback (feedback.ts).
  ...(process.env.FEEDBACK ?? '')
    .split(',')
    .filter((spec) => spec.includes(':'))
    .map((spec) => {
      const [docs, terms, weight, maxDocShare] = spec.split(':').map(Number);
      return {
        name: `feedback ${spec}`,
        params: { ...defaultEngineParams, feedback: { docs: docs ?? 5, terms: terms ?? 10, weight: weight ?? 0.2, maxDocShare: maxDocShare ?? 0.05 } },
      };
    }),
];
const everyday = readFileSync(everydayFile, 'utf8')
  .split('\n')
  .filter((l) => l.trim().length > 0)
  .map((l) => JSON.parse(l) as { query: string; relevant: { law: string; article: string }[] });
const allEngine = base.withModel(neighboured(trained.model));
for (const v of selectedVariants(variants)) {
  t = performance.now();
  const judged: QueryJudgement[] = [];
  const times: number[] = [];
  for (const { heldOut, engine } of engines) {
    const e: SearchEngine = engine.withParams(v.params);
    for (const i of heldOut) {
      const q = trained.questions[i];
      if (!q) continue;
      const started = performance.now();
      const ranked = e.search(q.query, { limit: 100, qaLimit: 0, snippets: false }).articles.map((a) => a.key);
      times.push(performance.now() - started);
      judged.push({ relevant: new Set(q.relevant), ranked });
    }
  }
  const m = evaluateRetrieval(judged);
  const ea = allEngine.withParams(v.params);
  const ev = evaluateRetrieval(
    everyday.map((q) => ({
      relevant: new Set(q.relevant.map((r) => `${normalizeLawTitle(r.law)}|${r.article}`)),
      ranked: ea.search(q.query, { limit: 100, qaLimit: 0, snippets: false }).articles.map((a) => a.key),
    })),
  );
  const p = (x: number) => (100 * x).toFixed(1);
  console.log(
    `${v.name.padEnd(36)} CV: R@10 ${p(m.recallAt10)}  R@100 ${p(m.recallAt100)}  nDCG@10 ${p(m.ndcgAt10)}  MRR@10 ${p(m.mrrAt10)} | everyday: R@10 ${p(ev.recallAt10)}  R@100 ${p(ev.recallAt100)}  nDCG@10 ${p(ev.ndcgAt10)} | p50/p95 ${quantileMs(times, 0.5)}/${quantileMs(times, 0.95)} ms (${((performance.now() - t) / 1000).toFixed(0)} s)`,
  );
}
