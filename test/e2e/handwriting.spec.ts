/**
 * Issue 9 — the keyboard's 手写 mode in real Chromium against the real host: switch to 手写, write
 * 工 (─ │ ─) with the mouse across the pad, find 工 among the candidates, tap it, and the search box
 * has it. The templates are fetched from the kiosk's own origin only when 手写 opens.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { zhCN } from '../../renderer/src/i18n/zh-cn';
import { saveScreenshot, waitForFonts } from './support/browser';
import { expectReadableAndPressable, expectStayedOnTheMachine, useBrowser, useKioskPage } from './support/kiosk-suite';

const SPEC = 'handwriting';
const baseUrl = inject('kioskBaseUrl');

const keyboard = (page: Page): Locator => page.getByTestId('on-screen-keyboard');
const candidates = (page: Page): Promise<string[]> => page.getByTestId('handwriting-candidate').allInnerTexts();

/** One stroke from (x1, y1) to (x2, y2), in fractions of the pad, as a finger (mouse) drag. */
async function drawStroke(page: Page, pad: Locator, from: [number, number], to: [number, number]): Promise<void> {
  const box = await pad.boundingBox();
  if (box === null) throw new Error('the pad is not on screen');
  await page.mouse.move(box.x + from[0] * box.width, box.y + from[1] * box.height);
  await page.mouse.down();
  await page.mouse.move(box.x + to[0] * box.width, box.y + to[1] * box.height, { steps: 12 });
  await page.mouse.up();
}

const browser = useBrowser();

describe('handwriting pad at the small kiosk size', () => {
  let page: Page;
  const kiosk = useKioskPage(browser, baseUrl, 'small', (opened) => (page = opened.page));

  it('loads the templates only when 手写 opens', async () => {
    const templateRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('generated/handwriting/')) templateRequests.push(request.url());
    });
    await page.locator('main button', { hasText: zhCN['home.search.title'] }).click();
    await page.locator('main[data-screen="search"]').waitFor();
    await waitForFonts(page);
    expect(templateRequests).toEqual([]);

    await keyboard(page).locator('[data-key="mode-handwriting"]').click();
    expect(await keyboard(page).getAttribute('data-mode')).toBe('handwriting');
    await expect.poll(() => page.getByTestId('handwriting-pad').getAttribute('data-ready')).toBe('true');
    expect(templateRequests).toHaveLength(1);
    expect(new URL(templateRequests[0] ?? '').origin).toBe(new URL(baseUrl).origin);
  });

  it('writes 工 stroke by stroke, offers it, and puts it in the search box', async () => {
    const pad = page.getByTestId('handwriting-canvas');
    const box = await pad.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(360);
    expect(box?.height).toBeGreaterThanOrEqual(360);

    await drawStroke(page, pad, [0.25, 0.22], [0.75, 0.22]);
    await expect.poll(() => candidates(page)).not.toEqual([]);
    const afterOne = await candidates(page);
    await drawStroke(page, pad, [0.5, 0.22], [0.5, 0.78]);
    await drawStroke(page, pad, [0.15, 0.78], [0.85, 0.78]);
    expect(await page.getByTestId('handwriting-pad').getAttribute('data-strokes')).toBe('3');
    // Candidates follow every stroke.
    await expect.poll(() => candidates(page)).toContain('工');
    expect(await candidates(page)).not.toEqual(afterOne);

    await expectReadableAndPressable(page, { minTargets: 10 });
    await saveScreenshot(page, SPEC, 'small-gong');

    await page.getByTestId('handwriting-candidate').filter({ hasText: '工' }).first().click();
    expect(await page.getByTestId('search-input').inputValue()).toBe('工');
    // The pad is clear for the next character.
    expect(await page.getByTestId('handwriting-pad').getAttribute('data-strokes')).toBe('0');
    expect(await candidates(page)).toEqual([]);
  });

  it('退一笔 takes back the last stroke and 重写 clears the pad', async () => {
    const pad = page.getByTestId('handwriting-canvas');
    const strokes = (): Promise<string | null> => page.getByTestId('handwriting-pad').getAttribute('data-strokes');
    await drawStroke(page, pad, [0.2, 0.5], [0.8, 0.5]);
    await drawStroke(page, pad, [0.5, 0.15], [0.5, 0.85]);
    expect(await strokes()).toBe('2');
    await page.getByRole('button', { name: zhCN['handwriting.undo'], exact: true }).click();
    expect(await strokes()).toBe('1');
    await expect.poll(() => candidates(page)).toContain('一');
    await page.getByRole('button', { name: zhCN['handwriting.clear'], exact: true }).click();
    expect(await strokes()).toBe('0');
    expect(await candidates(page)).toEqual([]);
    // Back to 拼音: the keys return and the typed character stays.
    await keyboard(page).locator('[data-key="mode-letters"]').click();
    expect(await keyboard(page).getAttribute('data-mode')).toBe('letters');
    expect(await page.getByTestId('search-input').inputValue()).toBe('工');
  });

  it('stays readable and pressable in 大字模式', async () => {
    await page.getByTestId('large-text-toggle').click();
    await expect.poll(() => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBeGreaterThanOrEqual(32);
    const showKeyboard = page.getByTestId('show-keyboard');
    if (await showKeyboard.isVisible()) await showKeyboard.click();
    if ((await keyboard(page).getAttribute('data-mode')) !== 'handwriting') await keyboard(page).locator('[data-key="mode-handwriting"]').click();
    const pad = page.getByTestId('handwriting-canvas');
    await drawStroke(page, pad, [0.15, 0.45], [0.85, 0.45]);
    await drawStroke(page, pad, [0.5, 0.1], [0.5, 0.9]);
    await expect.poll(() => candidates(page)).toContain('十');
    await expectReadableAndPressable(page, { minTargets: 10, minTextPx: 32 });
    await saveScreenshot(page, SPEC, 'small-large-text');
    await page.getByTestId('large-text-toggle').click();
  });

  it('stayed on the machine', () => {
    expectStayedOnTheMachine(kiosk);
  });
});
