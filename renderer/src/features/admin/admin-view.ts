import type { PinState, UnlockResult } from '../../../../electron/common/contract/admin-api';
import type { SyncProgress } from '../../../../electron/common/contract/content-api';
import type { DeviceState } from '../../../../electron/common/contract/kiosk-api';
import type { StatsSummary } from '../../../../electron/common/contract/stats-api';
import type { MessageKey } from '../../i18n/zh-cn';

/**
 * What the admin screen shows, as plain functions of the host's answers (no React, no clock of
 * their own), so the numbers on screen can be checked in unit tests.
 */

/** The hidden gesture: this many taps on the same spot within `windowMs` open the PIN pad. */
export const GESTURE_TAPS = 5;
export const GESTURE_WINDOW_MS = 3_000;

/**
 * Counts taps; `tap(now)` is true on the tap that completes the gesture (then it starts over).
 * Five taps in three seconds is deliberate: a resident touching the site name once or twice, or
 * tapping slowly while reading, never gets there.
 */
export class TapCounter {
  private taps: number[] = [];
  constructor(
    private readonly needed = GESTURE_TAPS,
    private readonly windowMs = GESTURE_WINDOW_MS,
  ) {}

  tap(now: number): boolean {
    this.taps = [...this.taps.filter((t) => now - t < this.windowMs), now];
    if (this.taps.length < this.needed) return false;
    this.taps = [];
    return true;
  }
}

/** The longest PIN the provisioning accepts (6–12 digits). */
export const MAX_PIN_DIGITS = 12;

export type PinNotice =
  | { kind: 'none' }
  | { kind: 'wrong'; attemptsLeft: number }
  | { kind: 'locked'; until: number }
  | { kind: 'not-provisioned' }
  | { kind: 'expired' }
  | { kind: 'error' };

/** The PIN pad's message after a refused unlock; `now` turns retryAfterSeconds into a deadline for the countdown. */
export function pinNoticeOf(result: Extract<UnlockResult, { ok: false }>, now: number): PinNotice {
  switch (result.reason) {
    case 'not-provisioned':
      return { kind: 'not-provisioned' };
    case 'locked':
      return { kind: 'locked', until: now + result.retryAfterSeconds * 1000 };
    case 'wrong-pin':
      // The wrong PIN that used up the last attempt locks the pad at once.
      return result.retryAfterSeconds > 0
        ? { kind: 'locked', until: now + result.retryAfterSeconds * 1000 }
        : { kind: 'wrong', attemptsLeft: result.attemptsLeft };
  }
}

/**
 * What the PIN pad shows when it opens, from admin.pinState: a lockout already running (opened again
 * after the 5th wrong PIN, or after a restart) shows its countdown at once; null = keep the notice.
 */
export function pinNoticeOfState(state: PinState, now: number): PinNotice | null {
  switch (state.state) {
    case 'locked':
      return state.retryAfterSeconds > 0 ? { kind: 'locked', until: now + state.retryAfterSeconds * 1000 } : null;
    case 'not-provisioned':
      return { kind: 'not-provisioned' };
    case 'ready':
      return null;
  }
}

/** locked: keys off, countdown; over: a lockout just ran out (one more try, a wrong one locks longer); none: no lockout. */
export type LockPhase = 'none' | 'locked' | 'over';

export function lockPhase(notice: PinNotice, now: number): LockPhase {
  if (notice.kind !== 'locked') return 'none';
  return notice.until > now ? 'locked' : 'over';
}

/**
 * Milliseconds until the countdown's shown second changes (formatCountdown rounds up), so the pad
 * re-renders once a second exactly when the text changes; null once it has reached zero.
 */
export function nextCountdownTick(remainingMs: number): number | null {
  if (remainingMs <= 0) return null;
  return remainingMs % 1000 || 1000;
}

