import { useEffect, useRef } from 'react';

/** How often the open admin screen refreshes today's counts and the charts. */
export const USAGE_REFRESH_MS = 10_000;

export interface PollTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const windowTimers: PollTimers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Runs `run` every `intervalMs` until the returned stop() — the first run one interval after the
 * start (the screen has just loaded its data itself). The next run is scheduled only when the
 * previous one has settled, so a slow host never gets overlapping calls; a failed run is simply
 * tried again next time. After stop() nothing runs and a run still in flight schedules nothing.
 */
export function startPolling(run: () => Promise<unknown>, intervalMs: number, timers: PollTimers = windowTimers): () => void {
  let stopped = false;
  let handle: unknown = null;
  const schedule = () => {
    handle = timers.set(() => {
      handle = null;
      if (stopped) return;
      run()
        .catch(() => undefined)
        .finally(() => {
          if (!stopped) schedule();
        });
    }, intervalMs);
  };
  schedule();
  return () => {
    stopped = true;
    if (handle !== null) timers.clear(handle);
    handle = null;
  };
}

/** startPolling for as long as the component is mounted; `run` may change between renders. */
export function usePolling(run: () => Promise<unknown>, intervalMs: number): void {
  const latest = useRef(run);
  latest.current = run;
  useEffect(() => startPolling(() => latest.current(), intervalMs), [intervalMs]);
}

/**
 * Keeps the previous value when a refresh brings the same data (compared as JSON), so React sees
 * no change and nothing on screen is redrawn: a refresh that changes nothing cannot flicker.
 */
export function sameOrNew<T>(previous: T | null, next: T): T {
  return previous !== null && JSON.stringify(previous) === JSON.stringify(next) ? previous : next;
}
