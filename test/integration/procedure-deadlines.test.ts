import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileProcedure } from '../../kiosk-content/src/procedures/common/compile-procedure';
import { parseHolidayCalendar } from '../../kiosk-content/src/procedures/common/parse-holiday-calendar';
import {
  answer,
  confirmSummary,
  currentView,
  isAnswerError,
  startSession,
  type OutcomeView,
  type ProcedureSession,
} from '../../kiosk-content/src/procedures/common/procedure-engine';
import { formatContentProblem, type Procedure, type ProcedureContext } from '../../kiosk-content/src/procedures/common/procedure-types';
import { repoRoot } from '../../scripts/lib/repo-paths';

/**
 * The divorce procedure with the shipped calendar/holidays.yaml: the periods of 民法典 第一千零七十七条
 * counted by 第二百零一条 to 第二百零四条, checked against dates worked out by hand from the State
 * Council's notices for 2025 and 2026.
 */
const content = path.join(repoRoot, 'kiosk-content/default');
const parsed = parseHolidayCalendar('calendar/holidays.yaml', readFileSync(path.join(content, 'calendar/holidays.yaml'), 'utf8'));
const compiled = compileProcedure('procedures/divorce.yaml', readFileSync(path.join(content, 'procedures/divorce.yaml'), 'utf8'));
if (!compiled.procedure) throw new Error(compiled.problems.map(formatContentProblem).join('\n'));
const divorce: Procedure = compiled.procedure;
const config = { legalAidIncomeThreshold: null, legalAidStandardSource: null, region: null, siteName: null };

function run(answers: unknown[], context: ProcedureContext): OutcomeView {
  let session: ProcedureSession = startSession(divorce);
  for (const value of answers) {
    const next = answer(divorce, session, value, context);
    if (isAnswerError(next)) throw new Error(`refused ${JSON.stringify(value)}: ${next.message}`);
    session = next;
  }
  const view = currentView(divorce, confirmSummary(session), context);
  if (view.kind !== 'outcome') throw new Error(`expected an outcome, got ${view.kind}`);
  return view;
}

const registration = (date: string) => ['all-agreed', true, true, { date }];

describe('the shipped holiday calendar', () => {
  it('has no problems and holds 2025 and 2026', () => {
    expect(parsed.problems.map(formatContentProblem)).toEqual([]);
    expect(parsed.calendar.years.map((y) => y.year)).toEqual([2025, 2026]);
  });
});

describe('divorce: cooling-off period that ends in the 2025 National Day holiday', () => {
  const calendar = parsed.calendar;

  it('filed 2025-09-01: day 30 is 2025-10-01, a holiday, so the period ends 2025-10-09 and on 10-08 the couple is still cooling off', () => {
    const view = run(registration('2025-09-01'), { config, today: '2025-10-08', calendar });
    expect(view.outcomeId).toBe('cooling-off');
    expect(view.periods.withdrawEnd).toEqual({ known: true, end: '2025-10-09', nominalEnd: '2025-10-01', movedFrom: '2025-10-01' });
    // 30 days after 10-09 is Saturday 2025-11-08 (no 调休), so collecting ends Monday 2025-11-10.
    expect(view.periods.collectEnd).toMatchObject({ known: true, end: '2025-11-10' });
    expect(view.reasons).toContain('冷静期的最后一天是2025年10月9日（星期四）；之后三十天内去领证，最后一天：2025年11月10日（星期一）。');
  });

  it('is still cooling off on the moved last day itself, and in the collecting period the day after', () => {
    expect(run(registration('2025-09-01'), { config, today: '2025-10-09', calendar }).outcomeId).toBe('cooling-off');
    const after = run(registration('2025-09-01'), { config, today: '2025-10-10', calendar });
    expect(after.outcomeId).toBe('get-certificate');
    expect(after.reasons).toContain('冷静期在2025年10月9日（星期四）已经结束；领离婚证的最后一天是2025年11月10日（星期一）。');
  });

  it('lets the couple collect on Sunday 2025-11-09 and Monday 11-10, and not on 11-11', () => {
    expect(run(registration('2025-09-01'), { config, today: '2025-11-09', calendar }).outcomeId).toBe('get-certificate');
    expect(run(registration('2025-09-01'), { config, today: '2025-11-10', calendar }).outcomeId).toBe('get-certificate');
    expect(run(registration('2025-09-01'), { config, today: '2025-11-11', calendar }).outcomeId).toBe('deemed-withdrawn');
  });

  it('a 调休 Saturday is a working day: filed 2025-09-11, the period ends on Saturday 2025-10-11', () => {
    const view = run(registration('2025-09-11'), { config, today: '2025-10-12', calendar });
    expect(view.outcomeId).toBe('get-certificate');
    expect(view.periods.withdrawEnd).toMatchObject({ end: '2025-10-11', movedFrom: null });
  });

  it('says so when the calendar lacks the year instead of guessing', () => {
    const view = run(registration('2026-12-20'), { config, today: '2027-01-10', calendar });
    expect(view.outcomeId).toBe('check-dates');
    expect(view.reasons).toEqual(['冷静期的最后一天：2027年的节假日安排本机没有，截止日请向工作人员核实。']);
  });

  it('more than 90 days after filing both periods are over whatever the calendar knows', () => {
    expect(run(registration('2026-06-01'), { config, today: '2027-03-01', calendar }).outcomeId).toBe('deemed-withdrawn');
  });

  it('a resident who does not know the day is sent to ask the registry, not to guess', () => {
    expect(run(['all-agreed', true, false], { config, today: '2025-10-08', calendar }).outcomeId).toBe('ask-date');
  });
});

