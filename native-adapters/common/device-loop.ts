import { errorMessage } from './error-message';

/** What the loop needs of a device service's clock (the services' tests drive a fake one). */
export interface LoopTimer {
  /** Runs fn once after ms; returns a function that cancels it. */
  setTimer(ms: number, fn: () => void): () => void;
}

/** Technician-facing events (the same shape as the services' own logs). */
export type LoopLog = (event: string, fields?: Record<string, string | number | boolean>) => void;

/**
 * The background loop of a serial device service (connect, poll, reconnect), apart from what the
 * service does on each turn. `start` runs the body until it returns; a body that throws is logged as
 * `loop-crashed` and handed to `onCrash` (the service shows its error state; the loop does not
 * restart on its own). `sleep` is cut short by `wake`, so a new job, a read request, a dropped link
 * or `stop` is acted on at once rather than at the next poll.
 */
export class DeviceLoop {
  private running: Promise<void> | null = null;
  private halted = true;
  private wakeSleeper: (() => void) | null = null;

  constructor(
    private readonly timer: LoopTimer,
    private readonly log: LoopLog,
  ) {}

  /** True before `start` and from `stop` on: the body's `while` condition. */
  get stopped(): boolean {
    return this.halted;
  }

  /** Starts the body once; does nothing while it runs. */
  start(body: () => Promise<void>, onCrash: () => void): void {
    if (!this.halted) return;
    this.halted = false;
    this.running = body().catch((error: unknown) => {
      this.log('loop-crashed', { error: errorMessage(error) });
      onCrash();
    });
  }

  /** Marks the loop stopped, cuts its sleep short and waits for the body to return. */
  async stop(): Promise<void> {
    this.halted = true;
    this.wake();
    await this.running;
    this.running = null;
  }

  /** Waits ms, or less when `wake` is called meanwhile. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const cancel = this.timer.setTimer(ms, () => {
        this.wakeSleeper = null;
        resolve();
      });
      this.wakeSleeper = () => {
        cancel();
        this.wakeSleeper = null;
        resolve();
      };
    });
  }

  /** Ends the current sleep now (nothing happens when the loop is not sleeping). */
  wake(): void {
    this.wakeSleeper?.();
  }
}
