import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGb18030Encoder } from '../../native-adapters/thermal-printer/node/gb18030';
import { buildSelfTestPage, systemPrinterClock } from '../../native-adapters/thermal-printer/node/printer-node';
import { encodeReceipt } from '../../native-adapters/thermal-printer/receipt/encode-receipt';
import { layoutReceipt, paperColumns, type ReceiptLayout } from '../../native-adapters/thermal-printer/receipt/layout-receipt';
import { buildLawArticleReceipt, buildOutcomeReceipt, buildQaReceipt } from '../../electron/common/receipts/receipt-builders';
import { sampleArticle, sampleHeader, sampleOutcome, sampleQa } from '../../electron/common/receipts/sample-receipts';
import { MemoryPrintJobStore } from '../../native-adapters/thermal-printer/service/print-job-store';
import { ThermalPrinterService } from '../../native-adapters/thermal-printer/service/thermal-printer-service';
import { PrinterSimulator, type SimulatedJob } from '../../native-adapters/thermal-printer/simulator/printer-simulator';
import { SerialTransport } from '../../native-adapters/transport/serial/serial-transport';
import { openPtyPair, type PtyPair } from '../../native-adapters/transport/pty/socat-pty-pair';

/** The printer service on one end of a socat pty pair, the simulator on the other: what would be on paper. */
const encode = createGb18030Encoder();

function expectedLines(layout: ReceiptLayout): string[] {
  const out: string[] = [];
  for (const line of layout.lines) {
    if (line.kind === 'text') out.push((' '.repeat(line.indent) + line.text).trimEnd());
    else if (line.kind === 'qr') out.push(`QR:${line.payload}`);
  }
  return out;
}

function printedLines(job: SimulatedJob): string[] {
  const out: string[] = [];
  let afterQr = false;
  for (const line of job.lines) {
    if (line.kind === 'feed') continue;
    if (line.kind === 'qr') {
      out.push(`QR:${line.payload}`);
      afterQr = true;
      continue;
    }
    // GS ( k print is followed by LF, which feeds an empty line on paper; the layout has no line for it.
    if (afterQr && line.text === '') {
      afterQr = false;
      continue;
    }
    afterQr = false;
    out.push((' '.repeat(line.alignPad) + line.text).trimEnd());
  }
  return out;
}

let pair: PtyPair;
let printerSide: SerialTransport;
let simulator: PrinterSimulator;
let service: ThermalPrinterService;

async function setup(paperWidth: 58 | 80): Promise<void> {
  printerSide = new SerialTransport({ path: pair.b, baudRate: 115200 });
  await printerSide.open();
  simulator = new PrinterSimulator(printerSide, { paperWidth, png: false });
  simulator.start();
  service = new ThermalPrinterService({
    openTransport: () => new SerialTransport({ path: pair.a, baudRate: 115200 }),
    clock: systemPrinterClock,
    store: new MemoryPrintJobStore(),
    busyPollMs: 100,
    idlePollMs: 60_000,
  });
  service.start();
  await until(() => service.status.checkedAt !== null);
}

async function teardown(): Promise<void> {
  await service.stop();
  simulator.stop();
  await printerSide.close();
}

