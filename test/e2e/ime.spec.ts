/**
 * The on-screen keyboard's pinyin input in real Chromium against the real host, on the upright
 * 1080 × 1920 kiosk: letters tapped on the kiosk's own keys wait above the keys, the candidate bar
 * offers words and phrases, a tap puts one into the search box; 空格, 删除, paging, letters with no
 * syllable, the 40-letter cap, the physical keyboard beside it; and 模糊音 on a terminal
 * provisioned in Sichuan (region 510104 → on by default).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MAX_COMPOSITION_LETTERS } from '../../electron/common/ime/pinyin-engine';
import type { RunningWebKiosk } from '../../electron/node/host/start-web-kiosk';
import { zhCN } from '../../renderer/src/i18n/zh-cn';
import { provisionTestTerminal } from '../integration/support/admin-session';
import { openKioskPage, saveScreenshot, waitForFonts, type KioskPage } from './support/browser';
import { expectReadableAndPressable, expectStayedOnTheMachine, useBrowser, useKioskPage } from './support/kiosk-suite';
import { startSpecKiosk } from './support/spec-kiosk';

const SPEC = 'ime';
const baseUrl = inject('kioskBaseUrl');

const keyboard = (page: Page): Locator => page.getByTestId('on-screen-keyboard');
const inputValue = (page: Page): Promise<string> => page.getByTestId('search-input').inputValue();
const composition = (page: Page): Promise<string> => page.getByTestId('ime-composition').evaluate((el) => el.firstChild?.textContent ?? '');
const candidates = (page: Page): Promise<string[]> => page.getByTestId('ime-candidate').allInnerTexts();

/** Taps keys on the on-screen keyboard, one tap per key, as a resident would. */
async function tapKeys(page: Page, keys: string[]): Promise<void> {
  for (const key of keys) await keyboard(page).locator(`[data-key="${key}"]`).click();
}
const tapLetters = (page: Page, letters: string): Promise<void> => tapKeys(page, [...letters]);

async function openSearch(page: Page): Promise<void> {
  await page.locator('main button', { hasText: zhCN['home.search.title'] }).click();
  await page.locator('main[data-screen="search"]').waitFor();
  await waitForFonts(page);
}

/** The first five candidates once the bar shows candidates for what was typed. */
async function firstFive(page: Page): Promise<string[]> {
  await page.getByTestId('ime-candidate').first().waitFor();
  return (await candidates(page)).slice(0, 5).map((c) => c.trim());
}

const browser = useBrowser();

