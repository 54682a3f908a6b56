/**
 * Issue 2 — the home screen, in real Chromium against the real host (browser mode):
 * what it shows, that an elderly resident can read and press everything on it, that it uses the
 * bundled font, that it never reaches off the machine, and that its two doors lead somewhere and back.
 */
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { SystemInfo } from '../../electron/common/contract/kiosk-api';
import { collectTargets, collectTextElements } from './support/audit';
import { saveScreenshot, waitForFonts, waitForHome, type ViewportName } from './support/browser';
import { platformFontsFor } from './support/fonts';
import {
  callHost,
  expectReadableAndPressable,
  expectStayedOnTheMachine,
  MIN_CONTRAST,
  MIN_TEXT_PX,
  useBrowser,
  useKioskPage,
  withKioskPage,
  type AuditOptions,
} from './support/kiosk-suite';

const SPEC = 'home';
const baseUrl = inject('kioskBaseUrl');
/** The home screen and the screens behind its tiles: 首页, 大字模式 and something to do; plenty of text. */
const homeAudit: AuditOptions = { minTargets: 3, minTexts: 5 };

const call = <T>(method: string): Promise<T> => callHost<T>(baseUrl, method);

const bodyFontSize = (page: Page): Promise<number> => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));

/** Switches 大字模式 on or off with the top-bar button, and waits until the text has changed size. */
async function setLargeText(page: Page, on: boolean): Promise<void> {
  const toggle = page.getByTestId('large-text-toggle');
  if ((await toggle.getAttribute('aria-pressed')) !== String(on)) {
    const before = await bodyFontSize(page);
    await toggle.click();
    await expect.poll(() => bodyFontSize(page)).not.toBe(before);
  }
  await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe(String(on));
  await waitForFonts(page);
}

const browser = useBrowser();

