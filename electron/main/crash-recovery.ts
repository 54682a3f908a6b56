/**
 * When the kiosk page crashes or hangs, nobody is there to press a key: the shell reloads it.
 * A page that keeps crashing (a bad content pack, a driver fault) must not spin the CPU in a
 * reload loop, so reloads back off: immediately for the first few, then waiting longer, up to a
 * minute. A quiet period resets the count.
 */
export interface CrashRecoveryPolicy {
  /** Crashes within this window count towards the back-off. */
  windowMs: number;
  /** This many crashes in the window reload at once. */
  immediateReloads: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export const defaultCrashRecoveryPolicy: CrashRecoveryPolicy = {
  windowMs: 10 * 60_000,
  immediateReloads: 3,
  firstDelayMs: 5_000,
  maxDelayMs: 60_000,
};

export class CrashRecovery {
  private crashes: number[] = [];

  constructor(
    private readonly now: () => number,
    private readonly policy: CrashRecoveryPolicy = defaultCrashRecoveryPolicy,
  ) {}

  /** Records a crash and answers how long to wait before reloading. */
  recordCrash(): { delayMs: number; recentCrashes: number } {
    const at = this.now();
    this.crashes = this.crashes.filter((time) => at - time < this.policy.windowMs);
    this.crashes.push(at);
    const recentCrashes = this.crashes.length;
    const beyond = recentCrashes - this.policy.immediateReloads;
    const delayMs = beyond <= 0 ? 0 : Math.min(this.policy.maxDelayMs, this.policy.firstDelayMs * 2 ** (beyond - 1));
    return { delayMs, recentCrashes };
  }
}

/** The parts of BrowserWindow the watcher uses (a real BrowserWindow fits; tests pass a fake). */
export interface RecoverableWindow {
  isDestroyed(): boolean;
  on(event: 'unresponsive' | 'responsive', listener: () => void): unknown;
  readonly webContents: {
    on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string; exitCode: number }) => void): unknown;
    reload(): void;
    forcefullyCrashRenderer(): void;
  };
}

export interface CrashLog {
  log(level: 'warn' | 'error', event: string, fields?: Record<string, string | number>): void;
}

/** How long a page may hang before it is killed and reloaded (a slow search is not a hang). */
export const UNRESPONSIVE_GRACE_MS = 15_000;

/**
 * Reloads the kiosk page after its renderer process dies, and kills and reloads it when it
 * stays unresponsive past a grace period. Returns a function that cancels pending timers.
 */
export function watchRenderer(window: RecoverableWindow, log: CrashLog, recovery: CrashRecovery): () => void {
  let pendingReload: ReturnType<typeof setTimeout> | undefined;
  let hangTimer: ReturnType<typeof setTimeout> | undefined;

  const scheduleReload = (cause: string): void => {
    if (pendingReload !== undefined) return; // one crash, one reload (a kill also reports 'gone')
    const { delayMs, recentCrashes } = recovery.recordCrash();
    log.log('error', 'renderer.recovering', { cause, recentCrashes, reloadInMs: delayMs });
    pendingReload = setTimeout(() => {
      pendingReload = undefined;
      if (!window.isDestroyed()) window.webContents.reload();
    }, delayMs);
  };

  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    log.log('error', 'renderer.gone', { reason: details.reason, exitCode: details.exitCode });
    scheduleReload(details.reason);
  });
  window.on('unresponsive', () => {
    if (hangTimer !== undefined) return;
    log.log('warn', 'renderer.unresponsive', { graceMs: UNRESPONSIVE_GRACE_MS });
    hangTimer = setTimeout(() => {
      hangTimer = undefined;
      if (window.isDestroyed()) return;
      scheduleReload('unresponsive');
      window.webContents.forcefullyCrashRenderer();
    }, UNRESPONSIVE_GRACE_MS);
  });
  window.on('responsive', () => {
    if (hangTimer === undefined) return;
    clearTimeout(hangTimer);
    hangTimer = undefined;
    log.log('warn', 'renderer.responsive-again');
  });

  return () => {
    if (pendingReload !== undefined) clearTimeout(pendingReload);
    if (hangTimer !== undefined) clearTimeout(hangTimer);
  };
}
