import path from 'node:path';
import { LawRepository } from '../../src/library-db/node/law-repository';
import type { ContentDb } from '../../src/library-db/node/open-content-db';
import { withoutExamples } from '../../src/search/common/learned-model';
import { defaultEngineParams, engineReadsExamples, userWordsFor } from '../../src/search/common/search-engine';
import { RepositoryArticleSource } from '../../src/search/node/article-source';
import { glossaryFromFolder, qaFromFolder } from '../../src/search/node/content-sources';
import type { QaInput } from '../../src/search/common/qa-index';
import { defaultQaDir } from '../../src/qa/node/load-qa-folder';
import { defaultQaTraining as qaTrainingDefaults, qaTrainingQuestions } from './qa-training';
import { createJiebaTokenizer } from '../../src/search/node/jieba-tokenizer';
import { storeSearchModel } from '../../src/search/node/persisted-index';
import type { TrainingProblem } from './train-search-model';
import { trainSearchModel } from './train-search-model';
import { trainRanker } from './train-ranker';
import { LocalSearchService } from '../../src/search/node/search-service';

/**
 * Trains the learned search components against the law library in `db` and stores them beside
 * it (table search_model), stamped with the library's fingerprint: an installed library only
 * uses a model trained for exactly that library. References to articles the library lacks (in
 * any version) are reported and skipped, as are malformed lines.
 */
export interface LibraryTrainingReport {
  questions: number;
  /** Q&A entries trained on (qa-training.ts), and where they came from. */
  qa: number;
  qaSource: string | null;
  problems: TrainingProblem[];
  library: string;
  ms: number;
  /** Of ms: training the learned re-ranker (train-ranker.ts), 0 when none was trained. */
  rankerMs: number;
  rankerTrees: number;
}

/** Q&A that train the model beside the labelled questions, and a name for where they came from. */
export interface QaTrainingSource {
  entries: readonly QaInput[];
  source: string;
}

/** The Q&A of a content folder (its qa/), e.g. an authoring folder of a content pack. */
export function qaTrainingFromContent(contentDir: string): QaTrainingSource {
  const dir = path.join(contentDir, 'qa');
  return { entries: qaFromFolder(dir), source: dir };
}

/** The Q&A every kiosk ships with (kiosk-content/default/qa): what a law pack trains with by default. */
export function defaultQaTraining(): QaTrainingSource {
  return { entries: qaFromFolder(defaultQaDir), source: 'default content (kiosk-content/default/qa)' };
}

/**
 * `qa`: the Q&A that train the model too (qa-training.ts, as its defaultQaTraining says); absent =
 * the default content's, null = none.
 */
export function trainSearchModelForLibrary(
  db: ContentDb,
  stardFile: string,
  lecoqaFile?: string | null,
  qa: QaTrainingSource | null = defaultQaTraining(),
): LibraryTrainingReport {
  const started = Date.now();
  const repo = new LawRepository(db);
  const library = repo.stats().fingerprint;
  if (!library) throw new Error('the database holds no law library to train the search model for');
  const known = new Map<string, boolean>();
  const knows = (law: string, label: string): boolean => {
    const key = `${law}|${label}`;
    let ok = known.get(key);
    if (ok === undefined) {
      ok =
        repo.getArticle(law, label) !== null ||
        repo.listVersions(law).some((v) => v.versionDate !== null && repo.getArticle(law, label, { versionDate: v.versionDate }) !== null);
      known.set(key, ok);
    }
    return ok;
  };
  const articles = new RepositoryArticleSource(db, repo);
  const tokenizer = createJiebaTokenizer(userWordsFor(articles.lawTitles(), glossaryFromFolder()));
  const extraQuestions = qa ? qaTrainingQuestions(qa.entries, qaTrainingDefaults, knows) : [];
  const trainingOptions = {
    knows,
    translation: { articleText: (key: string) => articles.article(key)?.text ?? null, tokenizer },
    extraQuestions,
    extraInTranslation: qaTrainingDefaults.translation,
  };
  const trained = trainSearchModel(stardFile, lecoqaFile ?? null, 0, trainingOptions);
  // The re-ranker learns from rankings of the library's own engine (its Q&A and glossary as a
  // terminal gets them), each question ranked by a model trained without it (train-ranker.ts).
  const rankerStarted = Date.now();
  const engine = LocalSearchService.open({
    articles,
    qa: (qa ?? defaultQaTraining()).entries,
    glossary: glossaryFromFolder(),
    model: null,
    indexFile: null,
  }).engine;
  const ranker = trainRanker(engine, trained.questions, trainingOptions);
  const rankerMs = Date.now() - rankerStarted;
  const source = [
    ...[stardFile, lecoqaFile].filter((f): f is string => typeof f === 'string').map((f) => path.basename(f)),
    ...(qa && extraQuestions.length > 0 ? [`${String(extraQuestions.length)} Q&A of ${qa.source}`] : []),
  ].join(' + ');
  // The training questions themselves serve only signals the default search leaves off; a library
  // (and the pack carrying it) stores them only when the search reads them, since every start
  // would decode them for nothing. Experiments train with them through trainSearchModel.
  const model = engineReadsExamples(defaultEngineParams) ? trained.model : withoutExamples(trained.model);
  storeSearchModel(db, { ...model, ranker, library }, source);
  return {
    questions: trained.questions.length,
    qa: extraQuestions.length,
    qaSource: qa && extraQuestions.length > 0 ? qa.source : null,
    problems: trained.problems,
    library,
    ms: Date.now() - started,
    rankerMs,
    rankerTrees: ranker.trees.length,
  };
}
