/**
 * 帮我填写文书 in real Chromium against a kiosk of its own: the ID-card SIMULATOR on a socat pty
 * pair, the A4 printer a real CUPS queue backed by cups-pdf (the queue .ci/run adds). The resident
 * opens 民间借贷纠纷起诉状 from the guide list, reads the applicant from the ID card (the screen
 * shows only 张*三 and the masked number), types the other party, picks amounts on the keypad and
 * dates on steppers, checks the preview drawn from the document's layout (zoomable), prints, and
 * the PDF that cups-pdf wrote is this document page for page (compared by rendering: cups-pdf's
 * Ghostscript drops the text layer of the embedded font subsets; the answers are checked in the
 * text of the same layout written by the kiosk's PDF writer). After 首页 (session.end) neither KIOSK_DATA_DIR
 * nor /var/spool/cups holds the applicant's name or number in UTF-8, UTF-16LE/BE or GB18030.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { A4PrintState } from '../../electron/common/contract/document-api';
import type { RunningWebKiosk } from '../../electron/node/host/start-web-kiosk';
import { zhCN } from '../../renderer/src/i18n/zh-cn';
import { filesUnder } from '../integration/support/files-under';
import { CUPS_PDF_QUEUE, cupsProblem, pageDifferences, pdfPages, pdfText, spoolFiles, waitForPdf } from '../integration/support/cups-pdf';
import type { DocumentLayout } from '../../kiosk-content/src/documents/common/layout-document';
import { renderPdf } from '../../kiosk-content/src/documents/node/render-pdf';
import { localToday } from '../../kiosk-content/src/documents/node/fill-document';
import { initialDateParts, isoDate, stepDatePart, type DateParts } from '../../renderer/src/features/documents/document-form';
import { openKioskPage, saveScreenshot, waitForHome, type KioskPage } from './support/browser';
import { startSimulatedIdReader, TEST_CARD, TEST_CARD_MASKED, waitForReaderState, type SimulatedIdReader } from './support/id-card-reader';
import { callHost, expectReadableAndPressable, useBrowser } from './support/kiosk-suite';
import { startSpecKiosk } from './support/spec-kiosk';

const SPEC = 'documents';
const card = TEST_CARD;
const COURT = '测试区人民法院';
const DEFENDANT = '王测试';
const EVIDENCE = '借条原件一份，银行转账记录一份（测试数据）';

let reader: SimulatedIdReader;
let kiosk: RunningWebKiosk;
let dataDir: string;
/** Where the test writes its own copy of the expected PDF: outside KIOSK_DATA_DIR, which is scanned. */
let dataDirOutside: string;
let baseUrl = '';

beforeAll(async () => {
  const problem = cupsProblem();
  if (problem) throw new Error(problem);
  reader = await startSimulatedIdReader({ card });
  dataDir = mkdtempSync(path.join(tmpdir(), 'fatong-e2e-documents-'));
  dataDirOutside = mkdtempSync(path.join(tmpdir(), 'fatong-e2e-documents-expected-'));
  kiosk = await startSpecKiosk(dataDir, {
    terminalId: 'E2E-DOCUMENTS',
    siteName: '测试站点（模拟文书打印）',
    region: null,
    printer: null,
    idReader: { port: reader.port, baudRate: null },
    a4Printer: { queue: CUPS_PDF_QUEUE },
  });
  baseUrl = kiosk.url;
  await waitForReaderState(baseUrl, 'idle');
});

afterAll(async () => {
  await kiosk?.close();
  await kiosk?.host.idCard.close();
  await reader?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (dataDirOutside) rmSync(dataDirOutside, { recursive: true, force: true });
});

const browser = useBrowser();

async function atField(page: Page, id: string): Promise<void> {
  await page.locator(`[data-testid="doc-question"][data-field="${id}"]`).waitFor({ timeout: 15_000 });
}
const next = (page: Page) => page.getByTestId('doc-next').click();
async function keys(page: Page, digits: string): Promise<void> {
  for (const d of digits) await page.locator(`[data-key="${d}"]`).click();
}
const choose = (page: Page, value: string) => page.locator(`[data-testid="doc-option"][data-value="${value}"]`).click();

