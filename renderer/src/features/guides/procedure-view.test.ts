import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  answer,
  compileProcedure,
  confirmSummary,
  currentView,
  isAnswerError,
  startSession,
  type ProcedureContext,
  type ProcedureSession,
  type Procedure,
} from '../../../../kiosk-content/src/procedures/common';
import { backToStep, citeKey, initialDate, localToday, numberText, officesFor, officeLines, pressKey, stepDate } from './procedure-view';

const legalAid: Procedure = (() => {
  const file = path.resolve(import.meta.dirname, '../../../../kiosk-content/default/procedures/legal-aid-precheck.yaml');
  const { procedure, problems } = compileProcedure('legal-aid-precheck.yaml', readFileSync(file, 'utf8'));
  if (!procedure) throw new Error(problems.map((p) => p.message).join('\n'));
  return procedure;
})();
const context: ProcedureContext = {
  config: { legalAidIncomeThreshold: null, legalAidStandardSource: null, region: null, siteName: null },
  today: '2026-11-22',
};

/** Answers from the first question after the optional ID-card step (skipped here). */
function play(values: unknown[]): ProcedureSession {
  let session = startSession(legalAid);
  for (const value of [null, ...values]) {
    const next = answer(legalAid, session, value, context);
    if (isAnswerError(next)) throw new Error(next.message);
    session = next;
  }
  return session;
}

describe('localToday', () => {
  it('is the local calendar day, zero-padded', () => {
    expect(localToday(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});

describe('number keypad', () => {
  const type = (keys: string[], integer = true) => keys.reduce((text, key) => pressKey(text, key as never, { integer }), '');
  it('builds numbers, drops a leading zero, edits and clears', () => {
    expect(type(['0', '3', '5', '0', '0'])).toBe('3500');
    expect(type(['3', '5', 'backspace'])).toBe('3');
    expect(type(['3', '5', 'clear', '7'])).toBe('7');
  });
  it('takes one decimal point (two places) only when decimals are allowed', () => {
    expect(type(['1', '.', '5'])).toBe('15');
    expect(type(['1', '.', '5', '.', '2', '7'], false)).toBe('1.52');
    expect(type(['.', '5'], false)).toBe('0.5');
  });
  it('stops at ten characters', () => {
    expect(type(Array.from({ length: 14 }, () => '9'))).toBe('9999999999');
  });
  it('pre-fills from an earlier answer', () => {
    expect(numberText(3500)).toBe('3500');
    expect(numberText(null)).toBe('');
  });
});

describe('date steppers', () => {
  const d = (year: number, month: number, day: number) => ({ year, month, day });
  it('wraps months and days and fits the day into a shorter month', () => {
    expect(stepDate(d(2024, 12, 15), 'month', 1, null)).toEqual(d(2024, 1, 15));
    expect(stepDate(d(2024, 1, 31), 'month', 1, null)).toEqual(d(2024, 2, 29));
    expect(stepDate(d(2023, 3, 1), 'day', -1, null)).toEqual(d(2023, 3, 31));
    expect(stepDate(d(2024, 2, 29), 'year', 1, null)).toEqual(d(2025, 2, 28));
  });
  it('never passes the latest allowed day', () => {
    expect(stepDate(d(2026, 11, 22), 'day', 1, '2026-11-22')).toEqual(d(2026, 11, 22));
    expect(stepDate(d(2025, 12, 1), 'year', 1, '2026-11-22')).toEqual(d(2026, 11, 22));
    expect(stepDate(d(2026, 11, 1), 'day', -1, '2026-11-22')).toEqual(d(2026, 11, 22));
  });
  it('starts on the earlier answer, else the latest allowed day', () => {
    expect(initialDate({ date: '2025-03-04' }, '2026-11-22', '2026-11-22')).toEqual(d(2025, 3, 4));
    expect(initialDate(null, null, '2026-11-22')).toEqual(d(2026, 11, 22));
  });
});

describe('修改 on the summary', () => {
  it('goes back to the question tapped, keeping its answer as the pre-fill', () => {
    const session = play(['other', 'none']);
    expect(currentView(legalAid, session, context).kind).toBe('summary');
    const edited = backToStep(legalAid, session, 'matter', context);
    const view = currentView(legalAid, edited, context);
    expect(view.kind === 'step' && view.stepId).toBe('matter');
    expect(view.kind === 'step' && view.value).toBe('other');
  });
  it('leaves the session alone for a question that is not on the way back', () => {
    const session = play(['other', 'none']);
    expect(backToStep(legalAid, session, 'income', context)).toBe(session);
  });
  it('works from the outcome too', () => {
    const session = confirmSummary(play(['wages', 'none', 'none', false, 3000, 2]));
    expect(currentView(legalAid, session, context).kind).toBe('outcome');
    const view = currentView(legalAid, backToStep(legalAid, session, 'income', context), context);
    expect(view.kind === 'step' && [view.stepId, view.value]).toEqual(['income', 3000]);
  });
});

describe('offices and citations', () => {
  const office = { id: 'ce-shi-legal-aid', kind: 'legal-aid-centre', name: '测试区法律援助中心', handles: [], address: null, hours: '周一至周五', phone: null };
  const second = { ...office, id: 'ce-shi-legal-aid-2', name: '测试区法律援助中心第二窗口' };
  const court = { ...office, id: 'ce-shi-court', kind: 'court', name: '测试区人民法院' };
  it('finds every office of the kind the outcome names and keeps missing fields null', () => {
    expect(officesFor('legal-aid-centre', [office, court, second])).toEqual([office, second]);
    expect(officesFor('notary-office', [office, court])).toEqual([]);
    expect(officesFor(null, [office])).toEqual([]);
    expect(officeLines(office).map((l) => l.value)).toEqual([null, '周一至周五', null]);
  });
  it('builds the library key of a citation', () => {
    expect(citeKey({ law: '法律援助法', label: '第三十一条' })).toBe('法律援助法|第三十一条');
  });
});
