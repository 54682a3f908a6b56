import path from 'node:path';
import type { DeviceState } from '../../common/contract/kiosk-api';
import type { ByteTransport } from '../../../native-adapters/transport/byte-transport';
import type { FlowControl } from '../../../native-adapters/transport/serial/serial-transport';
import { FileJobStore } from '../../../native-adapters/thermal-printer/node/file-job-store';
import { serialPrinterTransport, systemPrinterClock } from '../../../native-adapters/thermal-printer/node/printer-node';
import { MemoryPrintJobStore, type PrintJobStore } from '../../../native-adapters/thermal-printer/service/print-job-store';
import {
  ThermalPrinterService,
  type PrintJobView,
  type PrinterClock,
  type PrinterStatusView,
} from '../../../native-adapters/thermal-printer/service/thermal-printer-service';
import { PAPER_COLUMNS } from '../../../native-adapters/thermal-printer/receipt/layout-receipt';
import type { TerminalSettings } from '../../common/config/terminal-settings';
import { Emitter, type Unsubscribe } from '../../common/events/emitter';
import type { Logger } from '../system/logger';
import type { DeviceStatusService } from './device-status-service';

export interface PrintServiceOptions {
  /** The provisioned serial port of the receipt printer; null/undefined = not configured. */
  port: string | null | undefined;
  baudRate?: number;
  flowControl?: FlowControl;
  /** 58 → 32 columns, 80 → 48 (receipt layout uses `columns`). */
  paperWidth?: 58 | 80;
  /** The kiosk's data directory: the queue lives in <dataDir>/printer/jobs.json. Null keeps it in memory. */
  dataDir: string | null;
  devices: DeviceStatusService;
  logger: Logger;
  clock?: PrinterClock;
  /** Tests substitute the transport; production opens the serial port. */
  openTransport?: () => ByteTransport;
  store?: PrintJobStore;
  /** Status polls (ms): while jobs wait (default 1000) and while idle (default 15000). Tests shorten them. */
  busyPollMs?: number;
  idlePollMs?: number;
}

/** What the UI gets for the printer: state + plain message, and the queue (titles and states only). */
export interface PrintStatus {
  printer: PrinterStatusView;
  jobs: PrintJobView[];
}

/**
 * Owns the receipt printer for the host: one ThermalPrinterService (DLE EOT status, the job queue
 * kept on disk, reopen after unplug), and keeps the home screen's printer line live through
 * DeviceStatusService. Receipts arrive already encoded (ESC/POS bytes from the receipt layout, IDs
 * masked); nothing else about the resident is kept.
 */
export class PrintService {
  private readonly printer: ThermalPrinterService;
  private readonly changed = new Emitter<PrintStatus>();
  readonly columns: number;

  constructor(options: PrintServiceOptions) {
    const log = options.logger.child('printer');
    this.columns = PAPER_COLUMNS[options.paperWidth === 80 ? '80mm' : '58mm'];
    const open =
      options.openTransport ??
      (options.port ? serialPrinterTransport({ path: options.port, baudRate: options.baudRate ?? 9600, flowControl: options.flowControl ?? 'rtscts' }) : null);
    const store = options.store ?? (options.dataDir ? new FileJobStore(path.join(options.dataDir, 'printer', 'jobs.json')) : new MemoryPrintJobStore());
    this.printer = new ThermalPrinterService({
      openTransport: open,
      clock: options.clock ?? systemPrinterClock,
      store,
      ...(options.busyPollMs !== undefined ? { busyPollMs: options.busyPollMs } : {}),
      ...(options.idlePollMs !== undefined ? { idlePollMs: options.idlePollMs } : {}),
      log: (event, fields) => log.log(event === 'status' ? 'info' : event.includes('error') || event.includes('interrupted') ? 'warn' : 'info', event, fields),
    });
    this.printer.onDidChange(() => {
      options.devices.report('printer', deviceStateOf(this.printer.status));
      this.changed.fire(this.status());
    });
    options.devices.report('printer', deviceStateOf(this.printer.status));
  }

  start(): void {
    this.printer.start();
  }

  async stop(): Promise<void> {
    await this.printer.stop();
  }

  /** Queues an encoded receipt; returns the job (pending until the printer is ready). */
  print(job: { title: string; bytes: Uint8Array }): PrintJobView {
    return this.printer.print(job);
  }

  /** The resident cancels a pending or failed job. False if it is already printing, done or unknown. */
  cancel(id: string): boolean {
    return this.printer.cancel(id);
  }

  /**
   * The resident left (the session ended): every job that cannot reach the paper now — waiting for
   * paper, the cover, a reconnect, or for a person to choose 重新打印 — is cancelled, so their
   * answers never come out later for whoever stands at the kiosk next. A job the printer is
   * printing, holds in its buffer (stopped mid-job), or can print at once goes on: the resident
   * who pressed 打印 and then 完成 still gets the slip. Returns the ids cancelled.
   */
  cancelStranded(): string[] {
    const printerState = this.printer.status.state;
    const canPrintNow = printerState === 'ready' || printerState === 'paper-near-end';
    const stranded = this.printer.listJobs().filter((job) => job.needsDecision || (job.state === 'pending' && !job.waitingForPrinter && !canPrintNow));
    return stranded.filter((job) => this.printer.cancel(job.id)).map((job) => job.id);
  }

  /** A person decided to print a failed (e.g. interrupted) job again. */
  retry(id: string): boolean {
    return this.printer.retry(id);
  }

  /** Reads the printer's state now instead of at the next poll (when a resident opens the print panel). */
  refresh(): void {
    this.printer.refresh();
  }

  status(): PrintStatus {
    return { printer: this.printer.status, jobs: this.printer.listJobs() };
  }

  onDidChange(listener: (status: PrintStatus) => void): Unsubscribe {
    return this.changed.on(listener);
  }
}

/** The provisioned receipt printer (none → not-configured) with its queue in <dataDir>/printer/. */
export function printServiceFor(terminal: TerminalSettings, options: Pick<PrintServiceOptions, 'dataDir' | 'devices' | 'logger'>): PrintService {
  const printer = terminal.printer;
  return new PrintService({
    port: printer?.port ?? null,
    ...(printer ? { baudRate: printer.baudRate, flowControl: printer.flowControl, paperWidth: printer.width } : {}),
    ...options,
  });
}

/** Printer state → the home screen's device line (contract enum; detail is technician text). */
export function deviceStateOf(status: PrinterStatusView): DeviceState {
  const detail = status.detail.slice(0, 200);
  switch (status.state) {
    case 'not-configured':
      return { state: 'not-configured' };
    case 'connecting':
      return { state: 'connecting', detail };
    case 'ready':
      return { state: 'ready' };
    case 'paper-near-end':
      // Still prints: ready, with the reason for staff.
      return { state: 'ready', detail };
    case 'paper-out':
    case 'cover-open':
    case 'error':
      return { state: 'attention', detail };
    case 'offline':
      return { state: 'offline', detail };
  }
}
