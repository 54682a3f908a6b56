import type { ScreenId } from '../../lib/navigation-stack';

/**
 * How long the kiosk waits without a touch before it asks 「还在使用吗？」, per kind of screen:
 * short on the home screen (a passer-by), long inside a procedure or while reading an answer (an
 * elderly resident reads slowly, or has gone to fetch a document). The terminal's provisioned
 * config overrides homeSeconds / procedureSeconds (system.getInfo → idle); the rest derive from them.
 */
export interface IdleSettings {
  /** Home screen. */
  homeSeconds: number;
  /** Inside a procedure and while reading an answer or an article. */
  procedureSeconds: number;
  /** Lists and search: between the two. */
  browseSeconds: number;
  /** The 「还在使用吗？」 countdown before the session ends: never under 20 s. */
  countdownSeconds: number;
}

export const MIN_COUNTDOWN_SECONDS = 20;

export const defaultIdleSettings: IdleSettings = {
  homeSeconds: 60,
  procedureSeconds: 300,
  browseSeconds: 120,
  countdownSeconds: 30,
};

export function idleSettingsFrom(overrides?: { homeSeconds: number; procedureSeconds: number }): IdleSettings {
  if (!overrides) return defaultIdleSettings;
  const { homeSeconds, procedureSeconds } = overrides;
  const browseSeconds = Math.min(Math.max(homeSeconds * 2, homeSeconds), Math.max(procedureSeconds, homeSeconds));
  return { ...defaultIdleSettings, homeSeconds, procedureSeconds, browseSeconds };
}

const kindOf: Record<ScreenId, 'home' | 'browse' | 'reading'> = {
  home: 'home',
  search: 'browse',
  guides: 'browse',
  qa: 'reading',
  article: 'reading',
  procedure: 'reading',
  document: 'reading',
};

/** Quiet time (ms) before the countdown on this screen. */
export function quietMsFor(screen: ScreenId, settings: IdleSettings): number {
  const kind = kindOf[screen] ?? 'browse';
  const seconds = kind === 'home' ? settings.homeSeconds : kind === 'reading' ? settings.procedureSeconds : settings.browseSeconds;
  return seconds * 1000;
}

export function countdownMs(settings: IdleSettings): number {
  return Math.max(settings.countdownSeconds, MIN_COUNTDOWN_SECONDS) * 1000;
}
