/**
 * Issue 9 — a resident's session in real Chromium against the real host: the 「还在使用吗？」
 * countdown after inactivity, 继续使用 keeping everything, the timeout wiping everything (screens,
 * search box, back history, browser storage) and handing over to the 普法 attract loop, the first
 * touch starting afresh, the one-tap rating, 高对比度 and 朗读. Time in the page is Playwright's
 * fake clock, so minutes of inactivity take no time.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { StatsSummary } from '../../electron/common/contract/stats-api';
import { localDay } from '../../electron/common/domain/query-redaction';
import { SqliteStatsService } from '../../electron/node/services/stats-service';
import { defaultIdleSettings } from '../../renderer/src/app/session/idle-policy';
import { en } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zh-cn';
import { openKioskPage, saveScreenshot, waitForFonts, waitForHome, type KioskPage } from './support/browser';
import { axeViolations } from './support/audit';
import { expectReadableAndPressable, expectStayedOnTheMachine, useBrowser } from './support/kiosk-suite';

const SPEC = 'session';
const baseUrl = inject('kioskBaseUrl');
const browser = useBrowser();

const s = (seconds: number): number => seconds * 1000;
const { homeSeconds, browseSeconds, procedureSeconds, countdownSeconds } = defaultIdleSettings;

let kiosk: KioskPage;
let page: Page;
beforeAll(async () => {
  kiosk = await openKioskPage(browser(), baseUrl, { viewport: 'small' });
  page = kiosk.page;
  // The page's clock becomes Playwright's: it runs normally until a test jumps it forward.
  await page.clock.install();
  await page.reload();
  await waitForHome(page);
});
afterAll(async () => {
  await kiosk.close();
});

const countdown = () => page.getByTestId('idle-countdown');
const attract = () => page.getByTestId('attract-loop');
const backButton = () => page.getByRole('button', { name: zhCN['shell.back'], exact: true });
const screenIs = (id: string) => page.locator(`main[data-screen="${id}"]`).waitFor();

async function searchFor(chipText: string): Promise<void> {
  await page.locator('main button', { hasText: zhCN['home.search.title'] }).click();
  await screenIs('search');
  await page.getByTestId('example-chip').filter({ hasText: chipText }).first().click();
  await page.getByTestId('search-results').waitFor();
}

async function browserStorage(): Promise<{ local: number; session: number; indexedDb: string[] }> {
  return page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    indexedDb: (await indexedDB.databases()).map((db) => db.name ?? ''),
  }));
}

const today = (): string => localDay(new Date());
/**
 * Today's counts, read from the shared kiosk's stats.db (a second SQLite connection): stats.summary
 * needs the admin token and the shared kiosk has no admin PIN.
 */
function readStats(): StatsSummary {
  const stats = new SqliteStatsService({ dbDir: path.join(inject('kioskDataDir'), 'db'), isKnownStep: () => false });
  try {
    return stats.summary(today(), today());
  } finally {
    stats.close();
  }
}
const stat = (summary: StatsSummary, metric: string, key: string): number =>
  summary.rows.filter((r) => r.metric === metric && r.key === key).reduce((sum, r) => sum + r.count, 0);