describe('divorce: the six-month bar binds only the plaintiff of the earlier suit', () => {
  const context: ProcedureContext = { config, today: '2026-06-15', calendar: parsed.calendar };
  const suit = ['one-side', false, false];

  it('the earlier plaintiff within six months of a refusal is barred (民事诉讼法 第一百二十七条第七项)', () => {
    expect(run([...suit, 'refused', 'me', false], context).outcomeId).toBe('six-month-bar');
  });

  it('the earlier plaintiff within six months of a withdrawal is barred (民诉法解释 第二百一十四条)', () => {
    expect(run([...suit, 'withdrawn', 'me', false], context).outcomeId).toBe('withdrawn-bar');
  });

  it('the earlier defendant may sue at once', () => {
    const view = run([...suit, 'refused', 'spouse', ['none']], context);
    expect(view.outcomeId).toBe('sue');
    expect(view.trace.map((t) => t.stepId)).not.toContain('earlier-six');
  });

  it('after six months the earlier plaintiff may sue again', () => {
    expect(run([...suit, 'withdrawn', 'me', true, ['none']], context).outcomeId).toBe('sue');
  });
});

function runProcedure(id: string, answers: unknown[], context: ProcedureContext): OutcomeView {
  const result = compileProcedure(`procedures/${id}.yaml`, readFileSync(path.join(content, `procedures/${id}.yaml`), 'utf8'));
  if (!result.procedure) throw new Error(result.problems.map(formatContentProblem).join('\n'));
  const proc = result.procedure;
  let session: ProcedureSession = startSession(proc);
  for (const value of answers) {
    const next = answer(proc, session, value, context);
    if (isAnswerError(next)) throw new Error(`refused ${JSON.stringify(value)}: ${next.message}`);
    session = next;
  }
  const view = currentView(proc, confirmSummary(session), context);
  if (view.kind !== 'outcome') throw new Error(`expected an outcome, got ${view.kind}`);
  return view;
}

describe('work-injury recognition: 30 days for the employer, one year for the worker (工伤保险条例 第十七条)', () => {
  const calendar = parsed.calendar;
  const injured = (date: string) => ['at-work', false, 'not-applied', { date }];

  it("injured 2025-09-01: the employer's 30 days end in the National Day holiday and move to 2025-10-09", () => {
    const view = runProcedure('work-injury-recognition', injured('2025-09-01'), { config, today: '2025-10-08', calendar });
    expect(view.outcomeId).toBe('employer-window');
    expect(view.reasons).toEqual(['单位申请的最后一天是2025年10月9日（星期四）；单位不申请的，您自己申请的最后一天：2026年9月1日（星期二）。']);
  });

  it("injured 2025-10-01: the worker's year ends 2026-10-01, in the 2026 National Day holiday, so on 2026-10-08", () => {
    const view = runProcedure('work-injury-recognition', injured('2025-10-01'), { config, today: '2026-10-05', calendar });
    expect(view.outcomeId).toBe('apply-self');
    expect(view.periods.selfEnd).toEqual({ known: true, nominalEnd: '2026-10-01', end: '2026-10-08', movedFrom: '2026-10-01' });
    expect(runProcedure('work-injury-recognition', injured('2025-10-01'), { config, today: '2026-10-09', calendar }).outcomeId).toBe('late');
  });

  it('injured in 2026 within the last 30 days: the employer window is shown and the year into 2027 is said to be unknown', () => {
    const view = runProcedure('work-injury-recognition', injured('2026-12-01'), { config, today: '2026-12-07', calendar });
    expect(view.outcomeId).toBe('employer-window');
    expect(view.reasons[0]).toContain('2027年的节假日安排本机没有，截止日请向工作人员核实');
  });
});

describe('enforcement: two years from the last day for performance (民事诉讼法 第二百五十条)', () => {
  const calendar = parsed.calendar;

  it('a judgment due 2024-10-01 must be enforced by 2026-10-08 (2026-10-01 to 10-07 are days off)', () => {
    const view = runProcedure('enforcement', ['judgment', true, { date: '2024-10-01' }], { config, today: '2026-10-06', calendar });
    expect(view.outcomeId).toBe('apply-enforcement');
    expect(view.reasons).toEqual(['申请执行的最后一天是2026年10月8日（星期四）。']);
  });

  it('the day after, the two years are over (a late application is still accepted; the debtor may object)', () => {
    expect(runProcedure('enforcement', ['judgment', true, { date: '2024-10-01' }], { config, today: '2026-10-09', calendar }).outcomeId).toBe('late-apply');
  });

  it('a clear money debt with no other dispute goes by payment order', () => {
    expect(runProcedure('enforcement', ['none', true, true, false], { config, today: '2026-06-15', calendar }).outcomeId).toBe('payment-order');
    expect(runProcedure('enforcement', ['none', true, true, true], { config, today: '2026-06-15', calendar }).outcomeId).toBe('sue-instead');
  });
});
