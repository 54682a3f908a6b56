/**
 * Ranking experiments on the public STARD questions (5-fold CV), for development:
 * `npx tsx scripts/bench/search-experiments.ts`. Each question is ranked by components trained
 * without its fold; fusion weights are chosen by inner CV on the other folds.
 */
import path from 'node:path';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { normalizeLawTitle } from '../../kiosk-content/src/common/laws/law-title';
import { modelFromQuestions } from '../../kiosk-content/src/common/search/learned-model';
import { evaluateRetrieval, type QueryJudgement } from '../../kiosk-content/src/common/search/metrics';
import { meaningfulTokens } from '../../kiosk-content/src/common/search/normalize';
import { LawFolderArticleSource } from '../../kiosk-content/src/node/search/article-source';
import { glossaryFromFolder, qaFromFolder } from '../../kiosk-content/src/node/search/content-sources';
import { createJiebaTokenizer } from '../../kiosk-content/src/node/search/jieba-tokenizer';
import { LocalSearchService } from '../../kiosk-content/src/node/search/search-service';
import { loadTrainingQuestions } from '../../kiosk-content/src/node/search/train-search-model';
import { repoRoot } from '../lib/repo-paths';

const shared = path.resolve(repoRoot, '../shared/data');
const folds = 5;
const questions = loadTrainingQuestions(path.join(shared, 'stard/queries.public.jsonl'), path.join(shared, 'lecoqa/qa.public.jsonl'));
let t = performance.now();
const source = new LawFolderArticleSource(path.join(shared, 'laws'));
const service = LocalSearchService.open({ articles: source, qa: qaFromFolder(), glossary: glossaryFromFolder(), model: null, indexFile: path.join(os.tmpdir(), 'srx-index.bin') });
console.log(`open ${(performance.now() - t).toFixed(0)} ms`);
const base = service.engine;
const tok = createJiebaTokenizer(base.index.userWords);
const terms = (s: string) => meaningfulTokens(tok.tokenize(s));
void readFileSync;

type Cands = Map<string, number>;
const articleTokens = new Map<string, string[]>();
const cited = new Set(questions.flatMap((q) => q.relevant));
for (const a of source.articles()) if (cited.has(a.key) && !articleTokens.has(a.key)) articleTokens.set(a.key, [...new Set(terms(a.text))]);
console.log(`cited articles tokenised: ${articleTokens.size}`);

/** IBM model 1: t(article word | question word), NULL absorbs words no question word explains. */
function trainTranslation(trainIdx: number[], iterations: number): Map<string, [string, number][]> {
  const pairs: { q: string[]; a: string[] }[] = [];
  for (const i of trainIdx) {
    const q = [...new Set(terms(questions[i]!.query))];
    for (const key of questions[i]!.relevant) {
      const a = articleTokens.get(key);
      if (a && q.length > 0) pairs.push({ q: ['<null>', ...q], a });
    }
  }
  let t = new Map<string, Map<string, number>>(); // q -> w -> prob
  const uniform = 1;
  for (let it = 0; it < iterations; it++) {
    const c = new Map<string, Map<string, number>>();
    for (const { q, a } of pairs) {
      for (const w of a) {
        let z = 0;
        for (const x of q) z += it === 0 ? uniform : (t.get(x)?.get(w) ?? 1e-9);
        for (const x of q) {
          const p = (it === 0 ? uniform : (t.get(x)?.get(w) ?? 1e-9)) / z;
          let m = c.get(x);
          if (!m) c.set(x, (m = new Map()));
          m.set(w, (m.get(w) ?? 0) + p);
        }
      }
    }
    t = new Map();
    for (const [x, m] of c) {
      let tot = 0;
      for (const v of m.values()) tot += v;
      const n = new Map<string, number>();
      for (const [w, v] of m) n.set(w, v / tot);
      t.set(x, n);
    }
  }
  const qCount = new Map<string, number>();
  for (const { q } of pairs) for (const x of q) qCount.set(x, (qCount.get(x) ?? 0) + 1);
  const out = new Map<string, [string, number][]>();
  for (const [x, m] of t) {
    if (x === '<null>' || (qCount.get(x) ?? 0) < MINC) continue;
    out.set(x, [...m].sort((a, b) => b[1] - a[1]).slice(0, TOPW));
  }
  return out;
}
const MINC = Number(process.env.MINC ?? 2);
const TOPW = Number(process.env.TOPW ?? 5);