describe('a resident session', () => {
  it('asks 「还在使用吗？」 with a countdown of at least 20 s after a quiet spell, and 继续使用 keeps everything', async () => {
    await searchFor(zhCN['search.example.dog']);
    expect(await page.getByTestId('search-input').inputValue()).toBe(zhCN['search.example.dog']);
    await page.getByTestId('qa-hit').first().click();
    await screenIs('qa');

    // Reading an answer: the long timeout. Just before it, nothing; at it, the countdown.
    await page.clock.fastForward(s(procedureSeconds) - s(5));
    expect(await countdown().count()).toBe(0);
    await page.clock.fastForward(s(6));
    await countdown().waitFor();
    const seconds = Number(await page.getByTestId('idle-seconds').innerText());
    expect(seconds).toBeGreaterThanOrEqual(20);
    expect(seconds).toBeLessThanOrEqual(countdownSeconds);
    expect(await countdown().innerText()).toContain(zhCN['session.idle.title']);
    await expectReadableAndPressable(page, { minTargets: 2, minTexts: 2 });
    await saveScreenshot(page, SPEC, 'countdown');

    await page.getByTestId('idle-continue').click();
    await countdown().waitFor({ state: 'detached' });
    await screenIs('qa');
    await backButton().click();
    await screenIs('search');
    expect(await page.getByTestId('search-input').inputValue()).toBe(zhCN['search.example.dog']);
    expect(await page.getByTestId('search-results').count()).toBe(1);
  });

  it('on timeout wipes everything — screens, search box, back history, browser storage — and shows the attract loop', async () => {
    // Plant something in every browser store, as a careless library might: the wipe must find it.
    await page.evaluate(async () => {
      localStorage.setItem('planted', 'x');
      sessionStorage.setItem('planted', 'x');
      await new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('planted-db');
        request.onsuccess = () => {
          request.result.close();
          resolve();
        };
        request.onerror = () => reject(request.error);
      });
    });
    expect(await browserStorage()).toEqual({ local: 1, session: 1, indexedDb: ['planted-db'] });
    const before = readStats();

    await page.clock.fastForward(s(browseSeconds) + s(1));
    await countdown().waitFor();
    await page.clock.fastForward(s(countdownSeconds) + s(1));
    await attract().waitFor();
    await page.getByTestId('attract-slide').waitFor();
    await waitForFonts(page);
    await expectReadableAndPressable(page, { minTargets: 1, minTexts: 3 });
    await saveScreenshot(page, SPEC, 'attract');

    await expect.poll(browserStorage).toEqual({ local: 0, session: 0, indexedDb: [] });
    // The host was told: one more session ended by inactivity.
    await expect.poll(async () => stat(readStats(), 'session', 'idle')).toBe(stat(before, 'session', 'idle') + 1);

    // The slides come from the content: 普法 with the article they rest on.
    const texts: string[] = [];
    for (let i = 0; i < 3; i++) {
      texts.push(await page.getByTestId('attract-slide').innerText());
      await page.clock.fastForward(s(12));
    }
    expect(texts.some((t) => /依据：\S+ 第.+条/.test(t))).toBe(true);
    expect(new Set(texts).size).toBeGreaterThan(1);

    // The first touch starts afresh: home, nowhere to go back to, an empty search box.
    await page.getByTestId('attract-start').click();
    await attract().waitFor({ state: 'detached' });
    await waitForHome(page);
    expect(await backButton().count()).toBe(0);
    expect(await page.getByTestId('feedback-bar').count()).toBe(0);
    await page.locator('main button', { hasText: zhCN['home.search.title'] }).click();
    await screenIs('search');
    expect(await page.getByTestId('search-input').inputValue()).toBe('');
    expect(await page.getByTestId('search-results').count()).toBe(0);
    await backButton().click();
    await waitForHome(page);
    expect(await backButton().count()).toBe(0);
  });

  it('goes from an untouched home screen straight to the attract loop, without a countdown', async () => {
    await page.getByTestId('home-button').click();
    await waitForHome(page);
    // 首页 ended the session: nothing has been touched since.
    await page
      .getByTestId('feedback-close')
      .click()
      .catch(() => undefined);
    await page.clock.fastForward(s(homeSeconds) + s(1));
    await attract().waitFor();
    expect(await countdown().count()).toBe(0);
    await attract().click({ position: { x: 40, y: 300 } });
    await attract().waitFor({ state: 'detached' });
    await waitForHome(page);
  });

  it('asks for a one-tap rating after 首页, with optional reasons, and counts it without blocking anything', async () => {
    const before = readStats();
    await page.locator('main button', { hasText: zhCN['home.guides.title'] }).click();
    await screenIs('guides');
    await page.getByTestId('home-button').click();
    await waitForHome(page);
    const bar = page.getByTestId('feedback-bar');
    await bar.waitFor();
    await waitForFonts(page);
    await expectReadableAndPressable(page, { minTargets: 6, minTexts: 5 });
    await saveScreenshot(page, SPEC, 'feedback');
    // The home screen stays usable under the bar.
    expect(await page.locator('main button', { hasText: zhCN['home.search.title'] }).isEnabled()).toBe(true);

    await bar.locator('[data-rating="unsatisfied"]').click();
    await bar.locator('[data-reason="not-found"]').click();
    expect(await bar.locator('[data-reason="not-found"]').getAttribute('aria-pressed')).toBe('true');
    await expect
      .poll(async () => {
        const after = readStats();
        return [
          stat(after, 'satisfaction', 'unsatisfied') - stat(before, 'satisfaction', 'unsatisfied'),
          stat(after, 'feedback-reason', 'not-found') - stat(before, 'feedback-reason', 'not-found'),
        ];
      })
      .toEqual([1, 1]);
    await page.getByTestId('feedback-close').click();
    await bar.waitFor({ state: 'detached' });
  });

  it('switches 高对比度 on any screen, readable and pressable, and resets it and 大字模式 for the next session', async () => {
    const html = page.locator('html');
    await page.getByTestId('contrast-toggle').click();
    await expect.poll(() => html.getAttribute('class')).toContain('high-contrast');
    await expectReadableAndPressable(page, { minTargets: 3, minTexts: 5 });
    await saveScreenshot(page, SPEC, 'high-contrast-home');
    await searchFor(zhCN['search.example.wages']);
    expect(await page.getByTestId('contrast-toggle').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('large-text-toggle').click();
    // The class on <html> is set in an effect after the click: wait for it, as a resident's eye would.
    await expect.poll(() => html.getAttribute('class')).toContain('large-text');
    await expect.poll(() => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBeGreaterThanOrEqual(32);
    await waitForFonts(page);
    await expectReadableAndPressable(page, { minTargets: 3, minTexts: 5, minTextPx: 32 });
    await saveScreenshot(page, SPEC, 'high-contrast-large-search');

    await page.getByTestId('home-button').click();
    await waitForHome(page);
    expect(await html.getAttribute('class')).not.toMatch(/high-contrast|large-text/);
    expect(await page.getByTestId('contrast-toggle').getAttribute('aria-pressed')).toBe('false');
    expect(await page.getByTestId('large-text-toggle').getAttribute('aria-pressed')).toBe('false');
  });

  it('reads the screen aloud when a voice exists, and says plainly when none does', async () => {
    const voices = await page.evaluate(async () => {
      speechSynthesis.getVoices();
      await new Promise((resolve) => setTimeout(resolve, 300));
      return speechSynthesis.getVoices().filter((v) => /^(zh|cmn)/i.test(v.lang)).length;
    });
    const button = page.getByTestId('read-aloud');
    await button.click();
    if (voices === 0) {
      // This machine (like a kiosk without speech-dispatcher) has no Mandarin voice.
      await page.clock.fastForward(s(2));
      await page.getByTestId('read-aloud-unavailable').waitFor();
      expect(await page.getByTestId('read-aloud-unavailable').innerText()).toContain('不能朗读');
      await expectReadableAndPressable(page, { minTargets: 3, minTexts: 5 });
    } else {
      await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
      await button.click();
      await expect.poll(() => button.getAttribute('aria-pressed')).toBe('false');
    }
  });

  it('switches to English on any screen — the countdown too — and back to Chinese for the next session', async () => {
    await page.getByTestId('language-switch').click();
    const home = page.getByTestId('home-button');
    await expect.poll(() => home.innerText()).toBe(en['shell.home']);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('main').innerText()).toContain(en['home.greeting']);
    await waitForFonts(page);
    await expectReadableAndPressable(page, { minTargets: 3, minTexts: 5 });
    await saveScreenshot(page, SPEC, 'english-home');

    await page.locator('main button', { hasText: en['home.guides.title'] }).click();
    await screenIs('guides');
    await page.clock.fastForward(s(browseSeconds) + s(1));
    await countdown().waitFor();
    expect(await countdown().innerText()).toContain(en['session.idle.title']);
    await page.getByTestId('idle-continue').click();
    await countdown().waitFor({ state: 'detached' });

    await home.click();
    await waitForHome(page);
    await expect.poll(() => home.innerText()).toBe(zhCN['shell.home']);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.getByTestId('feedback-close').click();
  });

  it('runs axe-core for real: a planted nameless button and an image without text are flagged', async () => {
    await page.evaluate(() => {
      const box = document.createElement('div');
      box.id = 'e2e-axe-planted';
      box.innerHTML = '<button style="width:80px;height:80px"></button><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="80" height="80">';
      document.body.append(box);
    });
    try {
      const ids = (await axeViolations(page)).filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => v.id);
      expect(ids).toEqual(expect.arrayContaining(['button-name', 'image-alt']));
    } finally {
      await page.evaluate(() => document.getElementById('e2e-axe-planted')?.remove());
    }
  });

  it('stayed on the machine', () => {
    expectStayedOnTheMachine(kiosk);
  });
});
