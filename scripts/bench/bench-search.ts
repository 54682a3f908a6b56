/**
 * Search benchmark: `[CHECK=1] npm run bench:search [-- --folds 5 --quick] [--no-qa-training]`.
 * (CHECK=1: also the check everyday set's aggregate figures, beside the everyday and blind sets.)
 * (--no-qa-training: the models learn from the labelled questions only, without the kiosk's Q&A,
 * as before they did; for an A/B of that choice.)
 *
 * Retrieval quality on the public STARD questions (../shared/data/stard/queries.public.jsonl, read
 * at run time, never copied): Recall@1/5/10/100, MRR@10, nDCG@10, every figure printed beside the
 * baseline's:
 *   - baseline: plain Okapi BM25 over jieba tokens (default dictionary, accurate mode), k1 1.3,
 *     b 0.75, article text only, STARD's stopword list (../shared/data/stard/cn_stopwords.txt);
 *   - the engine as the kiosk runs without training data (default content only);
 *   - the engine with its learned components (learned-model.ts) scored by k-fold cross-validation:
 *     every question is ranked by a model trained on the other folds only (the headline);
 *   - the same trained on all questions, scored in-sample (reference only, optimistic).
 * Then Recall@10 of misspelled questions (one homophone character swapped in a statute word) as
 * typed and with the host's 「您是不是要找」 correction, beside the clean ones (misspelled-queries.ts).
 * Plus latency (p50/p95/max of the full service search with the all-data model), index build
 * time, index size, load time and RSS of a fresh process that only loads the stored index, and
 * cold start (open the DB to the first answer) when cold-start.ts exists, and the CLI's own per-query
 * `ms` of `search --top 100 --kind article` over every public question in a fresh process on the
 * installed pack (cli-search-latency.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { normalizeLawTitle } from '../../kiosk-content/src/laws/common/law-title';
import type { GlossaryEntry } from '../../kiosk-content/src/search/common/glossary-expansion';
import type { SearchModel } from '../../kiosk-content/src/search/common/learned-model';
import { defaultModelWeights, defaultNeighbours, modelFromQuestions } from '../../kiosk-content/src/search/common/learned-model';
import { userWordsFor } from '../../kiosk-content/src/search/common/search-engine';
import { createJiebaTokenizer } from '../../kiosk-content/src/search/node/jieba-tokenizer';
import type { QaInput } from '../../kiosk-content/src/search/common/qa-index';
import { InvertedIndex } from '../../kiosk-content/src/search/common/inverted-index';
import type { QueryJudgement, RetrievalMetrics } from '../../kiosk-content/src/search/common/metrics';
import { evaluateRetrieval } from '../../kiosk-content/src/search/common/metrics';
import type { EngineParams, SearchEngine } from '../../kiosk-content/src/search/common/search-engine';
import { LawFolderArticleSource } from '../../kiosk-content/authoring/law-import/law-folder-article-source';
import { glossaryFromFolder, qaFromFolder } from '../../kiosk-content/src/search/node/content-sources';
import { LocalSearchService } from '../../kiosk-content/src/search/node/search-service';
import { buildLawPack } from '../../kiosk-content/authoring/pack-builder/build-pack';
import { ContentStore } from '../../kiosk-content/src/packs/node/content-store';
import { generatePackKeys, readPublicKey } from '../../kiosk-content/src/packs/node/pack-keys';
import { measureColdStart } from '../../kiosk-content/src/search/node/cold-start';
import { trainSearchModel } from '../../kiosk-content/authoring/search-model/train-search-model';
import { trainRanker } from '../../kiosk-content/authoring/search-model/train-ranker';
import { defaultQaTraining, qaTrainingQuestions } from '../../kiosk-content/authoring/search-model/qa-training';
import { decodeDictionary } from '../../electron/common/ime/dictionary-format';
import { buildImeDictionary } from '../build/build-ime-dictionary';
import { appVersion, defaultContentDir, repoRoot } from '../lib/repo-paths';
import { everydayFile, lawsDir, lecoqaFile, stardQueriesFile, stardStopwordsFile, selectedHeldOutSets } from './bench-data-files';
import { misspellingReport } from './misspelled-queries';
import { measureCliSearch, nearestRank } from './cli-search-latency';

interface StardQuery {
  id: number;
  query: string;
  relevant: { law: string; article: string }[];
}

function loadQueries(): StardQuery[] {
  return readFileSync(stardQueriesFile, 'utf8')
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
const metricKeys = ['recallAt1', 'recallAt5', 'recallAt10', 'recallAt100', 'mrrAt10', 'ndcgAt10'] as const;

/** One row: each figure, then its difference to the baseline in brackets. */
function metricRow(name: string, m: RetrievalMetrics, base: RetrievalMetrics | null): string {
  const cells = metricKeys.map((k) => {
    const v = pct(m[k]);
    if (!base) return v.padStart(13);
    const d = 100 * (m[k] - base[k]);
    return `${v} (${d >= 0 ? '+' : ''}${d.toFixed(1)})`.padStart(13);
  });
  return `| ${name.padEnd(52)} | ${cells.join(' | ')} |`;
}

