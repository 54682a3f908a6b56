/**
 * Static word embeddings as a re-scoring signal, measured before any engine change:
 * `npx tsx scripts/bench/embedding-experiment.ts`. Word vectors by PPMI-SVD
 * (kiosk-content/authoring/search-model/word-embeddings.ts) over jieba tokens (the engine's tokenizer,
 * meaningful words only) of every article of the law library, the kiosk's Q&A (question and
 * each other phrasing) and the fold's training questions (× QW; with ANSWERS=1 also their LeCoQA
 * answers), so each fold's vectors are trained without its held-out questions; the everyday set uses
 * the vectors trained on all questions. Each query's first DEPTH articles (engine defaults, 5-fold
 * CV models) are re-scored as score / best + w × gate × min–max-scaled similarity, gate = (1 − Q&A
 * coverage)^p as bigram-rescore.ts does.
 *
 * Similarities (FORMS): `centroid` — cosine of the IDF-weighted means of the query's and the article's
 * word vectors; `max` — for each query word the best cosine to any word of the article, IDF-weighted
 * mean over the query's words (an embedding translation score); `other` — like max over the article's
 * words other than the query word itself (only what BM25 does not already see); `soft` — like max with the article's
 * words soft-maxed at temperature 0.1 instead of the max.
 *
 * Environment: WINDOW (5), DIM (100), MINCOUNT (5), SHIFT (1), EIG (0.5), QW (5), ANSWERS (0), PAIR (0:
 * see addPairs), FORMS
 * (centroid,max), WEIGHTS (0,0.1,0.2,0.4), GATES (none,pow:2), DEPTHS (100,300). Vectors are cached in
 * /tmp/embed/ by configuration. BLIND=1 / CHECK=1 print only the held-out sets' aggregates (final
 * candidate only).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { normalizeLawTitle } from '../../kiosk-content/src/laws/common/law-title';
import type { QueryJudgement } from '../../kiosk-content/src/search/common/metrics';
import { evaluateRetrieval } from '../../kiosk-content/src/search/common/metrics';
import type { SearchEngine } from '../../kiosk-content/src/search/common/search-engine';
import { meaningfulTokens, normalizeQuery } from '../../kiosk-content/src/search/common/normalize';
import { qaCoverage, defaultQaBridgeParams } from '../../kiosk-content/src/search/common/qa-bridge';
import { qaFromFolder } from '../../kiosk-content/src/search/node/content-sources';
import { CooccurrenceCounts, trainEmbeddings } from '../../kiosk-content/authoring/search-model/word-embeddings';
import { everydayBlindFile, everydayCheckFile, everydayFile } from './bench-data-files';
import { openExperimentEngine, quantileMs } from './search-experiment-setup';

const env = (name: string, fallback: string) => process.env[name] ?? fallback;
const window = Number(env('WINDOW', '5'));
const dimWanted = Number(env('DIM', '100'));
const minCount = Number(env('MINCOUNT', '5'));
const shift = Number(env('SHIFT', '1'));
const eigenPower = Number(env('EIG', '0.5'));
const questionWeight = Number(env('QW', '5'));
const withAnswers = env('ANSWERS', '0') === '1';
const pairWeight = Number(env('PAIR', '0'));
const forms = env('FORMS', 'centroid,max').split(',');
const weights = env('WEIGHTS', '0,0.1,0.2,0.4').split(',').map(Number);
const gateNames = env('GATES', 'none,pow:2').split(',');
const depths = env('DEPTHS', '100,300').split(',').map(Number);
const maxDepth = Math.max(...depths);

const { base, source, tokenizer, trainModels } = openExperimentEngine();
const words = (text: string) => meaningfulTokens(tokenizer.tokenize(normalizeQuery(text)));

let t = performance.now();
const articleWords = new Map<string, string[]>();
const wordCount = new Map<string, number>();
const df = new Map<string, number>();
for (const a of source.articles()) {
  const ws = words(a.text);
  articleWords.set(a.key, ws);
  for (const w of ws) wordCount.set(w, (wordCount.get(w) ?? 0) + 1);
  for (const w of new Set(ws)) df.set(w, (df.get(w) ?? 0) + 1);
}
const articleCount = articleWords.size;
const qa = qaFromFolder();
const qaTexts = qa.flatMap((e) => [e.question, ...e.also]).map((text) => words(text));
for (const ws of qaTexts) for (const w of ws) wordCount.set(w, (wordCount.get(w) ?? 0) + 1);
console.log(`tokenized ${String(articleCount)} articles + ${String(qa.length)} Q&A: ${((performance.now() - t) / 1000).toFixed(1)} s`);

t = performance.now();
const trained = trainModels();
console.log(`search models: ${((performance.now() - t) / 1000).toFixed(1)} s`);
const questionWords = trained.questions.map((q) => words(q.query));
const answerWords = trained.questions.map((q) => (withAnswers && q.answer ? words(q.answer) : []));
// The vocabulary counts the questions too (each fold's vectors cover the words of all of them but only
// train on its own: a held-out question's word without context stays a zero vector).
for (const ws of questionWords) for (const w of ws) wordCount.set(w, (wordCount.get(w) ?? 0) + 1);
const vocabulary = [...wordCount.entries()]
  .filter(([, n]) => n >= minCount)
  .sort((a, b) => b[1] - a[1])
  .slice(0, 65535)
  .map(([w]) => w);
const id = new Map(vocabulary.map((w, i) => [w, i]));
const ids = (ws: readonly string[]) => Int32Array.from(ws, (w) => id.get(w) ?? -1);
const idf = new Float32Array(vocabulary.length);
vocabulary.forEach((w, i) => (idf[i] = Math.log(1 + articleCount / (df.get(w) ?? 1))));
console.log(`vocabulary ${String(vocabulary.length)} words (count ≥ ${String(minCount)})`);

const config = `w${String(window)}-m${String(minCount)}-d${String(dimWanted)}-s${String(shift)}-e${String(eigenPower)}-q${String(questionWeight)}-a${withAnswers ? 1 : 0}-p${String(pairWeight)}`;
const cacheDir = '/tmp/embed';
mkdirSync(cacheDir, { recursive: true });
let lawCounts: CooccurrenceCounts | null = null;
function vectorsFor(name: string, training: readonly number[]): { dim: number; vectors: Float32Array } {
  const file = `${cacheDir}/${config}-${name}.bin`;
  if (existsSync(file)) {
    const buf = readFileSync(file);
    const vectors = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4).slice();
    return { dim: vectors.length / vocabulary.length, vectors };
  }
  let s = performance.now();
  if (!lawCounts) {
    lawCounts = new CooccurrenceCounts(vocabulary.length);
    for (const ws of articleWords.values()) lawCounts.addSequence(ids(ws), window);
    for (const ws of qaTexts) lawCounts.addSequence(ids(ws), window);
    console.log(`law + Q&A co-occurrences: ${String(lawCounts.size)} pairs, ${((performance.now() - s) / 1000).toFixed(1)} s`);
    s = performance.now();
  }
  const counts = lawCounts.clone();
  for (const i of training) {
    counts.addSequence(ids(questionWords[i] ?? []), window, questionWeight);
    if (withAnswers) counts.addSequence(ids(answerWords[i] ?? []), window);
    if (pairWeight > 0) addPairs(counts, i);
  }
  const e = trainEmbeddings(counts, { dim: dimWanted, shift, eigenPower });
  console.log(`embeddings ${name}: ${((performance.now() - s) / 1000).toFixed(1)} s`);
  writeFileSync(file, Buffer.from(e.vectors.buffer, e.vectors.byteOffset, e.vectors.byteLength));
  return e;
}

/**
 * PAIR=w: each word of a training question co-occurs with each distinct word of the articles it cites,
 * w / (distinct article words) per pair, so a resident's word and the statute words of its answers
 * share contexts (first-order), on top of the local windows.
 */