function expandTerms(query: string, table: Map<string, [string, number][]>, lambda: number) {
  const own = new Set(terms(query));
  const add = new Map<string, number>();
  for (const x of own) {
    const list = table.get(x);
    if (!list) continue;
    const top = list[0]?.[1] ?? 1;
    for (const [w, p] of list) if (!own.has(w)) add.set(w, Math.max(add.get(w) ?? 0, (lambda * p) / top));
  }
  return [...add].map(([term, weight]) => ({ term, weight }));
}

/** ranked candidates with scores per question, per fold model (training = questions not in `held`). */
function engineRuns(trainIdx: number[], testIdx: number[], lambda = 0): Map<number, Cands> {
  const engine = base.withModel(modelFromQuestions(trainIdx.map((i) => questions[i]!)));
  const table = lambda > 0 ? trainTranslation(trainIdx, ITER) : new Map<string, [string, number][]>();
  const out = new Map<number, Cands>();
  for (const i of testIdx) {
    const r = engine.search(questions[i]!.query, lambda > 0 ? { limit: 300, qaLimit: 0, snippets: false, extraTerms: expandTerms(questions[i]!.query, table, lambda) } : { limit: 300, qaLimit: 0, snippets: false });
    const m: Cands = new Map();
    for (const a of r.articles) if (!m.has(a.key)) m.set(a.key, a.score);
    out.set(i, m);
  }
  return out;
}

/** kNN over training questions: BM25 on their words; cited articles get the similarity. */
function knnRuns(trainIdx: number[], testIdx: number[], k: number): Map<number, Cands> {
  const docs = trainIdx.map((i) => terms(questions[i]!.query));
  const df = new Map<string, number>();
  for (const d of docs) for (const w of new Set(d)) df.set(w, (df.get(w) ?? 0) + 1);
  const avg = docs.reduce((s, d) => s + d.length, 0) / docs.length;
  const N = docs.length;
  const out = new Map<number, Cands>();
  for (const i of testIdx) {
    const q = new Set(terms(questions[i]!.query));
    const sims: { j: number; s: number }[] = [];
    docs.forEach((d, j) => {
      let s = 0;
      const tf = new Map<string, number>();
      for (const w of d) tf.set(w, (tf.get(w) ?? 0) + 1);
      for (const w of q) {
        const f = tf.get(w);
        if (!f) continue;
        const n = df.get(w) ?? 0;
        const idf = Math.log(1 + (N - n + 0.5) / (n + 0.5));
        s += (idf * f * 2.2) / (f + 1.2 * (0.25 + (0.75 * d.length) / avg));
      }
      if (s > 0) sims.push({ j, s });
    });
    sims.sort((a, b) => b.s - a.s);
    const m: Cands = new Map();
    for (const { j, s } of sims.slice(0, k)) {
      const rel = questions[trainIdx[j]!]!.relevant;
      for (const key of rel) m.set(key, (m.get(key) ?? 0) + s / Math.sqrt(rel.length));
    }
    out.set(i, m);
  }
  return out;
}

function fuse(e: Cands, k: Cands, w: number): string[] {
  const top = Math.max(...e.values(), 1e-9);
  const ktop = Math.max(...k.values(), 1e-9);
  const s = new Map<string, number>();
  for (const [key, v] of e) s.set(key, v / top);
  if (w > 0) for (const [key, v] of k) s.set(key, (s.get(key) ?? 0) + (w * v) / ktop);
  return [...s].sort((a, b) => b[1] - a[1]).map(([key]) => key).slice(0, 100);
}

