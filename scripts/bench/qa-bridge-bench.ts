/**
 * The Q&A bridge (kiosk-content/src/search/common/qa-bridge.ts) on and off:
 * `npx tsx scripts/bench/qa-bridge-bench.ts`. For each variant prints R@10 / R@100 / nDCG@10 of
 *   - the everyday residents' questions (scripts/bench/everyday-questions.jsonl), engine with the
 *     learned model trained on all public STARD questions (what an installed trained pack answers)
 *     and without a model; the same for the blind everyday set (everyday-questions-blind.jsonl);
 *   - the public STARD questions, 5-fold CV (each question ranked by a model trained without its
 *     fold) and without a model (the Q&A are a fixed resource, never trained on the questions);
 *   - p50/p95 of the article search (limit 100, no snippets) over the CV run.
 * VARIANTS=0,2 picks variants by number. For development; `npm run bench:search` is the full benchmark.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { normalizeLawTitle } from '../../kiosk-content/src/laws/common/law-title';
import type { QueryJudgement } from '../../kiosk-content/src/search/common/metrics';
import { evaluateRetrieval } from '../../kiosk-content/src/search/common/metrics';
import type { EngineParams, SearchEngine } from '../../kiosk-content/src/search/common/search-engine';
import { defaultEngineParams } from '../../kiosk-content/src/search/common/search-engine';
import { defaultQaBridgeParams } from '../../kiosk-content/src/search/common/qa-bridge';
import { everydayBlindFile, everydayFile } from './bench-data-files';
import { FOLDS, openExperimentEngine, quantileMs, selectedVariants } from './search-experiment-setup';

const folds = FOLDS;
const { base, trainModels } = openExperimentEngine();
let t = performance.now();
const trained = trainModels();
console.log(
  `training (${String(folds)} folds + all): ${((performance.now() - t) / 1000).toFixed(1)} s; load average ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
const engines = trained.folds.map((f) => ({ heldOut: f.heldOut, engine: base.withModel(f.model) }));
const allEngine = base.withModel(trained.model);

const bridge = (weight: number, coveragePower = defaultQaBridgeParams.coveragePower, depth = defaultQaBridgeParams.depth): EngineParams => ({
  ...defaultEngineParams,
  qaBridge: { weight, depth, coveragePower },
});
const variants: { name: string; params: EngineParams }[] = [
  { name: 'bridge off (before)', params: bridge(0) },
  // GRID: weight:coveragePower[:depth], comma-separated.
  ...(process.env.GRID ?? '0.5:1,0.5:2,1:2,1:3,1.5:3,2:3,2:4,1:3:5,1:3:20')
    .split(',')
    .filter((spec) => spec.includes(':'))
    .map((spec) => {
      const [w, power, depth] = spec.split(':').map(Number);
      return {
        name: `bridge weight ${String(w)}, coverage^${String(power)}${depth ? `, depth ${String(depth)}` : ''}`,
        params: bridge(w ?? 0, power ?? 1, depth || undefined),
      };
    }),
];
// QAMATCH: questionBoost:fuzzy:prefixMinLength:reportQueryTerms(0/1):bigramWeight, comma-separated; Q&A matching with the default bridge.
for (const spec of (process.env.QAMATCH ?? '').split(',').filter((x) => x.includes(':'))) {
  const [questionBoost, fuzzy, prefixMinLength, report, bigramWeight] = spec.split(':').map(Number);
  variants.push({
    name: `Q&A match ${spec}`,
    params: {
      ...defaultEngineParams,
      qaMatch: {
        questionBoost: questionBoost ?? 2,
        fuzzy: fuzzy ?? 0.2,
        prefixMinLength: prefixMinLength ?? 0,
        reportQueryTerms: report === 1,
        bigramWeight: bigramWeight ?? 0,
      },
    },
  });
}
interface Question {
  id: string;
  query: string;
  relevant: { law: string; article: string }[];
}
const everyday = readFileSync(everydayFile, 'utf8')
  .split('\n')
  .filter((l) => l.trim().length > 0)
  .map((l) => JSON.parse(l) as Question);
// Written without reading the Q&A (see README); reported beside, never used to choose a variant.
const blind = readFileSync(everydayBlindFile, 'utf8')
  .split('\n')
  .filter((l) => l.trim().length > 0)
  .map((l) => JSON.parse(l) as Question);
/** everyday-01…32 were the development set when the bridge was designed; the later ones were written after. */
const firstSet = (q: Question) => Number(q.id.replace(/\D/g, '')) <= 32;
const keysOf = (q: Question) => new Set(q.relevant.map((r) => `${normalizeLawTitle(r.law)}|${r.article}`));
const rank = (e: SearchEngine, query: string) => e.search(query, { limit: 100, qaLimit: 0, snippets: false }).articles.map((a) => a.key);
const p = (x: number) => (100 * x).toFixed(1);
for (const v of selectedVariants(variants)) {
  t = performance.now();
  const cv: QueryJudgement[] = [];
  const times: number[] = [];
  for (const { heldOut, engine } of engines) {
    const e = engine.withParams(v.params);
    for (const i of heldOut) {
      const q = trained.questions[i];
      if (!q) continue;
      const started = performance.now();
      const ranked = rank(e, q.query);
      times.push(performance.now() - started);
      cv.push({ relevant: new Set(q.relevant), ranked });
    }
  }
  const plain = base.withParams(v.params);
  const stardPlain = evaluateRetrieval(trained.questions.map((q) => ({ relevant: new Set(q.relevant), ranked: rank(plain, q.query) })));
  const m = evaluateRetrieval(cv);
  const learned = allEngine.withParams(v.params);
  const judged = everyday.map((q) => ({ relevant: keysOf(q), ranked: rank(learned, q.query) }));
  const ev = evaluateRetrieval(judged);
  const evFirst = evaluateRetrieval(judged.filter((_, i) => firstSet(everyday[i] as Question)));
  const evLater = evaluateRetrieval(judged.filter((_, i) => !firstSet(everyday[i] as Question)));
  const evPlain = evaluateRetrieval(everyday.map((q) => ({ relevant: keysOf(q), ranked: rank(plain, q.query) })));
  const blindLearned = evaluateRetrieval(blind.map((q) => ({ relevant: keysOf(q), ranked: rank(learned, q.query) })));
  const blindPlain = evaluateRetrieval(blind.map((q) => ({ relevant: keysOf(q), ranked: rank(plain, q.query) })));
  const fig = (x: { recallAt10: number; recallAt100: number; ndcgAt10: number }) => `${p(x.recallAt10)}/${p(x.recallAt100)}/${p(x.ndcgAt10)}`;
  console.log(
    `${v.name.padEnd(30)} everyday learned ${fig(ev)} (01–32 ${fig(evFirst)}, 33– ${fig(evLater)}) plain ${fig(evPlain)} | blind learned ${fig(blindLearned)} plain ${fig(blindPlain)} | STARD CV ${fig(m)} plain ${fig(stardPlain)} | p50/p95 ${quantileMs(times, 0.5)}/${quantileMs(times, 0.95)} ms (${((performance.now() - t) / 1000).toFixed(0)} s)`,
  );
}
// Latency of the bridge itself: the same questions through the all-data engine, bridge off and on
// alternately (so machine load hits both alike), as the CLI asks (--top 100 --kind article).
{
  const off = allEngine.withParams(bridge(0));
  const on = allEngine.withParams({ ...defaultEngineParams });
  const tOff: number[] = [];
  const tOn: number[] = [];
  const cli = { limit: 100, qaLimit: 1, snippets: false };
  for (const q of [...trained.questions, ...everyday]) {
    let s = performance.now();
    off.search(q.query, cli);
    tOff.push(performance.now() - s);
    s = performance.now();
    on.search(q.query, cli);
    tOn.push(performance.now() - s);
  }
  console.log(
    `article search (CLI options), same ${String(tOn.length)} questions interleaved: bridge off p50/p95 ${quantileMs(tOff, 0.5)}/${quantileMs(tOff, 0.95)} ms, bridge on (defaults) ${quantileMs(tOn, 0.5)}/${quantileMs(tOn, 0.95)} ms`,
  );
}
console.log(
  `figures: R@10/R@100/nDCG@10 in %; everyday ${String(everyday.length)} questions, STARD ${String(trained.questions.length)}; load average ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
