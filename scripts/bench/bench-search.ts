/**
 * Search benchmark: `npm run bench:search [-- --folds 5 --quick]`.
 *
 * Retrieval quality on the public STARD questions (../shared/data/stard/queries.public.jsonl, read
 * at run time, never copied): Recall@1/5/10/100, MRR@10, nDCG@10 for
 *   - a plain BM25 baseline (character bigrams of the article text, no glossary, no prior),
 *   - the engine with its shipped defaults,
 *   - the engine with parameters tuned by k-fold cross-validation (tuned on k−1 folds, scored
 *     on the held-out fold; the table shows held-out scores only).
 * Plus latency (p50/p95/max of the full service search: citations, BM25F, Q&A, snippets,
 * suggestions), index build time, index size, load time and RSS of a process that only loads
 * the stored index (what the kiosk does at start).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { normalizeLawTitle } from '../../kiosk-content/src/common/laws/law-title';
import type { Bm25fParams } from '../../kiosk-content/src/common/search/article-index';
import type { GlossaryEntry } from '../../kiosk-content/src/common/search/glossary-expansion';
import type { QaInput } from '../../kiosk-content/src/common/search/qa-index';
import { InvertedIndex } from '../../kiosk-content/src/common/search/inverted-index';
import type { QueryJudgement, RetrievalMetrics } from '../../kiosk-content/src/common/search/metrics';
import { evaluateRetrieval } from '../../kiosk-content/src/common/search/metrics';
import { characterBigrams, meaningfulTokens } from '../../kiosk-content/src/common/search/normalize';
import type { EngineParams, SearchEngine } from '../../kiosk-content/src/common/search/search-engine';
import { defaultEngineParams } from '../../kiosk-content/src/common/search/search-engine';
import { LawFolderArticleSource } from '../../kiosk-content/src/node/search/article-source';
import { glossaryFromFolder, qaFromFolder } from '../../kiosk-content/src/node/search/content-sources';
import { LocalSearchService } from '../../kiosk-content/src/node/search/search-service';
import { repoRoot } from '../lib/repo-paths';

const sharedData = path.resolve(repoRoot, '../shared/data');
const lawsDir = path.join(sharedData, 'laws');
const queriesFile = path.join(sharedData, 'stard/queries.public.jsonl');

interface StardQuery {
  id: number;
  query: string;
  relevant: { law: string; article: string }[];
}

function loadQueries(): StardQuery[] {
  return readFileSync(queriesFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as StardQuery);
}

const relevantKeys = (q: StardQuery) => new Set(q.relevant.map((r) => `${normalizeLawTitle(r.law)}|${r.article}`));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const pct = (x: number) => (100 * x).toFixed(1);

function metricRow(name: string, m: RetrievalMetrics): string {
  return `| ${name.padEnd(44)} | ${pct(m.recallAt1).padStart(5)} | ${pct(m.recallAt5).padStart(5)} | ${pct(m.recallAt10).padStart(5)} | ${pct(m.recallAt100).padStart(6)} | ${pct(m.mrrAt10).padStart(6)} | ${pct(m.ndcgAt10).padStart(7)} |`;
}

/** Child mode: load the stored index like a kiosk start and report time and memory. */
function childLoad(indexFile: string, contentFile: string): void {
  const before = process.memoryUsage().rss;
  const started = performance.now();
  // The content itself is not needed to load the index, only its fingerprint inputs.
  const content = JSON.parse(readFileSync(contentFile, 'utf8')) as { fingerprint: string; qa: QaInput[]; glossary: GlossaryEntry[] };
  const source = { fingerprint: () => content.fingerprint, lawTitles: () => [], articles: () => [], article: () => null };
  const service = LocalSearchService.open({ articles: source, qa: content.qa, glossary: content.glossary, indexFile });
  const ms = performance.now() - started;
  service.search('劳动合同法第47条');
  service.search('离婚后孩子的抚养费怎么算');
  process.stdout.write(JSON.stringify({ built: service.report.built, loadMs: ms, rssBefore: before, rss: process.memoryUsage().rss }));
}

interface ChildReport {
  built: boolean;
  loadMs: number;
  rssBefore: number;
  rss: number;
}

interface Candidate {
  name: string;
  params: EngineParams;
}

