import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeLawTitle } from '../../kiosk-content/src/laws/common/law-title';
import type { LegalDomainId } from '../../kiosk-content/src/legal-domains/common/legal-domains';
import type { ParsedLawFile } from '../../kiosk-content/src/laws/common/law-types';
import { parseLawMarkdown } from '../../kiosk-content/src/laws/common/parse-law-markdown';
import { buildLawArticleIndex, checkQaCites } from '../../kiosk-content/src/qa/common/qa-cite-check';
import { formatQaProblem } from '../../kiosk-content/src/qa/common/qa-types';
import { defaultQaDir, loadQaFolder } from '../../kiosk-content/src/qa/node/load-qa-folder';
import { repoRoot } from '../../scripts/lib/repo-paths';

/**
 * The embedded Q&A content: well-formed, broad enough, and every answer rests on articles that
 * exist in the current text of the law (read from the shared corpus, never copied into the repo).
 */
const lawsDir = path.join(path.resolve(repoRoot, '../shared'), 'data', 'laws');

/** The matters the kiosk must answer out of the box (the list). */
const requiredDomains: LegalDomainId[] = [
  'labour',
  'work-injury',
  'marriage',
  'support',
  'inheritance',
  'neighbours-property',
  'renting',
  'loans-debts',
  'traffic',
  'consumer',
  'domestic-violence',
  'legal-aid',
  'elderly',
  'minors',
  'fraud',
  'personal-rights',
  'social-security',
  'land',
  'medical',
];

const qa = loadQaFolder(defaultQaDir);

/** Parses every version of the laws the entries cite (title from line 1, so other files are skipped cheaply). */
function loadCitedLaws(titles: Set<string>): ParsedLawFile[] {
  const laws: ParsedLawFile[] = [];
  const names = readdirSync(lawsDir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.md') && name !== 'README.md');
  for (const name of names) {
    const text = readFileSync(path.join(lawsDir, name), 'utf8');
    const firstLine = text.slice(0, text.indexOf('\n')).replace(/^#\s*/, '');
    if (!titles.has(normalizeLawTitle(firstLine))) continue;
    const { law } = parseLawMarkdown(name, text);
    if (law) laws.push(law);
  }
  return laws;
}

describe('Q&A content (kiosk-content/default/qa)', () => {
  it('has no format problems', () => {
    expect(qa.problems.map(formatQaProblem)).toEqual([]);
  });

  it('has at least 100 entries', () => {
    expect(qa.entries.length).toBeGreaterThanOrEqual(100);
  });

  it('covers every domain of the issue', () => {
    const covered = new Set(qa.entries.map((entry) => entry.domain));
    expect(requiredDomains.filter((domain) => !covered.has(domain))).toEqual([]);
  });

  it('cites only articles that exist in the latest version of their law', () => {
    const titles = new Set(qa.entries.flatMap((entry) => entry.cites.map((cite) => cite.law)));
    const index = buildLawArticleIndex(loadCitedLaws(titles));
    const missing = checkQaCites(qa.entries, index).map((p) => `qa/${formatQaProblem(p)}`);
    expect(missing).toEqual([]);
    // Not vacuous: there were cites to look up (an unreadable corpus makes every cite a problem above).
    expect(titles.size).toBeGreaterThan(0);
  });
});