function addPairs(counts: CooccurrenceCounts, question: number): void {
  const q = [...new Set(ids(questionWords[question] ?? []))].filter((w) => w >= 0);
  for (const key of trained.questions[question]?.relevant ?? []) {
    const a = [...new Set(ids(articleWords.get(key) ?? []))].filter((w) => w >= 0);
    const w = pairWeight / Math.max(1, a.length);
    for (const x of q)
      for (const y of a) {
        counts.add(x, y, w);
        counts.add(y, x, w);
      }
  }
}

interface Bag {
  ids: Int32Array;
  weights: Float32Array;
}
/** Distinct in-vocabulary words with tf × idf weights. */
function bagOf(ws: readonly string[]): Bag {
  const tf = new Map<number, number>();
  for (const w of ws) {
    const i = id.get(w);
    if (i !== undefined) tf.set(i, (tf.get(i) ?? 0) + 1);
  }
  const bagIds = Int32Array.from(tf.keys());
  return { ids: bagIds, weights: Float32Array.from(bagIds, (i) => (tf.get(i) as number) * (idf[i] as number)) };
}
const articleBags = new Map<string, Bag>();
const articleBag = (key: string) => {
  let b = articleBags.get(key);
  if (!b) articleBags.set(key, (b = bagOf(articleWords.get(key) ?? [])));
  return b;
};

