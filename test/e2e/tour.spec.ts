/**
 * Issue 9 — every resident screen in every display language and text size: 中文 and English, normal
 * and 大字模式 (and once with 高对比度). One walk through the kiosk per combination (home, search with its keyboard (拼音, 123, 手写), results,
 * a Q&A answer, a law article, no result, the guides, a whole procedure with the ID-card choice and
 * manual entry, the outcome, receipt previews, the rating bar, the 「还在使用吗？」 countdown), each
 * screen audited (60 px targets, text size, contrast, axe-core, no sideways overflow) and saved as
 * test/artifacts/screenshots/tour-<lang>-<size>-<screen>.png for a person to look at. The
 * language check: no interface string of the other language is left on screen, and Chinese
 * content on an English screen is marked lang="zh-CN" so 朗读 and screen readers use a Chinese voice.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { defaultIdleSettings } from '../../renderer/src/app/session/idle-policy';
import { en } from '../../renderer/src/i18n/en';
import { zhCN, type Dictionary } from '../../renderer/src/i18n/zh-cn';
import { saveScreenshot, waitForFonts, waitForHome, type ViewportName } from './support/browser';
import { MIN_TEXT_PX, expectReadableAndPressable, expectStayedOnTheMachine, useBrowser, useKioskPage } from './support/kiosk-suite';
import { collectShownTexts, interfaceMarkedChinese, leftoverMessages, unmarkedChinese, type ShownText } from './support/language-audit';
import { collectTextElements } from './support/audit';

const baseUrl = inject('kioskBaseUrl');
const browser = useBrowser();

interface Mode {
  lang: 'zh' | 'en';
  large: boolean;
  size: ViewportName;
  /** 高对比度 on as well. */
  contrast?: boolean;
}
const modes: Mode[] = [
  { lang: 'zh', large: false, size: 'small' },
  { lang: 'zh', large: true, size: 'small' },
  { lang: 'en', large: false, size: 'small' },
  { lang: 'en', large: true, size: 'small' },
  { lang: 'en', large: true, size: 'large' },
  { lang: 'zh', large: true, size: 'large', contrast: true },
];
/** 大字模式 body text is at least 32 px (the MIIT rule's ≥ 30 dp larger mode). */
const LARGE_TEXT_PX = 32;

