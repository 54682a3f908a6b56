import type { ByteTransport } from '../../transport/byte-transport';
import { realTimeStatus } from '../codec/escpos-commands';
import { jobFields, type PrintJobProblem, type PrintJobRecord, type PrintJobState, type PrintJobStore } from './print-job-store';
import { describePrinterStatus, isStatusReply, type PrinterCondition, type PrinterStatusReport, type StatusBytes } from './printer-status';
import { createNanoEvents } from 'nanoevents';
import { DeviceLoop } from '../../common/device-loop';
import { errorMessage } from '../../common/error-message';

/** Time enters through here: the service is pure and its tests drive a fake clock. */
export interface PrinterClock {
  /** Runs fn once after ms; returns a function that cancels it. */
  setTimer(ms: number, fn: () => void): () => void;
  /** Milliseconds since the epoch. */
  now(): number;
}

/** Technician-facing events: states, status bytes, job ids. Never receipt contents. */
export type PrinterLog = (event: string, fields?: Record<string, string | number | boolean>) => void;

export type PrinterServiceState = 'not-configured' | 'connecting' | PrinterCondition;

export interface PrinterStatusView {
  readonly state: PrinterServiceState;
  readonly residentMessage: string;
  readonly detail: string;
  /** When the printer last answered (or failed to), from the injected clock; null before the first check. */
  readonly checkedAt: number | null;
}

/** A job as the UI sees it: no bytes. */
export interface PrintJobView {
  readonly id: string;
  readonly title: string;
  readonly state: PrintJobState;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly sends: number;
  readonly problem?: PrintJobProblem;
  readonly resumedAfter?: string;
  /** A failed job is never retried on its own: a person chooses retry (may print a second copy) or cancel. */
  readonly needsDecision: boolean;
  /** Printing stopped mid-job (paper, cover): the printer keeps the rest and finishes it once fixed. */
  readonly waitingForPrinter: boolean;
}

export interface ThermalPrinterServiceOptions {
  /** A fresh transport for each connection attempt; null = no port configured. */
  openTransport: (() => ByteTransport) | null;
  clock: PrinterClock;
  store: PrintJobStore;
  log?: PrinterLog;
  /** Per DLE EOT reply (§6.1: about 500 ms). */
  statusTimeoutMs?: number;
  /** Status poll while jobs wait for the printer. */
  busyPollMs?: number;
  /** Status poll while nothing is queued, so the home screen's printer line stays live. */
  idlePollMs?: number;
  /** Back-off between reopen attempts after an unplug; the last value repeats. */
  reconnectDelaysMs?: readonly number[];
  /** Finished (done/cancelled) jobs kept for the technician's view. */
  keepFinished?: number;
}

const NOT_CONFIGURED: PrinterStatusView = {
  state: 'not-configured',
  residentMessage: '本机没有连接打印机',
  detail: 'no printer port configured',
  checkedAt: null,
};

interface Link {
  transport: ByteTransport;
  replies: number[];
  waiter: (() => void) | null;
  closed: boolean;
  disposers: Array<() => void>;
}

/**
 * The receipt printer's driver. One loop does everything in order — connect, ask DLE EOT, send a job,
 * ask again — so a status query never lands inside a job's bytes (§6.1 rule 4).
 *
 * Never twice: a job is marked `printing` (and saved) before its first byte is sent, and `done` only
 * after the post-job status. A job that stops mid-way because of the paper or the cover stays
 * `printing`: the printer holds the rest in its buffer and prints it when fixed, so nothing is resent.
 * If the port closes or the kiosk restarts while a job is `printing`, it may be on paper already: it
 * becomes `failed` + `interrupted` and waits for a person's decision (retry or cancel). Pending jobs
 * (nothing sent) simply wait until the printer is ready again.
 */
