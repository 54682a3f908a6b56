/**
 * Issue 6 — the ID card in 法律援助申请预审, in real Chromium against a kiosk of its own: the host's
 * reader on one end of a socat pty pair, the ID-card simulator on the other, the host's printer on a
 * second pair with the printer simulator, a fresh KIOSK data dir. The step says what will be read and
 * why; 读取身份证 shows 「请将身份证放在读卡区」 with the live state (等待放卡 → 读取成功); the masked
 * result (张*三, 510106********1235) is confirmed, prefills the answers, shows on the summary, on the
 * receipt preview, in the waiting slip in the printer's job store and on the printed slip masked —
 * never the clear name, number or birth date. After 首页 (session.end) no file under the data dir —
 * logs and the job store (its base64 decoded) included — holds the card's name, number, address or
 * birth date in UTF-8, UTF-16LE/BE or GB18030. Manual entry is walked too. Every screen is audited;
 * screenshots are kept.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdCardState } from '../../electron/common/contract/idcard-api';
import type { RunningWebKiosk } from '../../electron/node/host/start-web-kiosk';
import type { IdCardSimulator } from '../../native-adapters/id-card-reader/simulator/id-card-simulator';
import type { PrinterSimulator } from '../../native-adapters/thermal-printer/simulator/printer-simulator';
import { zhCN } from '../../renderer/src/i18n/zh-cn';
import { openKioskPage, saveScreenshot, waitForHome, type KioskPage } from './support/browser';
import {
  atStep,
  openLegalAid,
  startSimulatedIdReader,
  TEST_CARD,
  TEST_CARD_MASKED,
  waitForReaderState,
  type SimulatedIdReader,
} from './support/id-card-reader';
import { callHost, expectReadableAndPressable, expectStayedOnTheMachine, useBrowser } from './support/kiosk-suite';
import { startSimulatedPrinter, startSpecKiosk, type SimulatedPrinter } from './support/spec-kiosk';
import { filesUnder } from '../integration/support/files-under';

const SPEC = 'idcard';

const card = TEST_CARD;
const MASKED_NAME = TEST_CARD_MASKED.name;
const MASKED_NUMBER = TEST_CARD_MASKED.idNumber;
/** What must never be written anywhere: the clear name, number and address. */
const secrets = [card.name, card.idNumber, card.type === 'resident' ? card.address : ''];

let reader: SimulatedIdReader;
let simulator: IdCardSimulator;
/** A receipt printer too, so the masked applicant is checked on paper, not only in the preview. */
let printerDevice: SimulatedPrinter;
let printer: PrinterSimulator;
let kiosk: RunningWebKiosk;
let dataDir: string;
let baseUrl = '';

beforeAll(async () => {
  reader = await startSimulatedIdReader({ card }); // the card is off the reader: the resident places it when the screen asks
  simulator = reader.simulator;
  printerDevice = await startSimulatedPrinter({ png: false });
  printer = printerDevice.simulator;
  dataDir = mkdtempSync(path.join(tmpdir(), 'fatong-e2e-idcard-'));
  kiosk = await startSpecKiosk(dataDir, {
    terminalId: 'E2E-IDCARD',
    siteName: '测试站点（模拟读卡）',
    region: null,
    printer: { port: printerDevice.port, baudRate: 115200, width: 58, flowControl: 'none' },
    idReader: { port: reader.port, baudRate: null },
  });
  baseUrl = kiosk.url;
  await waitForReaderState(baseUrl, 'idle'); // connected to the simulator
});

