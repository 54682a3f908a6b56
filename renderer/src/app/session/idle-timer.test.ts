import { describe, expect, it } from 'vitest';
import { countdownMs, defaultIdleSettings, idleSettingsFrom, MIN_COUNTDOWN_SECONDS, quietMsFor } from './idle-policy';
import { IdleTimer, type Scheduler } from './idle-timer';

/** A clock that only moves when the test says so. */
function fakeClock(): Scheduler & { advance(ms: number): void } {
  let now = 0;
  let timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let nextId = 1;
  return {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.fn();
      }
      now = end;
    },
  };
}

function setup() {
  const clock = fakeClock();
  const log: string[] = [];
  const timer = new IdleTimer(clock, { warn: (endsAt) => log.push(`warn@${clock.now()} ends ${endsAt}`), expire: () => log.push(`expire@${clock.now()}`) });
  return { clock, log, timer };
}

describe('IdleTimer', () => {
  it('warns after the quiet period and expires after the countdown', () => {
    const { clock, log, timer } = setup();
    timer.activity(60_000, 30_000);
    clock.advance(59_999);
    expect(log).toEqual([]);
    clock.advance(1);
    expect(log).toEqual(['warn@60000 ends 90000']);
    expect(timer.phase).toBe('warning');
    clock.advance(30_000);
    expect(log).toEqual(['warn@60000 ends 90000', 'expire@90000']);
    expect(timer.phase).toBe('stopped');
  });

  it('restarts the quiet period on activity, with the new screen’s length', () => {
    const { clock, log, timer } = setup();
    timer.activity(60_000, 30_000);
    clock.advance(50_000);
    timer.activity(300_000, 30_000);
    clock.advance(299_000);
    expect(log).toEqual([]);
    clock.advance(1_000);
    expect(log).toEqual(['warn@350000 ends 380000']);
  });

  it('ignores activity during the countdown; continue() brings back a full quiet period', () => {
    const { clock, log, timer } = setup();
    timer.activity(10_000, 20_000);
    clock.advance(10_000);
    timer.activity(10_000, 20_000);
    clock.advance(5_000);
    expect(timer.phase).toBe('warning');
    timer.continue();
    expect(timer.phase).toBe('running');
    clock.advance(29_000);
    expect(log).toEqual(['warn@10000 ends 30000', 'warn@25000 ends 45000']);
  });

  it('expires straight away without a countdown of 0', () => {
    const { clock, log, timer } = setup();
    timer.activity(60_000, 0);
    clock.advance(60_000);
    expect(log).toEqual(['expire@60000']);
  });

  it('never expires while held (a receipt printing), and starts over when released', () => {
    const { clock, log, timer } = setup();
    timer.activity(10_000, 20_000);
    clock.advance(15_000);
    timer.hold();
    clock.advance(600_000);
    expect(log).toEqual(['warn@10000 ends 30000']);
    timer.release();
    clock.advance(10_000);
    expect(log).toEqual(['warn@10000 ends 30000', 'warn@625000 ends 645000']);
  });

  it('does nothing once stopped', () => {
    const { clock, log, timer } = setup();
    timer.activity(10_000, 20_000);
    timer.stop();
    timer.continue();
    clock.advance(100_000);
    expect(log).toEqual([]);
  });
});

describe('idle policy', () => {
  it('is short on the home screen and long inside a procedure or while reading', () => {
    const s = defaultIdleSettings;
    expect(quietMsFor('home', s)).toBeLessThan(quietMsFor('search', s));
    expect(quietMsFor('search', s)).toBeLessThan(quietMsFor('procedure', s));
    expect(quietMsFor('article', s)).toBe(quietMsFor('procedure', s));
    expect(quietMsFor('qa', s)).toBe(s.procedureSeconds * 1000);
  });

  it('takes the terminal’s overrides and never counts down for less than 20 s', () => {
    const s = idleSettingsFrom({ homeSeconds: 30, procedureSeconds: 600 });
    expect(quietMsFor('home', s)).toBe(30_000);
    expect(quietMsFor('procedure', s)).toBe(600_000);
    expect(quietMsFor('guides', s)).toBe(60_000);
    expect(countdownMs({ ...s, countdownSeconds: 5 })).toBe(MIN_COUNTDOWN_SECONDS * 1000);
  });
});
