import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatGlossaryProblem } from '../../kiosk-content/src/glossary/common/glossary-types';
import { legalDomainIds } from '../../kiosk-content/src/legal-domains/common/legal-domains';
import { loadGlossaryFolder, type GlossaryFolder } from '../../kiosk-content/src/glossary/node/load-glossary-folder';
import { repoRoot } from '../../scripts/lib/repo-paths';

/*
 * The shipped glossary (kiosk-content/default/glossary) against its own rules and against the law
 * corpus: a statute term that no law contains would widen searches with a word that matches nothing.
 * The corpus is read from ../shared at test time, never copied into the repo.
 */
const lawsDir = path.resolve(repoRoot, '../shared/data/laws');
const minEntries = 300;

function relative(file: string): string {
  return path.relative(repoRoot, file);
}

/** The bodies (text after the header) of every law file, joined: one string to search. */
function readLawBodies(dir: string): string {
  const parts: string[] = [];
  const walk = (current: string): void => {
    for (const item of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, item.name);
      if (item.isDirectory()) walk(full);
      else if (item.name.endsWith('.md') && item.name !== 'README.md') {
        const text = readFileSync(full, 'utf8');
        const marker = text.indexOf('<!-- INFO END -->');
        parts.push(marker === -1 ? text : text.slice(marker));
      }
    }
  };
  walk(dir);
  return parts.join('\n');
}

describe('default glossary content', () => {
  let folder: GlossaryFolder;
  beforeAll(() => {
    folder = loadGlossaryFolder();
  });

  it('parses without problems', () => {
    expect(folder.problems.map((p) => formatGlossaryProblem({ ...p, file: relative(p.file) }))).toEqual([]);
  });

  it(`has at least ${minEntries} entries`, () => {
    expect(folder.entries.length).toBeGreaterThanOrEqual(minEntries);
  });

  it('covers every legal domain except general', () => {
    const covered = new Set(folder.entries.map((e) => e.domain));
    const missing = legalDomainIds.filter((id) => id !== 'general' && !covered.has(id));
    expect(missing).toEqual([]);
  });

  it('uses only statute terms that occur verbatim in some law', () => {
    const corpus = readLawBodies(lawsDir);
    expect(corpus.length).toBeGreaterThan(1_000_000); // guards against an empty or moved corpus
    const found = new Map<string, boolean>();
    const failures: string[] = [];
    for (const entry of folder.entries) {
      entry.legal.forEach((term, i) => {
        let ok = found.get(term);
        if (ok === undefined) {
          ok = corpus.includes(term);
          found.set(term, ok);
        }
        if (!ok) failures.push(`${relative(entry.file)}:${entry.legalLines[i] ?? entry.line}: ${term}`);
      });
    }
    expect(failures).toEqual([]);
  });
});
