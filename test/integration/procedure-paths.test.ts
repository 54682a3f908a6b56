import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileProcedure } from '../../kiosk-content/src/procedures/common/compile-procedure';
import { enumeratePaths } from '../../kiosk-content/src/procedures/common/enumerate-paths';
import { parseHolidayCalendar } from '../../kiosk-content/src/procedures/common/parse-holiday-calendar';
import {
  answer,
  back,
  confirmSummary,
  currentView,
  isAnswerError,
  startSession,
  type ProcedureSession,
} from '../../kiosk-content/src/procedures/common/procedure-engine';
import { formatContentProblem, type Procedure } from '../../kiosk-content/src/procedures/common/procedure-types';
import { repoRoot } from '../../scripts/lib/repo-paths';

/**
 * Property test over the default procedures, whatever they currently are: every sampled way
 * through each one (enumeratePaths: every option, boundary numbers and dates, threshold unset and
 * set; periods counted without a calendar and with the content's calendar/holidays.yaml) is replayed
 * with the engine, and at every step 返回 must lead to the step before, the summary must come before
 * the outcome, the outcome must be the one the walk found, and every {name} in its reasons is filled.
 */
const dir = path.join(repoRoot, 'kiosk-content/default/procedures');
const calendarPath = path.join(repoRoot, 'kiosk-content/default/calendar/holidays.yaml');
const calendar = parseHolidayCalendar('calendar/holidays.yaml', readFileSync(calendarPath, 'utf8')).calendar;
const files = readdirSync(dir)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

function compile(file: string): Procedure {
  const { procedure, problems } = compileProcedure(`procedures/${file}`, readFileSync(path.join(dir, file), 'utf8'));
  if (!procedure) throw new Error(`procedures/${file} does not compile:\n${problems.map(formatContentProblem).join('\n')}`);
  return procedure;
}

describe('default procedures', () => {
  it('exist', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    describe(file, () => {
      const procedure = compile(file);
      const walked = enumeratePaths(procedure, { calendar });

      it('every sampled path reaches an outcome, and every outcome is reached by some path', () => {
        expect(walked.truncated).toBe(false);
        expect(walked.deadEnds).toEqual([]);
        expect(walked.paths.length).toBeGreaterThan(0);
        const reached = new Set(walked.paths.map((p) => p.outcomeId));
        expect(procedure.outcomeOrder.filter((id) => !reached.has(id))).toEqual([]);
      });

      it('replays each path: back works from every step, the summary precedes the outcome', () => {
        for (const path of walked.paths) {
          const context = path.context;
          let session: ProcedureSession = startSession(procedure);
          let previousStep: string | null = null;
          path.answers.forEach(({ stepId, value }, i) => {
            const view = currentView(procedure, session, context);
            expect(view.kind).toBe('step');
            if (view.kind !== 'step') return;
            expect(view.stepId).toBe(stepId);
            expect(view.stepNumber).toBe(i + 1);
            expect(view.totalSteps).toBeGreaterThanOrEqual(view.stepNumber);
            expect(view.canGoBack).toBe(i > 0);
            // 返回 from here shows the step before (or stays on the first), with its answer pre-filled.
            const backView = currentView(procedure, back(procedure, session), context);
            expect(backView.kind).toBe('step');
            if (backView.kind === 'step') {
              expect(backView.stepId).toBe(previousStep ?? stepId);
              if (previousStep !== null) expect(backView.value).toEqual(session.answers[previousStep]);
            }
            const next = answer(procedure, session, value, context);
            if (isAnswerError(next)) throw new Error(`${file}: ${stepId} refused ${JSON.stringify(value)}: ${next.message}`);
            session = next;
            previousStep = stepId;
          });
          const summary = currentView(procedure, session, context);
          expect(summary.kind).toBe('summary');
          const outcome = currentView(procedure, confirmSummary(session), context);
          expect(outcome.kind).toBe('outcome');
          if (outcome.kind === 'outcome') {
            expect(outcome.outcomeId).toBe(path.outcomeId);
            expect(outcome.outcome.conclusion.length).toBeGreaterThan(0);
            for (const reason of outcome.reasons) expect(reason).not.toMatch(/\{[^}]*\}/);
          }
          // Back from the outcome is the summary again; back from the summary is the last question.
          expect(currentView(procedure, back(procedure, confirmSummary(session)), context).kind).toBe('summary');
          const last = currentView(procedure, back(procedure, session), context);
          expect(last.kind === 'step' ? last.stepId : last.kind).toBe(path.answers[path.answers.length - 1]?.stepId);
        }
      });
    });
  }
});
