import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import { addDays, dayNumberOf, weekdayOf, type CalendarYear, type HolidayCalendar } from './holiday-calendar';
import type { ContentProblem } from './procedure-types';

/**
 * Reads calendar/holidays.yaml (format in kiosk-content/README.md):
 *
 *   years:
 *     2025:
 *       source: 国务院办公厅关于2025年部分节假日安排的通知（…）
 *       daysOff:
 *         - { name: 国庆节、中秋节, from: 2025-10-01, to: 2025-10-08 }
 *       workdays: [2025-09-28, 2025-10-11]
 *
 * Pure and total: every defect is a problem with its line; the calendar holds only the years
 * without problems, so a broken year is unknown (and said so to residents) rather than wrong.
 */
export interface CalendarParseResult {
  calendar: HolidayCalendar;
  problems: ContentProblem[];
}

export function parseHolidayCalendar(file: string, text: string): CalendarParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter, uniqueKeys: true, prettyErrors: false });
  const problems: ContentProblem[] = [];
  const lineOf = (node: unknown, fallback: number): number => {
    const range = (node as Node | null | undefined)?.range;
    return range ? lineCounter.linePos(range[0]).line : fallback;
  };
  const report = (line: number, message: string) => problems.push({ file, line, message });
  for (const error of [...doc.errors, ...doc.warnings]) report(lineCounter.linePos(error.pos[0]).line, `YAML: ${error.message.split('\n')[0] ?? ''}`);
  const calendar: HolidayCalendar = { years: [] };
  if (doc.errors.length > 0) return { calendar, problems };

  const top = doc.contents;
  if (!isMap(top)) {
    report(1, 'the calendar must be a mapping with "years:"');
    return { calendar, problems };
  }
  for (const pair of top.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key !== 'years') report(lineOf(pair.key, 1), `unknown field "${key}" (expected: years)`);
  }
  const years = top.get('years', true);
  if (!isMap(years)) {
    report(lineOf(years, 1), 'years must be a mapping: one entry per year (2025:, 2026:, …)');
    return { calendar, problems };
  }

  for (const pair of years.items) {
    const yearLine = lineOf(pair.key, 1);
    const yearText = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!/^\d{4}$/.test(yearText)) {
      report(yearLine, `"${yearText}" is not a year (write 2025:)`);
      continue;
    }
    const year = Number(yearText);
    const before = problems.length;
    const where = `year ${yearText}`;
    const entry = pair.value;
    if (!isMap(entry)) {
      report(yearLine, `${where} must have source, daysOff and workdays`);
      continue;
    }
    for (const field of entry.items) {
      const name = isScalar(field.key) ? String(field.key.value) : '';
      if (!['source', 'daysOff', 'workdays'].includes(name))
        report(lineOf(field.key, yearLine), `${where}: unknown field "${name}" (expected: source, daysOff, workdays)`);
    }
    const sourceNode = entry.get('source', true);
    const source = isScalar(sourceNode) && typeof sourceNode.value === 'string' ? sourceNode.value.trim() : '';
    if (source === '') report(lineOf(sourceNode, yearLine), `${where}: source is required (the State Council notice the days come from)`);

    const dateIn = (node: unknown, line: number, what: string): string | null => {
      const value = isScalar(node) ? String(node.value) : '';
      if (dayNumberOf(value) === null) {
        report(line, `${where}: ${what} "${value}" is not a date (YYYY-MM-DD)`);
        return null;
      }
      if (!value.startsWith(`${yearText}-`)) {
        report(line, `${where}: ${what} ${value} is not in ${yearText}`);
        return null;
      }
      return value;
    };

    const daysOff: string[] = [];
    const daysOffNode = entry.get('daysOff', true);
    if (!isSeq(daysOffNode) || daysOffNode.items.length === 0) {
      report(lineOf(daysOffNode, yearLine), `${where}: daysOff must list the holidays: - { name: 春节, from: YYYY-MM-DD, to: YYYY-MM-DD }`);
    } else {
      for (const item of daysOffNode.items) {
        const line = lineOf(item, yearLine);
        if (!isMap(item)) {
          report(line, `${where}: a daysOff entry is { name, from, to }`);
          continue;
        }
        for (const field of item.items) {
          const name = isScalar(field.key) ? String(field.key.value) : '';
          if (!['name', 'from', 'to'].includes(name)) report(line, `${where}: unknown field "${name}" in daysOff (expected: name, from, to)`);
        }
        const nameNode = item.get('name', true);
        if (!isScalar(nameNode) || typeof nameNode.value !== 'string' || nameNode.value.trim() === '')
          report(line, `${where}: a daysOff entry needs the holiday's name`);
        const from = dateIn(item.get('from', true), line, 'from');
        const to = dateIn(item.get('to', true), line, 'to');
        if (from === null || to === null) continue;
        if (to < from) {
          report(line, `${where}: to ${to} is before from ${from}`);
          continue;
        }
        for (let day = from; day <= to; day = addDays(day, 1)) {
          if (daysOff.includes(day)) report(line, `${where}: ${day} is a day off twice`);
          else daysOff.push(day);
        }
      }
    }

    const workdays: string[] = [];
    const workdaysNode = entry.get('workdays', true);
    if (workdaysNode !== undefined && workdaysNode !== null && !(isScalar(workdaysNode) && workdaysNode.value === null)) {
      if (!isSeq(workdaysNode)) {
        report(lineOf(workdaysNode, yearLine), `${where}: workdays must be a list of dates ([] when there is none)`);
      } else {
        for (const item of workdaysNode.items) {
          const line = lineOf(item, yearLine);
          const day = dateIn(item, line, 'workday');
          if (day === null) continue;
          const weekday = weekdayOf(day);
          if (weekday !== 0 && weekday !== 6) report(line, `${where}: workday ${day} is not a Saturday or Sunday (only weekend days are moved to work)`);
          else if (daysOff.includes(day)) report(line, `${where}: ${day} is both a day off and a workday`);
          else if (workdays.includes(day)) report(line, `${where}: workday ${day} is listed twice`);
          else workdays.push(day);
        }
      }
    } else {
      report(yearLine, `${where}: workdays is required ([] when the notice moves no weekend day)`);
    }

    if (calendar.years.some((y) => y.year === year)) report(yearLine, `${where} is listed twice`);
    else if (problems.length === before) calendar.years.push({ year, source, daysOff: daysOff.sort(), workdays: workdays.sort() } satisfies CalendarYear);
  }
  calendar.years.sort((a, b) => a.year - b.year);
  problems.sort((a, b) => a.line - b.line);
  return { calendar, problems };
}
