/**
 * npm run bench:documents — for every document type: PDF bytes and pages, the time to check the
 * answers and write the PDF, and the time from 打印 (the host receives the answers) to the job
 * accepted by CUPS (`lp` returned its request id), median of RUNS, through the real cupsd to the
 * queue given by KIOSK_BENCH_QUEUE (default PDF, the cups-pdf queue .ci/run adds). Jobs are
 * followed to the end and purged, as the kiosk does. Target: ≤ 3000 ms to accepted.
 */
import { performance } from 'node:perf_hooks';
import { exampleAnswers } from '../../kiosk-content/src/documents/common/example-answers';
import { fillDocument, localToday } from '../../kiosk-content/src/documents/node/fill-document';
import { loadDocumentFolder } from '../../kiosk-content/src/documents/node/load-document-types';
import { systemA4Clock, systemCupsCommands } from '../../native-adapters/a4-printer/node/cups-commands';
import { A4PrinterService } from '../../native-adapters/a4-printer/service/a4-printer-service';
import { NEUTRAL_JOB_TITLE } from '../../electron/common/domain/a4-print-text';

const RUNS = Number(process.env.KIOSK_BENCH_RUNS ?? 3);
const queue = process.env.KIOSK_BENCH_QUEUE ?? 'PDF';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const { types, problems } = loadDocumentFolder();
  if (problems.length > 0) throw new Error(`document types have problems: ${problems.map((p) => `${p.file}:${String(p.line)} ${p.message}`).join('; ')}`);
  const printer = new A4PrinterService({ commands: systemCupsCommands(), clock: systemA4Clock, log: () => undefined, pollMs: 200 });
  try {
    await printer.queueStatus(queue);
  } catch (error) {
    throw new Error(
      `CUPS queue ${queue} is not usable (${error instanceof Error ? error.message : String(error)}); start cupsd and add the queue as .ci/run does, or set KIOSK_BENCH_QUEUE`,
      { cause: error },
    );
  }
  const today = localToday();
  console.log(`bench:documents — ${String(types.length)} types, ${String(RUNS)} runs each, queue ${queue}`);
  console.log(
    ['type'.padEnd(28), 'bytes'.padStart(8), 'pages'.padStart(6), 'fill ms'.padStart(8), 'accepted ms'.padStart(12), 'done ms'.padStart(9)].join(' '),
  );
  let worstAccepted = 0;
  for (const type of types) {
    const answers = exampleAnswers(type);
    const fills: number[] = [];
    const accepted: number[] = [];
    const done: number[] = [];
    let bytes = 0;
    let pages = 0;
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      const result = await fillDocument(type, answers, today);
      if (!result.ok) throw new Error(`${type.id}: example answers rejected: ${JSON.stringify(result.problems)}`);
      const filled = performance.now();
      bytes = result.pdf.length;
      pages = result.layout.pages.length;
      let acceptedAt = NaN;
      const final = await printer.print(queue, result.pdf, NEUTRAL_JOB_TITLE, (state) => {
        if (state.state === 'printing' && Number.isNaN(acceptedAt)) acceptedAt = performance.now();
      });
      if (final.state !== 'done') throw new Error(`${type.id}: the job did not print: ${JSON.stringify(final)}`);
      fills.push(filled - t0);
      accepted.push(acceptedAt - t0);
      done.push(performance.now() - t0);
    }
    worstAccepted = Math.max(worstAccepted, median(accepted));
    console.log(
      [
        type.id.padEnd(28),
        String(bytes).padStart(8),
        String(pages).padStart(6),
        median(fills).toFixed(0).padStart(8),
        median(accepted).toFixed(0).padStart(12),
        median(done).toFixed(0).padStart(9),
      ].join(' '),
    );
  }
  console.log(`worst median 打印 → accepted by CUPS: ${worstAccepted.toFixed(0)} ms (target ≤ 3000 ms)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
