/**
 * The resident's screens on the three screens kiosks really have — 1080 × 1920 (the floor-standing
 * portrait kiosk), 1920 × 1080 and 1280 × 800 — in 中文 and English, normal and 大字模式. Every
 * procedure the host serves is walked to an outcome through the screens (the paths come from the
 * procedure engine's own enumeration, so new procedures are walked without touching this file):
 *
 * - at 1080 × 1920, Chinese, normal text: one path to every outcome of every procedure;
 * - in the other eleven combinations: two outcomes each, rotating through the procedures.
 *
 * On every screen: exactly one 返回 (and no 返回上一步), nothing sticking out of the window or cut,
 * axe-core clean, targets ≥ 60 px, text at least the mode's size; a screenshot for a person in
 * test/artifacts/screenshots/floor-<size>-<lang>-<text>-….png. On the way: 第 n 步 only ever goes up and
 * its bar never goes back; every single-choice and yes/no question moves on after one tap, showing
 * the tapped answer as chosen first; at step 1, 返回 goes back to the list. At the outcome (normal text,
 * 1080 × 1920 and 1920 × 1080): the result, 要准备的材料, 去哪里办 and 打印 are all on the first screen,
 * and each folded section opens with one tap.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import type { ProcedureBundle } from '../../electron/common/contract/procedures-api';
import { enumeratePaths, type AnswerValue, type ProcedurePath } from '../../kiosk-content/src/procedures/common';
import { localToday } from '../../renderer/src/features/guides/procedure-view';
import { en } from '../../renderer/src/i18n/en';
import { zhCN, type Dictionary } from '../../renderer/src/i18n/zh-cn';
import { collectCutOff } from './support/audit';
import { saveScreenshot, viewports, waitForFonts, waitForHome, type ViewportName } from './support/browser';
import { callHost, expectReadableAndPressable, expectStayedOnTheMachine, MIN_TEXT_PX, useBrowser, useKioskPage } from './support/kiosk-suite';
import { collectShownTexts, leftoverMessages } from './support/language-audit';

const baseUrl = inject('kioskBaseUrl');
const browser = useBrowser();
/** 大字模式 text is at least this size (34 px body; nothing below 32). */
const LARGE_TEXT_PX = 32;

interface Walk {
  procedureId: string;
  bundle: ProcedureBundle;
  path: ProcedurePath;
}

// Every procedure the host serves, and one path to each of its outcomes (the engine's enumeration
// under this terminal's configuration and today's date, as the screens will run it).
const list = await callHost<{ id: string }[]>(baseUrl, 'procedures.list');
const walksByProcedure: Walk[][] = [];
for (const { id } of list) {
  const bundle = await callHost<ProcedureBundle | null>(baseUrl, 'procedures.get', { id });
  if (!bundle) throw new Error(`procedures.list names ${id}, procedures.get does not serve it`);
  const result = enumeratePaths(bundle.procedure, { contexts: [{ config: bundle.config, today: localToday(new Date()) }] });
  const firstPerOutcome = new Map<string, ProcedurePath>();
  for (const path of result.paths) if (!firstPerOutcome.has(path.outcomeId)) firstPerOutcome.set(path.outcomeId, path);
  walksByProcedure.push([...firstPerOutcome.values()].map((path) => ({ procedureId: id, bundle, path })));
}
const allWalks = walksByProcedure.flat();

interface Mode {
  size: ViewportName;
  lang: 'zh' | 'en';
  large: boolean;
}
const modes: Mode[] = (['portrait', 'large', 'small'] as const).flatMap((size) =>
  [false, true].flatMap((large) => (['zh', 'en'] as const).map((lang) => ({ size, lang, large }))),
);

/** The full walk in the first mode; in mode i of the others, two outcomes from two different procedures. */
function walksFor(index: number): Walk[] {
  if (index === 0) return allWalks;
  const count = walksByProcedure.length;
  return [index % count, (index + Math.ceil(count / 2)) % count].map((p, k) => {
    const walks = walksByProcedure[p] ?? [];
    return walks[(index + k) % walks.length] as Walk;
  });
}