afterAll(async () => {
  await kiosk?.close();
  await kiosk?.host.idCard.close();
  await reader?.close();
  await printerDevice?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** What must never be written under the data dir, in any of the encodings a file could hold it in. */
const needles = [...secrets.filter(Boolean), card.birthDate].flatMap((s) => [
  { enc: 'utf-8', bytes: Buffer.from(s, 'utf8') },
  { enc: 'utf-16le', bytes: Buffer.from(s, 'utf16le') },
  { enc: 'utf-16be', bytes: iconv.encode(s, 'utf16-be') },
  { enc: 'gb18030', bytes: iconv.encode(s, 'gb18030') },
]);

/** The needles found in any of the haystacks, as "<encoding>" labels. */
function needlesIn(haystacks: Buffer[]): string[] {
  return needles.filter((n) => haystacks.some((h) => h.includes(n.bytes))).map((n) => n.enc);
}

/** Base64 runs in a file, decoded: the printer's job store keeps a waiting slip's ESC/POS bytes as base64, where a plain byte grep is blind. */
function decodedBase64Runs(bytes: Buffer): Buffer[] {
  return [...bytes.toString('latin1').matchAll(/[A-Za-z0-9+/]{16,}={0,2}/g)].map((m) => Buffer.from(m[0], 'base64'));
}

const tap = (page: Page, value: string) => page.locator(`[data-testid="option"][data-value="${value}"]`).click();

/** 赡养费, no exemption, no income with proof → 免予核查 (no-check): three taps to the summary. */
async function answerSupportCase(page: Page): Promise<void> {
  await atStep(page, 'matter');
  await tap(page, 'support');
  await atStep(page, 'exemption');
  await tap(page, 'none');
  await atStep(page, 'special-group');
  await tap(page, 'no-income');
  await page.getByTestId('summary').waitFor();
}

const browser = useBrowser();

describe('ID card in 法律援助申请预审 (small kiosk)', () => {
  let resident: KioskPage;
  let page: Page;
  beforeAll(async () => {
    resident = await openKioskPage(browser(), baseUrl, { viewport: 'small' });
    page = resident.page;
    await waitForHome(page);
  });
  afterAll(async () => {
    await resident?.close();
  });

  it('says what will be read and why before reading, and offers 读取身份证, 手动填写 and 跳过', async () => {
    await openLegalAid(page);
    const intro = page.getByTestId('idcard-intro');
    await intro.waitFor();
    expect(await page.getByTestId('idcard-will-read').allInnerTexts()).toEqual([
      zhCN['idcard.field.name'],
      zhCN['idcard.field.idNumber'],
      zhCN['idcard.field.ageBracket'],
    ]);
    expect(await intro.innerText()).toContain(zhCN['idcard.why']);
    for (const id of ['idcard-read', 'idcard-manual', 'idcard-skip']) expect(await page.getByTestId(id).isVisible()).toBe(true);
    await expectReadableAndPressable(page, { minTargets: 3 });
    await saveScreenshot(page, SPEC, 'small-intro');
  });

  it('「请将身份证放在读卡区」 with a picture and the live state: 等待放卡 → 读取成功 → the masked result', async () => {
    await page.getByTestId('idcard-read').click();
    await page.getByTestId('idcard-reading').waitFor();
    expect(await page.locator('[data-testid="idcard-reading"] h2').innerText()).toBe(zhCN['idcard.place.title']);
    expect(await page.getByTestId('idcard-picture').getAttribute('aria-label')).toBe(zhCN['idcard.picture']);
    await expect.poll(() => page.getByTestId('idcard-state').innerText(), { timeout: 10_000 }).toBe(zhCN['idcard.state.waiting']);
    await expectReadableAndPressable(page, { minTargets: 2 });
    await saveScreenshot(page, SPEC, 'small-place-card');

    simulator.placeCard();
    const confirm = page.getByTestId('idcard-confirm');
    await confirm.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('idcard-state').innerText()).toBe(zhCN['idcard.state.ok']);
    expect(await page.getByTestId('idcard-result-name').innerText()).toBe(MASKED_NAME);
    expect(await page.getByTestId('idcard-result-idNumber').innerText()).toBe(MASKED_NUMBER);
    expect(await page.getByTestId('idcard-result-ageBracket').innerText()).toBe(zhCN['procedure.age.60-plus']);
    expect(await page.getByTestId('idcard-number-invalid').count()).toBe(0);
    // Nothing in clear ever reached the page.
    const html = await page.content();
    for (const secret of secrets) expect(html).not.toContain(secret);
    // The host let go of its copy once the screen had it.
    expect((await callHost<IdCardState>(baseUrl, 'idcard.getState')).result).toBeUndefined();
    await expectReadableAndPressable(page, { minTargets: 3 });
    await saveScreenshot(page, SPEC, 'small-confirm');
  });

  it('the confirmed fields prefill the answers: summary, receipt preview and the printed slip show them masked', async () => {
    await page.getByTestId('idcard-confirm-ok').click();
    await answerSupportCase(page);
    const applicantRow = page.locator('[data-testid="summary-row"]', { has: page.locator('[data-step="applicant"]') });
    expect(await applicantRow.innerText()).toContain(`姓名：${MASKED_NAME}，证件号码：${MASKED_NUMBER}，年龄：60周岁以上`);
    await saveScreenshot(page, SPEC, 'small-summary');
    await page.getByTestId('summary-confirm').click();
    const outcome = page.getByTestId('outcome');
    await outcome.waitFor();
    expect(await outcome.getAttribute('data-outcome')).toBe('no-check');

    await page.getByTestId('print').click();
    const preview = page.getByTestId('receipt-preview');
    await preview.waitFor();
    const paper = await preview.innerText();
    expect(paper.replace(/\s+/g, '')).toContain(MASKED_NAME);
    expect(paper.replace(/\s+/g, '')).toContain(MASKED_NUMBER);
    for (const secret of secrets) expect(await page.content()).not.toContain(secret);
    await preview.scrollIntoViewIfNeeded();
    await expectReadableAndPressable(page);
    await saveScreenshot(page, SPEC, 'small-receipt-preview');

    // Out of paper first, so the slip waits in the job store under the data dir: what is kept there
    // (base64 ESC/POS) holds the applicant masked, never clear — and the end-of-session grep decodes it.
    // (Reopened once the paper is out: opening the preview asks the printer at once.)
    printer.runOutOfPaper();
    await page.getByTestId('receipt-close').click();
    await page.getByTestId('print').click();
    await page.locator('[data-testid="printer-state"][data-printer="paper-out"]').waitFor();
    const before = printer.jobs.length;
    await page.getByTestId('receipt-print').click();
    await page.locator('[data-testid="print-job"][data-phase="waiting"]').waitFor();
    const stored = readFileSync(path.join(dataDir, 'printer', 'jobs.json'));
    const storedSlip = Buffer.concat(decodedBase64Runs(stored));
    expect(storedSlip.includes(iconv.encode(MASKED_NAME, 'gb18030'))).toBe(true);
    expect(storedSlip.includes(iconv.encode(MASKED_NUMBER, 'gb18030'))).toBe(true);
    expect(needlesIn([stored, storedSlip])).toEqual([]);
    expect(printer.jobs.length).toBe(before);

    // On paper: masked, never clear (the simulator decodes the GB18030 the printer would show).
    printer.loadPaper();
    await page.locator('[data-testid="print-job"][data-phase="done"]').waitFor({ timeout: 15_000 });
    const start = Date.now();
    while (printer.jobs.length === before) {
      if (Date.now() - start > 15_000) throw new Error('the printer simulator received no job');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(printer.jobs.length - before).toBe(1);
    const job = printer.jobs.at(-1)!;
    expect(job.warnings).toEqual([]);
    const printed = job.text.join('').replace(/\s/g, '');
    expect(printed).toContain(MASKED_NAME);
    expect(printed).toContain(MASKED_NUMBER);
    for (const secret of secrets) if (secret) expect(printed).not.toContain(secret.replace(/\s/g, ''));
    expect(printed).not.toContain(card.birthDate);
    await saveScreenshot(page, SPEC, 'small-receipt-printed');
  });

  it('after 首页 ends the session, nothing under the data dir or in the log holds the name, number or address in any encoding', async () => {
    await page.getByTestId('home-button').click();
    await waitForHome(page);
    const logFiles = () => filesUnder(path.join(dataDir, 'logs'));
    await expect.poll(() => logFiles().some((f) => readFileSync(f, 'utf8').includes('"session.ended"')), { timeout: 5000 }).toBe(true);
    expect((await callHost<IdCardState>(baseUrl, 'idcard.getState')).result).toBeUndefined();

    const files = filesUnder(dataDir);
    expect(files.length).toBeGreaterThan(0);
    // The printer's job store is among them (it holds the slip printed above).
    expect(files.map((f) => path.relative(dataDir, f))).toContain(path.join('printer', 'jobs.json'));
    const found = files.flatMap((file) => {
      const bytes = readFileSync(file);
      return needlesIn([bytes, ...decodedBase64Runs(bytes)]).map((n) => `${path.relative(dataDir, file)} (${n})`);
    });
    expect(found).toEqual([]);
  });

  it('手动填写: the few fields by hand, the name kept masked', async () => {
    await openLegalAid(page);
    await page.getByTestId('idcard-manual').click();
    await page.getByTestId('idcard-manual-form').waitFor();
    // The number is never typed: only name and age group are asked.
    expect(await page.getByTestId('idcard-idNumber').count()).toBe(0);
    await expectReadableAndPressable(page, { minTargets: 4 });
    await saveScreenshot(page, SPEC, 'small-manual');
    await page.getByTestId('next').click();
    expect(await page.getByTestId('answer-error').innerText()).toBe('请填写姓名。');
    await page.getByTestId('idcard-name').fill('李测四');
    await page.getByTestId('idcard-ageBracket-18-59').click();
    await page.getByTestId('next').click();
    await answerSupportCase(page);
    const applicantRow = page.locator('[data-testid="summary-row"]', { has: page.locator('[data-step="applicant"]') });
    expect(await applicantRow.innerText()).toContain('姓名：李*四，年龄：18至59周岁');
    expect(await page.content()).not.toContain('李测四');
    await page.getByTestId('home-button').click();
    await waitForHome(page);
  });

  it('stayed on the machine without errors', () => {
    expectStayedOnTheMachine(resident);
  });
});
