import { readFileSync } from 'node:fs';
import { normalizeLawTitle } from '../../src/laws/common/law-title';
import type { SearchModel, TrainingQuestion, TranslationSource } from '../../src/search/common/learned-model';
import { defaultModelWeights, defaultNeighbours, modelFromQuestions } from '../../src/search/common/learned-model';

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
  /** Lines and references skipped, as file:line: reason. */
  problems: TrainingProblem[];
  model: SearchModel;
  folds: { heldOut: number[]; model: SearchModel }[];
}

/** A line of a training file that was skipped (or a reference dropped), as `file:line: reason`. */
export interface TrainingProblem {
  file: string;
  line: number;
  message: string;
}

export const formatTrainingProblem = (p: TrainingProblem): string => `${p.file}:${String(p.line)}: ${p.message}`;

export interface TrainingFileOptions {
  /**
   * True when the library has this article (normalised law title, label, any version). Without it
   * every reference is taken as given.
   */
  knows?: (normalizedTitle: string, label: string) => boolean;
  /** Article texts for the translation table (learned-model.ts trainTranslation). */
  translation?: TranslationSource | null;
  /**
   * Further training questions that are content, not labelled data (the kiosk's own Q&A,
   * qa-training.ts): every model, each cross-validation fold included, learns from all of them.
   */
  extraQuestions?: readonly TrainingQuestion[];
  /** Whether the extra questions also train the translation table (default: no). */
  extraInTranslation?: boolean;
}

export interface TrainingQuestions {
  questions: LabelledQuestion[];
  problems: TrainingProblem[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function jsonLines(file: string, problems: TrainingProblem[]): { line: number; value: Record<string, unknown> }[] {
  const out: { line: number; value: Record<string, unknown> }[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (text.trim().length === 0) return;
      try {
        const value: unknown = JSON.parse(text);
        if (isRecord(value)) out.push({ line: i + 1, value });
        else problems.push({ file, line: i + 1, message: 'not a JSON object; line skipped' });
      } catch (error) {
        problems.push({ file, line: i + 1, message: `not valid JSON (${error instanceof Error ? error.message : String(error)}); line skipped` });
      }
    });
  return out;
}

/**
 * Reads STARD-style questions (`{"id", "query", "relevant": [{"law", "article"}…]}`) and, when
 * given, LeCoQA lines with keywords and answers for the same ids. Malformed lines, references to
 * laws or articles the library does not have, and questions left without any reference are
 * reported as problems and skipped; nothing here is fatal.
 */
export function readTrainingQuestions(stardFile: string, lecoqaFile?: string | null, options: TrainingFileOptions = {}): TrainingQuestions {
  const problems: TrainingProblem[] = [];
  const extra = new Map<number, { keywords: string | null; answer: string | null }>();
  if (lecoqaFile)
    for (const { line, value } of jsonLines(lecoqaFile, problems)) {
      if (typeof value.id !== 'number') {
        problems.push({ file: lecoqaFile, line, message: 'no numeric "id"; line skipped' });
        continue;
      }
      extra.set(value.id, {
        keywords: typeof value.keywords === 'string' ? value.keywords : null,
        answer: typeof value.answer === 'string' ? value.answer : null,
      });
    }
  const questions: LabelledQuestion[] = [];
  for (const { line, value } of jsonLines(stardFile, problems)) {
    const at = (message: string) => problems.push({ file: stardFile, line, message });
    if (typeof value.id !== 'number') {
      at('no numeric "id"; line skipped');
      continue;
    }
    if (typeof value.query !== 'string' || value.query.trim().length === 0) {
      at('no "query" text; line skipped');
      continue;
    }
    if (!Array.isArray(value.relevant)) {
      at('no "relevant" list; line skipped');
      continue;
    }
    const relevant: string[] = [];
    for (const r of value.relevant as unknown[]) {
      if (!isRecord(r) || typeof r.law !== 'string' || typeof r.article !== 'string') {
        at('a "relevant" entry lacks "law" or "article"; entry skipped');
        continue;
      }
      const law = normalizeLawTitle(r.law);
      if (options.knows && !options.knows(law, r.article)) {
        at(`${law} ${r.article} is not in the library; reference skipped`);
        continue;
      }
      relevant.push(`${law}|${r.article}`);
    }
    if (relevant.length === 0) {
      at('no usable "relevant" article; line skipped');
      continue;
    }
    const more = extra.get(value.id);
    questions.push({ id: value.id, query: value.query, keywords: more?.keywords ?? null, answer: more?.answer ?? null, relevant });
  }
  return { questions, problems };
}

export function loadTrainingQuestions(stardFile: string, lecoqaFile?: string | null): LabelledQuestion[] {
  return readTrainingQuestions(stardFile, lecoqaFile).questions;
}

/** The model trained on these labelled questions (plus the options' extra questions), as every fold of trainSearchModel is. */
export function learnSearchModel(questions: readonly LabelledQuestion[], options: TrainingFileOptions = {}): SearchModel {
  const extra = options.extraQuestions ?? [];
  return modelFromQuestions(
    [...questions, ...extra],
    defaultModelWeights,
    defaultNeighbours,
    options.translation ?? null,
    options.extraInTranslation ? [...questions, ...extra] : questions,
  );
}

export function trainSearchModel(stardFile: string, lecoqaFile?: string | null, folds = 0, options: TrainingFileOptions = {}): TrainedSearchModels {
  const { questions, problems } = readTrainingQuestions(stardFile, lecoqaFile, options);
  const learn = (qs: readonly LabelledQuestion[]) => learnSearchModel(qs, options);
  const out: TrainedSearchModels = { questions, problems, model: learn(questions), folds: [] };
  for (let f = 0; f < folds; f++) {
    const heldOut: number[] = [];
    const train: LabelledQuestion[] = [];
    questions.forEach((q, i) => (i % folds === f ? heldOut.push(i) : train.push(q)));
    out.folds.push({ heldOut, model: learn(train) });
  }
  return out;
}