function grid(base: EngineParams): Candidate[] {
  const priors: [string, Bm25fParams['authorityPrior']][] = [
    ['flat', { law: 1, 'judicial-interpretation': 1, 'administrative-regulation': 1, 'departmental-rule': 1 }],
    ['mild', { law: 1, 'judicial-interpretation': 0.85, 'administrative-regulation': 0.8, 'departmental-rule': 0.7 }],
    ['strong', { law: 1, 'judicial-interpretation': 0.7, 'administrative-regulation': 0.6, 'departmental-rule': 0.5 }],
  ];
  const fields: [string, Bm25fParams['weights']][] = [
    ['text', { text: 1, headings: 0, title: 0 }],
    ['t1h1T1', { text: 1, headings: 1, title: 1 }],
    ['t1h2T0.5', { text: 1, headings: 2, title: 0.5 }],
  ];
  const expansions = [0.5, 1];
  const out: Candidate[] = [];
  for (const [pn, prior] of priors)
    for (const [fn, weights] of fields)
      for (const expansionWeight of expansions)
        out.push({
          name: `prior=${pn} fields=${fn} glossary=${String(expansionWeight)}`,
          params: { ...base, expansionWeight, bm25: { ...base.bm25, weights, authorityPrior: prior } },
        });
  return out;
}

function rankKeys(engine: SearchEngine, query: string): string[] {
  return engine.search(query, { limit: 100, qaLimit: 0, snippets: false }).articles.map((a) => a.key);
}

