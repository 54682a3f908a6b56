import { compareArticleNumbers } from '../../src/laws/common/chinese-numerals';
import type { LawDateEvent, LawParseProblem, ParsedArticle, ParsedLawFile, ParsedLooseText } from '../../src/laws/common/law-types';

/**
 * Turns parsed files into laws and versions, the shape the database stores:
 *
 * - a law is every file with the same normalised title (中华人民共和国, full-width brackets and
 *   spacing between issuing bodies do not matter);
 * - a version is the files of a law with the same version date. Within a version, files with the
 *   same part (民法典 总则, 物权编 … or no part) are copies of each other: the first by preference
 *   is kept, the rest are recorded as duplicates of it (and reported if their articles differ);
 * - files with a part and no date in the name are pieces of one edition even when their headers
 *   disagree (民法典/婚姻家庭编.md lacks the 施行 line the seven other parts have), so they share the
 *   newest date among them;
 * - the current version is the one with the newest date.
 *
 * Pure apart from its input; import-laws.ts does the reading and writing.
 */
export interface SourceFile {
  /** Relative to the imported folder, '/' separated: 行政法/居民身份证法(2011-10-29).md. */
  path: string;
  /** The folder the file sits in: 行政法, 部门规章/公安部 ('' at the top). */
  category: string;
  law: ParsedLawFile;
  /** Problems the parser reported for this file (used to prefer the cleaner copy of a duplicate). */
  problemCount: number;
}

export interface AssembledFile {
  path: string;
  category: string;
  title: string;
  part: string | null;
  /** Path of the copy whose text was kept, when this file is a duplicate of it. */
  duplicateOf: string | null;
  articleCount: number;
}

export interface AssembledArticle extends ParsedArticle {
  part: string | null;
  /** Path of the file the article comes from. */
  file: string;
}

export interface AssembledVersion {
  versionDate: string | null;
  isCurrent: boolean;
  title: string;
  dates: LawDateEvent[];
  headerNotes: string[];
  adoptedDate: string | null;
  amendedDate: string | null;
  effectiveDate: string | null;
  inForceFrom: string | null;
  preamble: string;
  looseText: ParsedLooseText[];
  articles: AssembledArticle[];
  files: AssembledFile[];
}

export interface AssembledLaw {
  normalizedTitle: string;
  /** Line 1 of the current version. */
  title: string;
  category: string;
  kind: 'law' | 'document';
  /** Oldest first; the last one is current. */
  versions: AssembledVersion[];
}

