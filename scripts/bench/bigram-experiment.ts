/**
 * Character-bigram re-scoring of the engine's best articles, as a measurement before any engine
 * change: `npx tsx scripts/bench/bigram-experiment.ts` (WEIGHTS=0,0.1,… DEPTH=100; QATRAIN as in
 * search-experiment-setup.ts). Each query's first `DEPTH` articles (5-fold CV models for STARD, the
 * all-questions model for the everyday set) get score + weight × (best score) × bigram / (best
 * bigram), where bigram is BM25 (k1 1.2, b 0.75) over the CJK character bigrams of the article text
 * with bigram document frequencies from the whole library — it catches words jieba cut differently
 * (拖欠工资 / 拖欠劳动报酬 share 拖欠). Prints R@10 / R@100 / nDCG@10 per weight and gate. The model is
 * trained as search-experiment-setup.ts says (QATRAIN=0: without the kiosk's Q&A).
 *
 * GATES gates the weight by the query's Q&A coverage c (qa-bridge.ts qaCoverage: the share of the
 * resident's own words that the best Q&A match matched; everyday questions have a high one, STARD
 * questions in statute wording a low one): `none` (the weight as given), `pow:p` (weight × (1 − c)^p),
 * `lt:x` (the weight when c < x, else 0); comma-separated, e.g. GATES=none,pow:1,pow:2,lt:0.4.
 * BLIND=1 also prints the blind everyday set's aggregate (only for a final candidate).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { normalizeLawTitle } from '../../kiosk-content/src/laws/common/law-title';
import type { QueryJudgement } from '../../kiosk-content/src/search/common/metrics';
import { evaluateRetrieval } from '../../kiosk-content/src/search/common/metrics';
import type { SearchEngine } from '../../kiosk-content/src/search/common/search-engine';
import { defaultEngineParams } from '../../kiosk-content/src/search/common/search-engine';
import { meaningfulTokens } from '../../kiosk-content/src/search/common/normalize';
import { qaCoverage, defaultQaBridgeParams } from '../../kiosk-content/src/search/common/qa-bridge';
import { everydayBlindFile, everydayFile } from './bench-data-files';
import { openExperimentEngine } from './search-experiment-setup';

const cjk = /[\u4e00-\u9fff]/;
function bigrams(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < text.length; i++) {
    const a = text[i] as string;
    const b = text[i + 1] as string;
    if (cjk.test(a) && cjk.test(b)) out.push(a + b);
  }
  return out;
}

const opened = openExperimentEngine();
const { source, tokenizer, trainModels } = opened;
/** The engine's own re-scoring (EngineParams.bigrams) off: this script does it. */
const base = opened.base.withParams({ ...defaultEngineParams, bigrams: { weight: 0, depth: 100, coveragePower: 0 } });
/** BUILTIN=1: also ranks with the engine's defaults (its built-in re-scoring), the row `engine defaults`. */
const builtin = process.env.BUILTIN === '1';
/**
 * GRAMS=query: every bigram of the query; GRAMS=words: only bigrams inside the query's meaningful
 * words (stop words and filler such as 怎么办 dropped), each word's own bigrams.
 */
const fromWords = process.env.GRAMS === 'words';
const queryBigrams = (query: string) => [...new Set(fromWords ? meaningfulTokens(tokenizer.tokenize(query)).flatMap((w) => bigrams(w)) : bigrams(query))];
let t = performance.now();
const df = new Map<string, number>();
let docs = 0;
let totalLength = 0;
for (const a of source.articles()) {
  const grams = bigrams(a.text);
  docs++;
  totalLength += grams.length;
  for (const g of new Set(grams)) df.set(g, (df.get(g) ?? 0) + 1);
}
const avgLength = totalLength / docs;
console.log(`bigram statistics: ${String(df.size)} bigrams over ${String(docs)} articles, ${((performance.now() - t) / 1000).toFixed(1)} s`);
t = performance.now();
const trained = trainModels();
console.log(`training: ${((performance.now() - t) / 1000).toFixed(1)} s`);