async function until(condition: () => boolean, ms = 8000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function nextJob(): Promise<SimulatedJob> {
  return new Promise((resolve) => {
    const off = simulator.onJob((job) => {
      off();
      resolve(job);
    });
  });
}

beforeAll(async () => {
  pair = await openPtyPair();
});
afterAll(async () => {
  await pair.close();
});

for (const width of [58, 80] as const) {
  describe(`${width} mm: each receipt type as the simulator prints it`, () => {
    beforeAll(() => setup(width));
    afterAll(teardown);
    const columns = paperColumns(width);
    const receipts: Array<[string, () => ReceiptLayout]> = [
      ['procedure outcome', () => layoutReceipt(buildOutcomeReceipt(sampleHeader, sampleOutcome), { columns, encode })],
      ['law article', () => layoutReceipt(buildLawArticleReceipt(sampleHeader, sampleArticle), { columns, encode })],
      ['Q&A answer', () => layoutReceipt(buildQaReceipt(sampleHeader, sampleQa), { columns, encode })],
      [
        'self-test page',
        () =>
          buildSelfTestPage({
            siteName: sampleHeader.siteName,
            columns,
            connection: 'pty',
            status: service.status,
            reference: 'T1',
            now: new Date(2026, 10, 22, 14, 5),
          }).layout,
      ],
    ];
    for (const [name, make] of receipts) {
      it(`${name}: decoded text equals the layout's lines, no wraps or warnings`, async () => {
        const layout = make();
        const printed = nextJob();
        const job = service.print({ title: name, bytes: encodeReceipt(layout, encode).bytes });
        const simJob = await printed;
        expect(printedLines(simJob)).toEqual(expectedLines(layout));
        expect(simJob.warnings).toEqual([]);
        expect(simJob.lines.some((l) => l.kind === 'text' && l.wrapped)).toBe(false);
        expect(simJob.cut).toBe('partial');
        await until(() => service.getJob(job.id)?.state === 'done');
      });
    }
  });
}

describe('paper problems over a real pty', () => {
  beforeAll(() => setup(58));
  afterAll(teardown);
  const layout = () => layoutReceipt(buildOutcomeReceipt(sampleHeader, sampleOutcome), { columns: 32, encode });

  it('paper out before the job: the resident message shows, and the job prints once when paper is back', async () => {
    simulator.runOutOfPaper();
    service.refresh();
    await until(() => service.status.state === 'paper-out');
    expect(service.status.residentMessage).toBe('打印机缺纸，请联系工作人员');
    const before = simulator.jobs.length;
    const bytesBefore = simulator.receivedBytes;
    const job = service.print({ title: 'outcome', bytes: encodeReceipt(layout(), encode).bytes });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(service.getJob(job.id)?.state).toBe('pending');
    expect(simulator.receivedBytes).toBe(bytesBefore); // only DLE EOT went out, nothing of the job
    expect(simulator.state.buffered).toBe(0);
    simulator.loadPaper();
    await until(() => service.getJob(job.id)?.state === 'done');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(simulator.jobs.length - before).toBe(1);
    expect(printedLines(simulator.jobs.at(-1) as SimulatedJob)).toEqual(expectedLines(layout()));
    expect(service.status.state).toBe('ready');
  });

  it('paper out mid-job: the job is not resent; the printer finishes it once paper is loaded', async () => {
    simulator.runOutOfPaper(5);
    const before = simulator.jobs.length;
    const job = service.print({ title: 'outcome', bytes: encodeReceipt(layout(), encode).bytes });
    await until(() => service.getJob(job.id)?.waitingForPrinter === true);
    expect(service.status.state).toBe('paper-out');
    expect(simulator.state.buffered).toBeGreaterThan(0);
    expect(simulator.jobs.length).toBe(before);
    simulator.loadPaper();
    await until(() => service.getJob(job.id)?.state === 'done');
    expect(service.getJob(job.id)).toMatchObject({ sends: 1, resumedAfter: 'paper-out' });
    expect(simulator.jobs.length - before).toBe(1);
    expect(printedLines(simulator.jobs.at(-1) as SimulatedJob)).toEqual(expectedLines(layout()));
  });

  it('cover open: the job waits with the cover message and prints once it is closed', async () => {
    simulator.setCoverOpen(true);
    const before = simulator.jobs.length;
    const job = service.print({ title: 'outcome', bytes: encodeReceipt(layout(), encode).bytes });
    await until(() => service.status.state === 'cover-open');
    expect(service.status.residentMessage).toBe('打印机盖子没有关好，请联系工作人员');
    simulator.setCoverOpen(false);
    await until(() => service.getJob(job.id)?.state === 'done');
    expect(simulator.jobs.length - before).toBe(1);
  });
});
