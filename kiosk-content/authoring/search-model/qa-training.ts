import { normalizeLawTitle } from '../../src/laws/common/law-title';
import type { TrainingQuestion } from '../../src/search/common/learned-model';
import type { QaInput } from '../../src/search/common/qa-index';

/**
 * How the Q&A train the model at import-laws --train and content build --laws --train: each entry
 * counts half a labelled question, in the expansion field only. Chosen on the 5-fold CV of the
 * public STARD questions and the everyday set (scripts/bench/search-ablation.ts, QATRAIN; README,
 * Search): counted in the popularity prior too they cost CV nDCG@10 0.3 (an editor's choice of
 * topics is not how often residents need an article), the domain prior changed nothing, and the
 * translation table gained nothing measurable while its training took several times longer.
 */
export const defaultQaTraining: QaTrainingOptions = { weight: 0.5, counted: false, translation: false };

export interface QaTrainingOptions {
  /** What one entry counts against one labelled question. */
  weight: number;
  /** Whether the entries also count in the domain and popularity priors (TrainingQuestion.counted). */
  counted: boolean;
  /** Whether the entries also train the translation table (trainSearchModel's extraInTranslation). */
  translation: boolean;
}

/**
 * The kiosk's own Q&A as training questions for the learned search model: each entry's question
 * and its other phrasings (`also`, residents' words) cite the articles its editor checked
 * (`cites`, "law 第X条"). One training question per entry, its phrasings joined, so an entry
 * counts once in the domain prior and the popularity prior however many phrasings it has; its
 * words reach the cited articles' expansion field. Citations the library lacks (`knows`) are dropped, entries left without
 * any are skipped.
 */
export function qaTrainingQuestions(
  qa: readonly QaInput[],
  options: Pick<QaTrainingOptions, 'weight' | 'counted'>,
  knows?: (normalizedTitle: string, label: string) => boolean,
): TrainingQuestion[] {
  const { weight, counted } = options;
  if (weight <= 0) return [];
  const out: TrainingQuestion[] = [];
  for (const entry of qa) {
    const relevant: string[] = [];
    for (const cite of entry.cites) {
      const space = cite.lastIndexOf(' ');
      if (space <= 0) continue;
      const law = normalizeLawTitle(cite.slice(0, space));
      const label = cite.slice(space + 1).trim();
      if (label.length === 0 || (knows && !knows(law, label))) continue;
      const key = `${law}|${label}`;
      if (!relevant.includes(key)) relevant.push(key);
    }
    const phrasings = [entry.question, ...entry.also].map((p) => p.trim()).filter((p) => p.length > 0);
    if (relevant.length === 0 || phrasings.length === 0) continue;
    out.push({ query: phrasings.join('\n'), relevant, weight, ...(counted ? {} : { counted: false }) });
  }
  return out;
}
