/**
 * A terminal with a receipt printer and no A4 printer (a4Printer: null), in real Chromium against
 * a kiosk of its own: the ID-card SIMULATOR and the receipt-printer SIMULATOR each on a socat pty
 * pair. The resident fills 法律援助申请表 by touch with the applicant from the ID card, presses
 * 打印, is told 「本机没有A4打印机，请到服务窗口打印」 with the rows to write by hand, and prints the
 * 手写提示 slip: it lists the document's headings and rows, the answers to copy, what to bring and
 * the kiosk's notice — the card's name and number only masked, on screen and on paper.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningWebKiosk } from '../../electron/node/host/start-web-kiosk';
import { HAND_FILL_NOTICE, WRITE_BY_HAND } from '../../electron/common/receipts/hand-fill-input';
import type { PrinterSimulator, SimulatedJob } from '../../native-adapters/thermal-printer/simulator/printer-simulator';
import { zhCN } from '../../renderer/src/i18n/zh-cn';
import { filesUnder } from '../integration/support/files-under';
import { openKioskPage, saveScreenshot, waitForHome, type KioskPage } from './support/browser';
import { startSimulatedIdReader, TEST_CARD, TEST_CARD_MASKED, waitForReaderState, type SimulatedIdReader } from './support/id-card-reader';
import { expectReadableAndPressable, useBrowser } from './support/kiosk-suite';
import { startSimulatedPrinter, startSpecKiosk, type SimulatedPrinter } from './support/spec-kiosk';

const SPEC = 'documents-hand-fill';
const card = TEST_CARD;
const OTHER_PARTY = '测试有限公司';
const SUMMARY = '测试数据：单位拖欠三个月工资。';
const CENTRE = '测试区法律援助中心';

let reader: SimulatedIdReader;
let printer: SimulatedPrinter;
let simulator: PrinterSimulator;
let kiosk: RunningWebKiosk;
let dataDir: string;
let baseUrl = '';

beforeAll(async () => {
  reader = await startSimulatedIdReader({ card });
  printer = await startSimulatedPrinter({ png: false });
  simulator = printer.simulator;
  dataDir = mkdtempSync(path.join(tmpdir(), 'fatong-e2e-hand-fill-'));
  kiosk = await startSpecKiosk(dataDir, {
    terminalId: 'E2E-HAND-FILL',
    siteName: '测试站点（模拟无A4打印机）',
    region: null,
    printer: { port: printer.port, baudRate: 115200, width: 58, flowControl: 'none' },
    idReader: { port: reader.port, baudRate: null },
    a4Printer: null,
  });
  baseUrl = kiosk.url;
  await waitForReaderState(baseUrl, 'idle');
});

afterAll(async () => {
  await kiosk?.close();
  await kiosk?.host.idCard.close();
  await reader?.close();
  await printer?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const browser = useBrowser();

async function atField(page: Page, id: string): Promise<void> {
  await page.locator(`[data-testid="doc-question"][data-field="${id}"]`).waitFor({ timeout: 15_000 });
}
const next = (page: Page) => page.getByTestId('doc-next').click();
const choose = (page: Page, value: string) => page.locator(`[data-testid="doc-option"][data-value="${value}"]`).click();

describe('法律援助申请表 at a terminal without an A4 printer', () => {
  let resident: KioskPage;
  let page: Page;

  beforeAll(async () => {
    resident = await openKioskPage(browser(), baseUrl, { viewport: 'large' });
    page = resident.page;
    await waitForHome(page);
  });
  afterAll(async () => {
    await resident?.close();
  });

  it('fills the form by touch, the applicant from the ID card', async () => {
    await page.locator('main button', { hasText: zhCN['home.guides.title'] }).click();
    const offer = page.locator('[data-testid="document-offer"][data-document="legal-aid-application"]');
    await offer.waitFor();
    await offer.click();

    await atField(page, 'applicant');
    await page.getByTestId('doc-read-card').click();
    await expect.poll(() => page.getByTestId('doc-card-state').innerText(), { timeout: 10_000 }).toBe(zhCN['documents.party.placeCard']);
    reader.simulator.placeCard();
    await page.getByTestId('doc-card-read').waitFor({ timeout: 15_000 });
    await page.getByTestId('doc-part-phone').fill('000-00000000');
    await next(page);

    await atField(page, 'matter');
    await choose(page, 'labour');

    await atField(page, 'other-party');
    await page.getByTestId('doc-kind-organisation').click();
    await page.getByTestId('doc-part-name').fill(OTHER_PARTY);
    await page.getByTestId('doc-part-address').fill('测试省测试市测试路2号');
    await next(page);

    await atField(page, 'case-summary');
    await page.getByTestId('doc-text').fill(SUMMARY);
    await next(page);

    await atField(page, 'exempt-group');
    await choose(page, 'migrant');

    await atField(page, 'legal-aid-centre');
    await page.getByTestId('doc-text').fill(CENTRE);
    await next(page);
    await page.getByTestId('doc-print').waitFor({ timeout: 30_000 });
  });

  it('打印 says there is no A4 printer here and lists the rows to write by hand', async () => {
    await page.getByTestId('doc-print').click();
    const state = page.getByTestId('doc-print-state');
    await expect.poll(() => state.getAttribute('data-reason'), { timeout: 15_000 }).toBe('no-printer');
    expect(await state.innerText()).toContain('本机没有A4打印机，请到服务窗口打印');
    const rows = await page.getByTestId('doc-hand-fill').innerText();
    for (const label of ['申请人', '申请法律援助的事项', '对方当事人', '案情概要', '免予核查经济困难的情形', '法律援助机构']) expect(rows).toContain(label);
    await expectReadableAndPressable(page, { minTargets: 2 });
  });

  it('prints the 手写提示 slip on the receipt printer: the previewed lines, masked card, answers, materials, notice', async () => {
    await page.getByTestId('doc-hand-fill-slip').click();
    const panel = page.getByTestId('receipt-preview-panel');
    await panel.waitFor();
    await expect.poll(() => page.getByTestId('receipt-print').isEnabled(), { timeout: 15_000 }).toBe(true);
    // The paper is drawn glyph by glyph on a grid: read it without the cell breaks.
    const shown = (await panel.innerText()).replace(/\s/g, '');
    expect(shown).toContain(`姓名：${TEST_CARD_MASKED.name}`);
    await expectReadableAndPressable(page, { minTargets: 3 });
    await saveScreenshot(page, SPEC, 'slip-preview');
    const before = simulator.jobs.length;
    await page.getByTestId('receipt-print').click();
    await expect.poll(() => page.getByTestId('print-job').getAttribute('data-job-state'), { timeout: 30_000 }).toBe('done');
    expect(simulator.jobs.length - before).toBe(1);
    const slip = simulator.jobs.at(-1) as SimulatedJob;
    expect(slip.warnings).toEqual([]);
    const flowing = slip.text.join('').replace(/\s/g, '');
    for (const text of [
      '法律援助申请表',
      '本机没有A4打印机，请到服务窗口打印',
      '一、申请人基本情况',
      '二、申请事项',
      `姓名：${TEST_CARD_MASKED.name}`,
      `公民身份号码：${TEST_CARD_MASKED.idNumber}`,
      `住所：${WRITE_BY_HAND}`,
      '申请法律援助的事项：确认劳动关系或者讨要劳动报酬',
      `名称：${OTHER_PARTY}`,
      `案情概要：${SUMMARY}`,
      `此致${CENTRE}`,
      '需要准备的材料',
      HAND_FILL_NOTICE,
    ])
      expect(flowing, text).toContain(text.replace(/\s/g, ''));
    for (const secret of [card.name, card.idNumber, card.address]) {
      expect(flowing).not.toContain(secret);
      expect(await page.content()).not.toContain(secret);
    }
  });

  it('after 首页 nothing of the applicant is left in KIOSK_DATA_DIR', async () => {
    await page.getByTestId('home-button').click();
    await waitForHome(page);
    const needles = [card.name, card.idNumber].flatMap((s) => [Buffer.from(s, 'utf8'), Buffer.from(s, 'utf16le'), iconv.encode(s, 'gb18030')]);
    for (const file of filesUnder(dataDir)) for (const needle of needles) expect(readFileSync(file).includes(needle), file).toBe(false);
  });
});
