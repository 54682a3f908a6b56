import type { LegalDomainId } from '../../legal-domains/common/legal-domains';

/**
 * One Q&A entry of a content pack: kiosk-content/default/qa/<domain>/<id>.md
 * (format: front matter id/question/also/domain/cites + a plain-Chinese Markdown answer).
 */
export interface QaCite {
  /** Normalised law title (normalizeLawTitle): 民法典, 劳动合同法 … */
  law: string;
  /** Article label exactly as in the corpus: 第一千零七十九条, 第一百三十三条之一. */
  label: string;
}

export interface QaSourceLines {
  /** 1-based file lines, so later checks (duplicates, cite lookup) can point at the right line. */
  id: number;
  cites: number[];
  answer: number;
}

export interface QaEntry {
  id: string;
  /** The resident's own words. */
  question: string;
  /** Other ways residents ask the same thing. */
  also: string[];
  domain: LegalDomainId;
  cites: QaCite[];
  /** The Markdown answer body, trimmed. */
  answer: string;
  /** The path the caller passed in (problems use it too). */
  file: string;
  lines: QaSourceLines;
}

export interface QaProblem {
  file: string;
  /** 1-based line in the file (1 when the problem concerns the whole file). */
  line: number;
  /** Front-matter field the problem is about, or 'answer' / 'file'. */
  field: string;
  message: string;
}

/** "file:line: [field] message" — one line per problem, like the law parser's reports. */
export function formatQaProblem(problem: QaProblem): string {
  return `${problem.file}:${problem.line}: [${problem.field}] ${problem.message}`;
}