export class ThermalPrinterService {
  private view: PrinterStatusView;
  private jobs: PrintJobRecord[];
  private readonly events = createNanoEvents<{ change: () => void }>();
  private link: Link | null = null;
  private readonly loop: DeviceLoop;
  private reconnectIndex = 0;
  private counter = 0;
  private readonly log: PrinterLog;
  private readonly statusTimeoutMs: number;
  private readonly busyPollMs: number;
  private readonly idlePollMs: number;
  private readonly delays: readonly number[];
  private readonly keepFinished: number;

  constructor(private readonly options: ThermalPrinterServiceOptions) {
    this.log = options.log ?? (() => undefined);
    this.loop = new DeviceLoop(options.clock, this.log);
    this.statusTimeoutMs = options.statusTimeoutMs ?? 500;
    this.busyPollMs = options.busyPollMs ?? 1000;
    this.idlePollMs = options.idlePollMs ?? 15_000;
    this.delays = options.reconnectDelaysMs ?? [500, 1000, 2000, 5000];
    this.keepFinished = options.keepFinished ?? 20;
    this.view = options.openTransport
      ? { state: 'connecting', residentMessage: '正在连接打印机', detail: 'not connected yet', checkedAt: null }
      : NOT_CONFIGURED;
    this.jobs = options.store.load();
    let changed = false;
    for (const job of this.jobs) {
      if (job.state === 'printing') {
        // The last run stopped while this job was on its way to the paper: offer it, never reprint on our own.
        job.state = 'failed';
        job.problem = 'interrupted';
        job.updatedAt = options.clock.now();
        changed = true;
        this.log('job-interrupted-by-restart', { job: job.id });
      }
    }
    if (changed) this.persist();
  }

  get status(): PrinterStatusView {
    return this.view;
  }

  listJobs(): PrintJobView[] {
    return this.jobs.map((job) => this.toView(job));
  }

  getJob(id: string): PrintJobView | null {
    const job = this.jobs.find((j) => j.id === id);
    return job ? this.toView(job) : null;
  }

  /** Fires on every change of the printer state or of any job. */
  onDidChange(listener: () => void): () => void {
    return this.events.on('change', listener);
  }

  start(): void {
    if (!this.options.openTransport) return;
    this.loop.start(
      () => this.run(),
      () =>
        this.setView({
          state: 'error',
          residentMessage: '打印机出现故障，请联系工作人员',
          detail: 'printer driver error',
          checkedAt: this.options.clock.now(),
        }),
    );
  }

  async stop(): Promise<void> {
    this.link?.waiter?.();
    await this.loop.stop();
    await this.dropLink('stopped', false);
  }

  /** Queues a receipt. It prints as soon as the printer is ready; the job is kept on disk until then. */
  print(job: { title: string; bytes: Uint8Array }): PrintJobView {
    const now = this.options.clock.now();
    const record: PrintJobRecord = {
      id: `${now.toString(36)}-${(this.counter++).toString(36)}`,
      title: job.title.slice(0, 80),
      bytes: job.bytes.slice(),
      state: 'pending',
      createdAt: now,
      updatedAt: now,
      sends: 0,
    };
    this.jobs.push(record);
    this.persist();
    this.log('job-queued', { job: record.id, bytes: record.bytes.length });
    this.emit();
    this.kick();
    return this.toView(record);
  }

  /** The resident gives up on a job that has not been sent (pending) or that failed. A job being printed cannot be recalled. */
  cancel(id: string): boolean {
    const job = this.jobs.find((j) => j.id === id);
    if (!job || (job.state !== 'pending' && job.state !== 'failed')) return false;
    this.update(job, 'cancelled');
    this.log('job-cancelled', { job: id });
    return true;
  }

  /** A person decided to print a failed job again (it may have been partly printed before). */
  retry(id: string): boolean {
    const job = this.jobs.find((j) => j.id === id);
    if (!job || job.state !== 'failed') return false;
    delete job.problem;
    this.update(job, 'pending');
    this.log('job-retry', { job: id });
    this.kick();
    return true;
  }