describe.each<ViewportName>(['small', 'large'])('home screen at the %s kiosk size', (size) => {
  let page: Page;
  const kiosk = useKioskPage(browser, baseUrl, size, (opened) => (page = opened.page));
  afterEach(async () => {
    // Every test leaves the page as a resident would find it: home, normal text.
    await setLargeText(page, false);
    await page.getByTestId('home-button').click();
    await waitForHome(page);
  });

  it('shows the name, the two big tiles and the 12348 hotline; nothing about the machine (devices, library)', async () => {
    const info = await call<SystemInfo>('system.getInfo');
    const header = page.locator('header').first();
    await expect.poll(() => header.innerText()).toContain('法通');

    const tiles = page.locator('main button', { hasText: /找法律 · 问问题|办事指南/ });
    await expect.poll(() => tiles.count()).toBe(2);
    expect(await tiles.nth(0).innerText()).toContain('找法律 · 问问题');
    expect(await tiles.nth(1).innerText()).toContain('办事指南');
    // Big: each tile is a substantial part of the screen, not a link-sized button.
    for (const tile of await tiles.all()) {
      const box = await tile.boundingBox();
      expect(box?.height).toBeGreaterThanOrEqual(200);
      expect(box?.width).toBeGreaterThanOrEqual(400);
    }

    expect(info.hotlines.map((h) => h.phone)).toContain('12348');
    const main = await page.locator('main').innerText();
    expect(main).toContain('12348');
    expect(main).toContain('全国公共法律服务热线');

    // The technician's information lives on the admin screen (admin.spec checks it there).
    expect(await page.getByTestId('device-status').count()).toBe(0);
    expect(await page.getByTestId('content-notice').count()).toBe(0);
    for (const word of ['打印机', '读卡器', '本机设备', '本机资料', '法律法规库', '未设置']) expect(main, `home mentions ${word}`).not.toContain(word);

    await saveScreenshot(page, SPEC, `${size}-normal`);
  });

  it('keeps every target at least 60 × 60 px, text at least 18 pt and contrast at least 4.5:1', async () => {
    expect(await bodyFontSize(page)).toBeGreaterThanOrEqual(MIN_TEXT_PX);
    await expectReadableAndPressable(page, homeAudit);
  });

  it('makes every text larger in 大字模式, and still readable and pressable', async () => {
    const before = await collectTextElements(page);
    const normalBody = await bodyFontSize(page);

    await setLargeText(page, true);
    expect(await page.getByTestId('large-text-toggle').getAttribute('aria-pressed')).toBe('true');
    const largeBody = await bodyFontSize(page);
    expect(largeBody).toBeGreaterThan(normalBody);
    // 大字模式 is at least 1.4× the normal size.
    expect(largeBody).toBeGreaterThanOrEqual(normalBody * 1.4);

    const after = new Map((await collectTextElements(page)).map((t) => [t.path, t.fontSizePx]));
    const notLarger = before.filter((t) => !((after.get(t.path) ?? 0) > t.fontSizePx)).map((t) => t.where);
    expect(notLarger, 'texts that did not grow in 大字模式').toEqual([]);
    // Every text at least 1.4× (half a pixel of rounding allowed).
    const notEnough = before
      .filter((t) => (after.get(t.path) ?? 0) < t.fontSizePx * 1.4 - 0.5)
      .map((t) => `${t.where}: ${t.fontSizePx} → ${after.get(t.path)} px`);
    expect(notEnough, 'texts that grew less than 1.4× in 大字模式').toEqual([]);
    await expectReadableAndPressable(page, { ...homeAudit, minTextPx: largeBody });
    await saveScreenshot(page, SPEC, `${size}-large-text`);

    await setLargeText(page, false);
    expect(await bodyFontSize(page)).toBe(normalBody);
  });

  it('opens a screen from each tile; 首页 returns home and 返回 goes back', async () => {
    const main = page.locator('main');
    const back = page.getByRole('button', { name: '返回', exact: true });
    for (const [title, screen] of [
      ['找法律 · 问问题', 'search'],
      ['办事指南', 'guides'],
    ] as const) {
      await expect.poll(() => back.count(), { message: 'no 返回 on the home screen' }).toBe(0);
      await page.locator('main button', { hasText: title }).click();
      await main.and(page.locator(`[data-screen="${screen}"]`)).waitFor();
      await expect.poll(() => main.innerText()).toContain(title);
      await waitForFonts(page);
      // The screen behind a tile must meet the same rules as home.
      await expectReadableAndPressable(page, homeAudit);
      await saveScreenshot(page, SPEC, `${size}-${screen}`);

      await back.click();
      await waitForHome(page);
      await expect.poll(() => back.count()).toBe(0);

      await page.locator('main button', { hasText: title }).click();
      await main.and(page.locator(`[data-screen="${screen}"]`)).waitFor();
      await page.getByTestId('home-button').click();
      await waitForHome(page);
      expect(await main.innerText()).toContain('您好，请问需要什么帮助？');
    }
  });

  it('stays on the machine: no console errors, no request to any host but loopback', async () => {
    // This page has been through every test above: loaded, large text, both tiles, back and home.
    await page.reload();
    await waitForHome(page);
    expectStayedOnTheMachine(kiosk);
  });
});