function main(): void {
  const args = process.argv.slice(2);
  if (args[0] === '--child-load') {
    childLoad(args[1] ?? '', args[2] ?? '');
    return;
  }
  const folds = Number(args[args.indexOf('--folds') + 1] ?? 5) || 5;
  const quick = args.includes('--quick');
  const queries = loadQueries();
  console.log(`STARD public questions: ${String(queries.length)}; laws: ${lawsDir}; ${os.cpus().length} CPU(s), node ${process.version}`);

  // --- source + engine build ---
  let t = performance.now();
  const source = new LawFolderArticleSource(lawsDir);
  const parseMs = performance.now() - t;
  const qa = qaFromFolder();
  const glossary = glossaryFromFolder();
  const indexFile = path.join(os.tmpdir(), `fatong-bench-search-${String(process.pid)}.bin`);
  const contentFile = `${indexFile}.content.json`;
  t = performance.now();
  const service = LocalSearchService.open({ articles: source, qa, glossary, indexFile });
  const buildMs = performance.now() - t;
  const indexBytes = statSync(indexFile).size;
  const rssAfterBuild = process.memoryUsage().rss;
  const engine = service.engine;

  // --- baseline: plain Okapi BM25 over character bigrams of the article text ---
  t = performance.now();
  const docs = [...source.articles()];
  const baseline = InvertedIndex.build(docs.map((d) => meaningfulTokens(characterBigrams(d.text))));
  const baselineBuildMs = performance.now() - t;
  const baselineRank = (query: string): string[] => {
    const scores = new Float32Array(docs.length);
    for (const term of meaningfulTokens(characterBigrams(query))) {
      const n = baseline.documentFrequency(term);
      baseline.accumulate(term, 1, scores, 1.2, 0.75, Math.log(1 + (baseline.docCount - n + 0.5) / (n + 0.5)));
    }
    const order: number[] = [];
    scores.forEach((s, i) => {
      if (s > 0) order.push(i);
    });
    order.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
    return order.slice(0, 100).map((i) => (docs[i] as { key: string }).key);
  };
  const judge = (rank: (q: string) => string[], subset: StardQuery[] = queries): QueryJudgement[] =>
    subset.map((q) => ({ relevant: relevantKeys(q), ranked: rank(q.query) }));

  const baselineMetrics = evaluateRetrieval(judge(baselineRank));
  const defaultMetrics = evaluateRetrieval(judge((q) => rankKeys(engine, q)));
  // Ablation: the same engine without the boost for articles the matching Q&A cites.
  const noQaBoost = engine.withParams({ ...engine.params, qaCiteBoost: 0 });
  const noQaBoostMetrics = evaluateRetrieval(judge((q) => rankKeys(noQaBoost, q)));

  // --- k-fold cross-validation over the parameter grid ---
  const candidates = quick ? grid(defaultEngineParams).slice(0, 4) : grid(defaultEngineParams);
  const perCandidate: QueryJudgement[][] = [];
  t = performance.now();
  for (const c of candidates) perCandidate.push(judge((q) => rankKeys(engine.withParams(c.params), q)));
  const gridMs = performance.now() - t;
  const foldOf = (i: number) => i % folds;
  const heldOut: QueryJudgement[] = [];
  const chosen: string[] = [];
  for (let f = 0; f < folds; f++) {
    let best = 0;
    let bestScore = -1;
    perCandidate.forEach((js, ci) => {
      const score = evaluateRetrieval(js.filter((_, i) => foldOf(i) !== f)).ndcgAt10;
      if (score > bestScore) {
        bestScore = score;
        best = ci;
      }
    });
    chosen.push(`fold ${String(f + 1)}: ${(candidates[best] as Candidate).name} (train nDCG@10 ${pct(bestScore)})`);
    (perCandidate[best] as QueryJudgement[]).forEach((j, i) => {
      if (foldOf(i) === f) heldOut.push(j);
    });
  }
  const cvMetrics = evaluateRetrieval(heldOut);
  const allBest = perCandidate
    .map((js, ci) => ({ name: (candidates[ci] as Candidate).name, m: evaluateRetrieval(js) }))
    .sort((a, b) => b.m.ndcgAt10 - a.m.ndcgAt10);

  // --- latency of the full service search (snippets, Q&A, suggestions) ---
  const times: number[] = [];
  for (const q of queries) {
    const s = performance.now();
    service.search(q.query);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const suggestTimes: number[] = [];
  for (const q of queries) {
    const prefix = [...q.query].slice(0, 3).join('');
    const s = performance.now();
    service.suggest(prefix);
    suggestTimes.push(performance.now() - s);
  }
  suggestTimes.sort((a, b) => a - b);

  // --- cold start: a fresh process loads the stored index ---
  const here = fileURLToPath(import.meta.url);
  let child: ChildReport | null = null;
  try {
    writeFileSync(contentFile, JSON.stringify({ fingerprint: source.fingerprint(), qa, glossary }));
    const out = execFileSync(process.execPath, [...process.execArgv, here, '--child-load', indexFile, contentFile], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    child = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as ChildReport;
  } catch (error) {
    console.log(`(cold-start child failed: ${error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error)})`);
  }
  rmSync(indexFile, { force: true });
  rmSync(contentFile, { force: true });

  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  console.log('');
  console.log(`| ${'system (988 public STARD questions)'.padEnd(44)} | R@1   | R@5   | R@10  | R@100  | MRR@10 | nDCG@10 |`);
  console.log(`|${'-'.repeat(46)}|-------|-------|-------|--------|--------|---------|`);
  console.log(metricRow('baseline: BM25, char bigrams, text only', baselineMetrics));
  console.log(metricRow('engine without Q&A-citation boost', noQaBoostMetrics));
  console.log(metricRow('engine, shipped defaults', defaultMetrics));
  console.log(metricRow(`engine, ${String(folds)}-fold CV (held-out folds)`, cvMetrics));
  console.log('');
  console.log(`Chosen per fold (grid of ${String(candidates.length)}, selection by nDCG@10 on the other folds; grid run ${(gridMs / 1000).toFixed(0)} s):`);
  for (const c of chosen) console.log(`  ${c}`);
  console.log(`Best 3 on all queries (in-sample, for reference only): ${allBest.slice(0, 3).map((b) => `${b.name} nDCG ${pct(b.m.ndcgAt10)}`).join('; ')}`);
  console.log(`Glossary entries: ${String(glossary.length)}; Q&A entries: ${String(qa.length)}; indexed current articles: ${String(engine.index.articles.docCount)}`);
  console.log('');
  console.log('| measure                                   | value      |');
  console.log('|-------------------------------------------|------------|');
  console.log(`| query latency p50 (full search)           | ${times.length ? percentile(times, 50).toFixed(1) : '-'} ms |`);
  console.log(`| query latency p95                         | ${percentile(times, 95).toFixed(1)} ms |`);
  console.log(`| query latency max                         | ${(times.at(-1) ?? 0).toFixed(1)} ms |`);
  console.log(`| suggest latency p50 / p95 (3-char prefix) | ${percentile(suggestTimes, 50).toFixed(1)} / ${percentile(suggestTimes, 95).toFixed(1)} ms |`);
  console.log(`| law folder parse (not needed with the DB) | ${(parseMs / 1000).toFixed(1)} s |`);
  console.log(`| index build (segment + BM25F + MiniSearch + write) | ${(buildMs / 1000).toFixed(1)} s |`);
  console.log(`| baseline index build                      | ${(baselineBuildMs / 1000).toFixed(1)} s |`);
  console.log(`| index size on disk                        | ${mb(indexBytes)} |`);
  console.log(`| RSS after build (bench process)           | ${mb(rssAfterBuild)} |`);
  if (child) {
    console.log(`| cold load of stored index (fresh process) | ${child.loadMs.toFixed(0)} ms${child.built ? ' (REBUILT: fingerprint mismatch)' : ''} |`);
    console.log(`| RSS of that process after 2 queries       | ${mb(child.rss)} (${mb(child.rssBefore)} before loading) |`);
  }
}

main();
