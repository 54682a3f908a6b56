import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseQaFiles } from '../common/parse-qa-markdown';
import type { QaEntry, QaProblem } from '../common/qa-types';
import { defaultContentDir } from '../../content-folder/node/load-content-folder';
import { errorMessage } from '../../errors/common/error-message';

/** The embedded default Q&A: kiosk-content/default/qa/<domain>/<id>.md */
export const defaultQaDir = path.join(defaultContentDir, 'qa');

export interface QaFolder {
  /** Absolute folder that was read; entry and problem `file`s are relative to it, with "/". */
  dir: string;
  entries: QaEntry[];
  problems: QaProblem[];
}

/**
 * Reads every *.md below `dir` (sorted, so duplicate reports are stable) and checks each file
 * and the ids across files. Also checks the layout <domain>/<id>.md, which is how packs are
 * browsed and merged. A missing folder is a problem, not an exception, so a content check can
 * report it with everything else.
 */
export function loadQaFolder(dir: string = defaultQaDir): QaFolder {
  const root = path.resolve(dir);
  let names: string[];
  try {
    names = readdirSync(root, { recursive: true, encoding: 'utf8' });
  } catch (error) {
    const message = errorMessage(error);
    return { dir: root, entries: [], problems: [{ file: root, line: 1, field: 'file', message: `cannot read Q&A folder: ${message}` }] };
  }
  const files = names
    .filter((name) => name.toLowerCase().endsWith('.md'))
    .map((name) => name.split(path.sep).join('/'))
    .sort()
    .map((file) => ({ file, text: readFileSync(path.join(root, file), 'utf8') }));

  const { entries, problems } = parseQaFiles(files);
  const placed: QaEntry[] = [];
  for (const entry of entries) {
    const expected = `${entry.domain}/${entry.id}.md`;
    if (entry.file !== expected) {
      problems.push({ file: entry.file, line: entry.lines.id, field: 'file', message: `file must be ${expected} (<domain>/<id>.md)` });
    } else {
      placed.push(entry);
    }
  }
  return { dir: root, entries: placed, problems };
}