describe('pinyin on the kiosk keys at 1080 × 1920', () => {
  let page: Page;
  const kiosk = useKioskPage(browser, baseUrl, 'portrait', (opened) => (page = opened.page));

  it('fetches the dictionary from the kiosk itself and shows the hint before anything is typed', async () => {
    const requests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('generated/ime/')) requests.push(request.url());
    });
    await openSearch(page);
    expect(await keyboard(page).getAttribute('data-mode')).toBe('letters');
    await expect.poll(() => requests.length).toBe(1);
    expect(new URL(requests[0] ?? '').origin).toBe(new URL(baseUrl).origin);
    expect(await composition(page)).toBe('');
  });

  it.each([
    ['gongzi', '工资'],
    ['lihun', '离婚'],
    ['jiekuan', '借款'],
    ['laodonghetong', '劳动合同'],
    ['peichang', '赔偿'],
    ['shanyangfei', '赡养费'],
    ['fangdong', '房东'],
    ['yajin', '押金'],
  ])('%s offers %s among the first five; tapping it puts it in the search box', async (letters, word) => {
    await tapKeys(page, ['clear']);
    await tapLetters(page, letters);
    // The letters wait above the keys, not in the box.
    expect(await composition(page)).toBe(letters);
    expect(await inputValue(page)).toBe('');
    const shown = await firstFive(page);
    expect(shown).toContain(word);
    await page
      .getByTestId('ime-candidate')
      .filter({ hasText: new RegExp(`^${word}$`) })
      .first()
      .click();
    expect(await inputValue(page)).toBe(word);
    expect(await composition(page)).toBe('');
  });

  it('commits 老板拖欠工资 from laobantuoqiangongzi in at most two taps', async () => {
    await tapKeys(page, ['clear']);
    await tapLetters(page, 'laobantuoqiangongzi');
    const target = '老板拖欠工资';
    let taps = 0;
    while ((await inputValue(page)) !== target && taps < 2) {
      // Tap the whole phrase if offered, else the longest offered word that continues it.
      const missing = target.slice((await inputValue(page)).length);
      const pick = (await firstFive(page)).filter((c) => missing.startsWith(c)).sort((a, b) => b.length - a.length)[0];
      if (pick === undefined) break;
      await page
        .getByTestId('ime-candidate')
        .filter({ hasText: new RegExp(`^${pick}$`) })
        .first()
        .click();
      taps += 1;
    }
    expect(await inputValue(page)).toBe('老板拖欠工资');
    expect(taps).toBeLessThanOrEqual(2);
    await saveScreenshot(page, SPEC, 'portrait-phrase');
  });

  it('a word tapped from a phrase keeps the rest of the letters; 空格 commits the first candidate', async () => {
    await tapKeys(page, ['clear']);
    await tapLetters(page, 'laobantuoqiangongzi');
    await firstFive(page);
    await page
      .getByTestId('ime-candidate')
      .filter({ hasText: /^老板$/ })
      .first()
      .click();
    expect(await inputValue(page)).toBe('老板');
    expect(await composition(page)).toBe('tuoqiangongzi');
    expect((await firstFive(page))[0]).toBe('拖欠工资');
    await tapKeys(page, ['space']);
    expect(await inputValue(page)).toBe('老板拖欠工资');
    expect(await composition(page)).toBe('');
  });

  it('删除 edits the letters first, then the box; initials and mixed forms find 劳动合同', async () => {
    await tapKeys(page, ['clear']);
    await tapLetters(page, 'ldhtx');
    await tapKeys(page, ['backspace']);
    expect(await composition(page)).toBe('ldht');
    expect((await firstFive(page))[0]).toBe('劳动合同');
    await tapKeys(page, ['space']);
    expect(await inputValue(page)).toBe('劳动合同');
    await tapLetters(page, 'laodht');
    expect((await firstFive(page))[0]).toBe('劳动合同');
    await tapKeys(page, ['backspace', 'backspace', 'backspace', 'backspace', 'backspace', 'backspace']);
    expect(await composition(page)).toBe('');
    expect(await inputValue(page)).toBe('劳动合同');
    await tapKeys(page, ['backspace']);
    expect(await inputValue(page)).toBe('劳动合');
  });

  it('pages through the candidates with 下一页 and 上一页, each at least 60 px', async () => {
    await tapKeys(page, ['clear']);
    await tapLetters(page, 'shi');
    const first = await firstFive(page);
    const previous = page.getByTestId('ime-previous');
    const next = page.getByTestId('ime-next');
    expect(await previous.isDisabled()).toBe(true);
    for (const button of [previous, next, page.getByTestId('ime-candidate').first()]) {
      const box = await button.boundingBox();
      expect(box?.width).toBeGreaterThanOrEqual(60);
      expect(box?.height).toBeGreaterThanOrEqual(60);
    }
    await next.click();
    const second = await firstFive(page);
    expect(second).not.toEqual(first);
    await previous.click();
    expect(await firstFive(page)).toEqual(first);
    await expectReadableAndPressable(page, { minTargets: 30 });
    await saveScreenshot(page, SPEC, 'portrait-candidates');
  });

  it('offers nothing for letters with no syllable and keeps them; caps the letters with a plain message', async () => {
    await tapKeys(page, ['clear']);
    await tapLetters(page, 'xqz');
    await page.getByTestId('ime-none').waitFor();
    expect(await candidates(page)).toEqual([]);
    expect(await composition(page)).toBe('xqz');
    await tapKeys(page, ['space']);
    expect(await composition(page)).toBe('xqz');
    expect(await inputValue(page)).toBe('');

    await tapKeys(page, ['clear']);
    await tapLetters(page, 'a'.repeat(MAX_COMPOSITION_LETTERS + 2));
    expect(await composition(page)).toBe('a'.repeat(MAX_COMPOSITION_LETTERS));
    expect(await page.getByTestId('ime-composition').innerText()).toContain(zhCN['ime.tooLong'].replace('{max}', String(MAX_COMPOSITION_LETTERS)));
    await tapKeys(page, ['clear']);
    expect(await composition(page)).toBe('');
  });

  it('搜索 with letters still typed searches their best reading; the physical keyboard types into the box as before', async () => {
    await tapKeys(page, ['clear']);
    await tapLetters(page, 'yajin');
    await firstFive(page);
    await tapKeys(page, ['submit']);
    await page.getByTestId('search-results').waitFor();
    expect(await inputValue(page)).toBe('押金');

    // The 搜索 button beside the box takes the letters still above the keys too.
    await page.getByTestId('show-keyboard').click();
    await tapKeys(page, ['clear']);
    await tapLetters(page, 'fangdong');
    await firstFive(page);
    await page.getByTestId('search-submit').click();
    await page.getByTestId('search-results').waitFor();
    await expect.poll(() => inputValue(page)).toBe('房东');

    await page.getByTestId('show-keyboard').click();
    await page.getByTestId('search-input').fill('');
    await page.getByTestId('search-input').focus();
    await page.keyboard.type('gongzi');
    expect(await inputValue(page)).toBe('gongzi');
    expect(await composition(page)).toBe('');
  });

  it('searches a misspelled term as the known one and offers the typed text back in one tap', async () => {
    const box = page.getByTestId('search-input');
    await box.fill('劳懂合同');
    await page.getByTestId('search-submit').click();
    const corrected = page.getByTestId('corrected');
    await corrected.waitFor();
    expect((await corrected.innerText()).replace(/\s+/g, '')).toBe(
      `${zhCN['search.corrected'].replace('{corrected}', '劳动合同')}${zhCN['search.searchOriginal'].replace('{original}', '劳懂合同')}`,
    );
    expect(await inputValue(page)).toBe('劳动合同');
    expect(await page.getByTestId('qa-hit').count()).toBeGreaterThan(0);
    await expectReadableAndPressable(page, { minTargets: 5 });
    await saveScreenshot(page, SPEC, 'portrait-corrected');

    await page.getByTestId('search-as-typed').click();
    await expect.poll(() => inputValue(page)).toBe('劳懂合同');
    await expect.poll(() => page.getByTestId('corrected').count()).toBe(0);
    await page.getByTestId('search-results').waitFor();
  });

  it('stayed on the machine', () => {
    expectStayedOnTheMachine(kiosk);
  });
});

