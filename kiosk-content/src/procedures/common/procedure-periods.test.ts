import { describe, expect, it } from 'vitest';
import { compileProcedure } from './compile-procedure';
import { enumeratePaths } from './enumerate-paths';
import type { HolidayCalendar } from './holiday-calendar';
import { answer, confirmSummary, currentView, fillPlaceholders, isAnswerError, startSession, type OutcomeView } from './procedure-engine';
import { formatContentProblem, type Procedure, type ProcedureContext } from './procedure-types';

/** Periods in compute steps: compiled, counted by the engine on the calendar, sampled by the enumerator. */
const source = `id: period-sample
title: 期间示例
summary: 用来测试期间计算的流程。
domain: general
cites: [民法典 第二百零一条]
start: served
steps:
  served:
    type: date
    title: 哪一天收到的判决书？
    notAfterToday: true
    next: count
  count:
    type: compute
    periods:
      appealEnd: { from: served, days: 15 }
      laterEnd: { from: appealEnd, months: 1 }
    set:
      left: appealEnd
    branch:
      - when: appealEnd == null
        next: outcome:unknown
        reason: 最后一天：{appealEnd}。
      - when: appealEnd >= 0
        next: outcome:in-time
        reason: 最后一天是{appealEnd}，还有{left}天。
      - otherwise: outcome:late
        reason: 最后一天是{appealEnd}，之后一个月到{laterEnd}。
outcomes:
  unknown:
    kind: neutral
    conclusion: 请向工作人员核实最后一天。
    steps: [问清楚。]
    cites: [民法典 第二百零三条]
  in-time:
    kind: positive
    conclusion: 还来得及。
    steps: [去办。]
    cites: [民法典 第二百零三条]
  late:
    kind: negative
    conclusion: 已经过了。
    steps: [问清楚。]
    cites: [民法典 第二百零三条]
`;

function compile(text: string): Procedure {
  const { procedure, problems } = compileProcedure('procedures/period-sample.yaml', text);
  if (!procedure) throw new Error(problems.map(formatContentProblem).join('\n'));
  return procedure;
}

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
const config = { legalAidIncomeThreshold: null, legalAidStandardSource: null, region: null, siteName: null };

function outcome(proc: Procedure, date: string, context: ProcedureContext): OutcomeView {
  const next = answer(proc, startSession(proc), { date }, context);
  if (isAnswerError(next)) throw new Error(next.message);
  const view = currentView(proc, confirmSummary(next), context);
  if (view.kind !== 'outcome') throw new Error(view.kind);
  return view;
}

