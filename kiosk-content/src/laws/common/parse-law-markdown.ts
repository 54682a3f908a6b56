import { chineseNumeralChars, compareArticleNumbers, parseChineseNumber } from './chinese-numerals';
import { isValidIsoDate, parseLeadingDate } from './law-dates';
import { normalizeLawTitle } from './law-title';
import type { LawDateEvent, LawParseProblem, ParsedArticle, ParsedLawFile, ParsedLooseText } from './law-types';

/**
 * Parser for one file of the Markdown law corpus (format: ../shared/data/laws/README.md).
 *
 * Pure and total: it never throws on bad input. Every defect becomes a problem with the exact
 * 1-based line, and the parser recovers wherever the intent is clear (an article line with a
 * typo still starts an article), so one bad line never costs a whole law. Only a file without
 * a title line yields `law: null` — without a title there is no key to file it under.
 */
export interface ParseLawResult {
  law: ParsedLawFile | null;
  problems: LawParseProblem[];
}

export const infoEndMarker = '<!-- INFO END -->';

const N = `[${chineseNumeralChars}]+`;
/** The corpus form: 第…条 or 第…条之…, then at least one space, then the text. */
const articleLine = new RegExp(`^第(${N})条(?:之(${N}))?[ \\u3000]+(.*)$`, 's');
/**
 * Near misses that are still clearly article lines: 笫 typed for 第, a space inside the label
 * (第一百二十四 条), or no space after it. The corpus has no prose line that starts this way.
 */
