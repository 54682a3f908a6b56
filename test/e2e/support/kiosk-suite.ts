/**
 * What every e2e spec sets up the same way: one Chromium per spec file, one kiosk page per
 * describe block, calls to the host's HTTP API, and the accessibility audit every screen must pass.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { axeViolations, collectTargets, collectTextElements, horizontalOverflow } from './audit';
import { launchBrowser, openKioskPage, waitForFonts, type KioskPage, type ViewportName } from './browser';

/** Touch targets: never smaller than 60 × 60 px. */
export const MIN_TARGET_PX = 60;
/** 18 pt = 24 CSS px: the smallest text a resident should have to read. */
export const MIN_TEXT_PX = 24;
/** WCAG AA for body text. */
export const MIN_CONTRAST = 4.5;

/** Calls one host method over HTTP, as the renderer does (POST /api/call/<service.method>). */
export async function callHost<T>(baseUrl: string, method: string, input?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}api/call/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: input === undefined ? '' : JSON.stringify(input),
  });
  const result = (await response.json()) as { ok: true; value: T } | { ok: false; error: unknown };
  if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

/** One Chromium for the whole spec file (launching one per test is slow on 2 cores). */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is launched in beforeAll: use it inside a hook or a test');
    return browser;
  };
}

/**
 * One kiosk page at this size for the tests of the enclosing describe block, opened before the
 * first and closed after the last; the tests share it as a resident would, each starting where
 * the previous one left. Returns a handle that reads the open page; `opened` receives it too.
 */
export function useKioskPage(browser: () => Browser, baseUrl: string, size: ViewportName, opened?: (kiosk: KioskPage) => void): KioskPage {
  let kiosk: KioskPage | undefined;
  beforeAll(async () => {
    kiosk = await openKioskPage(browser(), baseUrl, { viewport: size });
    opened?.(kiosk);
  });
  afterAll(async () => {
    await kiosk?.close();
  });
  const current = (): KioskPage => {
    if (!kiosk) throw new Error('the kiosk page is opened in beforeAll: use it inside a hook or a test');
    return kiosk;
  };
  return {
    get page() {
      return current().page;
    },
    get context() {
      return current().context;
    },
    get consoleErrors() {
      return current().consoleErrors;
    },
    get foreignRequests() {
      return current().foreignRequests;
    },
    close: () => current().close(),
  };
}

/** A fresh kiosk page for one test, closed whatever happens in it. */
export async function withKioskPage(browser: Browser, baseUrl: string, size: ViewportName, test: (kiosk: KioskPage) => Promise<void>): Promise<void> {
  const kiosk = await openKioskPage(browser, baseUrl, { viewport: size });
  try {
    await test(kiosk);
  } finally {
    await kiosk.close();
  }
}

/** The kiosk is offline: nothing went wrong in the page and nothing was asked of any host but loopback. */
export function expectStayedOnTheMachine(kiosk: KioskPage): void {
  expect(kiosk.consoleErrors).toEqual([]);
  expect(kiosk.foreignRequests).toEqual([]);
}

export interface AuditOptions {
  /** The smallest font size allowed (larger in 大字模式). */
  minTextPx?: number;
  /** At least this many touch targets: proves the audit saw the screen, not an empty page. */
  minTargets?: number;
  /** More than this many texts, for the same reason. */
  minTexts?: number;
}

/** Targets, text size and contrast on whatever the page shows now; failures list the elements. */
export async function expectReadableAndPressable(page: Page, { minTextPx = MIN_TEXT_PX, minTargets = 0, minTexts = 0 }: AuditOptions = {}): Promise<void> {
  await waitForFonts(page);
  const targets = await collectTargets(page);
  expect(targets.length).toBeGreaterThanOrEqual(minTargets);
  const small = targets.filter((t) => t.width < MIN_TARGET_PX || t.height < MIN_TARGET_PX);
  expect(small, 'touch targets under 60 × 60 px').toEqual([]);

  const texts = await collectTextElements(page);
  expect(texts.length).toBeGreaterThan(minTexts);
  const tiny = texts.filter((t) => t.fontSizePx < minTextPx).map((t) => `${t.where}: ${t.fontSizePx}px`);
  expect(tiny, `text under ${minTextPx}px`).toEqual([]);
  const faint = texts
    .filter((t) => !(t.contrast >= MIN_CONTRAST))
    .map((t) => `${t.where}: ${t.problem ?? `${t.contrast.toFixed(2)}:1 (${t.color} on ${t.background})`}`);
  expect(faint, 'text under 4.5:1 contrast').toEqual([]);

  expect(await horizontalOverflow(page), 'page wider than the screen').toBeLessThanOrEqual(0);

  // axe-core (WCAG 2.0–2.2 A/AA rules) on the same screen: nothing serious or critical.
  const violations = await axeViolations(page);
  expect(
    violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.targets.join(' | ')}`),
    'axe-core violations',
  ).toEqual([]);
}
