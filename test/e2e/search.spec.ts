/**
 * Issue 3 — 找法律 · 问问题 in real Chromium against the real host (browser mode): typing on the
 * on-screen keyboard and tapping example chips, grouped results with highlighted words, a Q&A
 * answer, a cited article (when the terminal has the law library), 返回 back to the same results,
 * 首页 home; every screen readable and pressable, in normal and 大字模式; screenshots of each.
 */
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { SystemInfo } from '../../electron/common/contract/kiosk-api';
import type { SearchResult } from '../../electron/common/contract/library-api';
import { splitHighlighted } from '../../renderer/src/features/search/highlight';
import { zhCN } from '../../renderer/src/i18n/zh-cn';
import { saveScreenshot, waitForFonts, waitForHome, type ViewportName } from './support/browser';
import {
  callHost,
  expectReadableAndPressable,
  expectStayedOnTheMachine,
  MIN_TEXT_PX,
  useBrowser,
  useKioskPage,
  type AuditOptions,
} from './support/kiosk-suite';

const SPEC = 'search';
const baseUrl = inject('kioskBaseUrl');
/** 首页, 返回 and something to do on every search screen. */
const searchAudit: AuditOptions = { minTargets: 3 };
/** The same in 大字模式 (1rem = 32 px). */
const largeTextAudit: AuditOptions = { ...searchAudit, minTextPx: 32 };

const call = <T>(method: string, input?: unknown): Promise<T> => callHost<T>(baseUrl, method, input);

const screen = (page: Page, id: string): Locator => page.locator(`main[data-screen="${id}"]`);
const keyboard = (page: Page): Locator => page.getByTestId('on-screen-keyboard');
const inputValue = (page: Page): Promise<string> => page.getByTestId('search-input').inputValue();

/** Presses keys on the on-screen keyboard, one tap per key, as a resident would. */
async function typeOnKeyboard(page: Page, keys: string[]): Promise<void> {
  for (const key of keys) await keyboard(page).locator(`[data-key="${key}"]`).click();
}

async function openSearch(page: Page): Promise<void> {
  await page.locator('main button', { hasText: zhCN['home.search.title'] }).click();
  await screen(page, 'search').waitFor();
  await waitForFonts(page);
}

async function waitForResults(page: Page): Promise<Locator> {
  const results = page.getByTestId('search-results');
  await results.waitFor();
  await waitForFonts(page);
  return results;
}

const browser = useBrowser();
let info: SystemInfo;
beforeAll(async () => {
  info = await call<SystemInfo>('system.getInfo');
});

