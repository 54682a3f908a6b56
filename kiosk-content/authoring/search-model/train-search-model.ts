import { readFileSync } from 'node:fs';
import { normalizeLawTitle } from '../../src/laws/common/law-title';
import type { SearchModel, TrainingQuestion } from '../../src/search/common/learned-model';
import { modelFromQuestions } from '../../src/search/common/learned-model';

/**
 * Build step for the learned search components (learned-model.ts): reads the public STARD
 * questions (query + relevant articles) and, when given, LeCoQA (lawyer keywords and answers for
 * the same ids — training-only signals) and returns the model the index builder consumes
 * (OpenSearchOptions.model / SearchIndexInput.model). The files stay in ../shared; nothing from
 * them is written into the repository. A CLI can store the model (or the index built with it) in
 * the content DB.
 *
 * With `folds`, it also returns k cross-validation models: fold f holds out the questions at
 * positions i with i mod k = f and is trained on the rest, so a benchmark can score every
 * question with a model that never saw it.
 */

export interface LabelledQuestion extends TrainingQuestion {
  id: number;
}

export interface TrainedSearchModels {
  questions: LabelledQuestion[];
  /** Trained on every question. */
  model: SearchModel;
  folds: { heldOut: number[]; model: SearchModel }[];
}

interface StardLine {
  id: number;
  query: string;
  relevant: { law: string; article: string }[];
}

interface LecoqaLine {
  id: number;
  keywords: string | null;
  answer: string | null;
}

const jsonLines = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as T);

export function loadTrainingQuestions(stardFile: string, lecoqaFile?: string | null): LabelledQuestion[] {
  const extra = new Map<number, LecoqaLine>();
  if (lecoqaFile) for (const l of jsonLines<LecoqaLine>(lecoqaFile)) extra.set(l.id, l);
  return jsonLines<StardLine>(stardFile).map((q) => ({
    id: q.id,
    query: q.query,
    keywords: extra.get(q.id)?.keywords ?? null,
    answer: extra.get(q.id)?.answer ?? null,
    relevant: q.relevant.map((r) => `${normalizeLawTitle(r.law)}|${r.article}`),
  }));
}

export function trainSearchModel(stardFile: string, lecoqaFile?: string | null, folds = 0): TrainedSearchModels {
  const questions = loadTrainingQuestions(stardFile, lecoqaFile);
  const out: TrainedSearchModels = { questions, model: modelFromQuestions(questions), folds: [] };
  for (let f = 0; f < folds; f++) {
    const heldOut: number[] = [];
    const train: LabelledQuestion[] = [];
    questions.forEach((q, i) => (i % folds === f ? heldOut.push(i) : train.push(q)));
    out.folds.push({ heldOut, model: modelFromQuestions(train) });
  }
  return out;
}
