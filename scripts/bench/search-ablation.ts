/**
 * Ablation of the learned search components on the public STARD questions, 5-fold CV (each
 * question ranked by a model trained without its fold): `npx tsx scripts/bench/search-ablation.ts`.
 * Prints R@10 / R@100 / nDCG@10 with all components and with each one switched off. For
 * development; `npm run bench:search` is the full benchmark. BLIND=1 / CHECK=1 add the held-out
 * everyday sets' aggregate figures (scripts/bench/bench-data-files.ts).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { normalizeLawTitle } from '../../kiosk-content/src/laws/common/law-title';
import type { QueryJudgement } from '../../kiosk-content/src/search/common/metrics';
import { evaluateRetrieval } from '../../kiosk-content/src/search/common/metrics';
import type { EngineParams, SearchEngine } from '../../kiosk-content/src/search/common/search-engine';
import { defaultBigramParams, defaultEngineParams } from '../../kiosk-content/src/search/common/search-engine';
import { defaultQaBridgeParams } from '../../kiosk-content/src/search/common/qa-bridge';
import type { TrainingQuestion } from '../../kiosk-content/src/search/common/learned-model';
import { defaultTranslationOptions, trainQuestionTranslation } from '../../kiosk-content/src/search/common/learned-model';
import { meaningfulTokens } from '../../kiosk-content/src/search/common/normalize';
import { everydayFile, selectedHeldOutSets } from './bench-data-files';
import { FOLDS, openExperimentEngine, quantileMs, selectedVariants } from './search-experiment-setup';

const folds = FOLDS;
const { base, source, tokenizer, trainModels } = openExperimentEngine();
let t = performance.now();
const trained = trainModels();
console.log(`training (${String(folds)} folds + all): ${((performance.now() - t) / 1000).toFixed(1)} s`);
// NEIGH=radius:weight compiles the models with another neighbour spread of the expansion field.
const [radius, spread] = (process.env.NEIGH ?? '').split(':').map(Number);
const neighboured = <M extends typeof trained.model>(m: M): M => (process.env.NEIGH ? { ...m, neighbours: { radius: radius ?? 2, weight: spread ?? 0.3 } } : m);
// TLMTRAIN=iterations:answers retrains the article → question table (questionTranslation) of every
// model with that many EM iterations and, with answers 1, the LeCoQA lawyers' answers of the same
// (training-part) questions as further question sides.
const [tlmIterations, tlmAnswers] = (process.env.TLMTRAIN ?? '').split(':').map(Number);
const articleTerms = (key: string) => {
  const text = source.article(key)?.text;
  return text ? [...new Set(meaningfulTokens(tokenizer.tokenize(text)))] : null;
};
const retrained = <M extends typeof trained.model>(m: M, training: readonly TrainingQuestion[]): M => {
  if (!process.env.TLMTRAIN) return m;
  const sides = tlmAnswers === 1 ? [...training, ...training.flatMap((q) => (q.answer ? [{ query: q.answer, relevant: q.relevant }] : []))] : training;
  const options = { ...defaultTranslationOptions, iterations: tlmIterations ?? 5 };
  return { ...m, questionTranslation: trainQuestionTranslation(sides, articleTerms, tokenizer, options) };
};
const engines = trained.folds.map((f) => {
  const held = new Set(f.heldOut);
  const training = trained.questions.filter((_, i) => !held.has(i));
  return { heldOut: f.heldOut, engine: base.withModel(retrained(neighboured(f.model), training)) };
});

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
  { name: 'translation LM off', params: { ...defaultEngineParams, translationRerank: { ...defaultEngineParams.translationRerank, weight: 0 } } },
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
  // TLM=weight:depth:β:μ,… re-orders the best depth candidates with the translation language model.
  ...(process.env.TLM ?? '')
    .split(',')
    .filter((spec) => spec.includes(':'))
    .map((spec) => {
      const [weight, depth, translationShare, collectionShare] = spec.split(':').map(Number);
      const translationRerank = {
        weight: weight ?? 0,
        depth: depth ?? 100,
        translationShare: translationShare ?? 0.5,
        collectionShare: collectionShare ?? 0.5,
      };
      return { name: `translation LM ${spec}`, params: { ...defaultEngineParams, translationRerank } };
    }),
  // DEPTHS=tlmDepth:bigramDepth[:tlmWeight[:bigramWeight]],… : both re-scoring stages over deeper
  // candidate lists (the ranks 100–300 where recall-analysis.ts finds most missing articles).
  ...(process.env.DEPTHS ?? '')
    .split(',')
    .filter((spec) => spec.includes(':'))
    .map((spec) => {
      const [tlmDepth, bigramDepth, tlmWeight, bigramWeight] = spec.split(':').map(Number);
      const tlm = defaultEngineParams.translationRerank;
      const bigrams = defaultEngineParams.bigrams ?? defaultBigramParams;
      return {
        name: `re-scoring depths ${spec}`,
        params: {
          ...defaultEngineParams,
          translationRerank: { ...tlm, depth: tlmDepth ?? tlm.depth, weight: tlmWeight ?? tlm.weight },
          bigrams: { ...bigrams, depth: bigramDepth ?? bigrams.depth, weight: bigramWeight ?? bigrams.weight },
        },
      };
    }),
];
const readSet = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as { query: string; relevant: { law: string; article: string }[] });
const everyday = readSet(everydayFile);
// BLIND=1 / CHECK=1 also print the blind / check everyday set's aggregate: a check of the chosen
// variant, never for choosing.
const heldOut = selectedHeldOutSets().map((set) => ({ name: set.name, questions: readSet(set.file) }));
const allEngine = base.withModel(retrained(neighboured(trained.model), trained.questions));
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
  const score = (set: typeof everyday) =>
    evaluateRetrieval(
      set.map((q) => ({
        relevant: new Set(q.relevant.map((r) => `${normalizeLawTitle(r.law)}|${r.article}`)),
        ranked: ea.search(q.query, { limit: 100, qaLimit: 0, snippets: false }).articles.map((a) => a.key),
      })),
    );
  const ev = score(everyday);
  const p = (x: number) => (100 * x).toFixed(1);
  const held = heldOut
    .map((h) => {
      const r = score(h.questions);
      return ` | ${h.name}: ${p(r.recallAt10)} / ${p(r.recallAt100)} / ${p(r.ndcgAt10)}`;
    })
    .join('');
  console.log(
    `${v.name.padEnd(36)} CV: R@10 ${p(m.recallAt10)}  R@100 ${p(m.recallAt100)}  nDCG@10 ${p(m.ndcgAt10)}  MRR@10 ${p(m.mrrAt10)} | everyday: R@10 ${p(ev.recallAt10)}  R@100 ${p(ev.recallAt100)}  nDCG@10 ${p(ev.ndcgAt10)}${held} | p50/p95 ${quantileMs(times, 0.5)}/${quantileMs(times, 0.95)} ms (${((performance.now() - t) / 1000).toFixed(0)} s)`,
  );
}