/** 「1:05」 / 「0:09」 for the lockout countdown (never negative). */
export function formatCountdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${String(Math.floor(seconds / 60))}:${String(seconds % 60).padStart(2, '0')}`;
}

export function deviceStateKey(state: DeviceState['state'] | undefined): MessageKey {
  return state ? `admin.device.${state}` : 'admin.device.unknown';
}

export type Tone = 'ok' | 'neutral' | 'warn';

export function deviceTone(state: DeviceState['state'] | undefined): Tone {
  if (state === 'ready') return 'ok';
  if (state === 'attention' || state === 'offline') return 'warn';
  return 'neutral';
}

/** Today's counts in a fixed, meaningful order; metrics the screen has no words for are listed last under their id. */
export const METRIC_ORDER = [
  'session',
  'search',
  'search-no-result',
  'qa-opened',
  'procedure-started',
  'procedure-finished',
  'procedure-abandoned',
  'receipt-printed',
  'satisfaction',
  'feedback-reason',
  'device-error',
] as const;
export type KnownMetric = (typeof METRIC_ORDER)[number];

export function metricKey(metric: KnownMetric): MessageKey {
  return `admin.metric.${metric}`;
}

export function isKnownMetric(metric: string): metric is KnownMetric {
  return (METRIC_ORDER as readonly string[]).includes(metric);
}

export function orderedCounts(byMetric: Readonly<Record<string, number>>): Array<{ metric: string; count: number }> {
  const known = METRIC_ORDER.filter((m) => (byMetric[m] ?? 0) > 0).map((metric) => ({ metric, count: byMetric[metric] ?? 0 }));
  const other = Object.keys(byMetric)
    .filter((m) => !isKnownMetric(m) && (byMetric[m] ?? 0) > 0)
    .sort()
    .map((metric) => ({ metric, count: byMetric[metric] ?? 0 }));
  return [...known, ...other];
}

/** The metrics drawn as 30-day charts. */
export const CHART_METRICS: readonly KnownMetric[] = ['session', 'search', 'search-no-result', 'procedure-finished', 'receipt-printed', 'device-error'];

const pad = (n: number): string => String(n).padStart(2, '0');
const dayOf = (date: Date): string => `${String(date.getFullYear())}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

/** The `count` local days ending with `today` (YYYY-MM-DD), oldest first. */
export function lastDays(today: string, count: number): string[] {
  const [y, m, d] = today.split('-').map(Number);
  const days: string[] = [];
  for (let back = count - 1; back >= 0; back--) days.push(dayOf(new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) - back)));
  return days;
}

export interface DailySeries {
  metric: KnownMetric;
  points: Array<{ day: string; count: number }>;
  total: number;
  max: number;
}

/** One metric's count per day (all keys added up), a zero for days without a row. */
export function dailySeries(summary: Pick<StatsSummary, 'rows'>, metric: KnownMetric, days: readonly string[]): DailySeries {
  const byDay = new Map<string, number>();
  for (const row of summary.rows) if (row.metric === metric) byDay.set(row.day, (byDay.get(row.day) ?? 0) + row.count);
  const points = days.map((day) => ({ day, count: byDay.get(day) ?? 0 }));
  return { metric, points, total: points.reduce((sum, p) => sum + p.count, 0), max: Math.max(0, ...points.map((p) => p.count)) };
}

/** The no-result list, most frequent first (ties: the most recent first, then alphabetical), as the host sends it or not. */
export function sortedNoResult(list: StatsSummary['noResult']): StatsSummary['noResult'] {
  return [...list].sort((a, b) => b.count - a.count || b.lastDay.localeCompare(a.lastDay) || a.query.localeCompare(b.query, 'zh-CN'));
}

/** 0–100 for the progress bar; null when the phase has no measurable amount (checking, switching). */
export function syncPercent(progress: Pick<SyncProgress, 'phase' | 'done' | 'total'>): number | null {
  if (progress.phase === 'done' || progress.phase === 'up-to-date') return 100;
  if (progress.total <= 0) return null;
  return Math.min(100, Math.max(0, Math.round((progress.done / progress.total) * 100)));
}

export function isSyncRunning(phase: SyncProgress['phase']): boolean {
  return !['idle', 'done', 'up-to-date', 'failed', 'waiting-for-idle'].includes(phase);
}

export function uptimeParts(seconds: number): { hours: number; minutes: number } {
  const whole = Math.max(0, Math.floor(seconds));
  return { hours: Math.floor(whole / 3600), minutes: Math.floor((whole % 3600) / 60) };
}

/** 「2026-11-22 14:05」 from an ISO time, in the terminal's local time. */
export function shortTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${dayOf(date)} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
