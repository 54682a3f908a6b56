import { describe, expect, it } from 'vitest';
import { addMonths, describePeriodEnd, isDayOff, periodEnd, weekdayOf, type HolidayCalendar } from './holiday-calendar';
import { parseHolidayCalendar } from './parse-holiday-calendar';

// The 2025 National Day block as the State Council's notice gives it (10月1日至8日放假，9月28日、10月11日上班).
const calendar: HolidayCalendar = {
  years: [
    {
      year: 2025,
      source: '测试用',
      daysOff: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08'],
      workdays: ['2025-09-28', '2025-10-11'],
    },
  ],
};

describe('dates', () => {
  it('knows the weekday', () => {
    expect(weekdayOf('2025-10-01')).toBe(3);
    expect(weekdayOf('2025-10-11')).toBe(6);
    expect(weekdayOf('1970-01-01')).toBe(4);
  });

  it('takes the corresponding day of the month, or the last day when there is none (民法典 第二百零二条)', () => {
    expect(addMonths('2025-03-15', 1)).toBe('2025-04-15');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
  });
});

describe('isDayOff', () => {
  it('holidays and plain weekends are off, 调休 weekends are working days', () => {
    expect(isDayOff(calendar, '2025-10-03')).toBe(true);
    expect(isDayOff(calendar, '2025-10-11')).toBe(false);
    expect(isDayOff(calendar, '2025-10-12')).toBe(true);
    expect(isDayOff(calendar, '2025-10-09')).toBe(false);
  });

  it('does not guess a year it does not hold', () => {
    expect(isDayOff(calendar, '2026-03-02')).toBeNull();
    expect(isDayOff(null, '2025-10-09')).toBeNull();
  });
});

describe('periodEnd', () => {
  it('starts counting the next day (民法典 第二百零一条)', () => {
    expect(periodEnd(calendar, '2025-09-09', { amount: 30, unit: 'days' })).toEqual({
      known: true,
      end: '2025-10-09',
      nominalEnd: '2025-10-09',
      movedFrom: null,
    });
  });

  it('moves a last day in the National Day holiday to the first working day after it (第二百零三条)', () => {
    expect(periodEnd(calendar, '2025-09-01', { amount: 30, unit: 'days' })).toEqual({
      known: true,
      end: '2025-10-09',
      nominalEnd: '2025-10-01',
      movedFrom: '2025-10-01',
    });
  });

  it('moves a Saturday to Monday but keeps a 调休 Saturday', () => {
    expect(periodEnd(calendar, '2025-10-09', { amount: 30, unit: 'days' })).toMatchObject({ known: true, end: '2025-11-10', movedFrom: '2025-11-08' });
    expect(periodEnd(calendar, '2025-09-11', { amount: 30, unit: 'days' })).toMatchObject({ known: true, end: '2025-10-11', movedFrom: null });
  });

  it('counts months and years on the corresponding day', () => {
    expect(periodEnd(calendar, '2025-03-31', { amount: 6, unit: 'months' })).toMatchObject({ known: true, end: '2025-09-30' });
    expect(periodEnd(calendar, '2024-10-01', { amount: 1, unit: 'years' })).toMatchObject({ known: true, nominalEnd: '2025-10-01', end: '2025-10-09' });
  });

  it('says which year it is missing instead of guessing', () => {
    const result = periodEnd(calendar, '2026-12-20', { amount: 30, unit: 'days' });
    expect(result).toEqual({ known: false, nominalEnd: '2027-01-19', missingYear: 2027 });
    expect(describePeriodEnd(result)).toBe('2027年的节假日安排本机没有，截止日请向工作人员核实');
    expect(describePeriodEnd(periodEnd(calendar, '2025-09-01', { amount: 30, unit: 'days' }))).toBe('2025年10月9日（星期四）');
  });
});

describe('parseHolidayCalendar', () => {
  const good = `years:
  2025:
    source: 测试通知
    daysOff:
      - { name: 国庆节, from: 2025-10-01, to: 2025-10-08 }
    workdays: [2025-09-28, 2025-10-11]
`;

  it('reads days off as single days and the 调休 workdays', () => {
    const { calendar: parsed, problems } = parseHolidayCalendar('calendar/holidays.yaml', good);
    expect(problems).toEqual([]);
    expect(parsed).toEqual(calendar.years[0] ? { years: [{ ...calendar.years[0], source: '测试通知' }] } : null);
  });

  it('reports each defect on its line and leaves the broken year out', () => {
    const bad = `years:
  2025:
    source: 测试通知
    daysOff:
      - { name: 国庆节, from: 2025-10-08, to: 2025-10-01 }
      - { name: 春节, from: 2026-01-28, to: 2026-01-29 }
    workdays: [2025-09-29, 2025-13-01]
  2026:
    daysOff: []
`;
    const { calendar: parsed, problems } = parseHolidayCalendar('calendar/holidays.yaml', bad);
    expect(parsed.years).toEqual([]);
    const lines = problems.map((p) => `${String(p.line)}: ${p.message}`);
    expect(lines).toEqual([
      '5: year 2025: to 2025-10-01 is before from 2025-10-08',
      '6: year 2025: from 2026-01-28 is not in 2025',
      '6: year 2025: to 2026-01-29 is not in 2025',
      '7: year 2025: workday 2025-09-29 is not a Saturday or Sunday (only weekend days are moved to work)',
      '7: year 2025: workday "2025-13-01" is not a date (YYYY-MM-DD)',
      '8: year 2026: source is required (the State Council notice the days come from)',
      '8: year 2026: workdays is required ([] when the notice moves no weekend day)',
      '9: year 2026: daysOff must list the holidays: - { name: 春节, from: YYYY-MM-DD, to: YYYY-MM-DD }',
    ]);
  });
});
