import type { LegalDomainId } from '../../legal-domains/common/legal-domains';

/**
 * One glossary entry: the words residents say for one idea, and the words the statutes use for it.
 * Search uses it to widen a resident's query ("老板不发工资") with statute terms ("用人单位",
 * "拖欠劳动报酬") that the article text actually contains.
 */
export interface GlossaryEntry {
  domain: LegalDomainId;
  /** What residents say; each term at most {@link maxGlossaryTermLength} characters. */
  colloquial: string[];
  /** How the statutes say it; every term occurs verbatim in some law's text (checked by a content test). */
  legal: string[];
  /** The file name the parser was given, echoed for diagnostics. */
  file: string;
  /** 1-based line of the entry's first key in that file. */
  line: number;
  /** 1-based line of each legal term, parallel to {@link legal}, so content checks can point at the term. */
  legalLines: number[];
}

export interface GlossaryProblem {
  file: string;
  /** 1-based; 1 when the problem concerns the file as a whole. */
  line: number;
  /** Where in the document: 'domain', 'entries', 'entries[3].colloquial[1]', '(yaml)' … */
  field: string;
  message: string;
}

export interface ParseGlossaryResult {
  /** The domain the file declares, or null when missing or unknown. */
  domain: LegalDomainId | null;
  /** Entries that passed every check of their own (a bad term drops only its entry). */
  entries: GlossaryEntry[];
  problems: GlossaryProblem[];
}

/** Glossary terms are words, not phrases: longer strings would never match a spoken query whole. */
export const maxGlossaryTermLength = 12;

export function formatGlossaryProblem(problem: GlossaryProblem): string {
  return `${problem.file}:${problem.line}: ${problem.field}: ${problem.message}`;
}
