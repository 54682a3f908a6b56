import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ContentProblem } from '../../procedures/common/procedure-types';
import type { DocumentType } from '../common/document-types';
import { parseDocumentType } from '../common/parse-document-type';

/** kiosk-content/default/documents: the document types shipped with the kiosk. */
export const defaultDocumentsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../default/documents');

export interface DocumentFolder {
  types: DocumentType[];
  /** Files are relative to the content folder: documents/<id>.yaml. */
  problems: ContentProblem[];
}

/** Every documents/*.yaml of a folder, parsed and checked; a broken file is left out and reported. */
export function loadDocumentFolder(dir: string = defaultDocumentsDir): DocumentFolder {
  const types: DocumentType[] = [];
  const problems: ContentProblem[] = [];
  if (!existsSync(dir)) return { types, problems };
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.yaml'))
    .sort()) {
    const result = parseDocumentType(readFileSync(path.join(dir, name), 'utf8'), `documents/${name}`);
    problems.push(...result.problems);
    if (result.documentType) types.push(result.documentType);
  }
  return { types, problems };
}
