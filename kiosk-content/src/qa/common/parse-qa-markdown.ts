import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node, Pair } from 'yaml';
import { chineseNumeralChars } from '../../laws/common/chinese-numerals';
import { normalizeLawTitle } from '../../laws/common/law-title';
import { legalDomainIds, type LegalDomainId } from '../../legal-domains/common/legal-domains';
import { findUnprintable, formatCodePoint } from './printable-text';
import type { QaCite, QaEntry, QaProblem } from './qa-types';

/**
 * Parser and checker for one Q&A file (kiosk-content/default/qa/<domain>/<id>.md):
 *
 *     ---
 *     id: labour-unpaid-wages
 *     question: 老板拖欠工资不发，我该怎么办？
 *     also: [公司不发工资怎么办, 讨薪找哪里]
 *     domain: labour
 *     cites: [劳动合同法 第三十条]
 *     ---
 *     Plain-Chinese answer …
 *
 * Pure and total: every defect becomes a problem with file, line and field. `entry` is set only
 * when the file has no problem at all, so whatever reaches the kiosk is complete and checked.
 * Whether a cited article really exists is decided against the law corpus (qa-cite-check.ts).
 */
export interface ParseQaResult {
  entry: QaEntry | null;
  problems: QaProblem[];
}

/** Answer length limits, counted in characters without whitespace. */
export const answerLengthLimits = { min: 80, max: 600 } as const;
export const alsoCountLimits = { min: 2, max: 5 } as const;
export const questionMaxLength = 80;

const knownFields = ['id', 'question', 'also', 'domain', 'cites'] as const;
const kebabCase = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const N = `[${chineseNumeralChars}]+`;
/** "<normalised law title> 第…条" or "… 第…条之…", one ASCII space between. */
const citePattern = new RegExp(`^(\\S+) (第${N}条(?:之${N})?)$`);
/** Digit runs long enough to be a phone number; 12348 (public legal service hotline) is the only one allowed. */
const phoneLike = /\d[\d\- ]{3,}\d/g;
const allowedNumbers = new Set(['12348']);
/** Short service numbers (police, fire, ambulance, traffic police) are phone numbers too. */
const shortServiceNumbers = /(?<!\d)(110|119|120|122)(?!\d)/g;

function charLength(text: string): number {
  return [...text.replace(/\s+/g, '')].length;
}

/** Splits "---\n<yaml>\n---\n<body>"; lines are 1-based file lines. */
function splitFrontMatter(text: string): { yaml: string; yamlLine: number; body: string; bodyLine: number } | null {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---') return null;
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
  if (end < 0) return null;
  return {
    yaml: lines.slice(1, end).join('\n'),
    yamlLine: 2,
    body: lines.slice(end + 1).join('\n'),
    bodyLine: end + 2,
  };
}