const looseArticleLine = new RegExp(`^([第笫])\\s*(${N})\\s*条(?:\\s*之\\s*(${N}))?([ \\u3000]*)(.*)$`, 's');
const headingLine = /^(#+)([ \t\u3000]*)(.*)$/;
const commentLine = /^<!--.*-->$/;
const fileNameDate = /\((\d{4}-\d{2}-\d{2})\)\.md$/i;
/** 编/分编/章/节 headings: the only ones long enough to be wrapped onto a second line. */
const structuralHeading = /^第\S+?(编|章|节)/;
const enumerated = /^([（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.、．])/;

/**
 * Some long chapter titles were wrapped in the source: 「### 第二章 听取和审议人民政府、人民法院和」
 * then 「人民检察院的专项工作报告」 on its own line. A short unpunctuated line right after such a
 * heading is read as the rest of it.
 */
function continuesHeading(heading: string, line: string): boolean {
  return structuralHeading.test(heading) && [...line].length <= 30 && !/[。；;：:，,！？]$/.test(line) && !enumerated.test(line);
}

interface OpenHeading {
  level: number;
  text: string;
}

interface ArticleMatch {
  label: string;
  number: number;
  suffix: number;
  text: string;
  /** Why a near-miss line was still read as an article; null for a well-formed line. */
  defect: string | null;
}

/** Strips the whitespace the corpus leaves around paragraphs, including full-width spaces. */
function clean(line: string): string {
  // Zero-width spaces stand alone on "blank" lines in some files (公司法 2023, 民事诉讼法 2023).
  return line.replace(/^[\s\u3000\u200B-\u200D\uFEFF]+|[\s\u3000\u200B-\u200D\uFEFF]+$/g, '');
}

function matchArticle(line: string): ArticleMatch | null {
  const strict = articleLine.exec(line);
  if (strict) {
    const number = parseChineseNumber(strict[1] ?? '');
    const suffix = strict[2] === undefined ? 0 : parseChineseNumber(strict[2]);
    if (number === null || number === 0 || suffix === null) return null;
    return { label: `第${strict[1]}条${strict[2] ? `之${strict[2]}` : ''}`, number, suffix, text: clean(strict[3] ?? ''), defect: null };
  }
  const loose = looseArticleLine.exec(line);
  if (!loose) return null;
  const [, first, numeral = '', suffixNumeral, space = '', text = ''] = loose;
  const number = parseChineseNumber(numeral);
  const suffix = suffixNumeral === undefined ? 0 : parseChineseNumber(suffixNumeral);
  if (number === null || number === 0 || suffix === null) return null;
  const label = `第${numeral}条${suffixNumeral ? `之${suffixNumeral}` : ''}`;
  const defects: string[] = [];
  const written = line.slice(0, line.length - text.length - space.length);
  if (first === '笫') defects.push('笫 instead of 第');
  if (/\s/.test(written)) defects.push('space inside the label');
  if (space === '' && text !== '') defects.push('no space before the text');
  const defect = defects.length === 0 ? null : `malformed article label "${written}" (${defects.join(', ')}); read as ${label}`;
  return { label, number, suffix, text: clean(text), defect };
}

function headerEnd(lines: string[]): number {
  return lines.findIndex((l, i) => i > 0 && l.trim() === infoEndMarker);
}

/**
 * Without the marker, the header is taken to be the run of blank, part-title and dated lines
 * after the title; the body starts at the first other line.
 */
function guessBodyStart(lines: string[]): number {
  let i = 1;
  while (i < lines.length) {
    const l = (lines[i] ?? '').trim();
    if (l === '' || /^#\s/.test(l) || parseLeadingDate(l).kind !== 'none') i++;
    else break;
  }
  return i;
}

export function parseLawMarkdown(fileName: string, text: string): ParseLawResult {
  const problems: LawParseProblem[] = [];
  const report = (line: number, message: string) => problems.push({ file: fileName, line, message });
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);

  const titleMatch = /^#[ \t\u3000]+(\S.*)$/.exec(lines[0] ?? '');
  if (!titleMatch) {
    const first = (lines[0] ?? '').trim();
    report(
      1,
      first === ''
        ? 'line 1 must be the title line "# <law title>", found an empty line'
        : `line 1 must be the title line "# <law title>", found "${first.slice(0, 40)}"`,
    );
    return { law: null, problems };
  }
  const title = clean(titleMatch[1] ?? '');

  // --- header ---
  let end = headerEnd(lines);
  let bodyStart: number;
  if (end === -1) {
    bodyStart = guessBodyStart(lines);
    end = bodyStart;
    report(Math.min(bodyStart + 1, lines.length), `no "${infoEndMarker}" line after the header; the body is taken to start here`);
  } else {
    bodyStart = end + 1;
  }
  let part: string | null = null;
  const dates: LawDateEvent[] = [];
  const headerNotes: string[] = [];
  for (let i = 1; i < end; i++) {
    const raw = lines[i] ?? '';
    const line = clean(raw);
    if (line === '') continue;
    const partMatch = /^#[ \t\u3000]+(\S.*)$/.exec(line);
    if (partMatch) {
      if (part === null && dates.length === 0 && headerNotes.length === 0) part = clean(partMatch[1] ?? '');
      else report(i + 1, `unexpected title line "${line}" in the header (a part title must directly follow line 1)`);
      continue;
    }
    const lead = parseLeadingDate(line);
    if (lead.kind === 'date') {
      dates.push({ date: lead.date, event: lead.rest });
    } else if (lead.kind === 'bad') {
      report(i + 1, `unparseable date in "${lead.text.slice(0, 40)}"`);
    } else {
      // Long events wrap onto the next header line in the corpus; glue them back on.
      const last = dates.at(-1);
      if (last) last.event = `${last.event}${line}`;
      else headerNotes.push(line);
    }
  }

  // --- version date ---
  let nameDate: string | null = fileNameDate.exec(fileName.normalize('NFKC'))?.[1] ?? null;
  if (nameDate !== null && !isValidIsoDate(nameDate)) {
    report(1, `the date (${nameDate}) in the file name is not a real date`);
    nameDate = null;
  }
  const newest = dates.reduce<string | null>((max, d) => (max === null || d.date > max ? d.date : max), null);
  const versionDate = nameDate ?? newest;
  if (versionDate === null) report(1, 'no version date: the file name has no (YYYY-MM-DD) and the header no dated line');

  // --- body ---
  const articles: ParsedArticle[] = [];
  const looseText: ParsedLooseText[] = [];
  const preamble: string[] = [];
  const open: OpenHeading[] = [];
  const seen = new Map<string, number>();
  let current: ParsedArticle | null = null;
  let loose: ParsedLooseText | null = null;
  let skipping = false; // inside a duplicate article whose text is dropped
  let headingJustOpened = false; // the previous non-blank line was a heading
  const headingPath = () => open.map((h) => h.text);

  for (let i = bodyStart; i < lines.length; i++) {
    const ln = i + 1;
    const line = clean(lines[i] ?? '');
    if (line === '') continue;
    if (commentLine.test(line)) {
      if (line === infoEndMarker) report(ln, `second "${infoEndMarker}" line; ignored`);
      continue; // <!-- TABLE --> markers and the like carry no text
    }

    const heading = headingLine.exec(line);
    if (heading) {
      const level = heading[1]?.length ?? 0;
      // Any Unicode space run, including the en spaces (U+2002) of 民法典's headings, becomes one space.
      const headingText = clean(heading[3] ?? '').replace(/\s+/g, ' ');
      if (headingText === '') continue; // a bare "##" (民法典/附则.md has one) carries nothing
      if (heading[2] === '') report(ln, `no space after "${heading[1] ?? ''}" in the heading "${line.slice(0, 30)}"`);
      if (level === 1) report(ln, `level-1 heading "${line.slice(0, 30)}" in the body; body headings start at "##"`);
      // The title is level 1, so the first body heading is ## and each level nests one deeper.
      const parent = open.filter((h) => h.level < level).at(-1)?.level ?? 1;
      if (level > parent + 1) report(ln, `heading level skips from ${'#'.repeat(parent)} to ${'#'.repeat(level)}`);
      while ((open.at(-1)?.level ?? 0) >= level) open.pop();
      open.push({ level, text: headingText });
      headingJustOpened = true;
      current = null;
      loose = null;
      skipping = false;
      if (articles.length === 0) preamble.push(`${'#'.repeat(level)} ${headingText}`);
      continue;
    }

    const justOpened = headingJustOpened;
    headingJustOpened = false;
    const article = matchArticle(line);
    if (article) {
      if (article.defect !== null) report(ln, article.defect);
      const previous = articles.at(-1);
      const firstLine = seen.get(article.label);
      loose = null;
      if (firstLine !== undefined) {
        report(ln, `duplicate article ${article.label} (first at line ${String(firstLine)}); this copy is skipped`);
        current = null;
        skipping = true;
        continue;
      }
      if (previous && compareArticleNumbers(article, previous) < 0) {
        report(ln, `article ${article.label} comes after ${previous.label} (line ${String(previous.line)}); numbers must increase`);
      }
      if (articles.length === 0) {
        // Headings right before the first article are its chapter path, not preamble.
        while (preamble.length > 0 && (preamble.at(-1) ?? '').startsWith('#')) preamble.pop();
      }
      seen.set(article.label, ln);
      skipping = false;
      current = {
        label: article.label,
        number: article.number,
        suffix: article.suffix,
        headings: headingPath(),
        paragraphs: article.text === '' ? [] : [article.text],
        line: ln,
      };
      articles.push(current);
      continue;
    }

    if (skipping) continue;
    const innermost = open.at(-1);
    if (justOpened && innermost && continuesHeading(innermost.text, line)) {
      innermost.text += line;
      const last = preamble.length - 1;
      if (articles.length === 0 && (preamble[last] ?? '').startsWith('#')) preamble[last] += line;
      headingJustOpened = true; // a third wrapped line is possible in principle
      continue;
    }
    if (current) current.paragraphs.push(line);
    else if (articles.length === 0) preamble.push(line);
    else {
      if (!loose) {
        loose = { headings: headingPath(), paragraphs: [], line: ln };
        looseText.push(loose);
      }
      loose.paragraphs.push(line);
    }
  }

  for (const a of articles) {
    if (a.paragraphs.length === 0) report(a.line, `article ${a.label} has no text`);
  }
  problems.sort((a, b) => a.line - b.line);

  return {
    law: {
      file: fileName,
      title,
      normalizedTitle: normalizeLawTitle(title),
      part,
      dates,
      headerNotes,
      fileNameDate: nameDate,
      versionDate,
      preamble: preamble.join('\n'),
      articles,
      looseText,
    },
    problems,
  };
}
