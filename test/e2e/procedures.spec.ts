/**
 * Issue 4 — 办事指南 in real Chromium against the real host (browser mode): the list, 法律援助申请预审
 * answered by touch (choices, yes/no, the number keypad), the summary with 修改, the outcome with its
 * receipt preview drawn from the host's layout and the printer's real state, 返回 step by step,
 * 首页 wiping the session; every screen readable and pressable at both kiosk sizes; screenshots.
 */
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { DeviceStatus } from '../../electron/common/contract/kiosk-api';
import type { ProcedureBundle } from '../../electron/common/contract/procedures-api';
import type { ReceiptPreview } from '../../electron/common/contract/receipt-api';
import { zhCN } from '../../renderer/src/i18n/zh-cn';
import { saveScreenshot, waitForHome, type ViewportName } from './support/browser';
import { callHost, expectReadableAndPressable, expectStayedOnTheMachine, useBrowser, useKioskPage, withKioskPage } from './support/kiosk-suite';

const SPEC = 'procedures';
const baseUrl = inject('kioskBaseUrl');
const PROCEDURE = 'legal-aid-precheck';

const call = <T>(method: string, input?: unknown): Promise<T> => callHost<T>(baseUrl, method, input);

const procedureScreen = (page: Page): Locator => page.getByTestId('procedure-screen');

/** Waits until the procedure screen shows this question (by step id) and returns its progress text. */
async function atStep(page: Page, stepId: string): Promise<string> {
  await page.locator(`[data-testid="procedure-screen"][data-step="${stepId}"]`).waitFor();
  return (await page.getByTestId('progress').innerText()).trim();
}

async function tapOption(page: Page, value: string): Promise<void> {
  await page.locator(`[data-testid="option"][data-value="${value}"]`).click();
}

async function typeNumber(page: Page, digits: string): Promise<void> {
  await page.locator('[data-testid="keypad"] [data-key="clear"]').click();
  for (const digit of digits) await page.locator(`[data-testid="keypad"] [data-key="${digit}"]`).click();
  expect(await page.getByTestId('number-value').innerText()).toBe(digits);
}

/** The optional ID-card step comes first (test/e2e/idcard.spec.ts covers it); these tests skip it. */
async function skipApplicant(page: Page): Promise<void> {
  expect(await atStep(page, 'applicant')).toMatch(/^第 1 步/);
  await page.getByTestId('idcard-skip').click();
}

async function openLegalAid(page: Page): Promise<void> {
  await page.locator('main button', { hasText: zhCN['home.guides.title'] }).click();
  await page.getByTestId('guides-screen').waitFor();
  await page.locator(`[data-testid="guide"][data-guide-id="${PROCEDURE}"]`).click();
  await procedureScreen(page).waitFor();
}

const browser = useBrowser();
let bundle: ProcedureBundle;
let devices: DeviceStatus;
beforeAll(async () => {
  const got = await call<ProcedureBundle | null>('procedures.get', { id: PROCEDURE });
  if (!got) throw new Error(`${PROCEDURE} is not served by the host`);
  bundle = got;
  devices = await call<DeviceStatus>('devices.getStatus');
});