for (const [index, mode] of modes.entries())
  describe(`${mode.size} ${mode.lang} ${mode.large ? 'large' : 'normal'} text`, () => {
    const dict: Dictionary = mode.lang === 'en' ? en : zhCN;
    const other: Dictionary = mode.lang === 'en' ? zhCN : en;
    const name = `floor-${mode.size}-${mode.lang}-${mode.large ? 'large' : 'normal'}`;
    const viewport = viewports[mode.size];
    /** Outcome essentials must be on the first screen here (the 1280 × 800 screen and 大字模式 may scroll). */
    const firstScreenRule = !mode.large && mode.size !== 'small';
    const audited = new Set<string>();
    let page: Page;
    const kiosk = useKioskPage(browser, baseUrl, mode.size, (opened) => (page = opened.page));

    /** The resident's choices, made again after every 首页 (a new session starts in Chinese, normal size). */
    async function chooseDisplay(): Promise<void> {
      const html = page.locator('html');
      if (mode.lang === 'en' && (await html.getAttribute('lang')) !== 'en') await page.getByTestId('language-switch').click();
      if (mode.large && (await page.getByTestId('large-text-toggle').getAttribute('aria-pressed')) !== 'true')
        await page.getByTestId('large-text-toggle').click();
      await expect.poll(() => html.getAttribute('lang')).toBe(mode.lang === 'en' ? 'en' : 'zh-CN');
      await expect.poll(async () => (await html.getAttribute('class')) ?? '').toMatch(mode.large ? /large-text/ : /^(?!.*large-text)/);
    }

    async function startAtHome(): Promise<void> {
      if ((await page.locator('main[data-screen="home"]').count()) === 0) await page.getByTestId('home-button').click();
      await waitForHome(page);
      const bar = page.getByTestId('feedback-close');
      if (await bar.isVisible()) await bar.click();
      await chooseDisplay();
    }

    /** Screenshot, then: nothing cut or sticking out, the interface in one language, and the audit (axe, targets, text size, contrast). */
    async function check(screen: string, minTargets = 1): Promise<void> {
      await waitForFonts(page);
      await saveScreenshot(page, name, screen);
      expect(await collectCutOff(page), `${screen}: cut off or outside the window`).toEqual([]);
      // Content (marked lang="zh-CN": procedure texts, the engine's answers such as 2026年11月6日) is Chinese in every language.
      const shownInterface = (await collectShownTexts(page)).filter((shown) => mode.lang === 'zh' || shown.lang !== 'zh-CN');
      expect.soft(leftoverMessages(shownInterface, dict, other), `${screen}: interface text in the other language`).toEqual([]);
      await expectReadableAndPressable(page, { minTargets, minTextPx: mode.large ? LARGE_TEXT_PX : MIN_TEXT_PX });
    }

    /** Exactly one back control on the screen: the top bar's 返回, and no second 返回上一步. */
    async function expectOneBack(screen: string): Promise<void> {
      expect(await page.getByRole('button', { name: dict['shell.back'], exact: true }).count(), `${screen}: 返回 buttons`).toBe(1);
      expect(await page.getByRole('button', { name: /上一步|previous step/i }).count(), `${screen}: a second back control`).toBe(0);
    }

    /** The element is wholly inside the window as it first shows (main scrolled to the top). */
    async function onFirstScreen(testId: string): Promise<boolean> {
      const box = await page.getByTestId(testId).boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= viewport.height && box.x >= 0 && box.x + box.width <= viewport.width;
    }

    it('home: the doors in the reachable middle, nothing about the machine, the tagline whole and not the admin tap target', async () => {
      await page.reload();
      await startAtHome();
      await check('home', 3);
      const main = await page.locator('main').innerText();
      for (const word of mode.lang === 'en' ? ['Printer', 'card reader', 'library'] : ['打印机', '读卡器', '法律法规库'])
        expect(main, `home mentions ${word}`).not.toContain(word);
      expect(await page.getByTestId('admin-gesture').innerText()).not.toContain(dict['app.tagline']);
      if (mode.size === 'portrait') {
        // A standing person's hand: the doors sit in the middle band, and the screen's height is used.
        const tiles = await page.getByTestId('home-tiles').boundingBox();
        const screen = await page.getByTestId('home-screen').boundingBox();
        const middle = (tiles?.y ?? 0) + (tiles?.height ?? 0) / 2;
        expect(middle / viewport.height).toBeGreaterThan(0.3);
        expect(middle / viewport.height).toBeLessThan(0.7);
        expect(((screen?.y ?? 0) + (screen?.height ?? 0)) / viewport.height).toBeGreaterThanOrEqual(0.95);
      }
    });

    it('search: the 试试这样说 chips wrap inside the window', async () => {
      await page.locator('main button', { hasText: dict['home.search.title'] }).click();
      await page.locator('main[data-screen="search"]').waitFor();
      expect(await page.getByTestId('example-chip').count()).toBeGreaterThan(0);
      await check('search', 5);
    });

    for (const { procedureId, bundle, path } of walksFor(index))
      it(`${procedureId} → ${path.outcomeId}`, async () => {
        const { procedure } = bundle;
        await startAtHome();
        await page.locator('main button', { hasText: dict['home.guides.title'] }).click();
        await page.getByTestId('guides-screen').waitFor();
        if (!audited.has('guides')) {
          audited.add('guides');
          await check('guides', 3);
        }
        const openProcedure = async () => {
          await page.locator(`[data-testid="guide"][data-guide-id="${procedureId}"]`).click();
          await page.getByTestId('procedure-screen').waitFor();
        };
        await openProcedure();

        // At step 1 there is no earlier question: 返回 goes back to the list.
        if (!audited.has(`${procedureId}:first-back`)) {
          audited.add(`${procedureId}:first-back`);
          await expectOneBack('step 1');
          await page.getByTestId('back-button').click();
          await page.getByTestId('guides-screen').waitFor();
          await openProcedure();
        }

        let lastNumber = 0;
        let lastShare = -1;
        for (const { stepId, value } of path.answers) {
          await page.locator(`[data-testid="procedure-screen"][data-step="${stepId}"]`).waitFor();
          const progress = page.getByTestId('progress');
          const number = Number(await progress.getAttribute('data-step-number'));
          const share = Number(await progress.getAttribute('data-share'));
          expect(number, `${stepId}: 第 n 步 goes up`).toBeGreaterThan(lastNumber);
          expect(share, `${stepId}: the bar never goes back`).toBeGreaterThanOrEqual(lastShare);
          expect(await progress.innerText()).toBe(dict['procedure.progress'].replace('{n}', String(number)));
          lastNumber = number;
          lastShare = share;
          await expectOneBack(stepId);
          if (!audited.has(`${procedureId}:${stepId}`)) {
            audited.add(`${procedureId}:${stepId}`);
            await check(`${procedureId}-${stepId}`, 2);
          }
          await answer(page, bundle, stepId, value);
        }

        const summary = page.getByTestId('summary');
        const outcome = page.getByTestId('outcome');
        await summary.or(outcome).first().waitFor();
        if (await summary.isVisible()) {
          await expectOneBack('summary');
          if (!audited.has(`${procedureId}:summary`)) {
            audited.add(`${procedureId}:summary`);
            await check(`${procedureId}-summary`, 3);
          }
          await page.getByTestId('summary-confirm').click();
        }
        await outcome.waitFor();
        expect(await outcome.getAttribute('data-outcome')).toBe(path.outcomeId);
        await expectOneBack('outcome');
        const plan = procedure.outcomes[path.outcomeId];
        // Related answers arrive a moment after the outcome; the screenshot shows them folded in.
        if (plan && plan.related.length > 0) await page.getByTestId('outcome-related').waitFor();
        await check(`${procedureId}-${path.outcomeId}`, 3);

        const essentials = ['outcome-result', ...(plan && plan.materials.length > 0 ? ['outcome-materials'] : []), 'outcome-office', 'print'];
        if (firstScreenRule) {
          const below = [];
          for (const id of essentials) if (!(await onFirstScreen(id))) below.push(id);
          expect(below, 'outcome parts not on the first screen').toEqual([]);
        }

        // Each folded section opens with one tap.
        const folds = page.locator('[data-testid="outcome"] details');
        expect(await folds.count()).toBeGreaterThanOrEqual(2);
        for (const fold of await folds.all()) {
          await fold.locator('summary').click();
          expect(await fold.getAttribute('open')).not.toBeNull();
        }
        if (!audited.has(`${procedureId}:folds-open`)) {
          audited.add(`${procedureId}:folds-open`);
          await check(`${procedureId}-${path.outcomeId}-open`, 4);
        }
      }, 120_000);

    it('stayed on the machine without errors', () => {
      expectStayedOnTheMachine(kiosk);
    });
  });

