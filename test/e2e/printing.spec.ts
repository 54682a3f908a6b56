/**
 * Issue 5 — printing from the resident's screen to the (simulated) printer, in real Chromium against
 * a kiosk of its own: the host's printer on one end of a socat pty pair, the printer simulator on
 * the other. Finish a procedure, 打印, and the slip comes off the simulator as the preview showed it;
 * out of paper, the resident reads it plainly, the job waits and prints exactly once when paper is
 * back; a slip stopped mid-way offers 重新打印; the Q&A and the article print too. Every state is
 * audited; screenshots and the simulator's printouts (text + PNG) are kept under test/artifacts/.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcedureBundle } from '../../electron/common/contract/procedures-api';
import type { RunningWebKiosk } from '../../electron/node/host/start-web-kiosk';
import { openContentDb } from '../../kiosk-content/src/library-db/node/open-content-db';
import { importLaws } from '../../kiosk-content/authoring/law-import/import-laws';
import { RECEIPT_FOOTER } from '../../native-adapters/thermal-printer/receipt/receipt-document';
import type { PrinterSimulator, SimulatedJob } from '../../native-adapters/thermal-printer/simulator/printer-simulator';
import { zhCN } from '../../renderer/src/i18n/zh-cn';
import { repoRoot } from '../../scripts/lib/repo-paths';
import { openKioskPage, saveScreenshot, type KioskPage, type ViewportName } from './support/browser';
import { callHost, expectReadableAndPressable, expectStayedOnTheMachine, useBrowser } from './support/kiosk-suite';
import { startSimulatedPrinter, startSpecKiosk, type SimulatedPrinter } from './support/spec-kiosk';

const SPEC = 'printing';
const PROCEDURE = 'legal-aid-precheck';
/** Test data, clearly not a real place. */
const SITE = '测试站点（模拟打印）';
const printoutsDir = path.join(repoRoot, 'test', 'artifacts', 'printing-printouts');

let printer: SimulatedPrinter;
let simulator: PrinterSimulator;
let kiosk: RunningWebKiosk;
let dataDir: string;
let baseUrl = '';
let bundle: ProcedureBundle;

