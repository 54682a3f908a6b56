import os from 'node:os';
import path from 'node:path';
import { userWordsFor } from '../../kiosk-content/src/search/common/search-engine';
import { LawFolderArticleSource } from '../../kiosk-content/authoring/law-import/law-folder-article-source';
import { glossaryFromFolder, qaFromFolder } from '../../kiosk-content/src/search/node/content-sources';
import { createJiebaTokenizer } from '../../kiosk-content/src/search/node/jieba-tokenizer';
import { LocalSearchService } from '../../kiosk-content/src/search/node/search-service';
import { trainSearchModel } from '../../kiosk-content/authoring/search-model/train-search-model';
import { lawsDir, lecoqaFile, stardQueriesFile } from './bench-data-files';

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
  const base = LocalSearchService.open({
    articles: source,
    qa: qaFromFolder(),
    glossary,
    model: null,
    indexFile: path.join(os.tmpdir(), 'fatong-ablation-index.bin'),
  }).engine;
  const tokenizer = createJiebaTokenizer(userWordsFor(source.lawTitles(), glossary));
  const trainModels = () => {
    const translation = { articleText: (key: string) => source.article(key)?.text ?? null, tokenizer };
    return trainSearchModel(stardQueriesFile, lecoqaFile, FOLDS, { translation });
  };
  return { base, source, tokenizer, trainModels };
}

/** The q-quantile of per-query times in ms, one decimal, for the experiments' latency columns. */
export function quantileMs(times: number[], q: number): string {
  const sorted = [...times].sort((a, b) => a - b);
  return (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(1);
}

/** The variants to run: all of them, or those whose indexes the VARIANTS environment variable lists (`0,3,4`). */
export function selectedVariants<T>(variants: readonly T[]): T[] {
  const chosen = process.env.VARIANTS ? process.env.VARIANTS.split(',').map(Number) : variants.map((_, i) => i);
  return chosen.flatMap((i) => (variants[i] === undefined ? [] : [variants[i]]));
}