export function parseQaMarkdown(file: string, text: string): ParseQaResult {
  const problems: QaProblem[] = [];
  const report = (line: number, field: string, message: string) => problems.push({ file, line, field, message });

  const parts = splitFrontMatter(text);
  if (!parts) {
    report(1, 'file', 'expected YAML front matter between two "---" lines at the top');
    return { entry: null, problems };
  }

  const lineCounter = new LineCounter();
  const doc = parseDocument(parts.yaml, { lineCounter, uniqueKeys: true });
  const toFileLine = (offset: number | undefined) => parts.yamlLine - 1 + (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  const nodeLine = (node: unknown) => toFileLine((node as Node | null)?.range?.[0]);

  for (const error of doc.errors) {
    report(parts.yamlLine - 1 + (error.linePos?.[0].line ?? 1), 'front matter', `YAML: ${error.message.split('\n')[0] ?? ''}`);
  }
  if (doc.errors.length > 0) return { entry: null, problems };
  if (!isMap(doc.contents)) {
    report(parts.yamlLine, 'front matter', 'front matter must be a mapping of fields (id, question, also, domain, cites)');
    return { entry: null, problems };
  }

  const pairs = new Map<string, Pair>();
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!(knownFields as readonly string[]).includes(key)) {
      report(nodeLine(pair.key), key || 'front matter', `unknown field "${key}" (fields: ${knownFields.join(', ')})`);
      continue;
    }
    pairs.set(key, pair);
  }
  const fieldLine = (field: string) => nodeLine(pairs.get(field)?.key ?? null) || parts.yamlLine;

  /** A non-empty single-line string field, or null after reporting why not. */
  const stringField = (field: (typeof knownFields)[number]): string | null => {
    const pair = pairs.get(field);
    if (!pair) {
      report(parts.yamlLine, field, `missing field "${field}"`);
      return null;
    }
    const value = isScalar(pair.value) ? pair.value.value : undefined;
    if (typeof value !== 'string' || value.trim() === '') {
      report(fieldLine(field), field, `"${field}" must be a non-empty text`);
      return null;
    }
    return value.trim();
  };

  /** A list of non-empty strings with their lines. */
  const listField = (field: 'also' | 'cites'): { value: string; line: number }[] | null => {
    const pair = pairs.get(field);
    if (!pair) {
      report(parts.yamlLine, field, `missing field "${field}"`);
      return null;
    }
    if (!isSeq(pair.value)) {
      report(fieldLine(field), field, `"${field}" must be a list ("- item" lines)`);
      return null;
    }
    const items: { value: string; line: number }[] = [];
    let ok = true;
    for (const item of pair.value.items) {
      const value = isScalar(item) ? item.value : undefined;
      if (typeof value !== 'string' || value.trim() === '') {
        report(nodeLine(item), field, `every "${field}" item must be a non-empty text`);
        ok = false;
        continue;
      }
      items.push({ value: value.trim(), line: nodeLine(item) });
    }
    return ok ? items : null;
  };

  const id = stringField('id');
  const question = stringField('question');
  const domainText = stringField('domain');
  const also = listField('also');
  const citeItems = listField('cites');

  let domain: LegalDomainId | null = null;
  if (domainText !== null) {
    if ((legalDomainIds as string[]).includes(domainText)) domain = domainText as LegalDomainId;
    else report(fieldLine('domain'), 'domain', `unknown domain "${domainText}" (known: ${legalDomainIds.join(', ')})`);
  }

  if (id !== null) {
    if (!kebabCase.test(id)) report(fieldLine('id'), 'id', `id "${id}" is not kebab-case (a-z, 0-9, single hyphens)`);
    if (domain !== null && !id.startsWith(`${domain}-`)) report(fieldLine('id'), 'id', `id "${id}" must start with its domain: "${domain}-"`);
  }

  if (question !== null) {
    if (/\n/.test(question)) report(fieldLine('question'), 'question', 'question must be one line');
    if (charLength(question) > questionMaxLength) report(fieldLine('question'), 'question', `question is longer than ${questionMaxLength} characters`);
  }

  if (also !== null) {
    if (also.length < alsoCountLimits.min || also.length > alsoCountLimits.max) {
      report(fieldLine('also'), 'also', `"also" needs ${alsoCountLimits.min}–${alsoCountLimits.max} other phrasings, found ${also.length}`);
    }
    const seen = new Set(question === null ? [] : [question]);
    for (const item of also) {
      if (seen.has(item.value)) report(item.line, 'also', `"${item.value}" repeats the question or another phrasing`);
      seen.add(item.value);
    }
  }

  const cites: QaCite[] = [];
  if (citeItems !== null) {
    if (citeItems.length === 0) report(fieldLine('cites'), 'cites', 'an answer must cite at least one article');
    const seen = new Set<string>();
    for (const item of citeItems) {
      const match = citePattern.exec(item.value);
      if (!match) {
        report(item.line, 'cites', `cite "${item.value}" is not of the form "<law title> 第…条" (one space, Chinese numerals)`);
        continue;
      }
      const [, law = '', label = ''] = match;
      const normalized = normalizeLawTitle(law);
      if (normalized !== law) {
        report(item.line, 'cites', `cite "${item.value}": write the normalised law title "${normalized}"`);
        continue;
      }
      const key = `${law} ${label}`;
      if (seen.has(key)) report(item.line, 'cites', `cite "${item.value}" is listed twice`);
      seen.add(key);
      cites.push({ law, label });
    }
  }

  const answer = parts.body.trim();
  const leading = parts.body.slice(0, parts.body.length - parts.body.trimStart().length);
  const answerLine = parts.bodyLine + lineOffset(leading, leading.length);
  const length = charLength(answer);
  if (length < answerLengthLimits.min || length > answerLengthLimits.max) {
    report(answerLine, 'answer', `answer has ${length} characters; it must have ${answerLengthLimits.min}–${answerLengthLimits.max} (whitespace not counted)`);
  }
  for (const match of answer.matchAll(phoneLike)) {
    const digits = match[0].replace(/[- ]/g, '');
    if (digits.length >= 5 && !allowedNumbers.has(digits)) {
      report(answerLine + lineOffset(answer, match.index), 'answer', `"${match[0]}" looks like a phone number; the only number allowed is 12348`);
    }
  }

  for (const match of answer.matchAll(shortServiceNumbers)) {
    report(answerLine + lineOffset(answer, match.index), 'answer', `"${match[0]}" is a phone number; the only number allowed is 12348`);
  }

  // Printability of everything a resident sees (question, phrasings, answer).
  const fieldsToPrint: [string, string | null, number][] = [
    ['question', question, fieldLine('question')],
    ...(also ?? []).map((item): [string, string, number] => ['also', item.value, item.line]),
    ['answer', answer, answerLine],
  ];
  for (const [field, value, line] of fieldsToPrint) {
    if (value === null) continue;
    for (const bad of findUnprintable(value)) {
      report(line + (field === 'answer' ? lineOffset(value, bad.index) : 0), field, `${formatCodePoint(bad.codePoint)} cannot be printed (${bad.reason})`);
    }
  }

  if (problems.length > 0 || id === null || question === null || domain === null || also === null || citeItems === null) {
    return { entry: null, problems };
  }
  return {
    entry: {
      id,
      question,
      also: also.map((item) => item.value),
      domain,
      cites,
      answer,
      file,
      lines: { id: fieldLine('id'), cites: citeItems.map((item) => item.line), answer: answerLine },
    },
    problems,
  };
}

