import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskContract, type KioskApi } from '../../electron/common/contract/kiosk-api';
import type { PrintJob, PrintStatus, ReceiptLayout } from '../../electron/common/contract/receipt-api';
import { createDirectLink } from '../../electron/common/rpc/direct-link';
import { createRpcClient } from '../../electron/common/rpc/rpc-client';
import { KioskHost } from '../../electron/node/host/kiosk-host';
import type { TerminalSettings } from '../../electron/common/config/terminal-settings';
import { createMemoryLogger } from '../../electron/node/system/logger';
import { openContentDb } from '../../kiosk-content/src/library-db/node/open-content-db';
import { importLaws } from '../../kiosk-content/authoring/law-import/import-laws';
import { RECEIPT_FOOTER } from '../../native-adapters/thermal-printer/receipt/receipt-document';
import { PrinterSimulator, type SimulatedJob } from '../../native-adapters/thermal-printer/simulator/printer-simulator';
import { SerialTransport } from '../../native-adapters/transport/serial/serial-transport';
import { defaultContentDir, repoRoot } from '../../scripts/lib/repo-paths';
import { openPtyPair, type PtyPair } from '../../native-adapters/transport/pty/socat-pty-pair';

/**
 * The host's receipts API over the direct link, printing through a socat pty into the printer
 * simulator: what a resident's 打印 puts on paper for an outcome, an article and an answer, and
 * what happens when the paper runs out, when they cancel, and after an interrupted job.
 */

const SITE = '测试用站点（非真实地址）';
const PROCEDURE = 'legal-aid-precheck';
const OUTCOME = 'centre-checks';
const REASONS = ['本机还没有设置本地的经济困难标准。'];
const ARTICLE = '劳动合同法|第四十七条';