describe('periods', () => {
  const proc = compile(source);

  it('counts from the day after, moves a holiday end, and fills reasons with the last day', () => {
    const view = outcome(proc, '2025-09-16', { config, today: '2025-10-08', calendar });
    expect(view.outcomeId).toBe('in-time');
    expect(view.computed.appealEnd).toBe(1);
    expect(view.computed.left).toBe(1);
    expect(view.reasons).toEqual(['最后一天是2025年10月9日（星期四），还有1天。']);
  });

  it('chains a period on the last day of the one before', () => {
    const view = outcome(proc, '2025-09-01', { config, today: '2025-10-08', calendar });
    expect(view.outcomeId).toBe('late');
    expect(view.periods.laterEnd).toMatchObject({ known: true, nominalEnd: '2025-10-16', end: '2025-10-16' });
  });

  it('without the year in the calendar the value is null and the text says so', () => {
    const view = outcome(proc, '2025-09-16', { config, today: '2025-10-08' });
    expect(view.outcomeId).toBe('unknown');
    expect(view.computed.appealEnd).toBeNull();
    expect(view.reasons).toEqual(['最后一天：2025年的节假日安排本机没有，截止日请向工作人员核实。']);
  });

  it('the enumerator samples dates around the moved last day and reaches every outcome', () => {
    const walked = enumeratePaths(proc, {
      contexts: [
        { config, today: '2025-10-08', calendar },
        { config, today: '2025-10-08' },
      ],
    });
    expect(walked.deadEnds).toEqual([]);
    expect(new Set(walked.paths.map((p) => p.outcomeId))).toEqual(new Set(['unknown', 'in-time', 'late']));
  });

  it('fills placeholders in outcome texts (conclusion, steps, materials, deadlines) like reasons, and says what each became', () => {
    const withTexts = compile(
      source
        .replace('conclusion: 还来得及。', "conclusion: '还来得及，最后一天是{appealEnd}。'")
        .replace('steps: [去办。]', "steps: ['在{appealEnd}之前去办。', '还有{left}天。']\n    materials: ['{appealEnd}前写好的上诉状']")
        .replace(
          'cites: [民法典 第二百零三条]\n  late:',
          "cites: [民法典 第二百零三条]\n    deadlines:\n      - { text: '上诉期到{appealEnd}为止', cite: 民法典 第二百零三条 }\n  late:",
        ),
    );
    const view = outcome(withTexts, '2025-09-16', { config, today: '2025-10-08', calendar });
    expect(view.outcomeId).toBe('in-time');
    expect(view.outcome.conclusion).toBe('还来得及，最后一天是2025年10月9日（星期四）。');
    expect(view.outcome.steps).toEqual(['在2025年10月9日（星期四）之前去办。', '还有1天。']);
    expect(view.outcome.materials).toEqual(['2025年10月9日（星期四）前写好的上诉状']);
    expect(view.outcome.deadlines.map((d) => d.text)).toEqual(['上诉期到2025年10月9日（星期四）为止']);
    expect(view.fills).toEqual({ appealEnd: '2025年10月9日（星期四）', left: '1' });
    // The compiled procedure itself is untouched (the next resident gets their own days).
    expect(withTexts.outcomes['in-time']?.conclusion).toBe('还来得及，最后一天是{appealEnd}。');
    expect(fillPlaceholders('到{appealEnd}，{other}不变。', view.fills)).toBe('到2025年10月9日（星期四），{other}不变。');
  });

  it('the enumerator reports an outcome placeholder that nothing on the way sets', () => {
    const unset = compile(source.replace('conclusion: 已经过了。', "conclusion: '已经过了，截止日是{nowhere}。'"));
    const walked = enumeratePaths(unset, { contexts: [{ config, today: '2025-10-08', calendar }] });
    expect(walked.paths.filter((p) => p.unfilled.length > 0).map((p) => [p.outcomeId, p.unfilled])).toEqual([['late', ['nowhere']]]);
    expect(walked.paths.filter((p) => p.outcomeId !== 'late').every((p) => p.unfilled.length === 0)).toBe(true);
  });

  it('reports a period counted from a step that is not a date, from an unknown name, or with two lengths', () => {
    const bad = source
      .replace('appealEnd: { from: served, days: 15 }', 'appealEnd: { from: count, days: 15 }')
      .replace('laterEnd: { from: appealEnd, months: 1 }', 'laterEnd: { from: nowhere, months: 1, days: 2 }');
    const { procedure, problems } = compileProcedure('procedures/period-sample.yaml', bad);
    expect(procedure).toBeNull();
    expect(problems.map(formatContentProblem)).toEqual([
      'procedures/period-sample.yaml:16: step "count": period appealEnd: from "count" is a compute step; a period starts from a date step or an earlier period',
      'procedures/period-sample.yaml:17: step "count": period laterEnd: give exactly one length: days, months or years',
    ]);
    const unknown = compileProcedure('procedures/period-sample.yaml', source.replace('{ from: appealEnd, months: 1 }', '{ from: nowhere, months: 1 }'));
    expect(unknown.problems.map(formatContentProblem)).toEqual([
      'procedures/period-sample.yaml:17: step "count": period laterEnd: from "nowhere" must be a date step or a period set before it',
    ]);
  });
});
