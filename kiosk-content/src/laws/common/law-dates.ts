import { parseChineseNumber } from './chinese-numerals';

/**
 * Dates in law headers: 「2020年5月28日 第十三届…通过」, full-width 「２０１２年１２月３日」, wrapped in
 * parentheses 「(2014年11月1日…通过)」, or spelled out 「一九九五年三月二十六日」.
 */
export type LeadingDate =
  | { kind: 'date'; date: string; rest: string }
  /** The line starts like a date but is not a real one (2020年13月1日, 2020年5月 通过). */
  | { kind: 'bad'; text: string }
  | { kind: 'none' };

const arabic = /^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(.*)$/s;
const spelled = /^([〇○零一二三四五六七八九]{4})年([十一二三四五六七八九]{1,3})月([十一二三四五六七八九]{1,3})日\s*(.*)$/s;
const dateLike = /^(\d{1,4}\s*年|[〇○零一二三四五六七八九]{4}年)/;

export function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Is YYYY-MM-DD a real calendar date? */
export function isValidIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m !== null && isoDate(Number(m[1]), Number(m[2]), Number(m[3])) === text;
}

/** Only digits are folded (not full NFKC), so the event text keeps its Chinese punctuation. */
function foldDigits(text: string): string {
  return text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

export function parseLeadingDate(line: string): LeadingDate {
  let text = foldDigits(line).trim();
  const wrapped = /^[(（]/.test(text);
  if (wrapped) text = text.slice(1).trimStart();
  if (!dateLike.test(text)) return { kind: 'none' };
  let year: number | null = null;
  let month: number | null = null;
  let day: number | null = null;
  let rest = '';
  const a = arabic.exec(text);
  const s = a ? null : spelled.exec(text);
  if (a) {
    [year, month, day, rest] = [Number(a[1]), Number(a[2]), Number(a[3]), a[4] ?? ''];
  } else if (s) {
    [year, month, day, rest] = [parseChineseNumber(s[1] ?? ''), parseChineseNumber(s[2] ?? ''), parseChineseNumber(s[3] ?? ''), s[4] ?? ''];
  }
  const date = year !== null && month !== null && day !== null ? isoDate(year, month, day) : null;
  if (date === null) return { kind: 'bad', text: line.trim() };
  if (wrapped) rest = rest.replace(/[)）]\s*$/, '');
  return { kind: 'date', date, rest: rest.trim() };
}
