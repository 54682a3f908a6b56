/**
 * Second-stage re-ordering with a translation language model (translation-lm.ts), 5-fold CV on the
 * public STARD questions (each question ranked by a model — expansion field, prior, both
 * translation tables — trained without its fold) and the everyday set (model trained on all):
 * `npx tsx scripts/bench/translation-experiment.ts`.
 *
 * The first stage (engine defaults, Q&A bridge included) runs once per question; every variant
 * re-orders its best DEPTHS candidates: final = first-stage score / best + γ · TLM, where TLM is
 * the per-word average log P(q | d) min–max scaled over the candidates (`minmax`) or reciprocal-rank
 * fusion (`rrf`, 1/(60 + rank) for both lists). LAWS=k adds every article of the k laws the first
 * stage ranks highest as candidates (ordering inside the right law). LECOQA=1 trains the
 * article → question table also on the LeCoQA lawyers' answers of the fold's training questions.
 * BLIND=1 prints the blind everyday set's aggregate for the variants VARIANTS names (a check, never
 * for choosing).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { normalizeLawTitle } from '../../kiosk-content/src/laws/common/law-title';
import type { QueryJudgement } from '../../kiosk-content/src/search/common/metrics';
import { evaluateRetrieval } from '../../kiosk-content/src/search/common/metrics';
import { meaningfulTokens } from '../../kiosk-content/src/search/common/normalize';
import type { SearchEngine } from '../../kiosk-content/src/search/common/search-engine';
import { defaultEngineParams } from '../../kiosk-content/src/search/common/search-engine';
import type { ScoredWord } from '../../kiosk-content/src/search/common/translation-lm';
import { forwardIndexFromPostings, trainReverseTranslation, translationLogLikelihood } from '../../kiosk-content/src/search/common/translation-lm';
import { everydayBlindFile, everydayFile } from './bench-data-files';
import { openExperimentEngine } from './search-experiment-setup';

const depth = Number(process.env.DEPTH ?? 300);
// The engine's own second stage stays off here: this script re-orders the finished ranking itself.
const firstStageParams = { ...defaultEngineParams, translationRerank: { ...defaultEngineParams.translationRerank, weight: 0 } };
const { base, tokenizer, trainModels } = openExperimentEngine();
let started = performance.now();
const trained = trainModels();
console.log(`training (5 folds + all): ${((performance.now() - started) / 1000).toFixed(1)} s`);
const idx = base.index.articles;
const data = idx.data;
const termId = new Map(data.terms.map((t, i) => [t, i]));
const forward = forwardIndexFromPostings(data.text, () => true);
const cf = new Float64Array(data.terms.length);
let total = 0;
for (let t = 0; t < data.terms.length; t++)
  for (let i = data.text.offsets[t] as number; i < (data.text.offsets[t + 1] as number); i++) cf[t] = (cf[t] as number) + (data.text.tfs[i] as number);
for (const n of cf) total += n;
const words = (text: string) => meaningfulTokens(tokenizer.tokenize(text));
const docOf = (key: string) => {
  const bar = key.lastIndexOf('|');
  return idx.findArticle(key.slice(0, bar), key.slice(bar + 1));
};
const articleTerms = (doc: number) => Array.from(forward.terms.subarray(forward.offsets[doc], forward.offsets[doc + 1]));

const iterations = Number(process.env.ITER ?? 5);
const withAnswers = process.env.LECOQA === '1';
function reverseTable(questions: readonly { query: string; answer?: string | null; relevant: readonly string[] }[]) {
  const pairs: { question: string[]; article: number[] }[] = [];
  for (const q of questions) {
    const qw = words(q.query);
    const aw = withAnswers && q.answer ? words(q.answer) : [];
    for (const key of new Set(q.relevant)) {
      const doc = docOf(key);
      if (doc === undefined) continue;
      pairs.push({ question: qw, article: articleTerms(doc) });
      if (aw.length > 0) pairs.push({ question: aw, article: articleTerms(doc) });
    }
  }
  return trainReverseTranslation(pairs, { iterations, minProbability: Number(process.env.MINP ?? 0.01), minPairs: 2 });
}

interface FirstStage {
  relevant: Set<string>;
  docs: number[];
  scores: number[];
  words: ScoredWord[];
  /** Candidates the first stage ranked (law articles added by LAWS follow them). */
  ranked: number;
}
const scratch = new Int32Array(data.terms.length);
function firstStage(engine: SearchEngine, table: Map<string, [number, number][]>, query: string, relevant: Set<string>): FirstStage {
  const r = engine.search(query, { limit: depth, qaLimit: 0, snippets: false });
  const docs: number[] = [];
  const scores: number[] = [];
  for (const a of r.articles) {
    const d = idx.findArticle(a.normalizedTitle, a.label);
    if (d === undefined) continue;
    docs.push(d);
    scores.push(a.score);
  }
  const own = [...new Set(r.terms.filter((t) => t.weight >= 1).map((t) => t.term))];
  const scored: ScoredWord[] = own.map((w) => {
    const term = termId.get(w);
    return { term, collection: ((term === undefined ? 0 : (cf[term] as number)) + 0.5) / (total + 1), sources: table.get(w) ?? [] };
  });
  return { relevant, docs, scores, words: scored, ranked: docs.length };
}

const lawsAdded = Number(process.env.LAWS ?? 0);
function withLawArticles(f: FirstStage): FirstStage {
  if (lawsAdded <= 0) return f;
  const laws: number[] = [];
  for (const d of f.docs.slice(0, 10)) {
    const l = data.docLaw[d] as number;
    if (!laws.includes(l)) laws.push(l);
    if (laws.length >= lawsAdded) break;
  }
  const have = new Set(f.docs);
  const docs = [...f.docs];
  const scores = [...f.scores];
  for (const l of laws) {
    const law = data.laws[l];
    if (!law) continue;
    for (let d = law.firstDoc; d < law.firstDoc + law.docCount; d++)
      if (!have.has(d)) {
        docs.push(d);
        scores.push(0);
      }
  }
  return { ...f, docs, scores };
}

