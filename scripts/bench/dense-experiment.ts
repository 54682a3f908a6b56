/**
 * Experiment: a latent semantic space (LSI, kiosk-content/src/search/common/latent-space.ts) trained
 * from the law texts and the training questions, its cosine fused with the engine's score over the
 * engine's top candidates. 5-fold CV on the public STARD questions (each fold's space and model
 * trained without its questions) and the everyday set, as scripts/bench/search-ablation.ts.
 * `npx tsx scripts/bench/dense-experiment.ts`; env DIM (128), QW (weight of the training-question
 * rows, 0 = articles only), EXPAND (weight of training questions added to the articles they cite),
 * DEPTH (engine candidates, 200), LAWS (all articles of the best N laws join the candidates, 0),
 * WEIGHTS (fusion weights, comma-separated).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { normalizeLawTitle } from '../../kiosk-content/src/laws/common/law-title';
import type { QueryJudgement } from '../../kiosk-content/src/search/common/metrics';
import { evaluateRetrieval } from '../../kiosk-content/src/search/common/metrics';
import type { SearchEngine } from '../../kiosk-content/src/search/common/search-engine';
import { meaningfulTokens } from '../../kiosk-content/src/search/common/normalize';
import type { LatentSpace, SparseRows } from '../../kiosk-content/authoring/search-model/latent-space';
import { embed, trainLatentSpace } from '../../kiosk-content/authoring/search-model/latent-space';
import type { LabelledQuestion } from '../../kiosk-content/authoring/search-model/train-search-model';
import { repoRoot } from '../lib/repo-paths';
import { FOLDS, openExperimentEngine } from './search-experiment-setup';

const DIM = Number(process.env.DIM ?? 128);
const QW = Number(process.env.QW ?? 0);
const EXPAND = Number(process.env.EXPAND ?? 0);
const DEPTH = Number(process.env.DEPTH ?? 200);
const LAWS = Number(process.env.LAWS ?? 0);
const WEIGHTS = (process.env.WEIGHTS ?? '0,0.05,0.1,0.2,0.3,0.5').split(',').map(Number);

const { base, tokenizer, trainModels } = openExperimentEngine();
let t = performance.now();
const trained = trainModels();
console.log(`training (${String(FOLDS)} folds + all): ${((performance.now() - t) / 1000).toFixed(1)} s`);

const idx = base.index.articles;
const data = idx.data;
const N = idx.docCount;
const vocab = new Map<string, number>();
data.terms.forEach((term, i) => vocab.set(term, i));
const words = (text: string) => meaningfulTokens(tokenizer.tokenize(text));
const questionWords = trained.questions.map((q) => [...words(q.query), ...words(q.keywords ?? ''), ...words(q.answer ?? '')]);
for (const ws of questionWords) for (const w of ws) if (!vocab.has(w)) vocab.set(w, vocab.size);
const V = vocab.size;

// Article term counts (text + headings) from the index postings.
const articleTerms: Map<number, number>[] = Array.from({ length: N }, () => new Map());
for (const field of [data.text, data.headings]) {
  for (let term = 0; term + 1 < field.offsets.length; term++) {
    for (let p = field.offsets[term] as number; p < (field.offsets[term + 1] as number); p++) {
      const m = articleTerms[field.docs[p] as number] as Map<number, number>;
      m.set(term, (m.get(term) ?? 0) + (field.tfs[p] as number));
    }
  }
}
const articleDf = new Float64Array(V);
for (const m of articleTerms) for (const term of m.keys()) articleDf[term] = (articleDf[term] as number) + 1;
const docOf = (key: string) => {
  const bar = key.lastIndexOf('|');
  return idx.findArticle(key.slice(0, bar), key.slice(bar + 1));
};

function counts(ws: readonly string[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const w of ws) {
    const id = vocab.get(w);
    if (id !== undefined) m.set(id, (m.get(id) ?? 0) + 1);
  }
  return m;
}

interface Space {
  space: LatentSpace;
  idf: Float64Array;
  docVectors: Float32Array;
}

function buildSpace(train: readonly LabelledQuestion[], trainWords: readonly string[][]): Space {
  const started = performance.now();
  const rows: Map<number, number>[] = articleTerms.map((m) => new Map(m));
  const rowScale: number[] = rows.map(() => 1);
  if (EXPAND > 0)
    train.forEach((q, i) => {
      for (const key of q.relevant) {
        const d = docOf(key);
        if (d === undefined) continue;
        const m = rows[d] as Map<number, number>;
        for (const [id, c] of counts(trainWords[i] ?? [])) m.set(id, (m.get(id) ?? 0) + EXPAND * c);
      }
    });
  if (QW > 0)
    train.forEach((_, i) => {
      rows.push(counts(trainWords[i] ?? []));
      rowScale.push(QW);
    });
  const df = new Float64Array(V);
  for (const m of rows) for (const id of m.keys()) df[id] = (df[id] as number) + 1;
  const idf = new Float64Array(V);
  for (let i = 0; i < V; i++) idf[i] = Math.log((rows.length + 1) / ((df[i] as number) + 1));
  let nnz = 0;
  for (const m of rows) nnz += m.size;
  const a: SparseRows = { offsets: new Uint32Array(rows.length + 1), cols: new Uint32Array(nnz), vals: new Float32Array(nnz), columnCount: V };
  let p = 0;
  rows.forEach((m, r) => {
    const start = p;
    let norm = 0;
    for (const [id, c] of m) {
      const v = (1 + Math.log(c)) * (idf[id] as number);
      a.cols[p] = id;
      a.vals[p] = v;
      norm += v * v;
      p++;
    }
    const s = norm > 0 ? (rowScale[r] as number) / Math.sqrt(norm) : 0;
    for (let i = start; i < p; i++) a.vals[i] = (a.vals[i] as number) * s;
    a.offsets[r + 1] = p;
  });
  const space = trainLatentSpace(a, { dim: DIM, seed: 7 });
  const docVectors = new Float32Array(N * space.dim);
  for (let d = 0; d < N; d++) {
    const bag = [...(articleTerms[d] as Map<number, number>)].map(([id, c]) => ({ id, weight: (1 + Math.log(c)) * (idf[id] as number) }));
    docVectors.set(embed(space, bag), d * space.dim);
  }
  console.log(
    `space: ${String(rows.length)} rows, ${String(V)} words, nnz ${String(nnz)}, ${((performance.now() - started) / 1000).toFixed(1)} s; σ₁ ${space.singularValues[0]?.toFixed(2) ?? ''} σ_last ${space.singularValues[space.dim - 1]?.toFixed(2) ?? ''}`,
  );
  return { space, idf, docVectors };
}

function rankFused(engine: SearchEngine, s: Space, query: string): { fused: string[][]; ms: number } {
  const started = performance.now();
  const res = engine.search(query, { limit: DEPTH, qaLimit: 0, snippets: false });
  const cands = new Map<number, number>();
  const top = res.articles[0]?.score ?? 1;
  for (const a of res.articles) {
    const d = docOf(a.key);
    if (d !== undefined && !cands.has(d)) cands.set(d, a.score / top);
  }
  if (LAWS > 0) {
    const laws: number[] = [];
    for (const a of res.articles) {
      const l = idx.lawIndex(a.normalizedTitle);
      if (l !== undefined && !laws.includes(l)) laws.push(l);
      if (laws.length >= LAWS) break;
    }
    for (const l of laws) {
      const law = data.laws[l];
      if (law) for (let d = law.firstDoc; d < law.firstDoc + law.docCount; d++) if (!cands.has(d)) cands.set(d, 0);
    }
  }
  const bag = res.terms.flatMap((term) => {
    const id = vocab.get(term.term);
    return id === undefined ? [] : [{ id, weight: term.weight * (s.idf[id] as number) }];
  });
  const qv = embed(s.space, bag);
  const dim = s.space.dim;
  const cos = new Map<number, number>();
  for (const d of cands.keys()) {
    let dot = 0;
    const o = d * dim;
    for (let i = 0; i < dim; i++) dot += (qv[i] as number) * (s.docVectors[o + i] as number);
    cos.set(d, dot);
  }
  const ms = performance.now() - started;
  const fused = WEIGHTS.map((w) =>
    [...cands]
      .map(([d, lex]) => ({ d, score: lex + w * (cos.get(d) ?? 0) }))
      .sort((x, y) => y.score - x.score || x.d - y.d)
      .slice(0, 100)
      .map((h) => idx.key(h.d)),
  );
  return { fused, ms };
}

const judged: QueryJudgement[][] = WEIGHTS.map(() => []);
const times: number[] = [];
t = performance.now();
for (const f of trained.folds) {
  const held = new Set(f.heldOut);
  const trainIdx = trained.questions.map((_, i) => i).filter((i) => !held.has(i));
  const s = buildSpace(
    trainIdx.map((i) => trained.questions[i] as LabelledQuestion),
    trainIdx.map((i) => questionWords[i] as string[]),
  );
  const engine = base.withModel(f.model);
  for (const i of f.heldOut) {
    const q = trained.questions[i];
    if (!q) continue;
    const { fused, ms } = rankFused(engine, s, q.query);
    times.push(ms);
    fused.forEach((ranked, w) => judged[w]?.push({ relevant: new Set(q.relevant), ranked }));
  }
}
const everyday = readFileSync(path.join(repoRoot, 'scripts/bench/everyday-questions.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim().length > 0)
  .map((l) => JSON.parse(l) as { query: string; relevant: { law: string; article: string }[] });
const sAll = buildSpace(trained.questions, questionWords);
const eAll = base.withModel(trained.model);
const everydayJudged: QueryJudgement[][] = WEIGHTS.map(() => []);
for (const q of everyday) {
  const relevant = new Set(q.relevant.map((r) => `${normalizeLawTitle(r.law)}|${r.article}`));
  rankFused(eAll, sAll, q.query).fused.forEach((ranked, w) => everydayJudged[w]?.push({ relevant, ranked }));
}
const pct = (x: number) => (100 * x).toFixed(1);
const q95 = [...times].sort((a, b) => a - b)[Math.floor(0.95 * times.length)] ?? 0;
console.log(
  `DIM ${String(DIM)} QW ${String(QW)} EXPAND ${String(EXPAND)} DEPTH ${String(DEPTH)} LAWS ${String(LAWS)}; p95 (engine + dense) ${q95.toFixed(1)} ms; ${((performance.now() - t) / 1000).toFixed(0)} s`,
);
WEIGHTS.forEach((w, i) => {
  const m = evaluateRetrieval(judged[i] ?? []);
  const ev = evaluateRetrieval(everydayJudged[i] ?? []);
  console.log(
    `dense weight ${String(w).padEnd(5)} CV: R@10 ${pct(m.recallAt10)}  R@100 ${pct(m.recallAt100)}  nDCG@10 ${pct(m.ndcgAt10)}  MRR@10 ${pct(m.mrrAt10)} | everyday: R@10 ${pct(ev.recallAt10)}  R@100 ${pct(ev.recallAt100)}  nDCG@10 ${pct(ev.ndcgAt10)}`,
  );
});