/** Two laws from ../shared (read at test time into a temporary folder, never into the repo). */
function importTwoLaws(dataDir: string): void {
  const source = path.resolve(repoRoot, '../shared/data/laws/社会法');
  const dir = mkdtempSync(path.join(tmpdir(), 'fatong-receipt-laws-'));
  try {
    mkdirSync(path.join(dir, '社会法'));
    for (const file of ['劳动合同法(2012-12-28).md', '劳动法(2018-12-29).md']) copyFileSync(path.join(source, file), path.join(dir, '社会法', file));
    const db = openContentDb(path.join(dataDir, 'db', 'content.db'));
    try {
      importLaws(db, dir);
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What should come off the paper for a layout (no QR codes on these receipts). */
function layoutText(layout: ReceiptLayout): string[] {
  return layout.lines.flatMap((line) => (line.kind === 'text' ? [(' '.repeat(line.indent) + line.text).trimEnd()] : []));
}

async function until(condition: () => boolean | Promise<boolean>, ms = 8000): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > ms) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let pair: PtyPair;
let printerEnd: SerialTransport;
let simulator: PrinterSimulator;
let dataDir: string;

function terminal(port: string | null): TerminalSettings {
  return {
    terminalId: 'T-TEST',
    siteName: SITE,
    region: null,
    printer: port ? { port, baudRate: 115200, width: 58, flowControl: 'none' } : null,
    idReader: null,
  };
}

function startHost(port: string | null = pair.a): { host: KioskHost; api: KioskApi; events: PrintStatus[] } {
  const host = new KioskHost({ dataDir, contentDir: defaultContentDir, appVersion: 'test', logger: createMemoryLogger(), terminal: terminal(port) });
  const api = createRpcClient(kioskContract, createDirectLink(host.rpc)) as KioskApi;
  const events: PrintStatus[] = [];
  api.events.on('receipts.onDidChange', (status) => events.push(status));
  return { host, api, events };
}

async function jobOf(api: KioskApi, id: string): Promise<PrintJob | undefined> {
  return (await api.receipts.getStatus()).jobs.find((job) => job.id === id);
}

beforeAll(async () => {
  pair = await openPtyPair();
  printerEnd = new SerialTransport({ path: pair.b, baudRate: 115200 });
  await printerEnd.open();
  simulator = new PrinterSimulator(printerEnd, { paperWidth: 58, png: false });
  simulator.start();
  dataDir = mkdtempSync(path.join(tmpdir(), 'fatong-receipts-'));
  importTwoLaws(dataDir);
});

afterAll(async () => {
  simulator.stop();
  await printerEnd.close();
  await pair.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('receipts API with a printer on a pty', () => {
  let running: ReturnType<typeof startHost>;
  beforeAll(async () => {
    running = startHost();
    await until(async () => (await running.api.receipts.getStatus()).printer.state === 'ready');
  });
  afterAll(async () => {
    await running.host.closeAsync();
  });

  it('prints exactly the previewed outcome slip: title, steps, site, reference, general-guidance line', async () => {
    const { api } = running;
    const bundle = await api.procedures.get({ id: PROCEDURE });
    const plan = bundle?.procedure.outcomes[OUTCOME];
    if (!plan) throw new Error('the outcome is not served');
    const preview = await api.receipts.previewOutcome({ procedureId: PROCEDURE, outcomeId: OUTCOME, reasons: REASONS });
    if (!preview) throw new Error('no preview');
    const before = simulator.jobs.length;
    const result = await api.receipts.print({
      target: { kind: 'outcome', procedureId: PROCEDURE, outcomeId: OUTCOME, reasons: REASONS },
      reference: preview.reference,
    });
    expect(result?.reference).toBe(preview.reference);
    expect(result?.job).toMatchObject({ title: '办事指南：法律援助申请预审', needsDecision: false });
    await until(async () => (await jobOf(api, result?.job.id ?? ''))?.state === 'done');
    expect(simulator.jobs.length - before).toBe(1);
    const printed = simulator.jobs.at(-1) as SimulatedJob;
    // The paper says what the screen showed, line for line.
    expect(printed.text).toEqual(layoutText(preview.layout));
    expect(printed.warnings).toEqual([]);
    const paper = printed.text.join('\n');
    // Wrapped lines joined back: what a person reads across the line ends.
    const flowing = printed.text.join('').replace(/\s/g, '');
    expect(paper).toContain('法律援助申请预审');
    expect(paper).toContain(SITE);
    expect(paper).toContain(preview.reference);
    expect(flowing).toContain(RECEIPT_FOOTER);
    expect(flowing).toContain(REASONS[0]);
    // Every step, numbered in order.
    plan.steps.forEach((step, index) => expect(flowing).toContain(`${index + 1}.${step.replace(/\s/g, '')}`));
    for (const material of plan.materials) expect(flowing).toContain(material.replace(/\s/g, ''));
    // The status event carried the job through to done, and never any receipt bytes.
    expect(running.events.some((s) => s.jobs.some((j) => j.id === result?.job.id && j.state === 'done'))).toBe(true);
    expect(JSON.stringify(running.events)).not.toContain('bytes');
  });

  it('prints a law article and a Q&A answer built by the host from its own content', async () => {
    const { api } = running;
    const article = await api.library.getArticle({ key: ARTICLE });
    if (!article) throw new Error('article not imported');
    const articlePreview = await api.receipts.previewArticle({ key: ARTICLE });
    expect(articlePreview?.layout.columns).toBe(32);
    const a = await api.receipts.print({ target: { kind: 'article', key: ARTICLE }, reference: articlePreview?.reference ?? '' });
    await until(async () => (await jobOf(api, a?.job.id ?? ''))?.state === 'done');
    const articlePaper = (simulator.jobs.at(-1) as SimulatedJob).text;
    expect(articlePaper).toEqual(layoutText(articlePreview?.layout ?? { columns: 0, dots: 0, lines: [], issues: [] }));
    const joined = articlePaper.join('').replace(/\s/g, '');
    expect(joined).toContain('劳动合同法》');
    expect(joined).toContain('第四十七条');
    for (const paragraph of article.paragraphs) expect(joined).toContain(paragraph.replace(/\s/g, ''));
    expect(joined).toContain(RECEIPT_FOOTER);

    const hits = await api.search.query({ text: '老板不发工资怎么办' });
    const qaId = hits.qa[0]?.id ?? '';
    const qa = await api.qa.get({ id: qaId });
    if (!qa) throw new Error('no Q&A');
    // Without a preview reference the host builds a fresh slip.
    const q = await api.receipts.print({ target: { kind: 'qa', id: qaId } });
    expect(q?.job.title).toBe(`问答：${qa.question}`.slice(0, 80));
    await until(async () => (await jobOf(api, q?.job.id ?? ''))?.state === 'done');
    const qaPaper = (simulator.jobs.at(-1) as SimulatedJob).text.join('').replace(/\s/g, '');
    expect(qaPaper).toContain(qa.question.replace(/\s/g, ''));
    for (const paragraph of qa.answer) expect(qaPaper).toContain(paragraph.replace(/\s/g, ''));
    expect(qaPaper).toContain(q?.reference);
    expect(qaPaper).toContain(RECEIPT_FOOTER);
  });

  it('answers null for content it does not have, and a stale or foreign reference gets a fresh slip', async () => {
    const { api } = running;
    expect(await api.receipts.print({ target: { kind: 'qa', id: 'no-such-answer' } })).toBeNull();
    expect(await api.receipts.previewArticle({ key: '没有这部法|第一条' })).toBeNull();
    const preview = await api.receipts.previewQa({ id: (await api.search.query({ text: '押金' })).qa[0]?.id ?? '' });
    // The reference of a Q&A preview does not print an outcome.
    const result = await api.receipts.print({ target: { kind: 'outcome', procedureId: PROCEDURE, outcomeId: OUTCOME }, reference: preview?.reference ?? '' });
    expect(result?.reference).not.toBe(preview?.reference);
    await until(async () => (await jobOf(api, result?.job.id ?? ''))?.state === 'done');
    expect((simulator.jobs.at(-1) as SimulatedJob).text.join('\n')).toContain('法律援助申请预审');
  });

  it('paper out: the resident message shows, the job waits, and prints exactly once when paper is back', async () => {
    const { api } = running;
    simulator.runOutOfPaper();
    await until(async () => (await api.receipts.getStatus()).printer.state === 'paper-out');
    const status = await api.receipts.getStatus();
    expect(status.printer.residentMessage).toBe('打印机缺纸，请联系工作人员');
    expect(status.printer.detail).toMatch(/DLE EOT/);
    const before = simulator.jobs.length;
    const result = await api.receipts.print({ target: { kind: 'outcome', procedureId: PROCEDURE, outcomeId: OUTCOME } });
    await pause(1500); // more than one status poll while waiting
    expect(await jobOf(api, result?.job.id ?? '')).toMatchObject({ state: 'pending', sends: 0, needsDecision: false });
    expect(simulator.jobs.length).toBe(before);
    simulator.loadPaper();
    await until(async () => (await jobOf(api, result?.job.id ?? ''))?.state === 'done');
    await pause(1500);
    expect(simulator.jobs.length - before).toBe(1);
    expect(await jobOf(api, result?.job.id ?? '')).toMatchObject({ state: 'done', sends: 1 });
    expect((await api.receipts.getStatus()).printer.state).toBe('ready');
  });

  it('cancel: a waiting job never prints; a printed one cannot be cancelled', async () => {
    const { api } = running;
    simulator.runOutOfPaper();
    await until(async () => (await api.receipts.getStatus()).printer.state === 'paper-out');
    const before = simulator.jobs.length;
    const result = await api.receipts.print({ target: { kind: 'article', key: ARTICLE } });
    const id = result?.job.id ?? '';
    expect(await api.receipts.cancel({ id })).toBe(true);
    expect((await jobOf(api, id))?.state).toBe('cancelled');
    simulator.loadPaper();
    await until(async () => (await api.receipts.getStatus()).printer.state === 'ready');
    await pause(1500);
    expect(simulator.jobs.length).toBe(before);
    expect(await api.receipts.retry({ id })).toBe(false);
    // Finished and cancelled slips are not kept on disk (they may hold the resident's answers).
    const stored = JSON.parse(readFileSync(path.join(dataDir, 'printer', 'jobs.json'), 'utf8')) as { jobs: { state: string; bytes: string }[] };
    expect(stored.jobs.filter((job) => job.state === 'done' || job.state === 'cancelled').length).toBeGreaterThan(3);
    expect(stored.jobs.filter((job) => job.bytes !== '' && (job.state === 'done' || job.state === 'cancelled'))).toEqual([]);
    const done = (await api.receipts.getStatus()).jobs.find((job) => job.state === 'done');
    expect(await api.receipts.cancel({ id: done?.id ?? '' })).toBe(false);
  });

  it('session end: a slip stuck waiting for paper is cancelled (the resident left); one the printer can print goes on', async () => {
    const { api } = running;
    simulator.runOutOfPaper();
    await until(async () => (await api.receipts.getStatus()).printer.state === 'paper-out');
    const before = simulator.jobs.length;
    const stuck = await api.receipts.print({ target: { kind: 'outcome', procedureId: PROCEDURE, outcomeId: OUTCOME } });
    await api.session.end({ reason: 'home' });
    expect((await jobOf(api, stuck?.job.id ?? ''))?.state).toBe('cancelled');
    simulator.loadPaper();
    await until(async () => (await api.receipts.getStatus()).printer.state === 'ready');
    await pause(1500);
    // Never printed for whoever stands there next, and its bytes are gone from the disk.
    expect(simulator.jobs.length).toBe(before);
    const stored = JSON.parse(readFileSync(path.join(dataDir, 'printer', 'jobs.json'), 'utf8')) as { jobs: { id: string; bytes: string }[] };
    expect(stored.jobs.find((job) => job.id === stuck?.job.id)?.bytes).toBe('');

    // 打印 then 完成 at once, printer ready: the slip still comes out.
    const quick = await api.receipts.print({ target: { kind: 'article', key: ARTICLE } });
    await api.session.end({ reason: 'finish' });
    await until(async () => (await jobOf(api, quick?.job.id ?? ''))?.state === 'done');
    await pause(500);
    expect(simulator.jobs.length - before).toBe(1);
  });
});

describe('an interrupted job after a restart', () => {
  it('is offered for 重新打印, never reprinted on its own; 重新打印 prints one full copy', async () => {
    const first = startHost();
    await until(async () => (await first.api.receipts.getStatus()).printer.state === 'ready');
    // The paper runs out a few lines into the job and the kiosk restarts before anyone loads paper.
    simulator.runOutOfPaper(4);
    const before = simulator.jobs.length;
    const result = await first.api.receipts.print({ target: { kind: 'outcome', procedureId: PROCEDURE, outcomeId: OUTCOME } });
    const id = result?.job.id ?? '';
    await until(async () => (await jobOf(first.api, id))?.waitingForPrinter === true);
    await first.host.closeAsync();

    const second = startHost();
    try {
      const job = await jobOf(second.api, id);
      expect(job).toMatchObject({ state: 'failed', problem: 'interrupted', needsDecision: true, sends: 1 });
      // The printer still holds the rest of the slip and finishes it once paper is loaded.
      simulator.loadPaper();
      await until(async () => (await second.api.receipts.getStatus()).printer.state === 'ready');
      await until(() => simulator.jobs.length - before === 1);
      await pause(1500);
      expect(simulator.jobs.length - before).toBe(1);
      expect((await jobOf(second.api, id))?.state).toBe('failed');

      // A person decides: 重新打印 → exactly one more, complete copy.
      expect(await second.api.receipts.retry({ id })).toBe(true);
      await until(async () => (await jobOf(second.api, id))?.state === 'done');
      await pause(1000);
      expect(simulator.jobs.length - before).toBe(2);
      expect((simulator.jobs.at(-1) as SimulatedJob).text.join('').replace(/\s/g, '')).toContain(RECEIPT_FOOTER);
      expect(await jobOf(second.api, id)).toMatchObject({ state: 'done', sends: 2 });
      expect(await second.api.receipts.retry({ id })).toBe(false);
    } finally {
      await second.host.closeAsync();
    }
  });
});

describe('a terminal without a printer', () => {
  it('previews but refuses to print, with a plain message', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fatong-receipts-none-'));
    const host = new KioskHost({ dataDir: dir, contentDir: defaultContentDir, appVersion: 'test', logger: createMemoryLogger() });
    const api = createRpcClient(kioskContract, createDirectLink(host.rpc)) as KioskApi;
    try {
      const status = await api.receipts.getStatus();
      expect(status.printer.state).toBe('not-configured');
      expect(status.jobs).toEqual([]);
      const preview = await api.receipts.previewOutcome({ procedureId: PROCEDURE, outcomeId: OUTCOME });
      expect(preview?.layout.lines.some((l) => l.kind === 'text' && l.text.includes('法通自助服务终端'))).toBe(true);
      await expect(
        api.receipts.print({ target: { kind: 'outcome', procedureId: PROCEDURE, outcomeId: OUTCOME }, reference: preview?.reference ?? '' }),
      ).rejects.toMatchObject({
        code: 'unavailable',
        message: expect.stringContaining('没有连接打印机'),
      });
    } finally {
      await host.closeAsync();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
