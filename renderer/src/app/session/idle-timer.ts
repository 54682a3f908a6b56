/**
 * The inactivity clock, without React or the DOM so it can run on a fake clock in tests.
 * running → (quiet period passes) → warning (countdown) → expired. Activity restarts the quiet
 * period while running; during the warning only continue() brings the session back (the resident
 * must see the question to answer it). hold() stops everything, e.g. while a receipt prints.
 */
export interface Scheduler {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface IdleTimerEvents {
  /** The countdown starts; the session ends at `endsAt` unless continued. */
  warn(endsAt: number): void;
  expire(): void;
}

export type IdleTimerPhase = 'stopped' | 'running' | 'warning' | 'held';

export const browserScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class IdleTimer {
  private handle: unknown = null;
  private phaseNow: IdleTimerPhase = 'stopped';
  private quietMs = 0;
  private countdownMs = 0;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly events: IdleTimerEvents,
  ) {}

  get phase(): IdleTimerPhase {
    return this.phaseNow;
  }

  /**
   * A touch, a key, a new screen: the quiet period starts again with these lengths. A countdown
   * of 0 skips the warning (nothing to lose: e.g. the home screen before anyone touched it).
   */
  activity(quietMs: number, countdownMs: number): void {
    this.quietMs = quietMs;
    this.countdownMs = countdownMs;
    if (this.phaseNow === 'warning' || this.phaseNow === 'held') return;
    this.run();
  }

  /** 「继续使用」: back to a full quiet period. */
  continue(): void {
    if (this.phaseNow === 'stopped') return;
    this.run();
  }

  /** Nothing may end the session now (a receipt is printing); release() starts a fresh quiet period. */
  hold(): void {
    this.clear();
    this.phaseNow = 'held';
  }

  release(): void {
    if (this.phaseNow === 'held') this.run();
  }

  stop(): void {
    this.clear();
    this.phaseNow = 'stopped';
  }

  private run(): void {
    this.clear();
    this.phaseNow = 'running';
    this.handle = this.scheduler.setTimeout(() => this.warn(), this.quietMs);
  }

  private warn(): void {
    this.handle = null;
    if (this.countdownMs <= 0) {
      this.expire();
      return;
    }
    this.phaseNow = 'warning';
    this.handle = this.scheduler.setTimeout(() => this.expire(), this.countdownMs);
    this.events.warn(this.scheduler.now() + this.countdownMs);
  }

  private expire(): void {
    this.handle = null;
    this.phaseNow = 'stopped';
    this.events.expire();
  }

  private clear(): void {
    if (this.handle !== null) this.scheduler.clearTimeout(this.handle);
    this.handle = null;
  }
}
