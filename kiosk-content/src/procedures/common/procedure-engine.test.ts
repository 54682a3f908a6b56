import { describe, expect, it } from 'vitest';
import { compileProcedure } from './compile-procedure';
import { enumeratePaths } from './enumerate-paths';
import {
  answer,
  back,
  confirmSummary,
  currentView,
  isAnswerError,
  maskName,
  restart,
  startSession,
  type AnswerError,
  type ProcedureSession,
  type ProcedureView,
} from './procedure-engine';
import { formatContentProblem, type Procedure, type ProcedureContext } from './procedure-types';

const source = `id: engine-sample
title: 示例流程
summary: 用来测试引擎的流程。
domain: labour
cites: [劳动争议调解仲裁法 第二十七条]
start: matter
steps:
  matter:
    type: single
    title: 您遇到的是哪一类事情？
    options:
      - { value: wages, label: 讨要工资, next: docs }
      - { value: other, label: 其他事情, next: outcome:other }
  docs:
    type: multi
    title: 您手上有哪些材料？
    options:
      - { value: contract, label: 劳动合同 }
      - { value: payslip, label: 工资条 }
      - { value: none, label: 都没有 }
    next: when-happened
  when-happened:
    type: date
    title: 老板最后一次欠薪是哪一天？
    notAfterToday: true
    next: explain
  explain:
    type: info
    title: 申请前您需要知道
    body: 仲裁不收费。
    next: applicant
  applicant:
    type: idcard
    title: 请提供申请人信息
    fields: [name, ageBracket]
    optional: true
    next: income
  income:
    type: number
    title: 您家每月收入一共多少元？
    unit: 元
    min: 0
    max: 1000000
    next: household
  household:
    type: number
    title: 家里一共几口人？
    unit: 人
    min: 0
    max: 20
    next: decide
  decide:
    type: compute
    set:
      perPerson: income / household
    branch:
      - when: when-happened > 365
        next: outcome:late
        reason: 距今已有{when-happened}天，超过一年
      - when: config.legalAidIncomeThreshold == null or perPerson == null
        next: outcome:ask
      - when: perPerson <= config.legalAidIncomeThreshold and answers.docs has 'contract'
        next: outcome:apply
        reason: 每人每月{perPerson}元，不高于本地标准{config.legalAidIncomeThreshold}元
      - otherwise: outcome:ask
outcomes:
  apply:
    kind: positive
    conclusion: 可以申请劳动仲裁。
    steps: [到仲裁委员会申请。]
    office: labour-arbitration
    cites: [劳动争议调解仲裁法 第二十七条]
  late:
    kind: negative
    conclusion: 可能已经超过仲裁时效。
    steps: [尽快咨询法律援助中心。]
    cites: [劳动争议调解仲裁法 第二十七条]
  ask:
    kind: neutral
    conclusion: 请到法律援助中心咨询。
    steps: [到法律援助中心咨询。]
    cites: [劳动争议调解仲裁法 第二十七条]
  other:
    kind: neutral
    conclusion: 可以拨打12348咨询。
    steps: [拨打12348。]
    cites: [劳动争议调解仲裁法 第二十七条]
`;

function compile(): Procedure {
  const { procedure, problems } = compileProcedure('procedures/engine-sample.yaml', source);
  if (!procedure) throw new Error(problems.map(formatContentProblem).join('\n'));
  return procedure;
}

const proc = compile();
const context: ProcedureContext = {
  config: { legalAidIncomeThreshold: 2000, legalAidStandardSource: null, region: null, siteName: null },
  today: '2026-03-10',
};

function ok(result: ProcedureSession | AnswerError): ProcedureSession {
  if (isAnswerError(result)) throw new Error(result.message);
  return result;
}

function answerAll(values: unknown[], ctx = context): ProcedureSession {
  return values.reduce<ProcedureSession>((s, v) => ok(answer(proc, s, v, ctx)), startSession(proc));
}

const happy = ['wages', ['payslip', 'contract'], { date: '2026-01-05' }, null, { fields: { name: '张三', ageBracket: '18-59' } }, 3000, 2];

function step(view: ProcedureView) {
  if (view.kind !== 'step') throw new Error(`expected a step, got ${view.kind}`);
  return view;
}