describe.each(modes)('every screen in $lang, large text $large, high contrast $contrast, at the $size kiosk size', (mode) => {
  const dict: Dictionary = mode.lang === 'en' ? en : zhCN;
  const other: Dictionary = mode.lang === 'en' ? zhCN : en;
  const name = `tour-${mode.lang}-${mode.large ? 'large-text' : 'normal'}${mode.contrast ? '-high-contrast' : ''}${mode.size === 'large' ? '-1920' : ''}`;
  let page: Page;
  const kiosk = useKioskPage(browser, baseUrl, mode.size, (opened) => (page = opened.page));

  /** The resident's choices, made again after every 首页 (a new session starts in Chinese, normal size). */
  async function chooseDisplay(): Promise<void> {
    const html = page.locator('html');
    if (mode.lang === 'en' && (await html.getAttribute('lang')) !== 'en') await page.getByTestId('language-switch').click();
    if (mode.large && (await page.getByTestId('large-text-toggle').getAttribute('aria-pressed')) !== 'true')
      await page.getByTestId('large-text-toggle').click();
    await expect.poll(() => html.getAttribute('lang')).toBe(mode.lang === 'en' ? 'en' : 'zh-CN');
    if (mode.contrast && (await page.getByTestId('contrast-toggle').getAttribute('aria-pressed')) !== 'true') await page.getByTestId('contrast-toggle').click();
    await expect.poll(async () => (await html.getAttribute('class')) ?? '').toMatch(mode.large ? /large-text/ : /^(?!.*large-text)/);
    await expect.poll(async () => (await html.getAttribute('class')) ?? '').toMatch(mode.contrast ? /high-contrast/ : /^(?!.*high-contrast)/);
  }

  /**
   * Saves the screen's screenshot (first, so a failure leaves a picture), checks its language
   * (soft: every screen's problems are listed, not just the first) and audits it.
   */
  async function check(screen: string, minTargets = 1): Promise<void> {
    await waitForFonts(page);
    await saveScreenshot(page, name, screen);
    checkLanguage(screen, await collectShownTexts(page));
    await expectReadableAndPressable(page, { minTargets, minTextPx: mode.large ? LARGE_TEXT_PX : MIN_TEXT_PX });
  }

  function checkLanguage(screen: string, shown: ShownText[]): void {
    expect.soft(leftoverMessages(shown, dict, other), `${screen}: interface text in the other language`).toEqual([]);
    if (mode.lang === 'en') {
      expect.soft(unmarkedChinese(shown), `${screen}: Chinese not marked lang="zh-CN"`).toEqual([]);
      expect.soft(interfaceMarkedChinese(shown, dict, other), `${screen}: English marked lang="zh-CN"`).toEqual([]);
    }
  }

  const mainButton = (text: string) => page.locator('main button', { hasText: text });
  const screenIs = (id: string) => page.locator(`main[data-screen="${id}"]`).waitFor();
  const back = () => page.getByRole('button', { name: dict['shell.back'], exact: true }).click();

  async function search(text: string): Promise<void> {
    await page.getByTestId('search-input').fill(text);
    await page.getByTestId('search-submit').click();
  }

  it('home', async () => {
    // A fake clock from the start, so the countdown below needs no waiting.
    await page.clock.install();
    await page.reload();
    await waitForHome(page);
    await chooseDisplay();
    expect(await page.locator('main').innerText()).toContain(dict['home.greeting']);
    await check('home', 3);
  });

  it('search: the keyboard in letters and digits, results, a Q&A answer and its slip', async () => {
    await mainButton(dict['home.search.title']).click();
    await screenIs('search');
    await check('search', 10);
    await page.locator('[data-key="mode-digits"]').click();
    await check('search-digits', 10);
    await page.locator('[data-key="mode-handwriting"]').click();
    await page.getByTestId('handwriting-pad').waitFor();
    await check('search-handwriting', 5);
    await page.locator('[data-key="mode-letters"]').click();

    await page.getByTestId('example-chip').filter({ hasText: dict['search.example.wages'] }).first().click();
    await page.getByTestId('search-results').waitFor();
    await check('search-results', 3);

    await page.getByTestId('qa-hit').first().click();
    await page.getByTestId('qa-screen').waitFor();
    await check('qa', 2);
    await page.getByTestId('qa-print').click();
    await page.getByTestId('receipt-preview').waitFor();
    await check('qa-slip', 2);
    await page.getByTestId('receipt-close').click();
    await back();
    await screenIs('search');
  });

  it('search: a citation opens the article; a search without results says what to do', async () => {
    await search('劳动合同法第47条');
    await page.getByTestId('citation-open').waitFor();
    await check('citation', 3);
    await page.getByTestId('citation-open').click();
    await page.getByTestId('article-screen').waitFor();
    await check('article', 2);
    await back();
    await screenIs('search');

    await search('qqzzxx');
    await page.getByTestId('no-results').waitFor();
    await check('no-results', 3);
  });

  it('the guides and a whole procedure: ID-card choice, manual entry, every kind of question, summary, outcome, slip', async () => {
    await page.getByTestId('home-button').click();
    await waitForHome(page);
    await page.getByTestId('feedback-bar').waitFor();
    // The rating bar asks in the language and text size of the session that just ended, while
    // the home screen behind it is already the next session's (Chinese, normal size).
    const bar = page.getByTestId('feedback-bar');
    expect(await bar.getAttribute('lang')).toBe(mode.lang === 'en' ? 'en' : 'zh-CN');
    await waitForFonts(page);
    await saveScreenshot(page, name, 'feedback');
    checkLanguage('feedback', await collectShownTexts(page, '[data-testid="feedback-bar"]'));
    await expectReadableAndPressable(page, { minTargets: 4 });
    // The bar's own texts (the home screen behind it has an <aside> help card of its own, inside <main>).
    const barTexts = (await collectTextElements(page)).filter((t) => t.path.includes('aside:') && !t.path.includes('main:'));
    expect(barTexts.length).toBeGreaterThanOrEqual(4);
    expect(barTexts.filter((t) => t.fontSizePx < (mode.large ? LARGE_TEXT_PX : MIN_TEXT_PX)).map((t) => t.where)).toEqual([]);
    await page.getByTestId('feedback-close').click();
    await chooseDisplay();

    await mainButton(dict['home.guides.title']).click();
    await page.getByTestId('guides-screen').waitFor();
    await check('guides', 3);
    await page.locator('[data-testid="guide"][data-guide-id="legal-aid-precheck"]').click();
    await page.getByTestId('idcard-intro').waitFor();
    await check('idcard-intro', 3);
    await page.getByTestId('idcard-manual').click();
    await page.getByTestId('idcard-manual-form').waitFor();
    await check('idcard-manual', 4);
    await page.getByTestId('next').click();
    await page.getByTestId('answer-error').waitFor();
    await check('idcard-manual-error', 4);
    // 返回 from the form goes back to the step's first screen, not out of the procedure.
    await page.getByTestId('back-button').click();
    await page.getByTestId('idcard-intro').waitFor();
    await page.getByTestId('idcard-skip').click();

    await page.locator('[data-testid="procedure-screen"][data-step="matter"]').waitFor();
    await check('question-choice', 8);
    await page.locator('[data-testid="option"][data-value="wages"]').click();
    await page.locator('[data-testid="procedure-screen"][data-step="exemption"]').waitFor();
    await page.locator('[data-testid="option"][data-value="none"]').click();
    await page.locator('[data-testid="procedure-screen"][data-step="special-group"]').waitFor();
    await page.locator('[data-testid="option"][data-value="none"]').click();
    await page.locator('[data-testid="procedure-screen"][data-step="migrant"]').waitFor();
    await check('question-yes-no', 2);
    await page.getByTestId('answer-no').click();
    await page.locator('[data-testid="procedure-screen"][data-step="income"]').waitFor();
    for (const digit of '3000') await page.locator(`[data-testid="keypad"] [data-key="${digit}"]`).click();
    await check('question-number', 10);
    await page.getByTestId('next').click();
    await page.locator('[data-testid="procedure-screen"][data-step="household"]').waitFor();
    await page.locator('[data-testid="keypad"] [data-key="0"]').click();
    await page.getByTestId('next').click();
    await page.getByTestId('answer-error').waitFor();
    await check('question-number-error', 10);
    await page.locator('[data-testid="keypad"] [data-key="clear"]').click();
    await page.locator('[data-testid="keypad"] [data-key="2"]').click();
    await page.getByTestId('next').click();

    await page.getByTestId('summary').waitFor();
    await check('summary', 3);
    await page.getByTestId('summary-confirm').click();
    await page.getByTestId('outcome').waitFor();
    await expect.poll(() => page.getByTestId('outcome-related-qa').count()).toBeGreaterThan(0);
    await check('outcome', 3);
    await page.getByTestId('print').click();
    await page.getByTestId('receipt-preview').waitFor();
    await check('outcome-slip', 2);
    await page.getByTestId('receipt-close').click();
  });

  it('「还在使用吗？」: the countdown in the same language and size, and 继续使用', async () => {
    await page.clock.fastForward(defaultIdleSettings.procedureSeconds * 1000 + 1000);
    await page.getByTestId('idle-countdown').waitFor();
    expect(await page.getByTestId('idle-countdown').innerText()).toContain(dict['session.idle.title']);
    await check('countdown', 2);
    await page.getByTestId('idle-continue').click();
    await page.getByTestId('idle-countdown').waitFor({ state: 'detached' });
    await page.getByTestId('outcome').waitFor();
    await page.getByTestId('finish').click();
    await waitForHome(page);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  });

  it('stayed on the machine without errors', () => {
    expectStayedOnTheMachine(kiosk);
  });
});
