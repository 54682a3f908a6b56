import type { AnswerProblem, CheckedAnswers, DocumentAnswers } from '../common/document-answers';
import { checkAnswers } from '../common/document-answers';
import { composeDocument, type DocumentContent } from '../common/compose-document';
import type { DocumentType } from '../common/document-types';
import type { DocumentLayout } from '../common/layout-document';
import { documentPdf, layoutForPrint } from './render-pdf';

export type FillResult =
  { ok: true; answers: CheckedAnswers; content: DocumentContent; layout: DocumentLayout; pdf: Buffer } | { ok: false; problems: AnswerProblem[] };

/** Checks the answers and, only when every one is valid, writes the PDF (in memory). */
export async function fillDocument(type: DocumentType, answers: DocumentAnswers, today: string): Promise<FillResult> {
  const checked = checkAnswers(type, answers, today);
  if (!checked.answers) return { ok: false, problems: checked.problems };
  const content = composeDocument(type, checked.answers);
  const { pdf, layout } = await documentPdf(content);
  return { ok: true, answers: checked.answers, content, layout, pdf };
}

/** The layout alone (the screen's preview), from answers already checked. */
export function previewLayout(type: DocumentType, answers: CheckedAnswers): DocumentLayout {
  return layoutForPrint(composeDocument(type, answers));
}

/** YYYY-MM-DD of the terminal's local date. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(now.getFullYear())}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