const depth = Number(process.env.DEPTH ?? 100);
const weights = (process.env.WEIGHTS ?? '0,0.05,0.1,0.2,0.4').split(',').map(Number);
const textCache = new Map<string, string[]>();
const gramsOf = (key: string) => {
  let g = textCache.get(key);
  if (!g) textCache.set(key, (g = bigrams(source.article(key)?.text ?? '')));
  return g;
};
function bigramScore(queryGrams: readonly string[], key: string): number {
  const grams = gramsOf(key);
  const tf = new Map<string, number>();
  for (const g of grams) tf.set(g, (tf.get(g) ?? 0) + 1);
  const norm = 1 - 0.75 + (0.75 * grams.length) / avgLength;
  let s = 0;
  for (const g of queryGrams) {
    const n = tf.get(g);
    if (!n) continue;
    const d = df.get(g) ?? 0;
    s += Math.log(1 + (docs - d + 0.5) / (d + 0.5)) * ((n * 2.2) / (n + 1.2 * norm));
  }
  return s;
}
interface Gate {
  name: string;
  factor: (coverage: number) => number;
}
const gates: Gate[] = (process.env.GATES ?? 'none').split(',').map((g) => {
  const [kind, arg] = g.split(':');
  const x = Number(arg);
  if (kind === 'pow') return { name: `× (1 − c)^${String(x)}`, factor: (c: number) => (1 - c) ** x };
  if (kind === 'lt') return { name: `c < ${String(x)}`, factor: (c: number) => (c < x ? 1 : 0) };
  return { name: 'ungated', factor: () => 1 };
});
const variants = gates.flatMap((gate) => weights.map((weight) => ({ gate, weight })));
/** The query's Q&A coverage as the bridge sees it: own words (weight ≥ 1) matched by the best Q&A match. */
function coverageOf(engine: SearchEngine, query: string, terms: readonly { term: string; weight: number }[]): number {
  const qaHits = engine.index.qa.search(terms, defaultQaBridgeParams.depth, engine.params.qaMatch, query);
  const first = qaHits[0];
  if (!first) return 0;
  return qaCoverage(
    first,
    terms.filter((t) => t.weight >= 1).map((t) => t.term),
  );
}
const coverages: { stard: number[]; everyday: number[] } = { stard: [], everyday: [] };
/** Rankings re-scored at every variant (gate × weight), for one query. */
function rerank(engine: SearchEngine, query: string, set: 'stard' | 'everyday'): string[][] {
  const result = engine.search(query, { limit: 100, qaLimit: 0, snippets: false });
  const hits = result.articles;
  const coverage = coverageOf(engine, result.query, result.terms);
  coverages[set].push(coverage);
  const queryGrams = queryBigrams(query);
  const head = hits.slice(0, depth);
  const bg = head.map((h) => bigramScore(queryGrams, h.key));
  const maxBg = Math.max(0, ...bg);
  const best = head[0]?.score ?? 0;
  const rankings = variants.map(({ gate, weight }) => {
    const w = weight * gate.factor(coverage);
    if (w === 0 || maxBg <= 0) return hits.map((h) => h.key);
    const fused = head.map((h, i) => ({ key: h.key, score: h.score + (w * best * (bg[i] as number)) / maxBg })).sort((a, b) => b.score - a.score);
    return [...fused.map((h) => h.key), ...hits.slice(depth).map((h) => h.key)];
  });
  if (builtin)
    rankings.push(
      withDefaults(engine)
        .search(query, { limit: 100, qaLimit: 0, snippets: false })
        .articles.map((h) => h.key),
    );
  return rankings;
}
const defaultsOf = new Map<SearchEngine, SearchEngine>();
function withDefaults(engine: SearchEngine): SearchEngine {
  let e = defaultsOf.get(engine);
  if (!e) defaultsOf.set(engine, (e = engine.withParams(defaultEngineParams)));
  return e;
}
const rows = variants.length + (builtin ? 1 : 0);

const cv: QueryJudgement[][] = Array.from({ length: rows }, () => []);
for (const f of trained.folds) {
  const engine = base.withModel(f.model);
  for (const i of f.heldOut) {
    const q = trained.questions[i];
    if (!q) continue;
    rerank(engine, q.query, 'stard').forEach((ranked, v) => cv[v]?.push({ relevant: new Set(q.relevant), ranked }));
  }
}
const all = base.withModel(trained.model);
function judgeFile(file: string, set: 'stard' | 'everyday'): QueryJudgement[][] {
  const questions = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as { query: string; relevant: { law: string; article: string }[] });
  const out: QueryJudgement[][] = Array.from({ length: rows }, () => []);
  for (const q of questions) {
    const relevant = new Set(q.relevant.map((r) => `${normalizeLawTitle(r.law)}|${r.article}`));
    rerank(all, q.query, set).forEach((ranked, v) => out[v]?.push({ relevant, ranked }));
  }
  return out;
}
const ev = judgeFile(everydayFile, 'everyday');
const quartiles = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return [0.25, 0.5, 0.75].map((q) => (s[Math.floor(q * (s.length - 1))] ?? 0).toFixed(2)).join(' / ');
};
console.log(`Q&A coverage quartiles: STARD ${quartiles(coverages.stard)}, everyday ${quartiles(coverages.everyday)}`);
const p = (x: number) => (100 * x).toFixed(1);
const fig = (m: { recallAt10: number; recallAt100: number; ndcgAt10: number }) => `${p(m.recallAt10)} / ${p(m.recallAt100)} / ${p(m.ndcgAt10)}`;
variants.forEach(({ gate, weight }, i) => {
  console.log(
    `bigrams of ${fromWords ? 'words' : 'query'}, weight ${String(weight).padEnd(5)} ${gate.name.padEnd(12)} depth ${String(depth)}: STARD CV ${fig(evaluateRetrieval(cv[i] ?? []))} | everyday ${fig(evaluateRetrieval(ev[i] ?? []))}`,
  );
});
if (builtin)
  console.log(
    `engine defaults (EngineParams.bigrams): STARD CV ${fig(evaluateRetrieval(cv[variants.length] ?? []))} | everyday ${fig(evaluateRetrieval(ev[variants.length] ?? []))}`,
  );
if (process.env.BLIND === '1') {
  // Aggregates only: the blind set judges a chosen variant, it takes no part in the choice.
  const blind = judgeFile(everydayBlindFile, 'everyday');
  variants.forEach(({ gate, weight }, i) => console.log(`blind everyday, weight ${String(weight)} ${gate.name}: ${fig(evaluateRetrieval(blind[i] ?? []))}`));
  if (builtin) console.log(`blind everyday, engine defaults: ${fig(evaluateRetrieval(blind[variants.length] ?? []))}`);
}
