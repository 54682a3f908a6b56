import type { LogFields, Logger, LogLevel } from '../system/logger';

export interface RecentError {
  time: string;
  level: 'warn' | 'error';
  event: string;
  /** The log line's own fields (ids, states, error text — never resident data by the Logger's rule). */
  detail: string;
}

/**
 * Keeps the latest warnings and errors of the host log for the admin screen and the
 * metrics. It only sees what the logger sees, and the logger only takes non-personal fields.
 */
export class RecentErrors {
  private readonly items: RecentError[] = [];
  /** Warnings and errors since start by level and event (event names are code constants: bounded). */
  private readonly byKind = new Map<string, { level: 'warn' | 'error'; kind: string; count: number }>();

  constructor(
    private readonly limit = 20,
    private readonly now: () => Date = () => new Date(),
  ) {}

  record(level: LogLevel, event: string, fields: LogFields = {}): void {
    if (level !== 'warn' && level !== 'error') return;
    const key = `${level} ${event}`;
    const counted = this.byKind.get(key) ?? { level, kind: event, count: 0 };
    counted.count++;
    this.byKind.set(key, counted);
    const detail = Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(' ')
      .slice(0, 300);
    this.items.push({ time: this.now().toISOString(), level, event, detail });
    if (this.items.length > this.limit) this.items.splice(0, this.items.length - this.limit);
  }

  /** Newest first. */
  list(): RecentError[] {
    return [...this.items].reverse();
  }

  counts(): Array<{ level: 'warn' | 'error'; kind: string; count: number }> {
    return [...this.byKind.values()].map((c) => ({ ...c }));
  }

  last(): RecentError | null {
    return this.items[this.items.length - 1] ?? null;
  }

  /** A logger that writes through to `inner` and remembers warnings and errors. */
  tap(inner: Logger): Logger {
    const wrap = (logger: Logger, scope: string): Logger => ({
      log: (level, event, fields) => {
        this.record(level, scope ? `${scope}.${event}` : event, fields);
        logger.log(level, event, fields);
      },
      child: (child) => wrap(logger.child(child), scope ? `${scope}.${child}` : child),
    });
    return wrap(inner, '');
  }
}