describe.each<ViewportName>(['small', 'large'])('search at the %s kiosk size', (size) => {
  let page: Page;
  const kiosk = useKioskPage(browser, baseUrl, size, (opened) => (page = opened.page));

  it('greets first-time users with the big box, the keyboard and the four example chips', async () => {
    await openSearch(page);
    await expect.poll(() => page.locator('main h1').innerText()).toBe(zhCN['home.search.title']);
    expect(await keyboard(page).isVisible()).toBe(true);
    const chips = await page.getByTestId('example-chip').allInnerTexts();
    expect(chips.map((c) => c.trim())).toEqual([
      zhCN['search.example.wages'],
      zhCN['search.example.dog'],
      zhCN['search.example.deposit'],
      zhCN['search.example.article'],
    ]);
    // 首页 and 返回 stay in the shell bar.
    expect(await page.getByTestId('home-button').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: zhCN['shell.back'], exact: true }).isVisible()).toBe(true);
    await expectReadableAndPressable(page, searchAudit);
    await saveScreenshot(page, SPEC, `${size}-start`);
  });

  it('types on the on-screen keyboard: pinyin, 123 mode, space, backspace and clear', async () => {
    // Letters wait above the keys as pinyin; 空格 puts in the first candidate.
    await typeOnKeyboard(page, ['l', 'd', 'h', 't']);
    expect(await inputValue(page)).toBe('');
    await expect.poll(() => page.getByTestId('ime-candidate').first().innerText()).toBe('劳动合同');
    await typeOnKeyboard(page, ['space', 'space', 'mode-digits']);
    expect(await keyboard(page).getAttribute('data-mode')).toBe('digits');
    await typeOnKeyboard(page, ['第', '4', '7', '条']);
    expect(await inputValue(page)).toBe('劳动合同 第47条');
    await typeOnKeyboard(page, ['backspace']);
    expect(await inputValue(page)).toBe('劳动合同 第47');
    await saveScreenshot(page, SPEC, `${size}-keyboard-digits`);
    await typeOnKeyboard(page, ['clear', 'mode-letters']);
    expect(await inputValue(page)).toBe('');
    expect(await keyboard(page).getAttribute('data-mode')).toBe('letters');
  });

  it('searches pinyin initials typed on the keyboard and shows grouped, highlighted results', async () => {
    await typeOnKeyboard(page, ['l', 'd', 'h', 't']);
    await expect.poll(() => page.getByTestId('ime-candidate').first().innerText()).toBe('劳动合同');
    const expected = await call<SearchResult>('search.query', { text: '劳动合同' });
    // 搜索 with pinyin still above the keys searches its first candidate.
    await typeOnKeyboard(page, ['submit']);
    const results = await waitForResults(page);
    expect(await inputValue(page)).toBe('劳动合同');
    expect(await results.innerText()).toContain('劳动合同');
    // The initials find 劳动合同 entries in the built-in Q&A.
    expect(expected.qa.length).toBeGreaterThan(0);
    expect(await page.getByTestId('qa-hit').count()).toBe(expected.qa.length);
    expect(await page.getByTestId('group-qa').locator('h3').innerText()).toContain(zhCN['search.group.qa']);
    // The keyboard folds away so the results can be read; one tap brings it back.
    expect(await keyboard(page).count()).toBe(0);
    expect(await page.getByTestId('show-keyboard').isVisible()).toBe(true);
    await saveScreenshot(page, SPEC, `${size}-results-initials`);
  });

  it('searches an example chip: 问答 → 条文 → 指南 groups, <mark> highlights, 您也可以这样说, the library notice', async () => {
    const query = zhCN['search.example.wages'];
    const expected = await call<SearchResult>('search.query', { text: query });
    await page.getByTestId('home-button').click();
    await waitForHome(page);
    await openSearch(page);
    await page.getByTestId('example-chip').filter({ hasText: query }).click();
    const results = await waitForResults(page);
    expect(await inputValue(page)).toBe(query);

    const groupOrder = await results.locator('[data-testid^="group-"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')));
    const wanted = (['qa', 'articles', 'procedures'] as const).filter((kind) => expected[kind].length > 0).map((kind) => `group-${kind}`);
    expect(groupOrder).toEqual(wanted);
    expect(expected.qa.length).toBeGreaterThan(0);
    expect(expected.qa.map((hit) => hit.id)).toContain('labour-unpaid-wages');

    // Highlights are real <mark> elements holding the ranges the host sent, words of two or more
    // characters only (a lone 不 or 月 is left plain).
    const first = expected.qa[0];
    const marked = first
      ? [first.question, first.snippet].flatMap((h) =>
          splitHighlighted(h)
            .filter((s) => s.marked)
            .map((s) => s.text),
        )
      : [];
    const marks = await page.getByTestId('qa-hit').first().locator('mark').allInnerTexts();
    expect(marks).toEqual(marked);
    for (const mark of marks) expect([...mark].length).toBeGreaterThanOrEqual(2);

    // 老板 → 用人单位 from the glossary: shown so residents learn the legal words.
    expect(expected.alsoSearched).toContain('用人单位');
    expect(await page.getByTestId('also-searched').innerText()).toContain('用人单位');

    // Say plainly when only the built-in Q&A was searched.
    expect(await page.getByTestId('library-missing').count()).toBe(expected.libraryInstalled ? 0 : 1);
    expect(expected.libraryInstalled).toBe(info.content.lawLibraryInstalled);

    await expectReadableAndPressable(page, searchAudit);
    await saveScreenshot(page, SPEC, `${size}-results-example`);
  });

  it('opens a Q&A with its answer, cited law and related questions; a cited article when the library is there', async () => {
    await page.getByTestId('qa-hit').filter({ hasText: '工资' }).first().click();
    const qa = page.getByTestId('qa-screen');
    await qa.waitFor();
    await waitForFonts(page);
    expect(await page.locator('main h1').innerText()).toContain('工资');
    expect((await page.getByTestId('qa-answer').locator('p').count()) > 0).toBe(true);
    const cites = page.getByTestId('qa-cites');
    expect(await cites.innerText()).toContain(zhCN['qa.cites.title']);
    await expectReadableAndPressable(page, searchAudit);
    await saveScreenshot(page, SPEC, `${size}-qa`);

    if (info.content.lawLibraryInstalled) {
      const cite = page.getByTestId('qa-cite').first();
      const citeText = await cite.innerText();
      await cite.click();
      const article = page.getByTestId('article-screen');
      await article.waitFor();
      await waitForFonts(page);
      expect(citeText).toContain(await page.locator('main h1').innerText());
      expect((await page.getByTestId('article-text').innerText()).length).toBeGreaterThan(10);
      const textSize = await page.getByTestId('article-text').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(textSize).toBeGreaterThan(MIN_TEXT_PX);
      await expectReadableAndPressable(page, searchAudit);
      await saveScreenshot(page, SPEC, `${size}-article`);
      // 上一条 / 下一条 page on the same screen, so 返回 still leads to the answer.
      const next = page.getByTestId('article-next');
      if ((await next.count()) > 0) {
        const before = await article.getAttribute('data-article-key');
        await next.click();
        await expect.poll(() => page.getByTestId('article-screen').getAttribute('data-article-key')).not.toBe(before);
      }
      await page.getByRole('button', { name: zhCN['shell.back'], exact: true }).click();
      await qa.waitFor();
    } else {
      // Without the library the citations are listed but say they cannot be opened here.
      expect(await page.getByTestId('qa-cite-unavailable').count()).toBeGreaterThan(0);
      expect(await cites.innerText()).toContain(zhCN['qa.cites.unavailable']);
      expect(await page.getByTestId('qa-cite').count()).toBe(0);
    }
  });

  it('goes back to the same results, and 首页 goes home', async () => {
    await page.getByRole('button', { name: zhCN['shell.back'], exact: true }).click();
    await screen(page, 'search').waitFor();
    const results = await waitForResults(page);
    expect(await inputValue(page)).toBe(zhCN['search.example.wages']);
    expect(await results.getByTestId('qa-hit').count()).toBeGreaterThan(0);

    await page.getByTestId('home-button').click();
    await waitForHome(page);
    // A fresh search screen after 首页: nothing of the previous search shows.
    await openSearch(page);
    expect(await inputValue(page)).toBe('');
    expect(await page.getByTestId('search-results').count()).toBe(0);
    await page.getByTestId('home-button').click();
    await waitForHome(page);
  });

  it('never ends in a dead end: nothing found shows other words, examples, the hotline and staff', async () => {
    await openSearch(page);
    await typeOnKeyboard(page, ['q', 'x', 'z', 'q', 'x', 'z', 'submit']);
    await waitForResults(page);
    const empty = page.getByTestId('no-results');
    await empty.waitFor();
    const text = await empty.innerText();
    expect(text).toContain(zhCN['search.empty.tryOther']);
    expect(await empty.getByTestId('example-chip').count()).toBe(4);
    for (const hotline of info.hotlines) expect(text).toContain(hotline.phone);
    expect(text).toContain(zhCN['home.help.staff']);
    await saveScreenshot(page, SPEC, `${size}-no-results`);

    // An example from here searches at once.
    await empty.getByTestId('example-chip').filter({ hasText: zhCN['search.example.deposit'] }).click();
    await expect.poll(() => inputValue(page)).toBe(zhCN['search.example.deposit']);
    await waitForResults(page);
  });

  it('reads 劳动合同法第47条 as a citation: opens the article when this terminal has it, says so when not', async () => {
    const query = zhCN['search.example.article'];
    const expected = await call<SearchResult>('search.query', { text: query });
    await page.getByTestId('home-button').click();
    await waitForHome(page);
    await openSearch(page);
    await page.getByTestId('example-chip').filter({ hasText: query }).click();
    await waitForResults(page);
    const { citation } = expected;
    if (citation?.found) {
      expect(citation.display).toContain('第四十七条');
      const open = page.getByTestId('citation-open');
      expect(await open.innerText()).toContain(citation.display);
      await saveScreenshot(page, SPEC, `${size}-citation`);
      await open.click();
      await page.getByTestId('article-screen').waitFor();
      expect(await page.getByTestId('article-screen').getAttribute('data-article-key')).toBe(citation.key);
      expect(await page.locator('main h1').innerText()).toBe('第四十七条');
      await page.getByRole('button', { name: zhCN['shell.back'], exact: true }).click();
      await waitForResults(page);
    } else if (citation) {
      expect(await page.getByTestId('citation-open').count()).toBe(0);
      expect(await page.getByTestId('citation-missing').innerText()).toContain(citation.display);
      await saveScreenshot(page, SPEC, `${size}-citation-missing`);
    } else {
      // The host reads no citation without the law library: no citation line, and the notice says why.
      expect(info.content.lawLibraryInstalled).toBe(false);
      expect(await page.getByTestId('citation-open').count()).toBe(0);
      expect(await page.getByTestId('citation-missing').count()).toBe(0);
      expect(await page.getByTestId('library-missing').innerText()).toBe(zhCN['search.libraryMissing']);
      await saveScreenshot(page, SPEC, `${size}-citation-no-library`);
    }
  });

  it('stays readable and pressable in 大字模式 with results on screen', async () => {
    const toggle = page.getByTestId('large-text-toggle');
    await toggle.click();
    await expect.poll(() => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBeGreaterThanOrEqual(32);
    await waitForFonts(page);
    await expectReadableAndPressable(page, largeTextAudit);
    await saveScreenshot(page, SPEC, `${size}-large-text`);
    await page.getByTestId('show-keyboard').click();
    await keyboard(page).waitFor();
    await expectReadableAndPressable(page, largeTextAudit);
    await saveScreenshot(page, SPEC, `${size}-large-text-keyboard`);
    await toggle.click();
    await page.getByTestId('home-button').click();
    await waitForHome(page);
  });

  it('stays on the machine: no console errors, no request to any host but loopback', () => {
    expectStayedOnTheMachine(kiosk);
  });
});
