import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import path from 'node:path';
import type { EngineSearchOptions, SearchEngine } from '../../kiosk-content/src/search/common/search-engine';
import { userWordsFor } from '../../kiosk-content/src/search/common/search-engine';
import { LawFolderArticleSource } from '../../kiosk-content/authoring/law-import/law-folder-article-source';
import { glossaryFromFolder, qaFromFolder } from '../../kiosk-content/src/search/node/content-sources';
import { createJiebaTokenizer } from '../../kiosk-content/src/search/node/jieba-tokenizer';
import { LocalSearchService } from '../../kiosk-content/src/search/node/search-service';
import { trainSearchModel } from '../../kiosk-content/authoring/search-model/train-search-model';
import type { SearchModel } from '../../kiosk-content/src/search/common/learned-model';
import { defaultQaTraining, qaTrainingQuestions } from '../../kiosk-content/authoring/search-model/qa-training';
import { everydayFile, lawsDir, lecoqaFile, stardQueriesFile } from './bench-data-files';

/** The cross-validation of the search experiments: each question is ranked by a model trained without its fold. */
export const FOLDS = 5;

/**
 * Where the search experiments (rerank-experiment.ts, search-ablation.ts) start: the engine over the
 * national library in ../shared/data/laws without a learned model (its index cached in the temp
 * folder between runs), and `trainModels()`, which trains the learned model on the public STARD and LeCoQA
 * questions, once per fold without that fold and once on all of them.
 */
export function openExperimentEngine() {
  const source = new LawFolderArticleSource(lawsDir);
  const glossary = glossaryFromFolder();
  const qa = qaFromFolder();
  const base = LocalSearchService.open({
    articles: source,
    qa,
    glossary,
    model: null,
    indexFile: path.join(os.tmpdir(), 'fatong-ablation-index.bin'),
  }).engine;
  const tokenizer = createJiebaTokenizer(userWordsFor(source.lawTitles(), glossary));
  /**
   * The kiosk's Q&A (default content) train every model as import-laws / content build --laws do
   * (qa-training.ts defaultQaTraining); the Q&A are content, so each fold uses all of them.
   * QATRAIN=weight[:t|-][:u] trains them otherwise: each entry counting `weight` of a STARD
   * question (0 = without the Q&A, the engine before), `t` also in the translation table, `u` not
   * counted in the priors (TrainingQuestion.counted false).
   */
  const translation = { articleText: (key: string) => source.article(key)?.text ?? null, tokenizer };
  const [qaWeight, qaTranslation, qaCounted] = (process.env.QATRAIN ?? '').split(':');
  const qaOptions = process.env.QATRAIN ? { weight: Number(qaWeight ?? 0), counted: qaCounted !== 'u', translation: qaTranslation === 't' } : defaultQaTraining;
  const extraQuestions = qaTrainingQuestions(qa, qaOptions);
  /** What every model of trainModels is trained with besides the labelled questions. */
  const trainingOptions = { translation, extraQuestions, extraInTranslation: qaOptions.translation };
  const trainModels = () => {
    const withQa = trainSearchModel(stardQueriesFile, lecoqaFile, FOLDS, trainingOptions);
    // QAPARTS=e|p|c|t…: the Q&A reach only these components (expansion field, domain prior, citation
    // popularity, translation table with QATRAIN=w:t); the others come from the model trained without them.
    const parts = process.env.QAPARTS;
    if (!parts || extraQuestions.length === 0) return withQa;
    const without = trainSearchModel(stardQueriesFile, lecoqaFile, FOLDS, { translation });
    const mix = (a: SearchModel, b: SearchModel): SearchModel => ({
      ...b,
      expansions: parts.includes('e') ? a.expansions : b.expansions,
      lawExamples: parts.includes('p') ? a.lawExamples : b.lawExamples,
      citations: (parts.includes('c') ? a.citations : b.citations) ?? [],
      translation: (parts.includes('t') ? a.translation : b.translation) ?? [],
    });
    return {
      ...withQa,
      model: mix(withQa.model, without.model),
      folds: withQa.folds.map((f, i) => ({ heldOut: f.heldOut, model: mix(f.model, (without.folds[i] as typeof f).model) })),
    };
  };
  return { base, source, tokenizer, trainModels, trainingOptions };
}

/** The q-quantile of per-query times in ms, one decimal, for the experiments' latency columns. */
export function quantileMs(times: number[], q: number): string {
  const sorted = [...times].sort((a, b) => a - b);
  return (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(1);
}

/**
 * Per-query times of several engines on the same questions, engine after engine for each question
 * (so load changes hit all alike), after a 50-question warm-up; two rounds. One list per engine.
 */
export function interleavedTimes(engines: readonly SearchEngine[], queries: readonly string[], options: EngineSearchOptions): number[][] {
  for (const q of queries.slice(0, 50)) for (const e of engines) e.search(q, options);
  const times: number[][] = engines.map(() => []);
  for (let round = 0; round < 2; round++)
    for (const q of queries)
      engines.forEach((e, i) => {
        const s = performance.now();
        e.search(q, options);
        times[i]?.push(performance.now() - s);
      });
  return times;
}

/**
 * Prints the interleaved latency (interleavedTimes) of two engines on the given training questions
 * and the everyday set, in the search screen's shape (10 articles, 5 Q&A, snippets) and the CLI's
 * (100 articles, no snippets): one line per shape, `labels` naming the engines.
 */
export function printLatencyComparison(
  engines: readonly [SearchEngine, SearchEngine],
  trainingQueries: readonly string[],
  labels: readonly [string, string],
): void {
  const everyday = readFileSync(everydayFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => (JSON.parse(l) as { query: string }).query);
  const queries = [...trainingQueries, ...everyday];
  const shapes: [string, EngineSearchOptions][] = [
    ['search screen (10 articles, snippets)', {}],
    ['CLI (100 articles, no snippets)', { limit: 100, qaLimit: 1, snippets: false }],
  ];
  console.log(`${String(queries.length)} questions × 2 rounds, interleaved; load average ${os.loadavg()[0]?.toFixed(2) ?? ''}`);
  for (const [name, options] of shapes) {
    const times = interleavedTimes(engines, queries, options);
    const fig = (t: number[]) => `p50 ${quantileMs(t, 0.5)} ms, p95 ${quantileMs(t, 0.95)} ms`;
    console.log(`${name}: ${labels[0]} ${fig(times[0] ?? [])}; ${labels[1]} ${fig(times[1] ?? [])}`);
  }
}

/** The variants to run: all of them, or those whose indexes the VARIANTS environment variable lists (`0,3,4`). */
export function selectedVariants<T>(variants: readonly T[]): T[] {
  const chosen = process.env.VARIANTS ? process.env.VARIANTS.split(',').map(Number) : variants.map((_, i) => i);
  return chosen.flatMap((i) => (variants[i] === undefined ? [] : [variants[i]]));
}