started = performance.now();
const cv: FirstStage[] = [];
for (const fold of trained.folds) {
  const engine = base.withModel(fold.model).withParams(firstStageParams);
  const held = new Set(fold.heldOut);
  const table = reverseTable(trained.questions.filter((_, i) => !held.has(i)));
  for (const i of fold.heldOut) {
    const q = trained.questions[i];
    if (q) cv.push(withLawArticles(firstStage(engine, table, q.query, new Set(q.relevant))));
  }
}
const readSet = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as { query: string; relevant: { law: string; article: string }[] });
const allEngine = base.withModel(trained.model).withParams(firstStageParams);
const allTable = reverseTable(trained.questions);
const stageSet = (file: string) =>
  readSet(file).map((q) =>
    withLawArticles(firstStage(allEngine, allTable, q.query, new Set(q.relevant.map((r) => `${normalizeLawTitle(r.law)}|${r.article}`)))),
  );
const everyday = stageSet(everydayFile);
console.log(`first stage: ${((performance.now() - started) / 1000).toFixed(0)} s; table words (all): ${String(allTable.size)}`);

interface Variant {
  name: string;
  n: number;
  beta: number;
  mu: number;
  gamma: number;
  fusion: 'minmax' | 'rrf';
}
const variants: Variant[] = [{ name: 'first stage only', n: 0, beta: 0, mu: 0.5, gamma: 0, fusion: 'minmax' }];
const grid =
  process.env.GRID ??
  '200:0.5:0.5:0.1,200:0.5:0.5:0.2,200:0.5:0.5:0.3,200:0.5:0.5:0.5,200:0.8:0.5:0.2,200:0.2:0.5:0.2,200:0.5:0.2:0.2,100:0.5:0.5:0.2,300:0.5:0.5:0.2';
for (const g of grid.split(',')) {
  const [n, beta, mu, gamma, fusion] = g.split(':');
  const v = { n: Number(n), beta: Number(beta), mu: Number(mu), gamma: Number(gamma), fusion: fusion === 'rrf' ? ('rrf' as const) : ('minmax' as const) };
  variants.push({ ...v, name: `N ${String(v.n)} β ${String(v.beta)} μ ${String(v.mu)} γ ${String(v.gamma)} ${v.fusion}` });
}

function rerank(f: FirstStage, v: Variant): string[] {
  if (v.n === 0 || v.gamma === 0) return f.docs.map((d) => idx.key(d));
  // The first stage's best n, and the law articles LAWS added (score 0 in the first stage).
  const picks = [...f.docs.keys()].filter((k) => k < v.n || k >= f.ranked);
  const head = picks.map((k) => f.docs[k] as number);
  const headScores = picks.map((k) => f.scores[k] as number);
  const ll = translationLogLikelihood(f.words, head, forward, { translationShare: v.beta, collectionShare: v.mu }, scratch);
  const best = Math.max(...headScores, 1e-9);
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of ll) {
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
  }
  const tlmRank = new Map([...head.keys()].sort((a, b) => (ll[b] as number) - (ll[a] as number)).map((k, r) => [k, r]));
  const fused = head.map((d, k) => ({
    d,
    s:
      v.fusion === 'rrf'
        ? 1 / (60 + k) + v.gamma / (60 + (tlmRank.get(k) as number))
        : (headScores[k] as number) / best + (hi > lo ? (v.gamma * ((ll[k] as number) - lo)) / (hi - lo) : 0),
  }));
  fused.sort((a, b) => b.s - a.s || a.d - b.d);
  const headSet = new Set(head);
  return [...fused.map((x) => x.d), ...f.docs.filter((d) => !headSet.has(d))].map((d) => idx.key(d));
}

const p = (x: number) => (100 * x).toFixed(1);
const evaluate = (set: readonly FirstStage[], v: Variant) => {
  const judged: QueryJudgement[] = [];
  const times: number[] = [];
  for (const f of set) {
    const t = performance.now();
    judged.push({ relevant: f.relevant, ranked: rerank(f, v).slice(0, 100) });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { m: evaluateRetrieval(judged), p95: times[Math.floor(0.95 * times.length)] ?? 0 };
};
const blind = process.env.BLIND === '1' ? stageSet(everydayBlindFile) : null;
const chosen = process.env.VARIANTS ? process.env.VARIANTS.split(',').map(Number) : variants.map((_, i) => i);
console.log(`depth ${String(depth)}, laws ${String(lawsAdded)}, answers ${String(withAnswers)}, EM iterations ${String(iterations)}`);
for (const i of chosen) {
  const v = variants[i];
  if (!v) continue;
  const { m, p95 } = evaluate(cv, v);
  const { m: e } = evaluate(everyday, v);
  const b = blind ? evaluate(blind, v).m : null;
  console.log(
    `${String(i).padStart(2)} ${v.name.padEnd(36)} CV: R@10 ${p(m.recallAt10)}  R@100 ${p(m.recallAt100)}  nDCG@10 ${p(m.ndcgAt10)} | everyday: R@10 ${p(e.recallAt10)}  R@100 ${p(e.recallAt100)}  nDCG@10 ${p(e.ndcgAt10)}${b ? ` | blind: ${p(b.recallAt10)} / ${p(b.recallAt100)} / ${p(b.ndcgAt10)}` : ''} | re-rank p95 ${p95.toFixed(2)} ms`,
  );
}
