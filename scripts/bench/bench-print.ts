/**
 * npm run bench:print — bytes and time per receipt type (outcome, law article, Q&A, self-test) at 9600
 * and 115200 baud, for 58 and 80 mm. Each receipt is printed by the real printer service over a socat
 * pty pair into the printer simulator (DLE EOT before, job, DLE EOT after, until the service marks it
 * done); the computed wire time is bytes × 10 bits / baud (8N1). A pty does not pace bytes at the baud
 * rate, so the measured time is the software path (encode → serial → simulator → status) and the wire
 * time is what a real serial line adds on top.
 */
import { performance } from 'node:perf_hooks';
import { openPtyPair } from '../../native-adapters/transport/pty/socat-pty-pair';
import { createGb18030Encoder } from '../../native-adapters/thermal-printer/node/gb18030';
import { buildSelfTestPage, systemPrinterClock } from '../../native-adapters/thermal-printer/node/printer-node';
import { encodeReceipt } from '../../native-adapters/thermal-printer/receipt/encode-receipt';
import { layoutReceipt, paperColumns } from '../../native-adapters/thermal-printer/receipt/layout-receipt';
import { buildLawArticleReceipt, buildOutcomeReceipt, buildQaReceipt } from '../../electron/common/receipts/receipt-builders';
import { sampleArticle, sampleHeader, sampleOutcome, sampleQa } from '../../electron/common/receipts/sample-receipts';
import { MemoryPrintJobStore } from '../../native-adapters/thermal-printer/service/print-job-store';
import { ThermalPrinterService } from '../../native-adapters/thermal-printer/service/thermal-printer-service';
import { PrinterSimulator } from '../../native-adapters/thermal-printer/simulator/printer-simulator';
import { SerialTransport } from '../../native-adapters/transport/serial/serial-transport';

const RUNS = 5;

const encode = createGb18030Encoder();

function receipts(columns: number): Array<[string, Uint8Array]> {
  const bytes = (doc: Parameters<typeof layoutReceipt>[0]) => encodeReceipt(layoutReceipt(doc, { columns, encode }), encode).bytes;
  return [
    ['procedure outcome', bytes(buildOutcomeReceipt(sampleHeader, sampleOutcome))],
    ['law article', bytes(buildLawArticleReceipt(sampleHeader, sampleArticle))],
    ['Q&A answer', bytes(buildQaReceipt(sampleHeader, sampleQa))],
    [
      'self-test page',
      buildSelfTestPage({
        siteName: sampleHeader.siteName,
        columns,
        connection: '/dev/ttyUSB0，9600 波特，RTS/CTS',
        status: null,
        reference: 'BENCH1',
        now: new Date(2026, 10, 22, 14, 5),
      }).bytes,
    ],
  ];
}

async function measure(baudRate: number, paperWidth: 58 | 80): Promise<Map<string, number>> {
  const pair = await openPtyPair();
  const printerSide = new SerialTransport({ path: pair.b, baudRate });
  await printerSide.open();
  const simulator = new PrinterSimulator(printerSide, { paperWidth, png: false });
  simulator.start();
  const service = new ThermalPrinterService({
    openTransport: () => new SerialTransport({ path: pair.a, baudRate }),
    clock: systemPrinterClock,
    store: new MemoryPrintJobStore(),
    busyPollMs: 20,
    idlePollMs: 60_000,
  });
  service.start();
  const results = new Map<string, number>();
  try {
    await until(() => service.status.state === 'ready');
    for (const [name, bytes] of receipts(paperColumns(paperWidth))) {
      const times: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const printedBefore = simulator.jobs.length;
        const start = performance.now();
        const job = service.print({ title: name, bytes });
        await until(() => service.getJob(job.id)?.state === 'done' && simulator.jobs.length === printedBefore + 1);
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      results.set(name, times[Math.floor(times.length / 2)] ?? NaN);
    }
  } finally {
    await service.stop();
    simulator.stop();
    await printerSide.close();
    await pair.close();
  }
  return results;
}

async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error('timed out waiting for the printer service');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const wire = (bytes: number, baud: number) => (bytes * 10) / baud;

console.log(`bench:print — receipts through the printer service → socat pty → printer SIMULATOR (median of ${RUNS})`);
for (const width of [58, 80] as const) {
  const at9600 = await measure(9600, width);
  const at115200 = await measure(115200, width);
  console.log(`\n${width} mm (${paperColumns(width)} columns)`);
  console.log('receipt              bytes   wire@9600  wire@115200  measured@9600  measured@115200  (measured = pty, not baud-paced)');
  for (const [name, bytes] of receipts(paperColumns(width))) {
    console.log(
      `${name.padEnd(20)} ${String(bytes.length).padStart(5)}   ${wire(bytes.length, 9600).toFixed(2).padStart(7)} s  ${(wire(bytes.length, 115200) * 1000).toFixed(0).padStart(8)} ms  ${(at9600.get(name) ?? NaN).toFixed(1).padStart(10)} ms  ${(at115200.get(name) ?? NaN).toFixed(1).padStart(12)} ms`,
    );
  }
}
console.log('\nTarget: a typical outcome receipt < 2 KB, about 2 s on the wire at 9600 baud.');