  /** Asks the printer now (technician, print-test) instead of waiting for the next poll. */
  refresh(): void {
    this.kick();
  }

  // ---- the loop ----

  private async run(): Promise<void> {
    while (!this.loop.stopped) {
      if (!this.link) {
        if (!(await this.connect())) {
          const delay = this.delays[Math.min(this.reconnectIndex, this.delays.length - 1)] ?? 5000;
          this.reconnectIndex++;
          await this.sleep(delay);
        }
        continue;
      }
      const link = this.link;
      const report = await this.readStatus(link);
      if (this.loop.stopped || link.closed) continue;
      this.setView({ state: report.condition, residentMessage: report.residentMessage, detail: report.detail, checkedAt: this.options.clock.now() });

      const inPrinter = this.jobs.find((j) => j.state === 'printing');
      if (inPrinter) {
        if (report.printable) {
          // The printer recovered and finished the rest of the job from its buffer.
          inPrinter.resumedAfter = inPrinter.resumedAfter ?? 'printer stop';
          this.update(inPrinter, 'done');
          this.log('job-done-after-recovery', { job: inPrinter.id });
          continue;
        }
        await this.sleep(this.busyPollMs);
        continue;
      }
      const next = this.jobs.find((j) => j.state === 'pending');
      if (next && report.printable) {
        await this.send(link, next);
        continue;
      }
      await this.sleep(next ? this.busyPollMs : this.idlePollMs);
    }
  }

  private async send(link: Link, job: PrintJobRecord): Promise<void> {
    job.sends++;
    this.update(job, 'printing'); // on disk before the first byte
    this.log('job-sending', { job: job.id, bytes: job.bytes.length });
    try {
      await link.transport.write(job.bytes);
      await link.transport.drain();
    } catch (error) {
      this.log('job-send-error', { job: job.id, error: errorMessage(error) });
      // Some bytes may have left: a person decides (the link drop marks it interrupted if the port went away).
      if (job.state === 'printing') {
        job.problem = link.closed ? 'interrupted' : 'send-failed';
        this.update(job, 'failed');
      }
      return;
    }
    if (link.closed) return; // the close handler already marked it interrupted
    // A printer busy cutting may miss one real-time reply: ask up to three times before calling it offline.
    let after = await this.readStatus(link);
    for (let attempt = 1; attempt < 3 && after.condition === 'offline' && !link.closed; attempt++) after = await this.readStatus(link);
    if (link.closed || job.state !== 'printing') return;
    this.setView({ state: after.condition, residentMessage: after.residentMessage, detail: after.detail, checkedAt: this.options.clock.now() });
    if (after.printable) {
      this.update(job, 'done');
      this.log('job-done', { job: job.id });
    } else {
      // Stopped mid-job: the rest stays in the printer's buffer (flow control holds the host), keep waiting.
      job.resumedAfter = after.condition;
      this.update(job, 'printing');
      this.log('job-stopped-mid-way', { job: job.id, condition: after.condition });
    }
  }

  private async connect(): Promise<boolean> {
    const open = this.options.openTransport;
    if (!open) return false;
    const transport = open();
    try {
      await transport.open();
    } catch (error) {
      const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      this.setView({
        state: 'offline',
        residentMessage: '打印机暂时无法使用，请联系工作人员',
        detail: `cannot open ${transport.path}: ${message}`.slice(0, 190),
        checkedAt: this.options.clock.now(),
      });
      return false;
    }
    const link: Link = { transport, replies: [], waiter: null, closed: false, disposers: [] };
    link.disposers.push(
      transport.onData((chunk) => {
        for (const byte of chunk) if (isStatusReply(byte)) link.replies.push(byte);
        link.waiter?.();
      }),
      transport.onClose((reason) => {
        void this.dropLink(reason, true, link);
      }),
    );
    this.link = link;
    this.reconnectIndex = 0;
    this.log('connected', { path: transport.path });
    return true;
  }