class Scorer {
  private centroids = new Map<string, Float32Array>();
  constructor(
    readonly dim: number,
    readonly vectors: Float32Array,
  ) {}
  centroid(bag: Bag): Float32Array {
    const out = new Float32Array(this.dim);
    const { dim, vectors } = this;
    bag.ids.forEach((w, k) => {
      const wt = bag.weights[k] as number;
      for (let d = 0; d < dim; d++) out[d] = (out[d] as number) + wt * (vectors[w * dim + d] as number);
    });
    let n = 0;
    for (let d = 0; d < dim; d++) n += (out[d] as number) ** 2;
    if (n > 0) for (let d = 0; d < dim; d++) out[d] = (out[d] as number) / Math.sqrt(n);
    return out;
  }
  articleCentroid(key: string): Float32Array {
    let c = this.centroids.get(key);
    if (!c) this.centroids.set(key, (c = this.centroid(articleBag(key))));
    return c;
  }
  cos(a: number, b: number): number {
    const { dim, vectors } = this;
    let s = 0;
    for (let d = 0; d < dim; d++) s += (vectors[a * dim + d] as number) * (vectors[b * dim + d] as number);
    return s;
  }
  score(form: string, query: Bag, queryCentroid: Float32Array, key: string): number {
    if (form === 'centroid') {
      const c = this.articleCentroid(key);
      let s = 0;
      for (let d = 0; d < this.dim; d++) s += (c[d] as number) * (queryCentroid[d] as number);
      return s;
    }
    const article = articleBag(key);
    let total = 0;
    let weightSum = 0;
    query.ids.forEach((q, k) => {
      const qw = idf[q] as number;
      let best = 0;
      let soft = 0;
      for (const a of article.ids) {
        if (a === q && form === 'other') continue;
        const c = a === q ? 1 : this.cos(q, a);
        if (c > best) best = c;
        if (form === 'soft') soft += Math.exp(c / 0.1);
      }
      void k;
      total += qw * (form === 'soft' ? (soft > 0 ? 0.1 * Math.log(soft) : 0) : best);
      weightSum += qw;
    });
    return weightSum > 0 ? total / weightSum : 0;
  }
}

function coverageOf(engine: SearchEngine, query: string, terms: readonly { term: string; weight: number }[]): number {
  const first = engine.index.qa.search(terms, defaultQaBridgeParams.depth, engine.params.qaMatch, query)[0];
  return first
    ? qaCoverage(
        first,
        terms.filter((x) => x.weight >= 1).map((x) => x.term),
      )
    : 0;
}
const gates = gateNames.map((g) => {
  const [kind, arg] = g.split(':');
  const p = Number(arg);
  return kind === 'pow' ? { name: `(1−c)^${String(p)}`, factor: (c: number) => (1 - c) ** p } : { name: 'ungated', factor: () => 1 };
});
const variants = forms.flatMap((form) => depths.flatMap((depth) => gates.flatMap((gate) => weights.map((weight) => ({ form, depth, gate, weight })))));

