import { randomBytes } from 'node:crypto';
import { buildSelfTestPage, serialPrinterTransport, systemPrinterClock } from '../../../native-adapters/thermal-printer/node/printer-node';
import { paperColumns } from '../../../native-adapters/thermal-printer/receipt/layout-receipt';
import { MemoryPrintJobStore } from '../../../native-adapters/thermal-printer/service/print-job-store';
import { ThermalPrinterService, type PrinterStatusView } from '../../../native-adapters/thermal-printer/service/thermal-printer-service';
import type { FlowControl } from '../../../native-adapters/transport/serial/serial-transport';
import { UsageError, type CliCommand } from '../command';
import { parseCommandArgs } from '../parse';
import { DEFAULT_RECEIPT_SITE } from '../../../electron/node/services/procedure-service';

/** Exit codes: 0 printed, 1 the printer cannot print (state on stderr), 2 usage. */
export const printTestCommand: CliCommand = {
  name: 'print-test',
  summary: 'Print the printer self-test page (site, time, Chinese text, QR, status); non-zero if it cannot',
  usage: `Usage: npm run cli -- print-test --port <path> [--baud N] [--width 58|80]
         [--flow none|rtscts|xonxoff] [--site <name>] [--timeout <seconds>]

Asks the printer its state (DLE EOT), prints the self-test page (site, time, encoding lines, a
Chinese paragraph, width rulers, the status it read, a QR code), and asks again after the cut.
Exits 0 when the page was printed; 1 with the printer's state ("paper-out: 打印机缺纸…") when it
cannot print or stops; 2 on bad arguments.
  --baud     serial speed (default 9600; the printer's own self-test page shows its setting)
  --width    paper width: 58 (32 columns, default) or 80 (48 columns)
  --flow     flow control (default rtscts, see the spec §1); use none for a pty
  --site     site name printed in the header (default: KIOSK_SITE_NAME or 「法通自助服务终端」)
  --timeout  seconds to wait for the printer to answer and finish (default 20)`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      port: { type: 'string' },
      baud: { type: 'string', default: '9600' },
      width: { type: 'string', default: '58' },
      flow: { type: 'string', default: 'rtscts' },
      site: { type: 'string' },
      timeout: { type: 'string', default: '20' },
    });
    if (!values.port) throw new UsageError('--port <path> is required');
    const baudRate = Number(values.baud);
    if (!Number.isInteger(baudRate) || baudRate < 1200 || baudRate > 921600) throw new UsageError('--baud must be a serial speed such as 9600 or 115200');
    if (values.width !== '58' && values.width !== '80') throw new UsageError('--width must be 58 or 80');
    if (!['none', 'rtscts', 'xonxoff'].includes(values.flow)) throw new UsageError('--flow must be none, rtscts or xonxoff');
    const timeoutMs = Number(values.timeout) * 1000;
    if (!(timeoutMs > 0)) throw new UsageError('--timeout must be a positive number of seconds');
    const flowControl = values.flow as FlowControl;
    const columns = paperColumns(values.width === '80' ? 80 : 58);

    const service = new ThermalPrinterService({
      openTransport: serialPrinterTransport({ path: values.port, baudRate, flowControl }),
      clock: systemPrinterClock,
      store: new MemoryPrintJobStore(),
      busyPollMs: 300,
      reconnectDelaysMs: [500],
    });
    const deadline = Date.now() + timeoutMs;
    const waitFor = (done: () => boolean): Promise<boolean> =>
      new Promise((resolve) => {
        if (done()) return resolve(true);
        const timer = setTimeout(
          () => {
            stop();
            resolve(false);
          },
          Math.max(0, deadline - Date.now()),
        );
        const unsubscribe = service.onDidChange(() => {
          if (!done()) return;
          stop();
          resolve(true);
        });
        const stop = () => {
          clearTimeout(timer);
          unsubscribe();
        };
      });
    const fail = (status: PrinterStatusView, what: string): number => {
      io.stderr(`print-test: ${what}: printer state ${status.state} — ${status.residentMessage} (${status.detail})\n`);
      return 1;
    };

    service.start();
    try {
      await waitFor(() => service.status.checkedAt !== null && service.status.state !== 'connecting');
      const before = service.status;
      io.stdout(`printer on ${values.port} at ${baudRate} baud: ${before.state} (${before.detail})\n`);
      if (before.state !== 'ready' && before.state !== 'paper-near-end') return fail(before, 'cannot print');
      const page = buildSelfTestPage({
        siteName: values.site ?? io.env.KIOSK_SITE_NAME ?? DEFAULT_RECEIPT_SITE,
        columns,
        connection: `${values.port}，${baudRate} 波特，${flowControl === 'rtscts' ? 'RTS/CTS' : flowControl === 'xonxoff' ? 'XON/XOFF' : '无流控'}`,
        status: before,
        reference: randomBytes(3).toString('hex').toUpperCase(),
      });
      const job = service.print({ title: '打印机自检页', bytes: page.bytes });
      const settled = () => {
        const current = service.getJob(job.id);
        if (!current) return true;
        if (current.state === 'done' || current.state === 'failed') return true;
        // Nothing sent yet and the printer stopped, or it stopped mid-page: report now instead of waiting.
        return !['ready', 'paper-near-end', 'connecting'].includes(service.status.state);
      };
      await waitFor(settled);
      const final = service.getJob(job.id);
      if (final?.state === 'done') {
        io.stdout(`self-test page printed: ${page.bytes.length} bytes, ${page.layout.lines.length} lines; printer ${service.status.state}\n`);
        return 0;
      }
      if (final?.state === 'pending') service.cancel(job.id);
      return fail(
        service.status,
        final?.state === 'printing' ? 'stopped part-way through the page' : final?.state === 'failed' ? `page ${final.problem ?? 'failed'}` : 'timed out',
      );
    } finally {
      await service.stop();
    }
  },
};
