import type { ParsedLawFile } from '../../laws/common/law-types';
import type { QaEntry, QaProblem } from './qa-types';

/**
 * Do the articles a Q&A answer cites exist in the law as it stands now?
 *
 * An answer must rest on the current text, so only the latest version of each law counts.
 * "Latest" is decided per (normalised title, part): 民法典 is split over several files that share
 * one title (总则, 合同编 …), each its own part, and they are merged back into one law. Files of one
 * part with the same newest date are duplicates (the corpus files some laws in two folders).
 */
export interface LawArticleIndex {
  /** Labels of the latest version per normalised title (all parts merged). */
  latest: Map<string, { versionDate: string | null; labels: Set<string> }>;
  /** Labels found in any version, to tell "repealed/renumbered" from "never existed". */
  anyVersion: Map<string, Set<string>>;
}

export function buildLawArticleIndex(laws: readonly ParsedLawFile[]): LawArticleIndex {
  const newestPerPart = new Map<string, ParsedLawFile[]>();
  const anyVersion = new Map<string, Set<string>>();
  for (const law of laws) {
    const all = anyVersion.get(law.normalizedTitle) ?? new Set<string>();
    for (const article of law.articles) all.add(article.label);
    anyVersion.set(law.normalizedTitle, all);

    const key = `${law.normalizedTitle}\u0000${law.part ?? ''}`;
    const current = newestPerPart.get(key);
    const date = law.versionDate ?? '';
    const currentDate = current?.[0]?.versionDate ?? '';
    if (!current || date > currentDate) newestPerPart.set(key, [law]);
    else if (date === currentDate) current.push(law);
  }

  const latest: LawArticleIndex['latest'] = new Map();
  for (const files of newestPerPart.values()) {
    for (const law of files) {
      const entry = latest.get(law.normalizedTitle) ?? { versionDate: law.versionDate, labels: new Set<string>() };
      if ((law.versionDate ?? '') > (entry.versionDate ?? '')) entry.versionDate = law.versionDate;
      for (const article of law.articles) entry.labels.add(article.label);
      latest.set(law.normalizedTitle, entry);
    }
  }
  return { latest, anyVersion };
}

/** One problem per cite that does not name an article of the latest version of its law. */
export function checkQaCites(entries: readonly QaEntry[], index: LawArticleIndex): QaProblem[] {
  const problems: QaProblem[] = [];
  for (const entry of entries) {
    entry.cites.forEach((cite, i) => {
      const line = entry.lines.cites[i] ?? entry.lines.id;
      const cited = `${cite.law} ${cite.label}`;
      const law = index.latest.get(cite.law);
      if (!law) {
        problems.push({ file: entry.file, line, field: 'cites', message: `cite "${cited}": no law titled "${cite.law}" in the corpus` });
        return;
      }
      if (law.labels.has(cite.label)) return;
      const older = index.anyVersion.get(cite.law)?.has(cite.label) ?? false;
      problems.push({
        file: entry.file,
        line,
        field: 'cites',
        message: older
          ? `cite "${cited}": only in an older version; the latest (${law.versionDate ?? 'undated'}) has no such article`
          : `cite "${cited}": the law has no such article (latest version ${law.versionDate ?? 'undated'})`,
      });
    });
  }
  return problems;
}