const scoringTimes = new Map(forms.map((f) => [f, [] as number[]]));
function rerank(engine: SearchEngine, scorer: Scorer, query: string): string[][] {
  const result = engine.search(query, { limit: maxDepth, qaLimit: 0, snippets: false });
  const hits = result.articles;
  const coverage = coverageOf(engine, result.query, result.terms);
  const qBag = bagOf(words(query));
  const qCentroid = scorer.centroid(qBag);
  const sims = new Map<string, number[]>();
  for (const form of forms) {
    // Timed over the first 100 (article bags and centroids cached, as an index would store them).
    for (const h of hits.slice(0, 100)) scorer.score(form, qBag, qCentroid, h.key);
    const s = performance.now();
    const head = hits.slice(0, 100).map((h) => scorer.score(form, qBag, qCentroid, h.key));
    scoringTimes.get(form)?.push(performance.now() - s);
    sims.set(form, [...head, ...hits.slice(100).map((h) => scorer.score(form, qBag, qCentroid, h.key))]);
  }
  const best = hits[0]?.score ?? 0;
  return variants.map(({ form, depth, gate, weight }) => {
    const w = weight * gate.factor(coverage);
    if (w === 0 || best <= 0 || qBag.ids.length === 0) return hits.slice(0, 100).map((h) => h.key);
    const head = hits.slice(0, depth);
    const sim = (sims.get(form) as number[]).slice(0, depth);
    const lo = Math.min(...sim);
    const hi = Math.max(...sim);
    const fused = head
      .map((h, i) => ({ key: h.key, score: h.score / best + (hi > lo ? (w * ((sim[i] as number) - lo)) / (hi - lo) : 0) }))
      .sort((a, b) => b.score - a.score);
    return fused.slice(0, 100).map((h) => h.key);
  });
}

const cv: QueryJudgement[][] = variants.map(() => []);
const all = trained.questions.map((_, i) => i);
trained.folds.forEach((f, fold) => {
  const held = new Set(f.heldOut);
  const e = vectorsFor(
    `fold${String(fold)}`,
    all.filter((i) => !held.has(i)),
  );
  const scorer = new Scorer(e.dim, e.vectors);
  const engine = base.withModel(f.model);
  for (const i of f.heldOut) {
    const q = trained.questions[i];
    if (!q) continue;
    rerank(engine, scorer, q.query).forEach((ranked, v) => cv[v]?.push({ relevant: new Set(q.relevant), ranked }));
  }
});
const allVectors = vectorsFor('all', all);
const allScorer = new Scorer(allVectors.dim, allVectors.vectors);
const allEngine = base.withModel(trained.model);
function judgeFile(file: string): QueryJudgement[][] {
  const questions = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as { query: string; relevant: { law: string; article: string }[] });
  const out: QueryJudgement[][] = variants.map(() => []);
  for (const q of questions) {
    const relevant = new Set(q.relevant.map((r) => `${normalizeLawTitle(r.law)}|${r.article}`));
    rerank(allEngine, allScorer, q.query).forEach((ranked, v) => out[v]?.push({ relevant, ranked }));
  }
  return out;
}
const everyday = judgeFile(everydayFile);
const p = (x: number) => (100 * x).toFixed(1);
const fig = (m: { recallAt10: number; recallAt100: number; ndcgAt10: number }) => `${p(m.recallAt10)} / ${p(m.recallAt100)} / ${p(m.ndcgAt10)}`;
console.log(`config ${config}`);
for (const [form, times] of scoringTimes)
  console.log(`${form}: scoring 100 articles per query p50 / p95 ${quantileMs(times, 0.5)} / ${quantileMs(times, 0.95)} ms`);
variants.forEach(({ form, depth, gate, weight }, i) =>
  console.log(
    `${form.padEnd(8)} depth ${String(depth).padEnd(4)} ${gate.name.padEnd(9)} w ${String(weight).padEnd(5)}: STARD CV ${fig(evaluateRetrieval(cv[i] ?? []))} | everyday ${fig(evaluateRetrieval(everyday[i] ?? []))}`,
  ),
);
for (const [flag, file, name] of [
  ['BLIND', everydayBlindFile, 'blind'],
  ['CHECK', everydayCheckFile, 'check'],
] as const) {
  if (process.env[flag] !== '1') continue;
  // Aggregates only: these sets judge a chosen variant, they take no part in the choice.
  const held = judgeFile(file);
  variants.forEach(({ form, depth, gate, weight }, i) =>
    console.log(`${name} everyday, ${form} depth ${String(depth)} ${gate.name} w ${String(weight)}: ${fig(evaluateRetrieval(held[i] ?? []))}`),
  );
}