export interface AssembledLibrary {
  laws: AssembledLaw[];
  /** Problems found while merging (differing duplicates, an article in two parts). */
  problems: LawParseProblem[];
  /** Files recorded as copies of another file. */
  duplicateFiles: number;
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
export const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const amendedEvent = /修正|修订|修改/;
const adoptedEvent = /通过|公布|发布|颁布|批准|印发|制定/;
const effectiveEvent = /施行|生效/;

/** Adopted / amended / in-force dates read from the header's dated lines. */
export function deriveVersionDates(dates: LawDateEvent[], versionDate: string | null) {
  const sorted = [...dates].sort((a, b) => compareText(a.date, b.date));
  const adopted = sorted.find((d) => adoptedEvent.test(d.event) && !amendedEvent.test(d.event)) ?? null;
  const amended = sorted.filter((d) => amendedEvent.test(d.event)).at(-1) ?? null;
  // A 施行 line older than the version belongs to an earlier edition (the original 1999 施行 date
  // kept in the header of a 2017 amendment), so it says nothing about when this version applies.
  const effective = sorted.filter((d) => effectiveEvent.test(d.event) && (versionDate === null || d.date >= versionDate)).at(-1) ?? null;
  return {
    adoptedDate: adopted?.date ?? null,
    amendedDate: amended?.date ?? null,
    effectiveDate: effective?.date ?? null,
    inForceFrom: effective?.date ?? versionDate,
  };
}

const sameArticles = (a: ParsedLawFile, b: ParsedLawFile) =>
  a.articles.length === b.articles.length &&
  a.articles.every((x, i) => {
    const y = b.articles[i];
    return y !== undefined && x.label === y.label && x.paragraphs.join('\n') === y.paragraphs.join('\n');
  });

/** Which copy of a duplicated file to keep: the one the parser had fewer complaints about, then the
 *  one with the fuller header (one 广告法 copy has the 施行 line, the other not), then path order. */
function preferCopy(a: SourceFile, b: SourceFile): number {
  return a.problemCount - b.problemCount || b.law.dates.length - a.law.dates.length || compareText(a.path, b.path);
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const newest = (dates: (string | null)[]) => dates.reduce<string | null>((max, d) => (d !== null && (max === null || d > max) ? d : max), null);

function assembleVersion(files: SourceFile[], versionDate: string | null, problems: LawParseProblem[]): { version: AssembledVersion; duplicates: number } {
  const assembledFiles: AssembledFile[] = [];
  const slots: SourceFile[] = [];
  let duplicates = 0;
  for (const copies of groupBy(files, (f) => f.law.part ?? '').values()) {
    const [kept, ...others] = [...copies].sort(preferCopy);
    if (!kept) continue;
    slots.push(kept);
    assembledFiles.push({
      path: kept.path,
      category: kept.category,
      title: kept.law.title,
      part: kept.law.part,
      duplicateOf: null,
      articleCount: kept.law.articles.length,
    });
    for (const other of others) {
      duplicates++;
      assembledFiles.push({
        path: other.path,
        category: other.category,
        title: other.law.title,
        part: other.law.part,
        duplicateOf: kept.path,
        articleCount: other.law.articles.length,
      });
      if (!sameArticles(kept.law, other.law)) {
        problems.push({
          file: other.path,
          line: 1,
          message: `same law and version as ${kept.path} but the articles differ (${String(other.law.articles.length)} vs ${String(kept.law.articles.length)}); ${kept.path} was kept`,
        });
      }
    }
  }
  // Parts in reading order: by their first article (总则 第一条 … 附则 第一千二百六十条); parts
  // without articles last.
  slots.sort((a, b) => {
    const fa = a.law.articles[0];
    const fb = b.law.articles[0];
    if (!fa || !fb) return (fa ? 0 : 1) - (fb ? 0 : 1) || compareText(a.path, b.path);
    return compareArticleNumbers(fa, fb);
  });
  const articles: AssembledArticle[] = [];
  const seen = new Map<string, AssembledArticle>();
  for (const slot of slots) {
    for (const article of slot.law.articles) {
      const first = seen.get(article.label);
      if (first) {
        problems.push({
          file: slot.path,
          line: article.line,
          message: `article ${article.label} is also in ${first.file} (line ${String(first.line)}); this copy is skipped`,
        });
        continue;
      }
      const assembled: AssembledArticle = { ...article, part: slot.law.part, file: slot.path };
      seen.set(article.label, assembled);
      articles.push(assembled);
    }
  }
  const main = slots[0] ?? files[0];
  if (!main) throw new Error('assembleVersion needs at least one file');
  const dates = slots.length === 1 ? main.law.dates : dedupeDates(slots.flatMap((s) => s.law.dates));
  const version: AssembledVersion = {
    versionDate,
    isCurrent: false,
    title: main.law.title,
    dates,
    headerNotes: [...new Set(slots.flatMap((s) => s.law.headerNotes))],
    ...deriveVersionDates(dates, versionDate),
    preamble: slots
      .map((s) => s.law.preamble)
      .filter((p) => p !== '')
      .join('\n'),
    looseText: slots.flatMap((s) => s.law.looseText),
    articles,
    files: assembledFiles,
  };
  return { version, duplicates };
}

function dedupeDates(dates: LawDateEvent[]): LawDateEvent[] {
  const seen = new Set<string>();
  return dates
    .filter((d) => {
      const k = `${d.date} ${d.event.normalize('NFKC').replace(/\s+/g, '')}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => compareText(a.date, b.date));
}

export function assembleLibrary(files: SourceFile[]): AssembledLibrary {
  const problems: LawParseProblem[] = [];
  let duplicateFiles = 0;
  const laws: AssembledLaw[] = [];
  for (const [normalizedTitle, lawFiles] of groupBy(files, (f) => f.law.normalizedTitle)) {
    const undatedPartsDate = newest(lawFiles.filter((f) => f.law.part !== null && f.law.fileNameDate === null).map((f) => f.law.versionDate));
    const versionDateOf = (f: SourceFile) => (f.law.part !== null && f.law.fileNameDate === null ? undatedPartsDate : f.law.versionDate);
    const versions = [...groupBy(lawFiles, (f) => versionDateOf(f) ?? '').entries()]
      .sort(([a], [b]) => compareText(a, b))
      .map(([date, vFiles]) => {
        const { version, duplicates } = assembleVersion(vFiles, date === '' ? null : date, problems);
        duplicateFiles += duplicates;
        return version;
      });
    const current = versions.at(-1);
    if (!current) continue;
    current.isCurrent = true;
    const mainFile = current.files.find((f) => f.duplicateOf === null) ?? current.files[0];
    laws.push({
      normalizedTitle,
      title: current.title,
      category: mainFile?.category ?? '',
      kind: current.articles.length > 0 ? 'law' : 'document',
      versions,
    });
  }
  laws.sort((a, b) => compareText(a.category, b.category) || compareText(a.normalizedTitle, b.normalizedTitle));
  return { laws, problems, duplicateFiles };
}
