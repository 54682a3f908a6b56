import { describe, expect, it } from 'vitest';
import { sameOrNew, startPolling, USAGE_REFRESH_MS, type PollTimers } from './poll-schedule';

/** Timers that move only when the test says so. */
class ManualTimers implements PollTimers {
  now = 0;
  private pending: Array<{ at: number; fn: () => void; id: number }> = [];
  private next = 0;
  set(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.push({ at: this.now + ms, fn, id });
    return id;
  }
  clear(handle: unknown): void {
    this.pending = this.pending.filter((t) => t.id !== handle);
  }
  get scheduled(): number {
    return this.pending.length;
  }
  async advance(ms: number): Promise<void> {
    const target = this.now + ms;
    for (;;) {
      await flush();
      this.pending.sort((a, b) => a.at - b.at);
      const due = this.pending[0];
      if (!due || due.at > target) break;
      this.pending.shift();
      this.now = due.at;
      due.fn();
    }
    this.now = target;
    await flush();
  }
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('refreshing the open admin screen', () => {
  it('runs every 10 s after the start, not at once (the screen has just loaded)', async () => {
    const timers = new ManualTimers();
    const runs: number[] = [];
    const stop = startPolling(async () => void runs.push(timers.now), USAGE_REFRESH_MS, timers);
    await timers.advance(9_999);
    expect(runs).toEqual([]);
    await timers.advance(25_001);
    expect(runs).toEqual([10_000, 20_000, 30_000]);
    stop();
  });

  it('stops when the screen closes: nothing scheduled, nothing runs', async () => {
    const timers = new ManualTimers();
    let runs = 0;
    const stop = startPolling(async () => void runs++, 10_000, timers);
    await timers.advance(10_000);
    stop();
    expect(timers.scheduled).toBe(0);
    await timers.advance(60_000);
    expect(runs).toBe(1);
  });

  it('never overlaps a slow call, and a call still in flight at close schedules nothing', async () => {
    const timers = new ManualTimers();
    const finishers: Array<() => void> = [];
    const stop = startPolling(() => new Promise<void>((resolve) => finishers.push(resolve)), 10_000, timers);
    await timers.advance(35_000);
    expect(finishers).toHaveLength(1); // the first call has not answered: no second one
    finishers[0]?.();
    await timers.advance(10_000);
    expect(finishers).toHaveLength(2);
    stop();
    finishers[1]?.();
    await timers.advance(60_000);
    expect(finishers).toHaveLength(2);
    expect(timers.scheduled).toBe(0);
  });

  it('a failed refresh is tried again at the next interval', async () => {
    const timers = new ManualTimers();
    let calls = 0;
    const stop = startPolling(
      async () => {
        calls++;
        if (calls === 1) throw new Error('host busy');
      },
      10_000,
      timers,
    );
    await timers.advance(20_000);
    expect(calls).toBe(2);
    stop();
  });

  it('keeps the previous value when the refresh brings the same data (nothing redrawn)', () => {
    const before = { date: '2026-11-23', byMetric: { search: 3 } };
    expect(sameOrNew(before, { date: '2026-11-23', byMetric: { search: 3 } })).toBe(before);
    const changed = { date: '2026-11-23', byMetric: { search: 4 } };
    expect(sameOrNew(before, changed)).toBe(changed);
    expect(sameOrNew(null, changed)).toBe(changed);
  });
});
