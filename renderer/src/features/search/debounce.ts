/** The timer functions a debouncer needs; injected so tests drive time themselves. */
export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const browserTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface Debouncer<T> {
  /** Remember the latest value; `fire` runs with it once no new value came for `delayMs`. */
  push(value: T): void;
  /** Run now with the pending value, if any (the resident pressed 搜索: no reason to wait). */
  flush(): void;
  /** Forget the pending value (the screen is going away, or the box was cleared). */
  cancel(): void;
}

/**
 * Trailing-edge debounce: typing 「老板不发工资」 on the on-screen keyboard asks the host for
 * suggestions once the resident pauses, not for every letter.
 */
export function createDebouncer<T>(fire: (value: T) => void, delayMs: number, timers: Timers = browserTimers): Debouncer<T> {
  let handle: unknown;
  let pending: { value: T } | undefined;

  const run = (): void => {
    handle = undefined;
    const current = pending;
    pending = undefined;
    if (current) fire(current.value);
  };

  return {
    push(value) {
      pending = { value };
      if (handle !== undefined) timers.clear(handle);
      handle = timers.set(run, delayMs);
    },
    flush() {
      if (handle !== undefined) timers.clear(handle);
      run();
    },
    cancel() {
      if (handle !== undefined) timers.clear(handle);
      handle = undefined;
      pending = undefined;
    },
  };
}