/**
 * Answers one question as a resident would. Single choice and yes/no: one tap, and the screen
 * moves on by itself (the tapped answer shows as chosen in the meantime).
 */
async function answer(page: Page, bundle: ProcedureBundle, stepId: string, value: AnswerValue): Promise<void> {
  const step = bundle.procedure.steps[stepId];
  if (!step || step.type === 'compute') throw new Error(`${stepId} is not a question`);
  const moved = () => page.waitForFunction((id) => document.querySelector('[data-testid="procedure-screen"]')?.getAttribute('data-step') !== id, stepId);

  switch (step.type) {
    case 'single':
    case 'yesno': {
      const button =
        step.type === 'single'
          ? page.locator(`[data-testid="option"][data-value="${String(value)}"]`)
          : page.getByTestId(value === true ? 'answer-yes' : 'answer-no');
      // What the tapped button shows right after the tap (before the next question replaces it).
      await page.evaluate(() => {
        const w = window as unknown as { fatongTapped?: string | null | undefined };
        w.fatongTapped = undefined;
        document.addEventListener(
          'click',
          (event) => {
            const tapped = event.target instanceof Element ? event.target.closest('button') : null;
            requestAnimationFrame(() => (w.fatongTapped = tapped?.getAttribute('aria-pressed') ?? null));
          },
          { capture: true, once: true },
        );
      });
      await button.click();
      await moved();
      expect(
        await page.evaluate(() => (window as unknown as { fatongTapped?: string | null | undefined }).fatongTapped),
        `${stepId}: the tapped answer shows as chosen`,
      ).toBe('true');
      return;
    }
    case 'multi':
      for (const option of Array.isArray(value) ? value : []) await page.locator(`[data-testid="option"][data-value="${option}"]`).click();
      break;
    case 'number':
      for (const key of String(value)) await page.locator(`[data-testid="keypad"] [data-key="${key}"]`).click();
      break;
    case 'date': {
      const target = typeof value === 'object' && value !== null && 'date' in value ? value.date : '';
      const [year, month, day] = target.split('-').map(Number);
      for (const [field, wanted] of [
        ['year', year],
        ['month', month],
        ['day', day],
      ] as const) {
        const shown = async () => Number(/\d+/.exec(await page.getByTestId(`date-${field}-up`).locator('xpath=..').innerText())?.[0]);
        for (let guard = 0; guard < 400 && (await shown()) !== wanted; guard++)
          await page.getByTestId(`date-${field}-${(await shown()) < (wanted ?? 0) ? 'up' : 'down'}`).click();
      }
      break;
    }
    case 'info':
      break;
    case 'idcard': {
      if (value === null) {
        await page.getByTestId('idcard-skip').click();
        await moved();
        return;
      }
      await page.getByTestId('idcard-manual').click();
      await page.getByTestId('idcard-manual-form').waitFor();
      const fields = typeof value === 'object' && 'fields' in value ? value.fields : {};
      if (fields.name !== undefined) await page.getByTestId('idcard-name').fill('测试人');
      if (fields.region !== undefined) await page.getByTestId('idcard-region').fill('测试省');
      if (fields.gender !== undefined) await page.getByTestId(`idcard-gender-${fields.gender}`).click();
      if (fields.ageBracket !== undefined) await page.getByTestId(`idcard-ageBracket-${fields.ageBracket}`).click();
      break;
    }
  }
  await page.getByTestId('next').click();
  await moved();
}