describe.each<ViewportName>(['small', 'large'])('办事指南 at the %s kiosk size', (size) => {
  let page: Page;
  const kiosk = useKioskPage(browser, baseUrl, size, (opened) => (page = opened.page));

  it('lists every guide the host serves, as large cards', async () => {
    const list = await call<{ id: string; title: string }[]>('procedures.list');
    await page.locator('main button', { hasText: zhCN['home.guides.title'] }).click();
    await page.getByTestId('guides-screen').waitFor();
    expect(await page.locator('main h1').innerText()).toBe(zhCN['home.guides.title']);
    const cards = page.getByTestId('guide');
    await expect.poll(() => cards.count()).toBe(list.length);
    expect((await cards.allInnerTexts()).map((text) => list.some((p) => text.includes(p.title)))).toEqual(list.map(() => true));
    await expectReadableAndPressable(page);
    await saveScreenshot(page, SPEC, `${size}-list`);
  });

  it('answers 法律援助申请预审 by touch, one question per screen with 第 n 步 and a bar', async () => {
    await page.locator(`[data-testid="guide"][data-guide-id="${PROCEDURE}"]`).click();
    await skipApplicant(page);
    expect(await atStep(page, 'matter')).toBe('第 2 步');
    expect(await page.getByTestId('question').innerText()).toBe(
      bundle.procedure.steps.matter && 'title' in bundle.procedure.steps.matter ? bundle.procedure.steps.matter.title : '',
    );
    expect(await page.getByTestId('option').count()).toBe(8);
    await expectReadableAndPressable(page);
    await saveScreenshot(page, SPEC, `${size}-question-single`);

    await tapOption(page, 'wages');
    expect(await atStep(page, 'exemption')).toMatch(/^第 3 步/);
    await tapOption(page, 'none');
    expect(await atStep(page, 'special-group')).toMatch(/^第 4 步/);
    await tapOption(page, 'none');
    expect(await atStep(page, 'migrant')).toMatch(/^第 5 步/);
    expect(await page.getByTestId('answer-yes').innerText()).toBe(zhCN['procedure.yes']);
    await expectReadableAndPressable(page);
    await saveScreenshot(page, SPEC, `${size}-question-yesno`);
    await page.getByTestId('answer-no').click();

    expect(await atStep(page, 'income')).toMatch(/^第 6 步/);
    await typeNumber(page, '3000');
    await expectReadableAndPressable(page);
    await saveScreenshot(page, SPEC, `${size}-question-number`);
    await page.getByTestId('next').click();

    expect(await atStep(page, 'household')).toBe('第 7 步');
    // The last question: the bar shows six of seven steps done (no 共 m 步 that could shrink).
    expect(await page.getByTestId('progress').getAttribute('data-share')).toBe((6 / 7).toFixed(4));
    // Out of range: the engine's plain message, and the question stays.
    await typeNumber(page, '0');
    await page.getByTestId('next').click();
    expect(await page.getByTestId('answer-error').innerText()).toContain('1到20');
    expect(await atStep(page, 'household')).toMatch(/^第 7 步/);
    await typeNumber(page, '2');
    await page.getByTestId('next').click();
    await page.getByTestId('summary').waitFor();
  });

  it('shows the answers to confirm; 修改 goes back to that question with its answer kept', async () => {
    const rows = page.getByTestId('summary-row');
    // Six answers plus the skipped ID-card step (未填写).
    expect(await rows.count()).toBe(7);
    const summaryText = await page.getByTestId('summary').innerText();
    expect(summaryText).toContain('3000');
    await expectReadableAndPressable(page);
    await saveScreenshot(page, SPEC, `${size}-summary`);

    await page.locator('[data-testid="summary-edit"][data-step="income"]').click();
    await atStep(page, 'income');
    expect(await page.getByTestId('number-value').innerText()).toBe('3000');
    await page.getByTestId('next').click();
    await atStep(page, 'household');
    expect(await page.getByTestId('number-value').innerText()).toBe('2');
    await page.getByTestId('next').click();
    await page.getByTestId('summary-confirm').click();
  });

  it('reaches the outcome: conclusion, numbered steps, □ materials, office, basis, the disclaimer', async () => {
    const outcome = page.getByTestId('outcome');
    await outcome.waitFor();
    // No threshold is configured on a fresh terminal: the centre checks the means test.
    const expectedId = bundle.config.legalAidIncomeThreshold === null ? 'centre-checks' : null;
    if (expectedId) expect(await outcome.getAttribute('data-outcome')).toBe(expectedId);
    const id = (await outcome.getAttribute('data-outcome')) ?? '';
    const plan = bundle.procedure.outcomes[id];
    expect(plan).toBeDefined();
    if (!plan) return;
    expect(await page.getByTestId('conclusion').innerText()).toBe(plan.conclusion);
    expect(await page.getByTestId('reasons').innerText()).toContain('本机还没有设置本地的经济困难标准。');
    expect(await page.getByTestId('outcome-steps').locator('li').count()).toBe(plan.steps.length);
    expect(await page.getByTestId('outcome-materials').locator('li').count()).toBe(plan.materials.length);
    const office = await page.getByTestId('outcome-office').innerText();
    expect(office).toContain('法律援助中心');
    // Not provisioned: never an invented address, always the staff.
    expect(office).toContain(zhCN['procedure.outcome.askStaff']);
    const cites = page.getByTestId('outcome-cites');
    expect(await cites.locator('li').count()).toBe(plan.cites.length);
    expect(await page.getByTestId('disclaimer').innerText()).toBe('本页内容仅为一般性指引，不是法律意见。');
    await expect.poll(() => page.getByTestId('outcome-related-qa').count()).toBeGreaterThan(0);
    await expectReadableAndPressable(page);
    await saveScreenshot(page, SPEC, `${size}-outcome`);
  });

  it('打印 shows the receipt preview drawn from the host layout, and says plainly the printer is not set up', async () => {
    await page.getByTestId('print').click();
    const paper = page.getByTestId('receipt-preview');
    await paper.waitFor();
    const state = page.getByTestId('printer-state');
    expect(await state.getAttribute('data-printer')).toBe(devices.printer.state);
    if (devices.printer.state === 'not-configured') expect(await state.innerText()).toBe(zhCN['receipt.printer.notConfigured']);
    expect(await state.innerText()).not.toMatch(/成功|已打印/);

    // Same layout as the host gives for this outcome (the reference differs per preview).
    const id = (await page.getByTestId('outcome').getAttribute('data-outcome')) ?? '';
    const reference = await call<ReceiptPreview>('receipts.previewOutcome', {
      procedureId: PROCEDURE,
      outcomeId: id,
      reasons: ['本机还没有设置本地的经济困难标准。'],
    });
    expect(await paper.getAttribute('data-columns')).toBe(String(reference.layout.columns));
    const drawn = await paper.locator('[data-line]').evaluateAll((els) => els.map((el) => el.getAttribute('data-text') ?? ''));
    const expected = reference.layout.lines.flatMap((l) => (l.kind === 'text' ? [l.text] : []));
    const withoutRef = (lines: string[]) => lines.filter((l) => !l.startsWith('编号：') && !l.startsWith('时间：'));
    expect(withoutRef(drawn)).toEqual(withoutRef(expected));
    // 58 mm = 384 dots, drawn at 1.25 px per dot; a CJK glyph spans two 12-dot cells.
    const box = await paper.boundingBox();
    expect(box?.width).toBe(reference.layout.dots * 1.25);
    const glyphWidth = await paper
      .locator('[data-line] span')
      .filter({ hasText: '法' })
      .first()
      .evaluate((el) => el.getBoundingClientRect().width);
    expect(glyphWidth).toBe(30);
    await expectReadableAndPressable(page);
    await saveScreenshot(page, SPEC, `${size}-receipt-preview`);
    await page.getByTestId('receipt-close').click();
    expect(await paper.count()).toBe(0);
  });

  it('返回 walks back: outcome → summary → last question (answer kept) → …; 重新开始 starts over', async () => {
    await page.getByTestId('back-button').click();
    await page.getByTestId('summary').waitFor();
    await page.getByTestId('back-button').click();
    await atStep(page, 'household');
    expect(await page.getByTestId('number-value').innerText()).toBe('2');
    await page.getByTestId('back-button').click();
    await atStep(page, 'income');
    await page.getByTestId('back-button').click();
    expect(await atStep(page, 'migrant')).toMatch(/^第 5 步/);
    expect(await page.getByTestId('answer-no').getAttribute('aria-pressed')).toBe('true');
    // Forward again to the outcome, then 重新开始.
    await page.getByTestId('answer-no').click();
    await atStep(page, 'income');
    await page.getByTestId('next').click();
    await atStep(page, 'household');
    await page.getByTestId('next').click();
    await page.getByTestId('summary-confirm').click();
    await page.getByTestId('outcome').waitFor();
    await page.getByTestId('restart').click();
    await skipApplicant(page);
  });

  it('a cited Q&A opens and 返回 comes back to the same outcome', async () => {
    await tapOption(page, 'other');
    await atStep(page, 'exemption');
    await tapOption(page, 'none');
    await page.getByTestId('summary-confirm').click();
    const outcome = page.getByTestId('outcome');
    await outcome.waitFor();
    expect(await outcome.getAttribute('data-outcome')).toBe('not-listed');
    await expect.poll(() => page.getByTestId('outcome-related-qa').count()).toBeGreaterThan(0);
    // 相关问答 is folded below the first screen: one tap opens it.
    await page.getByTestId('outcome-related').locator('summary').click();
    await page.getByTestId('outcome-related-qa').first().click();
    await page.getByTestId('qa-screen').waitFor();
    await page.getByRole('button', { name: zhCN['shell.back'], exact: true }).click();
    await outcome.waitFor();
    expect(await outcome.getAttribute('data-outcome')).toBe('not-listed');
  });

  it('首页 ends the session: the guide starts again at question 1', async () => {
    await page.getByTestId('home-button').click();
    await waitForHome(page);
    await openLegalAid(page);
    await skipApplicant(page);
    expect(await atStep(page, 'matter')).toMatch(/^第 2 步/);
    expect(await page.locator('[data-testid="option"][aria-pressed="true"]').count()).toBe(0);
    await page.getByTestId('home-button').click();
    await waitForHome(page);
  });

  it('stayed on the machine without errors', () => {
    expectStayedOnTheMachine(kiosk);
  });
});

describe('search leads to a guide', () => {
  it('a procedure hit opens that procedure', async () => {
    await withKioskPage(browser(), baseUrl, 'small', async (kiosk) => {
      const page = kiosk.page;
      await page.locator('main button', { hasText: zhCN['home.search.title'] }).click();
      await page.getByTestId('search-input').fill('请不起律师');
      await page.getByTestId('search-submit').click();
      await page.getByTestId('search-results').waitFor();
      await page.getByTestId('procedure-hit').filter({ hasText: '法律援助申请预审' }).click();
      expect(await atStep(page, 'applicant')).toMatch(/^第 1 步/);
      expect(kiosk.consoleErrors).toEqual([]);
    });
  });
});