function lineOffset(text: string, index: number): number {
  let lines = 0;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 0x0a) lines++;
  return lines;
}

/** Ids must be unique across a pack: every file after the first with the same id is a problem. */
export function findDuplicateIds(entries: readonly QaEntry[]): QaProblem[] {
  const first = new Map<string, QaEntry>();
  const problems: QaProblem[] = [];
  for (const entry of entries) {
    const earlier = first.get(entry.id);
    if (earlier) {
      problems.push({ file: entry.file, line: entry.lines.id, field: 'id', message: `duplicate id "${entry.id}" (also in ${earlier.file})` });
    } else {
      first.set(entry.id, entry);
    }
  }
  return problems;
}

export interface ParseQaFilesResult {
  entries: QaEntry[];
  problems: QaProblem[];
}

/** Parses many files and checks ids across them; a duplicate keeps only the first entry. */
export function parseQaFiles(files: readonly { file: string; text: string }[]): ParseQaFilesResult {
  const parsed: QaEntry[] = [];
  const problems: QaProblem[] = [];
  for (const { file, text } of files) {
    const result = parseQaMarkdown(file, text);
    problems.push(...result.problems);
    if (result.entry) parsed.push(result.entry);
  }
  const duplicates = findDuplicateIds(parsed);
  problems.push(...duplicates);
  const dropped = new Set(duplicates.map((p) => p.file));
  return { entries: parsed.filter((entry) => !dropped.has(entry.file)), problems };
}
