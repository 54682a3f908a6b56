/**
 * Real Chromium for the e2e specs (Debian's, through playwright-core: no browser download).
 * Each spec launches one browser, opens kiosk pages at the two screen sizes the kiosk must
 * support, and checks what a resident would run into: console errors, requests leaving the
 * machine, and screenshots for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from '../../../scripts/lib/repo-paths';

export const screenshotsDir = path.join(repoRoot, 'test', 'artifacts', 'screenshots');

/** The kiosk screens we support: the smallest and the largest landscape, and the floor-standing portrait one. */
export const viewports = {
  small: { width: 1280, height: 800 },
  large: { width: 1920, height: 1080 },
  portrait: { width: 1080, height: 1920 },
} as const;
export type ViewportName = keyof typeof viewports;

export function chromiumPath(): string {
  return process.env['FATONG_CHROMIUM']?.trim() || '/usr/bin/chromium';
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

/** Loopback is the only place the kiosk may talk to: it works offline and leaks nothing. */
export function isLoopbackUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:' || parsed.protocol === 'about:') return true;
  return ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
}

export interface KioskPage {
  page: Page;
  context: BrowserContext;
  /** console.error messages and uncaught page errors, in order. */
  consoleErrors: string[];
  /** Every request to a host other than loopback (they are blocked, and listed here). */
  foreignRequests: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  viewport: ViewportName;
  /** Wait for the home screen with its device status answered (default true). */
  waitForHome?: boolean;
}

/** A fresh context (no cache, no storage) at one of the kiosk sizes, opened on the kiosk. */
export async function openKioskPage(browser: Browser, baseUrl: string, options: OpenOptions): Promise<KioskPage> {
  const context = await browser.newContext({
    viewport: viewports[options.viewport],
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    hasTouch: true,
    reducedMotion: 'reduce',
  });
  // A screen that takes longer than this to react has failed a resident anyway; failing fast keeps the run short.
  context.setDefaultTimeout(15_000);
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (isLoopbackUrl(url)) {
      await route.continue();
    } else {
      foreignRequests.push(url);
      await route.abort('blockedbyclient');
    }
  });
  // Functions passed to page.evaluate are compiled by whoever loads this file; tsx (esbuild
  // keepNames) wraps named inner functions in __name(…), which does not exist in the page.
  await context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
  // Belt and braces: requests the router might not see (e.g. from workers) are listed too.
  page.on('request', (request) => {
    if (!isLoopbackUrl(request.url()) && !foreignRequests.includes(request.url())) foreignRequests.push(request.url());
  });

  await page.goto(baseUrl);
  if (options.waitForHome ?? true) await waitForHome(page);
  return { page, context, consoleErrors, foreignRequests, close: () => context.close() };
}

/** The home screen is up: the host answered (the start-up gate let the shell in), its doors are shown, fonts are loaded. */
export async function waitForHome(page: Page): Promise<void> {
  await page.locator('main[data-screen="home"] [data-testid="home-tiles"]').waitFor();
  await waitForFonts(page);
}

/** Web fonts are fetched lazily per unicode-range slice: wait until every pending one is in. */
export async function waitForFonts(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  await page.waitForFunction(() => document.fonts.status === 'loaded');
}

/**
 * test/artifacts/screenshots/<spec>-<name>.png: the screen as a resident sees it. The screens
 * scroll inside <main>, not the page, so when there is more below, <spec>-<name>-full.png shows
 * everything (the window made as tall as the content, same width, so the layout is the same).
 */
export async function saveScreenshot(page: Page, spec: string, name: string): Promise<string[]> {
  mkdirSync(screenshotsDir, { recursive: true });
  const screen = path.join(screenshotsDir, `${spec}-${name}.png`);
  const files = [screen];
  await page.screenshot({ path: screen });

  const viewport = page.viewportSize();
  const hidden = await page.evaluate(() => {
    const main = document.querySelector('main');
    return main ? main.scrollHeight - main.clientHeight : 0;
  });
  if (viewport && hidden > 0) {
    const full = path.join(screenshotsDir, `${spec}-${name}-full.png`);
    await page.setViewportSize({ width: viewport.width, height: viewport.height + hidden });
    try {
      await waitForFonts(page);
      await page.screenshot({ path: full });
    } finally {
      await page.setViewportSize(viewport);
    }
    files.push(full);
  }
  return files;
}