describe('民间借贷纠纷起诉状 by touch, printed through CUPS', () => {
  let resident: KioskPage;
  let page: Page;
  let printedAt = 0;

  beforeAll(async () => {
    resident = await openKioskPage(browser(), baseUrl, { viewport: 'large' });
    page = resident.page;
    await waitForHome(page);
  });
  afterAll(async () => {
    await resident?.close();
  });

  it('offers 「帮我填写…」 on the guide list and opens the first question', async () => {
    await page.locator('main button', { hasText: zhCN['home.guides.title'] }).click();
    const offer = page.locator('[data-testid="document-offer"][data-document="loan-complaint"]');
    await offer.waitFor();
    expect(await offer.innerText()).toContain('帮我填写民间借贷纠纷起诉状');
    await offer.click();
    await atField(page, 'plaintiff');
    await expectReadableAndPressable(page, { minTargets: 2 });
  });

  it('reads the applicant from the ID card; the screen shows only the masked name and number', async () => {
    await page.getByTestId('doc-read-card').click();
    await expect.poll(() => page.getByTestId('doc-card-state').innerText(), { timeout: 10_000 }).toBe(zhCN['documents.party.placeCard']);
    reader.simulator.placeCard();
    const read = page.getByTestId('doc-card-read');
    await read.waitFor({ timeout: 15_000 });
    expect(await read.innerText()).toContain(TEST_CARD_MASKED.name);
    expect(await read.innerText()).toContain(TEST_CARD_MASKED.idNumber);
    const html = await page.content();
    expect(html).not.toContain(card.name);
    expect(html).not.toContain(card.idNumber);
    await page.getByTestId('doc-part-phone').fill('000-00000000');
    await saveScreenshot(page, SPEC, 'applicant-from-card');
    await next(page);
  });

  it('the other party is typed; amounts on the keypad, dates on steppers, choices by one tap', async () => {
    await atField(page, 'defendant');
    await page.getByTestId('doc-part-name').fill(DEFENDANT);
    await page.getByTestId('doc-part-address').fill('测试省测试市测试路2号');
    await next(page);

    await atField(page, 'principal');
    await keys(page, '50000');
    expect(await page.getByTestId('doc-amount').innerText()).toBe('50000');
    await next(page);

    await atField(page, 'interest-claim');
    await choose(page, 'none');

    await atField(page, 'loan-amount');
    await keys(page, '50000');
    await next(page);

    await atField(page, 'agreement-date');
    await page.getByTestId('doc-date-year-down').click();
    await page.getByTestId('doc-date-year-down').click();
    await next(page);

    await atField(page, 'delivery-date');
    // Past only: the steppers stop at today.
    const before = await page.getByTestId('doc-date-value').innerText();
    await page.getByTestId('doc-date-day-up').click();
    expect(await page.getByTestId('doc-date-value').innerText()).toBe(before);
    await page.getByTestId('doc-date-year-down').click();
    await next(page);

    await atField(page, 'delivery-method');
    await choose(page, 'bank');
    await atField(page, 'agreed-interest');
    await choose(page, 'no-interest');

    await atField(page, 'due-date');
    await page.getByTestId('doc-skip').click();

    await atField(page, 'repaid');
    await next(page); // nothing typed: a required amount
    await page.getByTestId('doc-problems').waitFor();
    expect(await page.getByTestId('doc-problems').innerText()).toContain('请回答');
    await keys(page, '0');
    await next(page);

    await atField(page, 'facts');
    await page.getByTestId('doc-skip').click();

    await atField(page, 'evidence');
    await page.getByTestId('doc-text').fill(EVIDENCE);
    await next(page);

    await atField(page, 'court');
    await page.getByTestId('doc-text').fill(COURT);
    await next(page);
  });

  it('previews the document page by page from its layout, zoomable', async () => {
    await page.getByTestId('doc-pages').waitFor({ timeout: 30_000 });
    const pages = page.getByTestId('doc-page');
    expect(await pages.count()).toBeGreaterThanOrEqual(1);
    const text = (await pages.allTextContents()).join('');
    for (const value of ['民事起诉状', '（民间借贷纠纷）', card.name, DEFENDANT, '50000元', COURT, '此文书由自助终端根据您的回答生成，请核对无误后签名'])
      expect(text).toContain(value);
    const width = async () => (await pages.first().boundingBox())?.width ?? 0;
    const small = await width();
    await page.getByTestId('doc-zoom-in').click();
    expect(await page.getByTestId('doc-zoom').innerText()).toBe('130%');
    // The new width is laid out on the next frame (the reduced-motion rule still runs a 0.01 ms transition).
    await expect.poll(width).toBeGreaterThan(small * 1.2);
    await saveScreenshot(page, SPEC, 'preview');
  });

  it('prints through CUPS, follows the job to 打印好了, and cups-pdf writes this document', async () => {
    printedAt = Date.now();
    await page.getByTestId('doc-print').click();
    const state = page.getByTestId('doc-print-state');
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 60_000 }).toBe('done');
    expect(await state.innerText()).toContain('打印好了');
    await saveScreenshot(page, SPEC, 'printed');
    const printed = await waitForPdf(printedAt);
    // The answers the screen sent, as the test gave them (the applicant still held by the host).
    const today = localToday();
    const stepYears = (from: DateParts, years: number): string => {
      let parts = from;
      for (let i = 0; i < years; i++) parts = stepDatePart(parts, 'year', -1, today);
      return isoDate(parts);
    };
    const start = initialDateParts(undefined, today);
    const answers = {
      plaintiff: { kind: 'person', fromIdCard: true, phone: '000-00000000' },
      defendant: { kind: 'person', name: DEFENDANT, address: '测试省测试市测试路2号' },
      principal: '50000',
      'interest-claim': 'none',
      'loan-amount': '50000',
      'agreement-date': stepYears(start, 2),
      'delivery-date': stepYears(start, 1),
      'delivery-method': 'bank',
      'agreed-interest': 'no-interest',
      repaid: '0',
      evidence: EVIDENCE,
      court: COURT,
    };
    const preview = await callHost<{ problems: unknown[]; layout: DocumentLayout | null }>(baseUrl, 'documents.preview', { typeId: 'loan-complaint', answers });
    expect(preview.problems).toEqual([]);
    expect(preview.layout).not.toBeNull();
    const own = path.join(dataDirOutside, 'expected.pdf');
    writeFileSync(own, await renderPdf(preview.layout as DocumentLayout, 'expected'));
    const ownText = pdfText(own).replace(/\s+/g, '');
    for (const value of [card.name, card.idNumber, DEFENDANT, '50000元', COURT, '000-00000000']) expect(ownText).toContain(value);
    expect(pdfPages(printed)).toBe(preview.layout?.pages.length);
    for (const difference of pageDifferences(printed, own)) expect(difference).toBeLessThan(8);
    rmSync(own);
  });

  it('after 首页 nothing of the applicant is left in KIOSK_DATA_DIR or /var/spool/cups', async () => {
    await page.getByTestId('home-button').click();
    await waitForHome(page);
    const afterEnd = await callHost<A4PrintState>(baseUrl, 'documents.getPrintState');
    expect(afterEnd.state).toBe('idle');
    const secrets = [card.name, card.idNumber];
    const needles = secrets.flatMap((s) => [
      { what: s, enc: 'utf-8', bytes: Buffer.from(s, 'utf8') },
      { what: s, enc: 'utf-16le', bytes: Buffer.from(s, 'utf16le') },
      { what: s, enc: 'utf-16be', bytes: iconv.encode(s, 'utf16-be') },
      { what: s, enc: 'gb18030', bytes: iconv.encode(s, 'gb18030') },
    ]);
    const files = [...filesUnder(dataDir), ...spoolFiles()];
    expect(files.length).toBeGreaterThan(0);
    const hits = files.flatMap((file) => {
      const bytes = readFileSync(file);
      return needles.filter((n) => bytes.includes(n.bytes)).map((n) => `${file}: ${n.enc}`);
    });
    expect(hits).toEqual([]);
    expect(spoolFiles().filter((f) => /\/d\d+-\d+$/.test(f))).toEqual([]);
  });
});
