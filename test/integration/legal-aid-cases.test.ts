import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  answer,
  compileProcedure,
  confirmSummary,
  currentView,
  formatContentProblem,
  isAnswerError,
  startSession,
  type OutcomeView,
  type Procedure,
  type ProcedureContext,
} from '../../kiosk-content/src/procedures/common';
import { repoRoot } from '../../scripts/lib/repo-paths';

/**
 * The worked-case table (test/fixtures/legal-aid-cases.yaml) run through the real engine on the real
 * default procedure: every case must reach its expected outcome by answering exactly the questions the
 * engine asks. The thresholds in the table are fictional test values (see the comment in the file).
 */
interface WorkedCase {
  name: string;
  /** `applicant` (the optional ID-card step): null = skipped, or { fields } with masked values. */
  answers: Record<string, string | number | boolean | null | { fields: Record<string, string> }>;
  config: { legalAidIncomeThreshold: number | null };
  expect: { outcome: string; reason: string };
}

const procedureFile = 'kiosk-content/default/procedures/legal-aid-precheck.yaml';
const casesFile = 'test/fixtures/legal-aid-cases.yaml';

function loadProcedure(): Procedure {
  const { procedure, problems } = compileProcedure(procedureFile, readFileSync(path.join(repoRoot, procedureFile), 'utf8'));
  if (!procedure) throw new Error(`${procedureFile} does not compile:\n${problems.map(formatContentProblem).join('\n')}`);
  return procedure;
}

function loadCases(): WorkedCase[] {
  const raw: unknown = parse(readFileSync(path.join(repoRoot, casesFile), 'utf8'));
  if (!Array.isArray(raw)) throw new Error(`${casesFile}: expected a list of cases`);
  return raw.map((item: unknown, i) => {
    const c = item as Partial<WorkedCase> | null;
    if (
      !c ||
      typeof c.name !== 'string' ||
      typeof c.answers !== 'object' ||
      typeof c.config !== 'object' ||
      typeof c.expect?.outcome !== 'string' ||
      typeof c.expect.reason !== 'string'
    ) {
      throw new Error(`${casesFile}: case #${String(i + 1)} needs name, answers, config and expect { outcome, reason }`);
    }
    return c as WorkedCase;
  });
}

interface Run {
  outcome: OutcomeView | null;
  asked: string[];
  failure: string | null;
}

/** Answers the engine's questions from the case, confirms the summary, returns the outcome. */
function run(proc: Procedure, c: WorkedCase): Run {
  const context: ProcedureContext = {
    config: { legalAidIncomeThreshold: c.config.legalAidIncomeThreshold, legalAidStandardSource: null, region: null, siteName: null },
    today: '2026-11-22',
  };
  let session = startSession(proc);
  const asked: string[] = [];
  for (let guard = 0; guard < 50; guard += 1) {
    const view = currentView(proc, session, context);
    if (view.kind === 'outcome') return { outcome: view, asked, failure: null };
    if (view.kind === 'summary') {
      session = confirmSummary(session);
      continue;
    }
    asked.push(view.stepId);
    if (!(view.stepId in c.answers)) {
      return { outcome: null, asked, failure: `the engine asked "${view.stepId}" (${view.title}) but the case gives no answer for it` };
    }
    const next = answer(proc, session, c.answers[view.stepId], context);
    if (isAnswerError(next))
      return { outcome: null, asked, failure: `answer ${JSON.stringify(c.answers[view.stepId])} to "${view.stepId}" rejected: ${next.error} ${next.message}` };
    session = next;
  }
  return { outcome: null, asked, failure: 'no outcome after 50 screens' };
}

// A law title runs from the last punctuation mark or space to the space before 第…条.
const citePattern = /([^\s（）()，、。；：,;:]+) (第[〇零一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?)/g;

const proc = loadProcedure();
const cases = loadCases();

describe('legal-aid pre-check: worked cases', () => {
  it('has at least 24 cases with unique names', () => {
    expect(cases.length).toBeGreaterThanOrEqual(24);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = run(proc, c);
    expect(result.failure, `case "${c.name}": ${result.failure ?? ''}`).toBeNull();
    const actual = result.outcome?.outcomeId ?? '(none)';
    expect(actual, `case "${c.name}": expected outcome ${c.expect.outcome}, actual ${actual} (path: ${result.asked.join(' → ')})`).toBe(c.expect.outcome);

    // Every answer in the case was asked: the case pins down its path, not just its end.
    const unused = Object.keys(c.answers).filter((id) => !result.asked.includes(id));
    expect(unused, `case "${c.name}": answers never asked by the engine: ${unused.join(', ')}`).toEqual([]);

    // The reason's citations are articles the outcome actually rests on.
    const outcome = result.outcome?.outcome;
    const outcomeCites = new Set([...(outcome?.cites ?? []), ...(outcome?.deadlines ?? []).map((d) => d.cite)].map((cite) => `${cite.law} ${cite.label}`));
    const reasonCites = [...c.expect.reason.matchAll(citePattern)].map((m) => `${m[1] ?? ''} ${m[2] ?? ''}`);
    expect(reasonCites.length, `case "${c.name}": the reason cites no article`).toBeGreaterThan(0);
    for (const cite of reasonCites) {
      expect(outcomeCites.has(cite), `case "${c.name}": reason cites ${cite}, which outcome ${actual} does not cite`).toBe(true);
    }
  });

  it('covers every outcome, every matter and every exemption of the procedure', () => {
    const reached = new Set(cases.map((c) => c.expect.outcome));
    expect(
      proc.outcomeOrder.filter((id) => !reached.has(id)),
      'outcomes no case reaches',
    ).toEqual([]);
    for (const stepId of ['matter', 'exemption', 'special-group']) {
      const step = proc.steps[stepId];
      if (!step || step.type !== 'single') throw new Error(`step ${stepId} is not a single choice`);
      const given = new Set(cases.map((c) => c.answers[stepId]));
      expect(
        step.options.map((o) => o.value).filter((v) => !given.has(v)),
        `options of "${stepId}" no case uses`,
      ).toEqual([]);
    }
  });

  it('decides the means test on the configured threshold only: unset → the centre checks, whatever the income', () => {
    const unset = cases.filter((c) => c.config.legalAidIncomeThreshold === null && 'income' in c.answers);
    expect(unset.length).toBeGreaterThan(0);
    for (const c of unset) expect(run(proc, c).outcome?.outcomeId, c.name).toBe('centre-checks');
  });
});
