/**
 * Pure helpers of the documents screens: the amount keypad, the date steppers, which question
 * comes next. Kept apart from the components so they are tested without a browser.
 */
export type AmountKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '.' | 'backspace' | 'clear';

/** At most 12 digits before the point and 2 after (the host checks the amount again). */
export function pressAmountKey(text: string, key: AmountKey): string {
  if (key === 'clear') return '';
  if (key === 'backspace') return text.slice(0, -1);
  if (key === '.') return text.includes('.') ? text : text === '' ? '0.' : `${text}.`;
  const [whole = '', fraction] = text.split('.');
  if (fraction !== undefined) return fraction.length >= 2 ? text : text + key;
  if (whole === '0') return key;
  return whole.length >= 12 ? text : text + key;
}

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

export const EARLIEST_YEAR = 1900;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function parseDate(iso: string): DateParts | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
}

export function isoDate({ year, month, day }: DateParts): string {
  return `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** One stepper press; wraps months and days, keeps the day valid, never after `max` (YYYY-MM-DD) when given. */
export function stepDatePart(parts: DateParts, part: keyof DateParts, delta: 1 | -1, max: string | null): DateParts {
  const next = { ...parts };
  if (part === 'year') next.year = Math.max(EARLIEST_YEAR, parts.year + delta);
  if (part === 'month') next.month = ((parts.month - 1 + delta + 12) % 12) + 1;
  if (part === 'day') next.day = ((parts.day - 1 + delta + daysIn(parts.year, parts.month)) % daysIn(parts.year, parts.month)) + 1;
  next.day = Math.min(next.day, daysIn(next.year, next.month));
  if (max !== null && isoDate(next) > max) return parseDate(max) ?? parts;
  return next;
}

/** Where a date question starts: the earlier answer, else today. */
export function initialDateParts(value: unknown, today: string): DateParts {
  return (typeof value === 'string' ? parseDate(value) : null) ?? parseDate(today) ?? { year: 2024, month: 1, day: 1 };
}

/** The next question after `current` among those asked now; null = the document is complete. */
export function nextFieldId(visible: readonly string[], current: string): string | null {
  const at = visible.indexOf(current);
  return at >= 0 && at + 1 < visible.length ? (visible[at + 1] ?? null) : null;
}

export function previousFieldId(visible: readonly string[], current: string): string | null {
  const at = visible.indexOf(current);
  return at > 0 ? (visible[at - 1] ?? null) : null;
}
