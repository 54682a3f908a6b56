import path from 'node:path';
import type { ContentProblem } from '../../procedures/common/procedure-types';
import type { DocumentCite, DocumentType } from '../common/document-types';
import { loadDocumentFolder } from './load-document-types';

/** The library lookups the linter needs (LawRepository has them). */
export interface DocumentLawLookup {
  getArticle(law: string, label: string): unknown;
  findLawByTitle(title: string): unknown;
}

/**
 * `content lint` for documents/*.yaml: each file's own checks (parse-document-type.ts: shape,
 * sources, a question for every required field…), plus what needs other files: every cited
 * article exists in the library (when given), every `offeredBy` names a real procedure outcome.
 */
export function lintDocumentFolder(
  dir: string,
  outcomes: ReadonlySet<string> | null,
  laws: DocumentLawLookup | null,
): { problems: ContentProblem[]; types: DocumentType[] } {
  const { types, problems } = loadDocumentFolder(path.join(dir, 'documents'));
  for (const type of types) {
    const checkCite = (cite: DocumentCite, where: string) => {
      if (!laws || laws.getArticle(cite.law, cite.label)) return;
      problems.push({
        file: type.file,
        line: cite.line,
        message: laws.findLawByTitle(cite.law)
          ? `${where}: "${cite.law} ${cite.label}": the current version of ${cite.law} has no ${cite.label}`
          : `${where}: "${cite.law} ${cite.label}": no law titled "${cite.law}" in the library`,
      });
    };
    type.cites.forEach((c) => checkCite(c, 'cites'));
    for (const section of type.sections) {
      if (section.source.kind === 'cite') checkCite(section.source.cite, `section ${section.heading}`);
      for (const field of section.fields) if (field.source.kind === 'cite') checkCite(field.source.cite, `field ${field.id}`);
    }
    if (outcomes) {
      for (const ref of type.offeredBy)
        if (!outcomes.has(ref)) problems.push({ file: type.file, line: 1, message: `offeredBy: "${ref}" is not an outcome of a procedure in procedures/` });
    }
  }
  return { problems, types };
}