describe('the bundled Noto Sans SC font', () => {
  it('draws every text on the home screen, Chinese and digits, in it: no system font, no tofu', async () => {
    await withKioskPage(browser(), baseUrl, 'small', async (kiosk) => {
      const { page } = kiosk;
      // All visible text, Chinese or not: digits such as 12348 must not drop to a system font either.
      const uses = await platformFontsFor(page, 'body *', '\\S');
      expect(uses.length).toBeGreaterThan(8);
      const texts = uses.map((u) => u.text);
      expect(texts).toContain('法通');
      expect(texts.some((t) => t.includes('找法律'))).toBe(true);
      expect(texts).toContain('12348');

      // The family name comes from the font file's name table; Fontsource's slices say "Noto Sans SC Thin"
      // (the variable font's default instance) whatever weight they carry.
      const isBundled = (f: { familyName: string; isCustomFont: boolean }): boolean => /^Noto Sans SC\b/.test(f.familyName) && f.isCustomFont;
      const wrong = uses.filter((u) => u.fonts.some((f) => !isBundled(f)));
      expect(
        wrong.map((u) => `"${u.text}": ${u.fonts.map((f) => `${f.familyName}${f.isCustomFont ? ' (web font)' : ' (system)'}`).join(', ')}`),
        'text drawn with something other than the bundled Noto Sans SC',
      ).toEqual([]);
      // Every character was drawn (glyphs counted), so none is missing.
      for (const use of uses) {
        const glyphs = use.fonts.reduce((sum, f) => sum + f.glyphCount, 0);
        expect(glyphs, `glyphs drawn for "${use.text}"`).toBeGreaterThanOrEqual([...use.text.replace(/\s/g, '')].length);
      }

      // Both bundled weights are used, so bold text is the real bold face, not a smeared regular.
      const faces = uses.map((u) => ({ text: u.text, bold: u.fontWeight >= 600, names: u.fonts.map((f) => f.postScriptName ?? '') }));
      expect(faces.some((f) => f.bold)).toBe(true);
      expect(faces.some((f) => !f.bold)).toBe(true);
      const wrongFace = faces.filter((f) => f.names.some((name) => /bold/i.test(name) !== f.bold));
      expect(wrongFace, 'text drawn in the wrong weight of Noto Sans SC').toEqual([]);

      // Control: the same words in the system's sans-serif come out in a system font, so the
      // probe does tell the two apart (this machine has WenQuanYi Micro Hei installed).
      await page.evaluate(() => {
        const probe = document.createElement('p');
        probe.id = 'e2e-system-font-control';
        probe.lang = 'zh-CN';
        probe.style.fontFamily = 'sans-serif';
        probe.textContent = '法通自助法律服务';
        document.body.append(probe);
      });
      const [control] = await platformFontsFor(page, '#e2e-system-font-control');
      expect(control?.fonts.length).toBeGreaterThan(0);
      expect(control?.fonts.every((f) => !f.isCustomFont && !/Noto/.test(f.familyName))).toBe(true);

      expectStayedOnTheMachine(kiosk);
    });
  });
});

describe('the measurements themselves', () => {
  // Controls, so a pass above means something: the same collectors flag a planted defect of each kind.
  it('flag a small button, small text and faint text planted on the page', async () => {
    await withKioskPage(browser(), baseUrl, 'small', async (kiosk) => {
      const { page } = kiosk;
      await page.evaluate(() => {
        const box = document.createElement('div');
        box.id = 'e2e-planted';
        box.style.cssText = 'position:fixed;left:0;top:0;background:rgba(255,255,255,0.5)';
        box.innerHTML =
          '<button style="width:40px;height:40px;padding:0;font-size:24px">x</button>' +
          '<p style="font-size:14px;color:#1b2430">小字</p>' +
          '<p style="color:#aaaaaa;background:#ffffff">浅色字</p>' +
          '<div style="background:#0b3a63"><span style="color:rgba(255,255,255,0.3)">半透明</span></div>';
        document.body.append(box);
      });
      const targets = await collectTargets(page);
      expect(targets.find((t) => t.where.includes('"x"'))).toMatchObject({ width: 40, height: 40 });
      const texts = await collectTextElements(page);
      expect(texts.find((t) => t.text === '小字')?.fontSizePx).toBe(14);
      // #aaa on white is 2.32:1.
      expect(texts.find((t) => t.text === '浅色字')?.contrast).toBeCloseTo(2.32, 1);
      // 30 % white over the bar colour: low contrast, computed through the alpha.
      expect(texts.find((t) => t.text === '半透明')?.contrast).toBeLessThan(MIN_CONTRAST);
      // The bar's white on dark blue is well above the minimum: the walk up reaches the bar's background.
      const brand = texts.find((t) => t.text === '法通');
      expect(brand?.background).toBe('rgb(11, 58, 99)');
      expect(brand?.contrast).toBeGreaterThan(7);
    });
  });
});

describe('the renderer bundle the kiosk serves', () => {
  it('is a production build: no React development runtime, no source paths of the build machine', async () => {
    const html = await (await fetch(baseUrl)).text();
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => new URL(m[1] ?? '', baseUrl).href);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      const code = await (await fetch(src)).text();
      expect(code).not.toContain('jsxDEV');
      expect(code).not.toContain(process.cwd());
    }
  });
});