function tableHead(queries: number): string {
  const names = ['R@1', 'R@5', 'R@10', 'R@100', 'MRR@10', 'nDCG@10'].map((n) => n.padStart(13));
  return `| ${`system (${String(queries)} public STARD questions)`.padEnd(52)} | ${names.join(' | ')} |\n|${'-'.repeat(54)}|${names.map(() => '-'.repeat(15)).join('|')}|`;
}

/** Child mode: load the stored index like a kiosk start and report time and memory. */
function childLoad(indexFile: string, contentFile: string): void {
  const before = process.memoryUsage().rss;
  const started = performance.now();
  // The content itself is not needed to load the index, only its fingerprint inputs.
  const content = JSON.parse(readFileSync(contentFile, 'utf8')) as { fingerprint: string; qa: QaInput[]; glossary: GlossaryEntry[]; model: SearchModel | null };
  const source = { fingerprint: () => content.fingerprint, lawTitles: () => [], articles: () => [], article: () => null };
  const service = LocalSearchService.open({ articles: source, qa: content.qa, glossary: content.glossary, model: content.model, indexFile });
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

/** Hyper-parameters of the learned components, chosen inside the CV loop (never on the scored fold). */
function grid(base: EngineParams): Candidate[] {
  const out: Candidate[] = [];
  for (const weight of [0.3, 0.5, 0.8])
    for (const priorStrength of [0, 0.5, 1])
      out.push({
        name: `learned=${String(weight)} prior=${String(priorStrength)}`,
        params: { ...base, priorStrength, bm25: { ...base.bm25, learned: { weight, b: base.bm25.learned?.b ?? 0.2 } } },
      });
  return out;
}

function rankKeys(engine: SearchEngine, query: string): string[] {
  return engine.search(query, { limit: 100, qaLimit: 0, snippets: false }).articles.map((a) => a.key);
}

/** STARD's baseline: jieba accurate mode (default dictionary, HMM on), STARD stopwords, BM25 on the text. */
function jiebaBaseline(docs: readonly { key: string; text: string }[]): { rank: (q: string) => string[]; buildMs: number } {
  const started = performance.now();
  const require = createRequire(import.meta.url);
  const jieba = Jieba.withDict((require('@node-rs/jieba/dict') as { dict: Uint8Array }).dict);
  const stop = new Set(
    readFileSync(stardStopwordsFile, 'utf8')
      .split('\n')
      .map((w) => w.trim())
      .filter((w) => w.length > 0),
  );
  const tokens = (text: string) =>
    jieba
      .cut(text, true)
      .map((t) => t.trim())
      .filter((t) => t.length > 0 && !stop.has(t));
  const index = InvertedIndex.build(docs.map((d) => tokens(d.text)));
  const buildMs = performance.now() - started;
  const rank = (query: string): string[] => {
    const scores = new Float32Array(docs.length);
    for (const term of tokens(query)) {
      const n = index.documentFrequency(term);
      index.accumulate(term, 1, scores, 1.3, 0.75, Math.log(1 + (index.docCount - n + 0.5) / (n + 0.5)));
    }
    const order: number[] = [];
    scores.forEach((s, i) => {
      if (s > 0) order.push(i);
    });
    order.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
    return order.slice(0, 100).map((i) => (docs[i] as { key: string }).key);
  };
  return { rank, buildMs };
}

interface ImportAndColdStart {
  importLine: string;
  coldLine: string;
  /** The CLI's own per-query ms on the installed pack (fresh process), or why it failed. */
  cliLine: string;
}

/**
 * What a terminal gets: the law pack built with training (content build --laws --train), signed,
 * installed into an empty data folder (content install: index built there with the pack's model),
 * then a fresh process opens the installed content and answers one query (the cold start).
 * FATONG_BENCH_DB points at an already prepared content DB instead.
 */
async function packAndColdStart(questions: readonly string[]): Promise<ImportAndColdStart> {
  let dbFile = process.env.FATONG_BENCH_DB;
  let dataDir: string | null = null;
  let importLine = 'skipped (FATONG_BENCH_DB given)';
  let tmp: string | null = null;
  let contentDir: string | null = null;
  if (!dbFile) {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'fatong-bench-pack-'));
    const keys = generatePackKeys(path.join(tmp, 'keys'), 'bench');
    let t = performance.now();
    const built = await buildLawPack(lawsDir, {
      out: path.join(tmp, 'laws.fpk'),
      version: '2026.1.0',
      minAppVersion: appVersion(),
      keyFile: keys.privateFile,
      // As content build --laws --train: with the default content's Q&A unless --no-qa-training.
      train: { questions: stardQueriesFile, lecoqa: lecoqaFile, ...(process.argv.includes('--no-qa-training') ? { qa: null } : {}) },
    });
    const buildMs = performance.now() - t;
    t = performance.now();
    const store = new ContentStore({ root: path.join(tmp, 'data', 'content'), appVersion: appVersion(), defaultContentDir });
    await store.install(built.out, { trustedKeys: [readPublicKey(keys.publicFile)] });
    const installMs = performance.now() - t;
    const active = store.active();
    if (!active) throw new Error('the installed pack is not active');
    dbFile = active.dbFile;
    dataDir = path.join(tmp, 'data');
    contentDir = active.contentDir ?? defaultContentDir;
    importLine = `pack build with training ${(buildMs / 1000).toFixed(1)} s (of it training ${((built.training?.ms ?? 0) / 1000).toFixed(1)} s, ${String(built.training?.questions ?? 0)} questions; pack ${(built.packBytes / 1024 / 1024).toFixed(1)} MB); install + index ${(installMs / 1000).toFixed(1)} s`;
  }
  const failed = (error: unknown) => `failed: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}`;
  try {
    let coldLine: string;
    try {
      const r = await measureColdStart(dbFile, { contentDir });
      coldLine = `${r.ms.toFixed(0)} ms (index from ${r.indexSource}, of it warm-up ${(r.warmUpMs ?? 0).toFixed(0)} ms); whole fresh process ${(r.processMs / 1000).toFixed(2)} s; RSS ${(r.rssBytes / 1024 / 1024).toFixed(1)} MB`;
    } catch (error) {
      coldLine = failed(error);
    }
    let cliLine: string;
    try {
      // What a technician runs on the terminal: search without --db answers from the installed pack.
      const cli = await measureCliSearch(dataDir ? { dataDir } : { dbFile }, questions);
      const first = cli.ms.slice(0, 300);
      const q = (xs: number[], p: number) => nearestRank(xs, p).toFixed(1);
      cliLine = `p50 ${q(cli.ms, 0.5)} / p95 ${q(cli.ms, 0.95)} / max ${q(cli.ms, 1)} ms over ${String(cli.ms.length)} questions (first 300: p50 ${q(first, 0.5)} / p95 ${q(first, 0.95)} ms); process ${(cli.processMs / 1000).toFixed(1)} s`;
    } catch (error) {
      cliLine = failed(error);
    }
    return { importLine, coldLine, cliLine };
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child-load') {
    childLoad(args[1] ?? '', args[2] ?? '');
    return;
  }
  const folds = Number(args[args.indexOf('--folds') + 1] ?? 5) || 5;
  const quick = args.includes('--quick');
  const queries = loadQueries();
  console.log(`STARD public questions: ${String(queries.length)}; laws: ${lawsDir}; ${String(os.cpus().length)} CPU(s), node ${process.version}`);

  // --- source + engine build (with the learned model trained on all public questions) ---
  let t = performance.now();
  const source = new LawFolderArticleSource(lawsDir);
  const parseMs = performance.now() - t;
  const qa = qaFromFolder();
  const glossary = glossaryFromFolder();
  t = performance.now();
  const translation = {
    articleText: (key: string) => source.article(key)?.text ?? null,
    tokenizer: createJiebaTokenizer(userWordsFor(source.lawTitles(), glossary)),
  };
  // The kiosk's Q&A train every model too, as import-laws / content build --laws do (qa-training.ts).
  const qaQuestions = args.includes('--no-qa-training') ? [] : qaTrainingQuestions(qa, defaultQaTraining);
  const trainingOptions = { translation, extraQuestions: qaQuestions, extraInTranslation: defaultQaTraining.translation };
  const trainedWithoutRanker = trainSearchModel(stardQueriesFile, lecoqaFile, folds, trainingOptions);
  // The learned re-ranker (train-ranker.ts) as a pack build trains it: cross-fitted on the model's own
  // training questions only — for each CV fold on that fold's training questions, so the CV stays honest.
  const rankerStarted = performance.now();
  const contentEngine = LocalSearchService.open({ articles: source, qa, glossary, model: null, indexFile: null }).engine;
  const trainedQuestions = trainedWithoutRanker.questions;
  const trained = {
    ...trainedWithoutRanker,
    model: { ...trainedWithoutRanker.model, ranker: trainRanker(contentEngine, trainedQuestions, trainingOptions) },
    folds: trainedWithoutRanker.folds.map((f) => {
      const held = new Set(f.heldOut);
      return {
        heldOut: f.heldOut,
        model: {
          ...f.model,
          ranker: trainRanker(
            contentEngine,
            trainedQuestions.filter((_, i) => !held.has(i)),
            trainingOptions,
          ),
        },
      };
    }),
  };
  const rankerMs = performance.now() - rankerStarted;
  const trainMs = performance.now() - t;
  const indexFile = path.join(os.tmpdir(), `fatong-bench-search-${String(process.pid)}.bin`);
  const contentFile = `${indexFile}.content.json`;
  t = performance.now();
  const service = LocalSearchService.open({ articles: source, qa, glossary, model: trained.model, indexFile });
  const buildMs = performance.now() - t;
  const indexBytes = statSync(indexFile).size;
  const rssAfterBuild = process.memoryUsage().rss;
  const allData = service.engine;
  const plain = allData.withModel(null);

  const docs = [...source.articles()];
  const baseline = jiebaBaseline(docs);
  const judge = (rank: (q: string) => string[], subset: StardQuery[] = queries): QueryJudgement[] =>
    subset.map((q) => ({ relevant: relevantKeys(q), ranked: rank(q.query) }));

  // Everyday residents' questions written for this project (scripts/bench/everyday-questions.jsonl,
  // the articles checked by hand in ../shared/data/laws); a development check, not the held-out set.
  const readJsonl = (file: string) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim().length > 0)
      .map((l) => JSON.parse(l) as StardQuery);
  const everyday = readJsonl(everydayFile);
  const everydayPlain = evaluateRetrieval(judge((q) => rankKeys(plain, q), everyday));
  const everydayLearned = evaluateRetrieval(judge((q) => rankKeys(allData, q), everyday));
  // Held-out everyday sets, aggregate figures only: the blind set always, the check set with CHECK=1.
  const heldOut = selectedHeldOutSets(['blind']).map((set) => {
    const questions = readJsonl(set.file);
    return {
      set,
      count: questions.length,
      plain: evaluateRetrieval(judge((q) => rankKeys(plain, q), questions)),
      learned: evaluateRetrieval(judge((q) => rankKeys(allData, q), questions)),
      unknown: [...new Set(questions.flatMap((q) => [...relevantKeys(q)]))].filter((k) => !source.article(k)),
    };
  });
  const baselineMetrics = evaluateRetrieval(judge(baseline.rank));
  const plainMetrics = evaluateRetrieval(judge((q) => rankKeys(plain, q)));
  const allDataMetrics = evaluateRetrieval(judge((q) => rankKeys(allData, q)));

  // --- k-fold CV: fold models never see their held-out questions ---
  t = performance.now();
  const foldEngines = trained.folds.map((f) => ({ heldOut: f.heldOut, engine: allData.withModel(f.model) }));
  const cvFixed: QueryJudgement[] = new Array<QueryJudgement>(queries.length);
  for (const f of foldEngines)
    for (const i of f.heldOut) {
      const q = queries[i] as StardQuery;
      cvFixed[i] = { relevant: relevantKeys(q), ranked: rankKeys(f.engine, q.query) };
    }
  const cvFixedMetrics = evaluateRetrieval(cvFixed);
  const cvMs = performance.now() - t;

  // --- nested CV over the learned hyper-parameters (full run only) ---
  let nested: { metrics: RetrievalMetrics; chosen: string[]; ms: number } | null = null;
  if (!quick) {
    t = performance.now();
    const candidates = grid(allData.params);
    const chosen: string[] = [];
    const scored: QueryJudgement[] = new Array<QueryJudgement>(queries.length);
    for (let f = 0; f < folds; f++) {
      // Inner CV on the other folds: train on k−2 folds, score the k−1st, for every candidate.
      const inner: QueryJudgement[][] = candidates.map(() => []);
      for (let g = 0; g < folds; g++) {
        if (g === f) continue;
        const train = trained.questions.filter((_, i) => i % folds !== f && i % folds !== g);
        const innerEngine = allData.withModel(
          modelFromQuestions(
            [...train, ...qaQuestions],
            defaultModelWeights,
            defaultNeighbours,
            translation,
            defaultQaTraining.translation ? [...train, ...qaQuestions] : train,
          ),
        );
        candidates.forEach((c, ci) => {
          const e = innerEngine.withParams(c.params);
          queries.forEach((q, i) => {
            if (i % folds === g) (inner[ci] as QueryJudgement[]).push({ relevant: relevantKeys(q), ranked: rankKeys(e, q.query) });
          });
        });
      }
      let best = 0;
      let bestScore = -1;
      inner.forEach((js, ci) => {
        const score = evaluateRetrieval(js).ndcgAt10;
        if (score > bestScore) {
          bestScore = score;
          best = ci;
        }
      });
      const c = candidates[best] as Candidate;
      chosen.push(`fold ${String(f + 1)}: ${c.name} (inner-CV nDCG@10 ${pct(bestScore)})`);
      const e = (foldEngines[f] as { engine: SearchEngine }).engine.withParams(c.params);
      queries.forEach((q, i) => {
        if (i % folds === f) scored[i] = { relevant: relevantKeys(q), ranked: rankKeys(e, q.query) };
      });
    }
    nested = { metrics: evaluateRetrieval(scored), chosen, ms: performance.now() - t };
  }

  // --- latency of the full service search (snippets, Q&A, suggestions), all-data model ---
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

  // --- a fresh process loads the stored index ---
  const here = fileURLToPath(import.meta.url);
  let child: ChildReport | null = null;
  try {
    writeFileSync(contentFile, JSON.stringify({ fingerprint: source.fingerprint(), qa, glossary, model: trained.model }));
    const out = execFileSync(process.execPath, [...process.execArgv, here, '--child-load', indexFile, contentFile], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    child = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as ChildReport;
  } catch (error) {
    console.log(`(load child failed: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)})`);
  }
  rmSync(indexFile, { force: true });
  rmSync(contentFile, { force: true });
  const cold = await packAndColdStart(queries.map((q) => q.query));

  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  console.log('');
  console.log(tableHead(queries.length));
  console.log(metricRow('baseline: BM25 (k1 1.3, b .75), jieba, text only', baselineMetrics, null));
  console.log(metricRow('engine, no training data (default content only)', plainMetrics, baselineMetrics));
  console.log(metricRow(`engine + learned, ${String(folds)}-fold CV, fixed defaults`, cvFixedMetrics, baselineMetrics));
  if (nested) console.log(metricRow(`engine + learned, ${String(folds)}-fold CV, nested tuning`, nested.metrics, baselineMetrics));
  console.log(metricRow('engine + learned on all data (in-sample, reference)', allDataMetrics, baselineMetrics));
  console.log('');
  console.log(
    `Figures in % (difference to the baseline in brackets). CV rows: each question scored by a model trained without its fold (${(cvMs / 1000).toFixed(0)} s).`,
  );
  if (nested) {
    console.log(
      `Nested tuning (grid ${grid(allData.params)
        .map((c) => c.name)
        .join(', ')}; ${(nested.ms / 1000).toFixed(0)} s):`,
    );
    for (const c of nested.chosen) console.log(`  ${c}`);
  }
  console.log('');
  console.log(`Everyday questions (${String(everyday.length)}, scripts/bench/everyday-questions.jsonl; residents' wording, articles checked by hand):`);
  console.log(
    `  engine, no training data:      R@10 ${pct(everydayPlain.recallAt10)}  R@100 ${pct(everydayPlain.recallAt100)}  nDCG@10 ${pct(everydayPlain.ndcgAt10)}`,
  );
  console.log(
    `  engine + learned (all public): R@10 ${pct(everydayLearned.recallAt10)}  R@100 ${pct(everydayLearned.recallAt100)}  nDCG@10 ${pct(everydayLearned.ndcgAt10)}`,
  );
  for (const h of heldOut) {
    console.log(`Everyday questions, ${h.set.name} set (${String(h.count)}, ${path.relative(repoRoot, h.set.file)}; ${h.set.note}):`);
    console.log(`  engine, no training data:      R@10 ${pct(h.plain.recallAt10)}  R@100 ${pct(h.plain.recallAt100)}  nDCG@10 ${pct(h.plain.ndcgAt10)}`);
    console.log(`  engine + learned (all public): R@10 ${pct(h.learned.recallAt10)}  R@100 ${pct(h.learned.recallAt100)}  nDCG@10 ${pct(h.learned.ndcgAt10)}`);
    if (h.unknown.length > 0) console.log(`  labelled articles not in the law library: ${h.unknown.join(', ')}`);
  }
  console.log(
    `Glossary entries: ${String(glossary.length)}; Q&A entries: ${String(qa.length)}; indexed current articles: ${String(allData.index.articles.docCount)}; training questions: ${String(trained.questions.length)}`,
  );
  // 「您是不是要找」: misspelled questions against clean ones (engine without training data, host's corrector).
  const misspelling = misspellingReport({
    questions: queries.map((q) => ({ query: q.query, relevant: relevantKeys(q) })),
    rank: (q) => rankKeys(plain, q),
    articleText: (key) => source.article(key)?.text,
    dictionary: decodeDictionary(buildImeDictionary().text),
    knownTerms: [...glossary.flatMap((e) => [...e.colloquial, ...e.legal]), ...new Set(docs.map((d) => d.normalizedTitle))],
  });
  for (const line of misspelling.lines) console.log(line);
  console.log('');
  console.log('| measure                                            | engine     | baseline |');
  console.log('|----------------------------------------------------|------------|----------|');
  console.log(`| query latency p50 (full search, warm)              | ${percentile(times, 50).toFixed(1)} ms | |`);
  console.log(`| query latency p95                                  | ${percentile(times, 95).toFixed(1)} ms | |`);
  console.log(`| query latency max                                  | ${(times.at(-1) ?? 0).toFixed(1)} ms | |`);
  console.log(
    `| suggest latency p50 / p95 (3-char prefix)          | ${percentile(suggestTimes, 50).toFixed(1)} / ${percentile(suggestTimes, 95).toFixed(1)} ms | |`,
  );
  console.log(`| law folder parse (not needed with the DB)          | ${(parseMs / 1000).toFixed(1)} s | |`);
  console.log(`| model training (read STARD + LeCoQA, ${String(folds)} folds)        | ${(trainMs / 1000).toFixed(1)} s | |`);
  console.log(`| of it: re-rankers (all + ${String(folds)} folds, 5 fold models each) | ${(rankerMs / 1000).toFixed(1)} s | |`);
  console.log(
    `| index build (segment + BM25F + learned + MiniSearch + write) | ${(buildMs / 1000).toFixed(1)} s | ${(baseline.buildMs / 1000).toFixed(1)} s |`,
  );
  console.log(`| index size on disk                                 | ${mb(indexBytes)} | |`);
  console.log(`| RSS after build (bench process, both indexes)      | ${mb(rssAfterBuild)} | |`);
  if (child) {
    console.log(
      `| load of stored index (fresh process)               | ${child.loadMs.toFixed(0)} ms${child.built ? ' (REBUILT: fingerprint mismatch)' : ''} | |`,
    );
    console.log(`| host RSS, index loaded + 2 queries (fresh process) | ${mb(child.rss)} (${mb(child.rssBefore)} before loading) | |`);
  }
  console.log(`| law pack (--train) → content install (temp dir)    | ${cold.importLine} | |`);
  console.log(`| cold start (installed pack → first answer), RSS    | ${cold.coldLine} | |`);
  console.log(`| CLI search --top 100 --kind article, per-query ms (installed pack, fresh process) | ${cold.cliLine} | |`);
}

void main();
