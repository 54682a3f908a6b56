/**
 * Periods counted the way 民法典 第二百零一条 to 第二百零四条 count them, on the calendar of
 * statutory holidays that editors keep in the content (calendar/holidays.yaml):
 *
 * - 第二百零一条: the day the period starts is not counted; counting starts the next day.
 * - 第二百零二条: a period of months or years ends on the corresponding day of the last month; when
 *   that month has no such day, on its last day.
 * - 第二百零三条: when the last day is a statutory day off (法定休假日), the period ends on the first
 *   day after the days off. Saturdays and Sundays are days off unless the State Council's notice for
 *   the year makes them working days (调休); the notice's holidays are days off.
 *
 * Pure: no clock, no file access. A year the calendar does not hold is never guessed: the result
 * says which year is missing.
 */
export interface CalendarYear {
  year: number;
  /** The notice the days come from (title, number, date). */
  source: string;
  /** YYYY-MM-DD, every day off of the year's holidays (weekends inside a holiday included). */
  daysOff: string[];
  /** YYYY-MM-DD, Saturdays or Sundays that are working days (调休上班). */
  workdays: string[];
}

export interface HolidayCalendar {
  years: CalendarYear[];
}

export type PeriodUnit = 'days' | 'months' | 'years';

export interface PeriodLength {
  amount: number;
  unit: PeriodUnit;
}

export type PeriodEnd =
  /** `end` is the last day of the period; `movedFrom` the day it would have been without days off. */
  | { known: true; end: string; nominalEnd: string; movedFrom: string | null }
  /** The calendar has no holidays for `missingYear`, so the last day cannot be told. */
  | { known: false; nominalEnd: string; missingYear: number };

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a valid YYYY-MM-DD, else null. */
export function dayNumberOf(date: string): number | null {
  const m = datePattern.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return Math.round(ms / 86_400_000);
}

export function dateOfDayNumber(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  const n = dayNumberOf(date);
  if (n === null) throw new Error(`not a date: ${date}`);
  // 1970-01-01 was a Thursday.
  return (((n + 4) % 7) + 7) % 7;
}

export function addDays(date: string, days: number): string {
  const n = dayNumberOf(date);
  if (n === null) throw new Error(`not a date: ${date}`);
  return dateOfDayNumber(n + days);
}

/** The corresponding day `months` months later, or the last day of that month when it has none. */
export function addMonths(date: string, months: number): string {
  const m = datePattern.exec(date);
  if (!m || dayNumberOf(date) === null) throw new Error(`not a date: ${date}`);
  const total = Number(m[1]) * 12 + (Number(m[2]) - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(Number(m[3]), lastDay);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

interface YearIndex {
  daysOff: Set<string>;
  workdays: Set<string>;
}

const indexCache = new WeakMap<HolidayCalendar, Map<number, YearIndex>>();

function yearIndex(calendar: HolidayCalendar): Map<number, YearIndex> {
  let index = indexCache.get(calendar);
  if (!index) {
    index = new Map(calendar.years.map((y) => [y.year, { daysOff: new Set(y.daysOff), workdays: new Set(y.workdays) }]));
    indexCache.set(calendar, index);
  }
  return index;
}

/** Is the day a day off (法定休假日)? null when the calendar does not hold its year. */
export function isDayOff(calendar: HolidayCalendar | null | undefined, date: string): boolean | null {
  const year = Number(date.slice(0, 4));
  const entry = calendar ? yearIndex(calendar).get(year) : undefined;
  if (!entry) return null;
  if (entry.daysOff.has(date)) return true;
  if (entry.workdays.has(date)) return false;
  const weekday = weekdayOf(date);
  return weekday === 0 || weekday === 6;
}

/** The last day of a period that starts on `start` (the event day, itself not counted). */
export function periodEnd(calendar: HolidayCalendar | null | undefined, start: string, length: PeriodLength): PeriodEnd {
  const nominalEnd = length.unit === 'days' ? addDays(start, length.amount) : addMonths(start, length.unit === 'months' ? length.amount : length.amount * 12);
  let end = nominalEnd;
  // A run of days off is at most a few weeks; the bound only guards against a malformed calendar.
  for (let i = 0; i < 60; i += 1) {
    const off = isDayOff(calendar, end);
    if (off === null) return { known: false, nominalEnd, missingYear: Number(end.slice(0, 4)) };
    if (!off) return { known: true, end, nominalEnd, movedFrom: end === nominalEnd ? null : nominalEnd };
    end = addDays(end, 1);
  }
  throw new Error(`holiday calendar: more than 60 days off in a row after ${nominalEnd}`);
}

const weekdayNames = ['日', '一', '二', '三', '四', '五', '六'];

/** 2025年10月9日（星期四）. */
export function formatDateWithWeekday(date: string): string {
  const m = datePattern.exec(date);
  if (!m) return date;
  return `${m[1] ?? ''}年${String(Number(m[2]))}月${String(Number(m[3]))}日（星期${weekdayNames[weekdayOf(date)] ?? ''}）`;
}

/** What a resident reads for a period's last day; a missing year is said, never guessed. */
export function describePeriodEnd(result: PeriodEnd): string {
  return result.known ? formatDateWithWeekday(result.end) : `${String(result.missingYear)}年的节假日安排本机没有，截止日请向工作人员核实`;
}