const judge = (i: number, ranked: string[]): QueryJudgement => ({ relevant: new Set(questions[i]!.relevant), ranked });
const ITER = Number(process.env.ITER ?? 5);
const K = Number(process.env.K ?? 20);
const lambdas = (process.env.LAMBDAS ?? '0,0.1,0.2,0.3').split(',').map(Number);
const knnWs = [0.05, 0.1, 0.15];
if (process.env.POP) {
  const betas = [0, 0.05, 0.1, 0.2, 0.3, 0.5];
  const byB: QueryJudgement[][] = betas.map(() => []);
  const lambda = Number(process.env.POP);
  for (let f = 0; f < folds; f++) {
    const all = questions.map((_, i) => i);
    const test = all.filter((i) => i % folds === f);
    const train = all.filter((i) => i % folds !== f);
    const pop = new Map<string, number>();
    for (const i of train) for (const key of questions[i]!.relevant) pop.set(key, (pop.get(key) ?? 0) + 1);
    const e = engineRuns(train, test, lambda);
    betas.forEach((beta, bi) =>
      test.forEach((i) => {
        const c = e.get(i)!;
        const ranked = [...c].map(([key, v]) => [key, v * (1 + beta * Math.log(1 + (pop.get(key) ?? 0)))] as const).sort((a, b) => b[1] - a[1]).map(([key]) => key).slice(0, 100);
        byB[bi]!.push(judge(i, ranked));
      }),
    );
  }
  betas.forEach((b, bi) => {
    const m = evaluateRetrieval(byB[bi]!);
    console.log(`pop beta=${b} R@10 ${(100 * m.recallAt10).toFixed(1)} R@100 ${(100 * m.recallAt100).toFixed(1)} nDCG@10 ${(100 * m.ndcgAt10).toFixed(1)}`);
  });
  process.exit(0);
}
for (const lambda of lambdas) {
  const js: QueryJudgement[] = [];
  const byW: QueryJudgement[][] = knnWs.map(() => []);
  for (let f = 0; f < folds; f++) {
    const all = questions.map((_, i) => i);
    const test = all.filter((i) => i % folds === f);
    const e = engineRuns(all.filter((i) => i % folds !== f), test, lambda);
    const k = knnRuns(all.filter((i) => i % folds !== f), test, K);
    for (const i of test) js.push(judge(i, [...e.get(i)!.keys()].slice(0, 100)));
    knnWs.forEach((w, wi) => test.forEach((i) => byW[wi]!.push(judge(i, fuse(e.get(i)!, k.get(i)!, w)))));
  }
  const m = evaluateRetrieval(js);
  console.log(`lambda=${lambda} R@10 ${(100 * m.recallAt10).toFixed(1)} R@100 ${(100 * m.recallAt100).toFixed(1)} nDCG@10 ${(100 * m.ndcgAt10).toFixed(1)}`);
  knnWs.forEach((w, wi) => {
    const m = evaluateRetrieval(byW[wi]!);
    console.log(`  knn w=${w} R@10 ${(100 * m.recallAt10).toFixed(1)} R@100 ${(100 * m.recallAt100).toFixed(1)} nDCG@10 ${(100 * m.ndcgAt10).toFixed(1)}`);
  });
}
if (process.env.KNN) {
const ws = [0, 0.1, 0.2, 0.3, 0.5, 0.8];

const all = questions.map((_, i) => i);
const perW: QueryJudgement[][] = ws.map(() => []);
for (let f = 0; f < folds; f++) {
  t = performance.now();
  const test = all.filter((i) => i % folds === f);
  const train = all.filter((i) => i % folds !== f);
  const e = engineRuns(train, test);
  const k = knnRuns(train, test, K);
  ws.forEach((w, wi) => test.forEach((i) => perW[wi]!.push(judge(i, fuse(e.get(i)!, k.get(i)!, w)))));
  console.log(`fold ${f} ${(performance.now() - t).toFixed(0)} ms`);
}
ws.forEach((w, wi) => {
  const m = evaluateRetrieval(perW[wi]!);
  console.log(`w=${w} R@10 ${(100 * m.recallAt10).toFixed(1)} R@100 ${(100 * m.recallAt100).toFixed(1)} nDCG@10 ${(100 * m.ndcgAt10).toFixed(1)}`);
});
}
void normalizeLawTitle;
