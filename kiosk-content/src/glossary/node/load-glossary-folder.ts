import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GlossaryEntry, GlossaryProblem } from '../common/glossary-types';
import { parseGlossary } from '../common/parse-glossary';
import type { LegalDomainId } from '../../legal-domains/common/legal-domains';
import { errorMessage } from '../../errors/common/error-message';

/** The embedded default glossary: kiosk-content/default/glossary/<domain>.yaml. */
export const defaultGlossaryDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../default/glossary');

export interface GlossaryFolder {
  /** Entries of every file, files in name order, entries in file order. */
  entries: GlossaryEntry[];
  problems: GlossaryProblem[];
  /** The files read, as full paths (the `file` of entries and problems). */
  files: string[];
}

/**
 * Reads every *.yaml / *.yml file of a glossary folder. Never throws for bad content: a file that
 * cannot be read or parsed becomes problems, so one broken file does not hide the rest.
 * A domain declared by two files is reported, because colloquial uniqueness is per domain.
 */
export function loadGlossaryFolder(dir: string = defaultGlossaryDir): GlossaryFolder {
  const names = readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort();
  const entries: GlossaryEntry[] = [];
  const problems: GlossaryProblem[] = [];
  const files: string[] = [];
  const domainFiles = new Map<LegalDomainId, string>();
  for (const name of names) {
    const file = path.join(dir, name);
    files.push(file);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      problems.push({ file, line: 1, field: '(file)', message: errorMessage(error) });
      continue;
    }
    const result = parseGlossary(file, text);
    problems.push(...result.problems);
    entries.push(...result.entries);
    if (result.domain !== null) {
      const other = domainFiles.get(result.domain);
      if (other !== undefined) {
        problems.push({ file, line: 1, field: 'domain', message: `domain ${result.domain} is also declared by ${other}` });
      } else {
        domainFiles.set(result.domain, file);
      }
    }
  }
  return { entries, problems, files };
}
