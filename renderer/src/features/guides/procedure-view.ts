import type { OfficeView } from '../../../../electron/common/contract/procedures-api';
import { back, currentView, type Procedure, type ProcedureContext, type ProcedureSession } from '../../../../kiosk-content/src/procedures/common';

/**
 * Pure helpers of the 办事指南 screens: the date the engine is given, the number keypad, the date
 * steppers, 修改 on the summary and the office lines. No DOM, no React.
 */

/** YYYY-MM-DD of the terminal's local day (the engine never reads a clock itself). */
export function localToday(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// ---------------------------------------------------------------------------------------------
// Progress

/**
 * The share of the way done when question `stepNumber` is on screen and the longest way on from
 * it (this question included) makes `totalSteps` in all: (n − 1) / total. The engine's total only
 * shrinks or stays as the resident answers while n grows by one, so the share never goes back.
 */
export function progressShare(stepNumber: number, totalSteps: number): number {
  if (!(totalSteps > 0) || stepNumber < 1) return 0;
  return Math.min(1, Math.max(0, (stepNumber - 1) / totalSteps));
}

// ---------------------------------------------------------------------------------------------
// Number keypad

export type KeypadKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '.' | 'backspace' | 'clear';

/** Digits a number box may hold; 1 000 000 元 has 7, a few more leave room for decimals. */
export const KEYPAD_MAX_LENGTH = 10;

/** What one key press does to the text in the number box. Leading zeros are dropped; one point at most. */
export function pressKey(text: string, key: KeypadKey, options: { integer: boolean }): string {
  if (key === 'clear') return '';
  if (key === 'backspace') return text.slice(0, -1);
  if (key === '.') {
    if (options.integer || text.includes('.') || text.length >= KEYPAD_MAX_LENGTH) return text;
    return text === '' ? '0.' : `${text}.`;
  }
  if (text.length >= KEYPAD_MAX_LENGTH) return text;
  if (text === '0') return key;
  const point = text.indexOf('.');
  if (point >= 0 && text.length - point > 2) return text; // two decimals are enough for money
  return text + key;
}

/** The number box's text for an earlier answer (after 返回), or empty. */
export function numberText(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}

// ---------------------------------------------------------------------------------------------
// Date steppers

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

export const EARLIEST_YEAR = 1950;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function parseIsoDate(iso: string): DateParts | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const parts = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return parts.month >= 1 && parts.month <= 12 && parts.day >= 1 && parts.day <= daysInMonth(parts.year, parts.month) ? parts : null;
}

export function toIsoDate({ year, month, day }: DateParts): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

/**
 * One tap on a stepper: year/month/day up or down. Months and days wrap within their range (31 →
 * 1), the day is pulled back into a shorter month, and the date never passes `maxDate` (today when
 * the step forbids future dates) or goes before EARLIEST_YEAR.
 */
export function stepDate(parts: DateParts, field: keyof DateParts, delta: 1 | -1, maxDate: string | null): DateParts {
  let { year, month, day } = parts;
  if (field === 'year') year += delta;
  if (field === 'month') month = ((month - 1 + delta + 12) % 12) + 1;
  if (field === 'day') {
    const length = daysInMonth(year, month);
    day = ((day - 1 + delta + length) % length) + 1;
  }
  year = Math.max(EARLIEST_YEAR, year);
  day = Math.min(day, daysInMonth(year, month));
  const max = maxDate ? parseIsoDate(maxDate) : null;
  if (max && toIsoDate({ year, month, day }) > toIsoDate(max)) {
    // Past the limit: a year step lands on the limit, a wrap of month/day lands there too.
    return field === 'year' ? clampToMax({ year, month, day }, max) : delta > 0 ? parts : max;
  }
  return { year, month, day };
}

function clampToMax(parts: DateParts, max: DateParts): DateParts {
  return toIsoDate(parts) > toIsoDate(max) ? max : parts;
}

/** The date the steppers start on: the earlier answer, else the latest allowed day, else today. */
export function initialDate(value: unknown, maxDate: string | null, today: string): DateParts {
  const earlier = typeof value === 'object' && value !== null && 'date' in value ? parseIsoDate(String((value as { date: unknown }).date)) : null;
  return earlier ?? parseIsoDate(maxDate ?? today) ?? { year: 2000, month: 1, day: 1 };
}

// ---------------------------------------------------------------------------------------------
// Summary → 修改

/**
 * 修改 on the summary: step back until the question `stepId` is on screen again (its answer stays
 * as the pre-fill). Returns the session unchanged if the question is not on the way back.
 */
export function backToStep(proc: Procedure, session: ProcedureSession, stepId: string, context: ProcedureContext): ProcedureSession {
  let current = session;
  for (let i = 0; i <= session.history.length + 1; i++) {
    const view = currentView(proc, current, context);
    if (view.kind === 'step' && view.stepId === stepId) return current;
    const previous = back(proc, current);
    if (previous === current || (previous.history.length === current.history.length && previous.confirmed === current.confirmed)) break;
    current = previous;
  }
  return session;
}

// ---------------------------------------------------------------------------------------------
// Where to go

export type OfficeLine = { field: 'address' | 'hours' | 'phone'; value: string | null };

/** The offices of the kind an outcome names (the host picked them for the terminal's region); null fields stay null (shown as 「请咨询现场工作人员」). */
export function officesFor(kind: string | null, offices: readonly OfficeView[]): OfficeView[] {
  return kind === null ? [] : offices.filter((o) => o.kind === kind);
}

export function officeLines(office: OfficeView): OfficeLine[] {
  return [
    { field: 'address', value: office.address },
    { field: 'hours', value: office.hours },
    { field: 'phone', value: office.phone },
  ];
}

/** The library key of a citation (`法律援助法|第三十一条`), as library.getArticle takes it. */
export function citeKey(cite: { law: string; label: string }): string {
  return `${cite.law}|${cite.label}`;
}