describe('procedure engine', () => {
  it('starts at the start step with progress 第 1 步 / 共 7 步 (longest way)', () => {
    const view = step(currentView(proc, startSession(proc), context));
    expect(view).toMatchObject({ stepId: 'matter', type: 'single', stepNumber: 1, totalSteps: 7, canGoBack: false, value: null });
    expect(view.options).toEqual([
      { value: 'wages', label: '讨要工资' },
      { value: 'other', label: '其他事情' },
    ]);
  });

  it('walks to a summary, and only after confirming to the outcome with computed values and reasons', () => {
    const session = answerAll(happy);
    const summary = currentView(proc, session, context);
    expect(summary).toEqual({
      kind: 'summary',
      canGoBack: true,
      rows: [
        { stepId: 'matter', question: '您遇到的是哪一类事情？', answerText: '讨要工资' },
        { stepId: 'docs', question: '您手上有哪些材料？', answerText: '劳动合同、工资条' },
        { stepId: 'when-happened', question: '老板最后一次欠薪是哪一天？', answerText: '2026年1月5日' },
        { stepId: 'applicant', question: '请提供申请人信息', answerText: '姓名：张*，年龄：18至59周岁' },
        { stepId: 'income', question: '您家每月收入一共多少元？', answerText: '3000元' },
        { stepId: 'household', question: '家里一共几口人？', answerText: '2人' },
      ],
    });
    const outcome = currentView(proc, confirmSummary(session), context);
    expect(outcome.kind).toBe('outcome');
    if (outcome.kind !== 'outcome') return;
    expect(outcome.outcomeId).toBe('apply');
    expect(outcome.outcome.office).toBe('labour-arbitration');
    expect(outcome.computed).toEqual({ perPerson: 1500 });
    expect(outcome.reasons).toEqual(['每人每月1500元，不高于本地标准2000元']);
    expect(outcome.trace.at(-1)).toEqual({
      stepId: 'decide',
      condition: "perPerson <= config.legalAidIncomeThreshold and answers.docs has 'contract'",
      target: 'outcome:apply',
    });
  });

  it('decides by the configured threshold; unset → ask, and division by zero → ask', () => {
    const outcomeOf = (values: unknown[], ctx = context) => {
      const view = currentView(proc, confirmSummary(answerAll(values, ctx)), ctx);
      return view.kind === 'outcome' ? view.outcomeId : view.kind;
    };
    expect(outcomeOf(happy)).toBe('apply');
    expect(outcomeOf([...happy.slice(0, 5), 4002, 2])).toBe('ask');
    expect(outcomeOf([...happy.slice(0, 5), 4000, 2])).toBe('apply');
    expect(outcomeOf(happy, { ...context, config: { ...context.config, legalAidIncomeThreshold: null } })).toBe('ask');
    expect(outcomeOf([...happy.slice(0, 5), 3000, 0])).toBe('ask');
    expect(outcomeOf(['wages', ['payslip'], ...happy.slice(2)])).toBe('ask');
  });

  it('gives a date step the days from it to today', () => {
    const late = [...happy];
    late[2] = { date: '2025-03-09' }; // 366 days before 2026-03-10
    const view = currentView(proc, confirmSummary(answerAll(late)), context);
    expect(view.kind === 'outcome' && [view.outcomeId, view.reasons]).toEqual(['late', ['距今已有366天，超过一年']]);
    late[2] = { date: '2025-03-10' }; // exactly 365 days: not yet over
    const inTime = currentView(proc, confirmSummary(answerAll(late)), context);
    expect(inTime.kind === 'outcome' && inTime.outcomeId).toBe('apply');
  });

  it('refuses bad answers with plain-Chinese messages and leaves the session unchanged', () => {
    const s0 = startSession(proc);
    expect(answer(proc, s0, 'nope', context)).toEqual({ error: 'not-an-option', message: '请从列出的选项中选择一项。' });
    expect(answer(proc, s0, undefined, context)).toEqual({ error: 'required', message: '请选择一项。' });
    const atDocs = answerAll(['wages']);
    expect(answer(proc, atDocs, [], context)).toEqual({ error: 'required', message: '请至少选择一项。' });
    const atDate = answerAll(['wages', ['none']]);
    expect(answer(proc, atDate, { date: '2026-03-11' }, context)).toEqual({ error: 'future-date', message: '这个日期不能晚于今天。' });
    expect(answer(proc, atDate, { date: '2026-02-30' }, context)).toMatchObject({ error: 'bad-date' });
    expect(step(currentView(proc, atDate, context)).maxDate).toBe('2026-03-10');
    const atId = answerAll(happy.slice(0, 4));
    expect(answer(proc, atId, { fields: { name: '张三' } }, context)).toEqual({ error: 'missing-field', message: '请填写年龄。' });
    expect(answer(proc, atId, { fields: { name: '张三', ageBracket: 'old' } }, context)).toMatchObject({ error: 'not-an-option' });
    const atIncome = answerAll(happy.slice(0, 5));
    expect(answer(proc, atIncome, -1, context)).toEqual({ error: 'out-of-range', message: '请填写0到1000000之间的数（单位：元）。' });
    expect(answer(proc, atIncome, 12.5, context)).toEqual({ error: 'not-integer', message: '请填写整数。' });
    expect(answer(proc, atIncome, 'abc', context)).toEqual({ error: 'not-a-number', message: '请填写一个数字。' });
    expect(ok(answer(proc, atIncome, ' 3000 ', context)).answers.income).toBe(3000);
    const atSummary = answerAll(happy);
    expect(answer(proc, atSummary, 1, context)).toEqual({ error: 'no-question', message: '现在没有需要回答的问题。' });
  });

  it("holds ID-card names and numbers only masked: a typed name is masked, a number only in the reader's masked form", () => {
    const withNumber = compileProcedure(
      'procedures/engine-sample.yaml',
      source.replace('fields: [name, ageBracket]', 'fields: [name, idNumber, ageBracket]'),
    ).procedure;
    if (!withNumber) throw new Error('does not compile');
    let s = startSession(withNumber);
    for (const value of happy.slice(0, 4)) s = ok(answer(withNumber, s, value, context));
    // Typed by hand: no number at all is fine, and the name is stored masked.
    const typed = ok(answer(withNumber, s, { fields: { name: '欧阳娜娜', ageBracket: '60-plus' } }, context));
    expect(typed.answers.applicant).toEqual({ fields: { name: '欧**娜', ageBracket: '60-plus' } });
    // From the reader: already masked values stay as they are.
    const read = ok(answer(withNumber, s, { fields: { name: '张*三', idNumber: '510106********1234', ageBracket: '18-59' } }, context));
    expect(read.answers.applicant).toEqual({ fields: { name: '张*三', idNumber: '510106********1234', ageBracket: '18-59' } });
    // A number in clear is refused, so it can never reach the summary or the receipt.
    expect(answer(withNumber, s, { fields: { name: '张三', idNumber: '510106199001011234', ageBracket: '18-59' } }, context)).toMatchObject({
      error: 'not-an-option',
    });
    let done = read;
    for (const value of happy.slice(5)) done = ok(answer(withNumber, done, value, context));
    const summary = currentView(withNumber, done, context);
    expect(summary.kind === 'summary' && summary.rows.find((r) => r.stepId === 'applicant')?.answerText).toBe(
      '姓名：张*三，证件号码：510106********1234，年龄：18至59周岁',
    );
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张*三')).toBe('张*三');
    expect(maskName('王')).toBe('*');
  });

  it('lets an optional ID-card step be skipped, shown as 未填写', () => {
    const skipped = [...happy];
    skipped[4] = null;
    const summary = currentView(proc, answerAll(skipped), context);
    expect(summary.kind === 'summary' && summary.rows.find((r) => r.stepId === 'applicant')?.answerText).toBe('未填写');
  });

  it('goes back one screen at a time and pre-fills the earlier answer', () => {
    const session = answerAll(happy);
    const outcome = confirmSummary(session);
    expect(currentView(proc, back(proc, outcome), context).kind).toBe('summary');
    const lastQuestion = step(currentView(proc, back(proc, session), context));
    expect(lastQuestion).toMatchObject({ stepId: 'household', value: 2, stepNumber: 7, canGoBack: true });
    // From the first question back does nothing.
    const first = startSession(proc);
    expect(back(proc, first)).toBe(first);
    // Back over the info page too.
    let s = session;
    const seen: string[] = [];
    while (s.history.length > 0) {
      s = back(proc, s);
      seen.push(step(currentView(proc, s, context)).stepId);
    }
    expect(seen).toEqual(['household', 'income', 'applicant', 'explain', 'when-happened', 'docs', 'matter']);
  });

  it('drops the later answers from the path when an earlier answer changes the way', () => {
    let s = answerAll(happy);
    for (let i = 0; i < 7; i += 1) s = back(proc, s);
    expect(step(currentView(proc, s, context)).stepId).toBe('matter');
    s = ok(answer(proc, s, 'other', context));
    expect(s.history).toEqual(['matter']);
    const summary = currentView(proc, s, context);
    expect(summary.kind === 'summary' && summary.rows.map((r) => r.stepId)).toEqual(['matter']);
  });

  it('is deterministic and serialisable: the same answers give the same view', () => {
    const a = answerAll(happy);
    const b = JSON.parse(JSON.stringify(answerAll(happy))) as ProcedureSession;
    expect(currentView(proc, confirmSummary(b), context)).toEqual(currentView(proc, confirmSummary(a), context));
    expect(restart(proc)).toEqual(startSession(proc));
  });

  it('keeps multi-choice answers in option order', () => {
    expect(answerAll(['wages', ['none', 'contract']]).answers.docs).toEqual(['contract', 'none']);
  });
});

describe('enumeratePaths', () => {
  it('reaches every outcome, with boundary samples around the threshold and the one-year limit', () => {
    const result = enumeratePaths(proc);
    expect(result.truncated).toBe(false);
    expect(result.deadEnds).toEqual([]);
    expect(new Set(result.paths.map((p) => p.outcomeId))).toEqual(new Set(['apply', 'late', 'ask', 'other']));
    expect(result.paths.map((p) => p.signature)).toContain('matter > docs > when-happened > explain > applicant > income > household > decide > outcome:apply');
  });

  it('stops at the cap and says so', () => {
    const result = enumeratePaths(proc, { maxExplored: 10 });
    expect(result.truncated).toBe(true);
    expect(result.explored).toBe(10);
  });
});