  private async dropLink(reason: string, unexpected: boolean, which: Link | null = this.link): Promise<void> {
    if (!which || which.closed) return;
    which.closed = true;
    for (const dispose of which.disposers) dispose();
    which.waiter?.();
    if (this.link === which) this.link = null;
    if (unexpected) {
      this.log('disconnected', { reason });
      for (const job of this.jobs) {
        if (job.state === 'printing') {
          job.problem = 'interrupted';
          this.update(job, 'failed');
          this.log('job-interrupted', { job: job.id });
        }
      }
      this.setView({
        state: 'offline',
        residentMessage: '打印机暂时无法使用，请联系工作人员',
        detail: `port ${which.transport.path} closed: ${reason}`.slice(0, 190),
        checkedAt: this.options.clock.now(),
      });
      this.kick();
    }
    try {
      await which.transport.close();
    } catch {
      // already gone
    }
  }

  /** DLE EOT 1; if offline also 2 and 3; always 4 for paper near-end (§6.1 usage pattern). */
  private async readStatus(link: Link): Promise<PrinterStatusReport> {
    const printer = await this.query(link, 1);
    let offlineCause: number | null = null;
    let errorCause: number | null = null;
    let paper: number | null = null;
    if (printer !== null) {
      if ((printer & 0x08) !== 0) {
        offlineCause = await this.query(link, 2);
        errorCause = await this.query(link, 3);
      }
      paper = await this.query(link, 4);
    }
    const bytes: StatusBytes = { printer, offlineCause, errorCause, paper };
    return describePrinterStatus(bytes);
  }

  private async query(link: Link, n: 1 | 2 | 3 | 4): Promise<number | null> {
    if (link.closed) return null;
    link.replies.length = 0; // a late reply to an earlier query must not answer this one
    try {
      await link.transport.write(realTimeStatus(n));
    } catch {
      return null;
    }
    if (link.replies.length === 0) {
      await new Promise<void>((resolve) => {
        const cancel = this.options.clock.setTimer(this.statusTimeoutMs, () => {
          link.waiter = null;
          resolve();
        });
        link.waiter = () => {
          link.waiter = null;
          cancel();
          resolve();
        };
      });
    }
    return link.replies.shift() ?? null;
  }

  // ---- helpers ----

  /** A sleep that a new job, a decision, a dropped link or stop cuts short. */
  private sleep(ms: number): Promise<void> {
    return this.loop.sleep(ms);
  }

  private kick(): void {
    this.loop.wake();
  }

  private update(job: PrintJobRecord, state: PrintJobState): void {
    job.state = state;
    job.updatedAt = this.options.clock.now();
    this.prune();
    this.persist();
    this.emit();
  }

  private prune(): void {
    const finished = this.jobs.filter((j) => j.state === 'done' || j.state === 'cancelled');
    if (finished.length <= this.keepFinished) return;
    const drop = new Set(finished.slice(0, finished.length - this.keepFinished));
    this.jobs = this.jobs.filter((j) => !drop.has(j));
  }

  private persist(): void {
    try {
      this.options.store.save(this.jobs);
    } catch (error) {
      this.log('store-error', { error: errorMessage(error) });
    }
  }

  private setView(next: PrinterStatusView): void {
    const changed = next.state !== this.view.state || next.detail !== this.view.detail;
    this.view = next;
    if (changed) {
      this.log('status', { state: next.state, detail: next.detail });
      this.emit();
    }
  }

  private emit(): void {
    this.events.emit('change');
  }

  private toView(job: PrintJobRecord): PrintJobView {
    return {
      ...jobFields(job),
      needsDecision: job.state === 'failed',
      waitingForPrinter: job.state === 'printing' && job.resumedAfter !== undefined,
    };
  }
}