describe('模糊音 on a terminal provisioned in Sichuan', () => {
  let dataDir: string;
  let own: RunningWebKiosk;
  let opened: KioskPage;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'fatong-e2e-ime-'));
    // 510104: 成都市锦江区. input.fuzzyPinyin is left unset, so the region turns 模糊音 on.
    provisionTestTerminal(dataDir, { region: '510104' });
    own = await startSpecKiosk(dataDir);
    opened = await openKioskPage(browser(), own.url, { viewport: 'portrait' });
  });
  afterAll(async () => {
    await opened?.close();
    await own?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('naodong offers 劳动 (n/l merged), and tapping it fills the box', async () => {
    const page = opened.page;
    await openSearch(page);
    await tapLetters(page, 'naodong');
    const shown = await firstFive(page);
    expect(shown).toContain('劳动');
    await page
      .getByTestId('ime-candidate')
      .filter({ hasText: /^劳动$/ })
      .first()
      .click();
    expect(await inputValue(page)).toBe('劳动');
    await saveScreenshot(page, SPEC, 'portrait-fuzzy');
  });

  it('stayed on the machine', () => {
    expectStayedOnTheMachine(opened);
  });
});

describe('模糊音 off on a terminal without a region', () => {
  let page: Page;
  useKioskPage(browser, baseUrl, 'portrait', (opened) => (page = opened.page));

  it('naodong is read as typed: 劳动 is not offered', async () => {
    await openSearch(page);
    await tapLetters(page, 'naodong');
    expect(await firstFive(page)).not.toContain('劳动');
  });
});