/** Two laws from ../shared, imported at test time (never copied into the repo), so an article can be opened and printed. */
function importTwoLaws(dir: string): void {
  const source = path.resolve(repoRoot, '../shared/data/laws/社会法');
  const staging = mkdtempSync(path.join(tmpdir(), 'fatong-print-laws-'));
  try {
    mkdirSync(path.join(staging, '社会法'));
    for (const file of ['劳动合同法(2012-12-28).md', '劳动法(2018-12-29).md']) copyFileSync(path.join(source, file), path.join(staging, '社会法', file));
    const db = openContentDb(path.join(dir, 'db', 'content.db'));
    try {
      importLaws(db, staging);
    } finally {
      db.close();
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  rmSync(printoutsDir, { recursive: true, force: true });
  printer = await startSimulatedPrinter({ outDir: printoutsDir, png: true });
  simulator = printer.simulator;
  dataDir = mkdtempSync(path.join(tmpdir(), 'fatong-e2e-print-'));
  importTwoLaws(dataDir);
  kiosk = await startSpecKiosk(dataDir, {
    terminalId: 'E2E-PRINT',
    siteName: SITE,
    region: null,
    printer: { port: printer.port, baudRate: 115200, width: 58, flowControl: 'none' },
    idReader: null,
  });
  baseUrl = kiosk.url;
  const got = await callHost<ProcedureBundle | null>(baseUrl, 'procedures.get', { id: PROCEDURE });
  if (!got) throw new Error(`${PROCEDURE} is not served`);
  bundle = got;
});

afterAll(async () => {
  await kiosk?.close();
  await printer?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** 首页 → 办事指南 → 法律援助申请预审, answered by touch up to the outcome. */
async function finishLegalAid(page: Page): Promise<void> {
  await page.locator('main button', { hasText: zhCN['home.guides.title'] }).click();
  await page.locator(`[data-testid="guide"][data-guide-id="${PROCEDURE}"]`).click();
  // A tapped answer shows as chosen for a moment before the next question comes: wait for each question.
  const tap = async (step: string, value: string) => {
    await page.locator(`[data-testid="procedure-screen"][data-step="${step}"]`).waitFor();
    await page.locator(`[data-testid="option"][data-value="${value}"]`).click();
  };
  const typeNumber = async (digits: string) => {
    await page.locator('[data-testid="keypad"] [data-key="clear"]').click();
    for (const digit of digits) await page.locator(`[data-testid="keypad"] [data-key="${digit}"]`).click();
  };
  // The optional ID-card step comes first (idcard.spec.ts covers it).
  await page.getByTestId('idcard-skip').click();
  await tap('matter', 'wages');
  await tap('exemption', 'none');
  await tap('special-group', 'none');
  await page.locator('[data-testid="procedure-screen"][data-step="migrant"]').waitFor();
  await page.getByTestId('answer-no').click();
  await page.locator('[data-testid="procedure-screen"][data-step="income"]').waitFor();
  await typeNumber('3000');
  await page.getByTestId('next').click();
  await page.locator('[data-testid="procedure-screen"][data-step="household"]').waitFor();
  await typeNumber('2');
  await page.getByTestId('next').click();
  await page.getByTestId('summary-confirm').click();
  await page.getByTestId('outcome').waitFor();
}

const printerState = (page: Page): Locator => page.getByTestId('printer-state');
const jobBox = (page: Page): Locator => page.getByTestId('print-job');

async function phaseIs(page: Page, phase: string): Promise<void> {
  await page.locator(`[data-testid="print-job"][data-phase="${phase}"]`).waitFor();
}

/** The preview's lines as drawn on screen, trimmed (indentation is drawn by position). */
async function drawnLines(page: Page): Promise<string[]> {
  return (
    await page
      .getByTestId('receipt-preview')
      .locator('[data-line]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-text') ?? ''))
  ).map((l) => l.trim());
}

const flowing = (job: SimulatedJob): string => job.text.join('').replace(/\s/g, '');

const browser = useBrowser();

/** A kiosk page of this spec's own kiosk (its URL is known only once beforeAll started it). */
function useOwnKioskPage(size: ViewportName): () => KioskPage {
  let opened: KioskPage | undefined;
  beforeAll(async () => {
    opened = await openKioskPage(browser(), baseUrl, { viewport: size });
  });
  afterAll(async () => {
    await opened?.close();
  });
  return () => {
    if (!opened) throw new Error('the page is opened in beforeAll');
    return opened;
  };
}

describe('打印 an outcome (small kiosk)', () => {
  const kioskPage = useOwnKioskPage('small');
  let page: Page;
  beforeAll(() => {
    page = kioskPage().page;
  });

  it('shows the preview with the printer ready and a large 打印这张纸条 button', async () => {
    await finishLegalAid(page);
    await page.getByTestId('print').click();
    await page.getByTestId('receipt-preview').waitFor();
    await page.locator('[data-testid="printer-state"][data-printer="ready"]').waitFor();
    expect(await printerState(page).innerText()).toBe(zhCN['receipt.printer.ready']);
    expect(await page.getByTestId('receipt-print').innerText()).toBe(zhCN['receipt.print']);
    await expectReadableAndPressable(page, { minTargets: 3 });
    await saveScreenshot(page, SPEC, 'small-outcome-preview');
  });

  it('prints: the simulator receives exactly the previewed slip — title, steps, site, reference, general-guidance line', async () => {
    const before = simulator.jobs.length;
    const drawn = await drawnLines(page);
    await page.getByTestId('receipt-print').click();
    await phaseIs(page, 'done');
    expect(await jobBox(page).innerText()).toContain(zhCN['receipt.job.done']);
    await until(() => simulator.jobs.length - before === 1);
    const printed = simulator.jobs.at(-1) as SimulatedJob;
    expect(printed.warnings).toEqual([]);
    // Line for line what the screen drew (the same reference and time: the previewed slip itself).
    expect(printed.text.map((l) => l.trim())).toEqual(drawn);
    const plan = bundle.procedure.outcomes[(await page.getByTestId('outcome').getAttribute('data-outcome')) ?? ''];
    if (!plan) throw new Error('unknown outcome');
    const paper = flowing(printed);
    expect(paper).toContain('法律援助申请预审');
    expect(paper).toContain(SITE);
    plan.steps.forEach((step, index) => expect(paper).toContain(`${index + 1}.${step.replace(/\s/g, '')}`));
    expect(paper).toContain(plan.conclusion.replace(/\s/g, ''));
    // Not provisioned with an office: never an invented address on paper either.
    expect(paper).toContain('地址：请咨询现场工作人员');
    expect(paper).toContain(RECEIPT_FOOTER);
    const reference = /编号：([A-Z2-9]{6})/.exec(await jobBox(page).innerText())?.[1];
    expect(reference).toBeDefined();
    expect(paper).toContain(reference);
    await pause(1200);
    expect(simulator.jobs.length - before).toBe(1);
    await expectReadableAndPressable(page, { minTargets: 2 });
    await saveScreenshot(page, SPEC, 'small-outcome-printed');
    expectStayedOnTheMachine(kioskPage());
  });
});

describe('out of paper (large kiosk)', () => {
  const kioskPage = useOwnKioskPage('large');
  let page: Page;
  beforeAll(() => {
    page = kioskPage().page;
  });

  it('says 打印机缺纸 plainly; the job waits with 取消, and the kiosk keeps working', async () => {
    simulator.runOutOfPaper();
    await finishLegalAid(page);
    await page.getByTestId('print').click();
    await page.locator('[data-testid="printer-state"][data-printer="paper-out"]').waitFor();
    const message = await printerState(page).innerText();
    expect(message).toContain('打印机缺纸，可以用手机拍照保存');
    expect(message).toContain(zhCN['receipt.keepsWorking']);
    await expectReadableAndPressable(page, { minTargets: 3 });
    await saveScreenshot(page, SPEC, 'large-paper-out');

    const before = simulator.jobs.length;
    await page.getByTestId('receipt-print').click();
    await phaseIs(page, 'waiting');
    expect(await jobBox(page).innerText()).toContain('等纸装好后会自动打印');
    expect(await page.getByTestId('print-cancel').isVisible()).toBe(true);
    await expectReadableAndPressable(page, { minTargets: 3 });
    await saveScreenshot(page, SPEC, 'large-paper-out-waiting');
    await pause(1500); // more than one status poll: nothing of the job may leave while there is no paper
    expect(simulator.jobs.length).toBe(before);
    expect(simulator.state.buffered).toBe(0);

    // The kiosk keeps working: the outcome below the panel is still there and answers to a tap.
    await page.getByTestId('outcome-steps-fold').locator('summary').click();
    expect(await page.getByTestId('outcome-steps').isVisible()).toBe(true);

    simulator.loadPaper();
    await phaseIs(page, 'done');
    await page.locator('[data-testid="printer-state"][data-printer="ready"]').waitFor();
    await pause(1500);
    expect(simulator.jobs.length - before).toBe(1);
    expect(flowing(simulator.jobs.at(-1) as SimulatedJob)).toContain(RECEIPT_FOOTER);
    await saveScreenshot(page, SPEC, 'large-paper-back-printed');
  });

  it('a slip stopped mid-way by the paper finishes once paper is loaded, then offers 重新打印 (never on its own)', async () => {
    await page.getByTestId('receipt-close').click();
    await page.getByTestId('print').click();
    await page.locator('[data-testid="printer-state"][data-printer="ready"]').waitFor();
    simulator.runOutOfPaper(4);
    const before = simulator.jobs.length;
    await page.getByTestId('receipt-print').click();
    await phaseIs(page, 'stopped');
    expect(await page.getByTestId('print-cancel').count()).toBe(0);
    await expectReadableAndPressable(page, { minTargets: 2 });
    await saveScreenshot(page, SPEC, 'large-stopped-mid-job');
    simulator.loadPaper();
    await phaseIs(page, 'resumed');
    await until(() => simulator.jobs.length - before === 1);
    await pause(1500);
    expect(simulator.jobs.length - before).toBe(1);
    expect(await page.getByTestId('print-again').innerText()).toBe(zhCN['receipt.reprint']);
    await expectReadableAndPressable(page, { minTargets: 3 });
    await saveScreenshot(page, SPEC, 'large-reprint-offered');
    await page.getByTestId('print-again').click();
    await phaseIs(page, 'done');
    await until(() => simulator.jobs.length - before === 2);
    expect(flowing(simulator.jobs.at(-1) as SimulatedJob)).toContain(RECEIPT_FOOTER);
    expectStayedOnTheMachine(kioskPage());
  });
});

describe('打印 a Q&A answer and a law article (small kiosk)', () => {
  const kioskPage = useOwnKioskPage('small');
  let page: Page;
  beforeAll(() => {
    page = kioskPage().page;
  });

  it('prints the answer the resident reads, from its own preview', async () => {
    const result = await callHost<{ qa: { id: string }[] }>(baseUrl, 'search.query', { text: '老板不发工资怎么办' });
    const id = result.qa[0]?.id ?? '';
    const qa = await callHost<{ question: string; answer: string[] }>(baseUrl, 'qa.get', { id });
    // Open it the way a resident does: search, then the first answer.
    await page.locator('main button', { hasText: zhCN['home.search.title'] }).click();
    await page.getByTestId('search-input').fill('老板不发工资怎么办');
    await page.getByTestId('search-submit').click();
    await page.getByTestId('search-results').waitFor();
    await page.getByTestId('qa-hit').first().click();
    await page.getByTestId('qa-screen').waitFor();
    await page.getByTestId('qa-print').click();
    await page.getByTestId('receipt-preview').waitFor();
    await page.locator('[data-testid="printer-state"][data-printer="ready"]').waitFor();
    await expectReadableAndPressable(page, { minTargets: 3 });
    await saveScreenshot(page, SPEC, 'small-qa-preview');
    const before = simulator.jobs.length;
    await page.getByTestId('receipt-print').click();
    await phaseIs(page, 'done');
    await until(() => simulator.jobs.length - before === 1);
    const paper = flowing(simulator.jobs.at(-1) as SimulatedJob);
    expect(paper).toContain(qa.question.replace(/\s/g, ''));
    for (const paragraph of qa.answer) expect(paper).toContain(paragraph.replace(/\s/g, ''));
    expect(paper).toContain(RECEIPT_FOOTER);
    expectStayedOnTheMachine(kioskPage());
  });

  it('prints an article opened from the answer', async () => {
    const cite = page.getByTestId('qa-cite').first();
    if ((await cite.count()) === 0) throw new Error('the answer cites no article that is installed here');
    await cite.click();
    await page.getByTestId('article-screen').waitFor();
    const key = (await page.getByTestId('article-screen').getAttribute('data-article-key')) ?? '';
    const article = await callHost<{ label: string; paragraphs: string[] }>(baseUrl, 'library.getArticle', { key });
    await page.getByTestId('article-print').click();
    await page.getByTestId('receipt-preview').waitFor();
    await page.locator('[data-testid="printer-state"][data-printer="ready"]').waitFor();
    await expectReadableAndPressable(page, { minTargets: 3 });
    await saveScreenshot(page, SPEC, 'small-article-preview');
    const before = simulator.jobs.length;
    await page.getByTestId('receipt-print').click();
    await phaseIs(page, 'done');
    await until(() => simulator.jobs.length - before === 1);
    const paper = flowing(simulator.jobs.at(-1) as SimulatedJob);
    expect(paper).toContain(article.label);
    for (const paragraph of article.paragraphs) expect(paper).toContain(paragraph.replace(/\s/g, ''));
    expect(paper).toContain(RECEIPT_FOOTER);
    expectStayedOnTheMachine(kioskPage());
  });
});
