import type { KioskApiImpl } from '../../common/contract/kiosk-api';
import type { SearchResult } from '../../common/contract/library-api';
import type { StatsService } from './stats-service';

/**
 * Derives the statistics from calls the host answers anyway (searches, Q&A and procedures
 * opened), so the screen cannot make them up, and adds the stats.* methods. A failing counter is
 * logged and never turns into a failed call for the resident. The summary is for the admin screen
 * only: `gate` checks the token from admin.unlock.
 */
export function withStatsRecording(
  impl: Omit<KioskApiImpl, 'stats'>,
  stats: StatsService,
  onError: (error: unknown) => void,
  gate: <T>(token: string, action: () => T) => T,
): KioskApiImpl {
  const safely = (fn: () => void): void => {
    try {
      fn();
    } catch (error) {
      onError(error);
    }
  };
  const after = <T>(value: T | Promise<T>, fn: (v: T) => void): T | Promise<T> =>
    value instanceof Promise ? value.then((v) => (safely(() => fn(v)), v)) : (safely(() => fn(value)), value);

  return {
    ...impl,
    search: {
      ...impl.search,
      query: (input) => after(impl.search.query(input), (result: SearchResult) => stats.searched(result)),
    },
    qa: {
      ...impl.qa,
      get: (input) => after(impl.qa.get(input), (view) => view && stats.qaOpened(view.domain)),
    },
    procedures: {
      ...impl.procedures,
      get: (input) => after(impl.procedures.get(input), (bundle) => bundle && stats.procedureOpened(bundle.procedure.id)),
    },
    stats: {
      record: (event) => {
        safely(() => stats.record(event));
        return undefined;
      },
      summary: ({ token, from, to }) => gate(token, () => stats.summary(from, to)),
    },
  };
}

/** A step id the screen may report: one of the procedure's steps, or its summary / outcome page. */
export function isKnownStep(
  procedures: { get(id: string): { procedure: { steps: Record<string, unknown> } } | null },
  procedureId: string,
  stepId: string,
): boolean {
  const bundle = procedures.get(procedureId);
  if (!bundle) return false;
  return stepId === 'summary' || stepId === 'outcome' || Object.hasOwn(bundle.procedure.steps, stepId);
}
