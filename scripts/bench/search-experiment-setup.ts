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
  const trainModels = () => {
    const translation = {
      articleText: (key: string) => source.article(key)?.text ?? null,
      tokenizer: createJiebaTokenizer(userWordsFor(source.lawTitles(), glossary)),
    };
    return trainSearchModel(stardQueriesFile, lecoqaFile, FOLDS, { translation });
  };
  return { base, trainModels };
}
