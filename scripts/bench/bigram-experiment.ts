/**
 * Character-bigram re-scoring of the engine's best articles, as a measurement before any engine
 * change: `npx tsx scripts/bench/bigram-experiment.ts` (WEIGHTS=0,0.1,… DEPTH=100; QATRAIN as in
 * search-experiment-setup.ts). Each query's first `DEPTH` articles (5-fold CV models for STARD, the
 * all-questions model for the everyday set) get score + weight × (best score) × bigram / (best
 * bigram), where bigram is BM25 (k1 1.2, b 0.75) over the CJK character bigrams of the article text
 * with bigram document frequencies from the whole library — it catches words jieba cut differently
 * (拖欠工资 / 拖欠劳动报酬 share 拖欠). Prints R@10 / R@100 / nDCG@10 per weight. The model is
 * trained as search-experiment-setup.ts says (QATRAIN=0: without the kiosk's Q&A).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { normalizeLawTitle } from '../../kiosk-content/src/laws/common/law-title';
import type { QueryJudgement } from '../../kiosk-content/src/search/common/metrics';
import { evaluateRetrieval } from '../../kiosk-content/src/search/common/metrics';
import type { SearchEngine } from '../../kiosk-content/src/search/common/search-engine';
import { meaningfulTokens } from '../../kiosk-content/src/search/common/normalize';
import { everydayFile } from './bench-data-files';
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

const { base, source, tokenizer, trainModels } = openExperimentEngine();
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
/** Rankings re-scored at every weight, for one query. */
function rerank(engine: SearchEngine, query: string): string[][] {
  const hits = engine.search(query, { limit: 100, qaLimit: 0, snippets: false }).articles;
  const queryGrams = queryBigrams(query);
  const head = hits.slice(0, depth);
  const bg = head.map((h) => bigramScore(queryGrams, h.key));
  const maxBg = Math.max(0, ...bg);
  const best = head[0]?.score ?? 0;
  return weights.map((w) => {
    if (w === 0 || maxBg <= 0) return hits.map((h) => h.key);
    const fused = head.map((h, i) => ({ key: h.key, score: h.score + (w * best * (bg[i] as number)) / maxBg })).sort((a, b) => b.score - a.score);
    return [...fused.map((h) => h.key), ...hits.slice(depth).map((h) => h.key)];
  });
}

const cv: QueryJudgement[][] = weights.map(() => []);
for (const f of trained.folds) {
  const engine = base.withModel(f.model);
  for (const i of f.heldOut) {
    const q = trained.questions[i];
    if (!q) continue;
    rerank(engine, q.query).forEach((ranked, w) => cv[w]?.push({ relevant: new Set(q.relevant), ranked }));
  }
}
const everyday = readFileSync(everydayFile, 'utf8')
  .split('\n')
  .filter((l) => l.trim().length > 0)
  .map((l) => JSON.parse(l) as { query: string; relevant: { law: string; article: string }[] });
const all = base.withModel(trained.model);
const ev: QueryJudgement[][] = weights.map(() => []);
for (const q of everyday) {
  const relevant = new Set(q.relevant.map((r) => `${normalizeLawTitle(r.law)}|${r.article}`));
  rerank(all, q.query).forEach((ranked, w) => ev[w]?.push({ relevant, ranked }));
}
const p = (x: number) => (100 * x).toFixed(1);
const fig = (m: { recallAt10: number; recallAt100: number; ndcgAt10: number }) => `${p(m.recallAt10)} / ${p(m.recallAt100)} / ${p(m.ndcgAt10)}`;
weights.forEach((w, i) => {
  console.log(
    `bigrams of ${fromWords ? 'words' : 'query'}, weight ${String(w).padEnd(5)} depth ${String(depth)}: STARD CV ${fig(evaluateRetrieval(cv[i] ?? []))} | everyday ${fig(evaluateRetrieval(ev[i] ?? []))}`,
  );
});
