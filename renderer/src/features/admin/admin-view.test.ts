import { describe, expect, it } from 'vitest';
import {
  dailySeries,
  formatCountdown,
  lastDays,
  lockPhase,
  nextCountdownTick,
  orderedCounts,
  pinNoticeOf,
  pinNoticeOfState,
  sortedNoResult,
  syncPercent,
  TapCounter,
  uptimeParts,
} from './admin-view';

describe('the hidden gesture', () => {
  it('opens on the fifth tap within 3 s, and starts over after it', () => {
    const taps = new TapCounter();
    expect([0, 400, 800, 1200].map((t) => taps.tap(t))).toEqual([false, false, false, false]);
    expect(taps.tap(1600)).toBe(true);
    expect(taps.tap(1700)).toBe(false);
  });

  it('does not open for slow taps (a resident touching the name now and then)', () => {
    const taps = new TapCounter();
    const results = [0, 800, 1600, 2400, 3200, 4000, 4800].map((t) => taps.tap(t));
    expect(results).toEqual([false, false, false, false, false, false, false]);
  });
});

describe('the PIN pad messages', () => {
  it('shows attempts left after a wrong PIN, and a deadline once locked', () => {
    expect(pinNoticeOf({ ok: false, reason: 'wrong-pin', attemptsLeft: 3, retryAfterSeconds: 0 }, 1000)).toEqual({ kind: 'wrong', attemptsLeft: 3 });
    expect(pinNoticeOf({ ok: false, reason: 'wrong-pin', attemptsLeft: 0, retryAfterSeconds: 60 }, 1000)).toEqual({ kind: 'locked', until: 61_000 });
    expect(pinNoticeOf({ ok: false, reason: 'locked', attemptsLeft: 0, retryAfterSeconds: 42 }, 0)).toEqual({ kind: 'locked', until: 42_000 });
    expect(pinNoticeOf({ ok: false, reason: 'not-provisioned', attemptsLeft: 5, retryAfterSeconds: 0 }, 0)).toEqual({ kind: 'not-provisioned' });
  });

  it('counts down in minutes and seconds, never below zero', () => {
    expect(formatCountdown(60_000)).toBe('1:00');
    expect(formatCountdown(8_200)).toBe('0:09');
    expect(formatCountdown(-5)).toBe('0:00');
  });

  it('shows a lockout already running as soon as the pad opens (admin.pinState)', () => {
    expect(pinNoticeOfState({ state: 'locked', attemptsLeft: 0, retryAfterSeconds: 57 }, 1000)).toEqual({ kind: 'locked', until: 58_000 });
    expect(pinNoticeOfState({ state: 'not-provisioned', attemptsLeft: 0, retryAfterSeconds: 0 }, 0)).toEqual({ kind: 'not-provisioned' });
    // Nothing to say before a PIN is typed: the pad keeps its notice (none, or 'expired').
    expect(pinNoticeOfState({ state: 'ready', attemptsLeft: 3, retryAfterSeconds: 0 }, 0)).toBeNull();
    expect(pinNoticeOfState({ state: 'locked', attemptsLeft: 0, retryAfterSeconds: 0 }, 0)).toBeNull();
  });

  it('locks until the deadline, then says the lockout is over', () => {
    const notice = { kind: 'locked', until: 60_000 } as const;
    expect(lockPhase(notice, 0)).toBe('locked');
    expect(lockPhase(notice, 59_999)).toBe('locked');
    expect(lockPhase(notice, 60_000)).toBe('over');
    expect(lockPhase({ kind: 'wrong', attemptsLeft: 2 }, 0)).toBe('none');
  });

  it('ticks exactly when the shown second changes, once a second, and stops at zero', () => {
    // 59.4 s left shows 1:00; it becomes 0:59 in 0.4 s, then changes every second.
    expect(formatCountdown(59_400)).toBe('1:00');
    expect(nextCountdownTick(59_400)).toBe(400);
    expect(formatCountdown(59_000)).toBe('0:59');
    expect(nextCountdownTick(59_000)).toBe(1000);
    expect(nextCountdownTick(1)).toBe(1);
    expect(nextCountdownTick(0)).toBeNull();
    expect(nextCountdownTick(-20)).toBeNull();
    // Walking the ticks from a full minute shows every second once, down to 0:00.
    const shown: string[] = [];
    for (let left: number | null = 60_000, tick = nextCountdownTick(left); tick !== null; left -= tick, tick = nextCountdownTick(left))
      shown.push(formatCountdown(left - tick));
    expect(shown).toHaveLength(60);
    expect(shown[0]).toBe('0:59');
    expect(shown.at(-1)).toBe('0:00');
  });
});

describe('usage figures', () => {
  it('lists today’s counts in a fixed order, unknown metrics last, zeros left out', () => {
    expect(orderedCounts({ 'device-error': 1, zeta: 2, search: 7, session: 3, qa: 0 })).toEqual([
      { metric: 'session', count: 3 },
      { metric: 'search', count: 7 },
      { metric: 'device-error', count: 1 },
      { metric: 'zeta', count: 2 },
    ]);
  });

  it('builds 30 local days across a month end, oldest first', () => {
    const days = lastDays('2026-03-01', 30);
    expect(days).toHaveLength(30);
    expect(days[0]).toBe('2026-01-31');
    expect(days.at(-2)).toBe('2026-02-28');
    expect(days.at(-1)).toBe('2026-03-01');
  });

  it('adds up all keys of a metric per day and fills missing days with 0', () => {
    const days = ['2026-11-20', '2026-11-21', '2026-11-22'];
    const series = dailySeries(
      {
        rows: [
          { day: '2026-11-20', metric: 'search', key: 'law', count: 2 },
          { day: '2026-11-20', metric: 'search', key: 'none', count: 1 },
          { day: '2026-11-22', metric: 'search', key: 'qa', count: 5 },
          { day: '2026-11-22', metric: 'session', key: 'home', count: 9 },
        ],
      },
      'search',
      days,
    );
    expect(series.points).toEqual([
      { day: '2026-11-20', count: 3 },
      { day: '2026-11-21', count: 0 },
      { day: '2026-11-22', count: 5 },
    ]);
    expect([series.total, series.max]).toEqual([8, 5]);
  });

  it('puts the most frequent no-result search first', () => {
    const sorted = sortedNoResult([
      { query: '宅基地', count: 2, lastDay: '2026-11-20' },
      { query: '彩礼', count: 9, lastDay: '2026-11-01' },
      { query: '拆迁', count: 2, lastDay: '2026-11-21' },
    ]);
    expect(sorted.map((r) => r.query)).toEqual(['彩礼', '拆迁', '宅基地']);
  });
});

describe('sync progress and uptime', () => {
  it('turns done/total into a percentage, full when finished, none when unmeasurable', () => {
    expect(syncPercent({ phase: 'downloading', done: 25, total: 200 })).toBe(13);
    expect(syncPercent({ phase: 'checking', done: 0, total: 0 })).toBeNull();
    expect(syncPercent({ phase: 'up-to-date', done: 0, total: 0 })).toBe(100);
  });

  it('splits uptime into hours and minutes', () => {
    expect(uptimeParts(3 * 3600 + 7 * 60 + 59)).toEqual({ hours: 3, minutes: 7 });
  });
});
