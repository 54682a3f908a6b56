import { describe, expect, it } from 'vitest';
import type { ByteTransport } from '../../transport/byte-transport';
import { MemoryTransport } from '../../transport/memory/memory-transport';
import { MemoryPrintJobStore, type PrintJobRecord } from './print-job-store';
import { describePrinterStatus } from './printer-status';
import { ThermalPrinterService, type PrinterClock } from './thermal-printer-service';

/** Timers run only when the test advances time; promises settle in between. */
class FakeClock implements PrinterClock {
  private time = 1_700_000_000_000;
  private timers: Array<{ at: number; fn: () => void; id: number }> = [];
  private nextId = 0;

  now(): number {
    return this.time;
  }

  setTimer(ms: number, fn: () => void): () => void {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, fn, id });
    return () => {
      this.timers = this.timers.filter((t) => t.id !== id);
    };
  }

  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await settle();
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > target) break;
      this.timers.shift();
      this.time = next.at;
      next.fn();
    }
    this.time = target;
    await settle();
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

/**
 * A printer behind a fake transport: answers DLE EOT like the spec's examples, counts the jobs that
 * reach it, can run out of paper part-way through a job and keeps the rest (as a printer's buffer does).
 */
class FakePrinter {
  paperOut = false;
  coverOpen = false;
  silent = false;
  plugged = true;
  /** Paper runs out after this many job bytes of the next job. */
  paperOutAfterBytes: number | null = null;
  received: number[] = [];
  jobsCompleted = 0;
  opens = 0;
  current: MemoryTransport | null = null;
  private held: number[] = [];

  transport = (): ByteTransport => {
    const port = new MemoryTransport('/dev/fake-printer', {
      onOpen: (opened) => {
        if (!this.plugged) return new Error('ENOENT: no such file or directory');
        this.opens++;
        this.current = opened;
        return null;
      },
      onWrite: (data, written) => this.receive(data, written),
    });
    return port;
  };

  /** DLE EOT n is answered with a status byte; everything else is job data. */
  private receive(data: Uint8Array, port: MemoryTransport): void {
    if (data.length === 3 && data[0] === 0x10 && data[1] === 0x04) {
      if (!this.silent) port.emitDataSoon(Uint8Array.of(this.statusByte(data[2] ?? 0)));
      return;
    }
    this.accept(data);
  }

  statusByte(n: number): number {
    const offline = this.paperOut || this.coverOpen;
    if (n === 1) return offline ? 0x1a : 0x12;
    if (n === 2) return 0x12 | (this.coverOpen ? 0x04 : 0) | (this.paperOut ? 0x20 : 0);
    if (n === 3) return 0x12;
    return this.paperOut ? 0x7e : 0x12;
  }

  accept(bytes: Uint8Array): void {
    for (const byte of bytes) {
      if (this.paperOut) {
        this.held.push(byte);
        continue;
      }
      this.printByte(byte);
      if (this.paperOutAfterBytes !== null && --this.paperOutAfterBytes <= 0) {
        this.paperOutAfterBytes = null;
        this.paperOut = true;
      }
    }
  }

  loadPaper(): void {
    this.paperOut = false;
    const held = this.held;
    this.held = [];
    for (const byte of held) this.printByte(byte);
  }

  unplug(): void {
    this.plugged = false;
    this.current?.unplug();
  }

  private printByte(byte: number): void {
    this.received.push(byte);
    // The encoder ends every receipt with GS V 42 00.
    const n = this.received.length;
    if (n >= 4 && this.received[n - 4] === 0x1d && this.received[n - 3] === 0x56 && this.received[n - 2] === 0x42 && byte === 0) this.jobsCompleted++;
  }
}

const receipt = (title: string) => ({ title, bytes: Uint8Array.of(0x1b, 0x40, 0x1c, 0x26, 0xd6, 0xd0, 0x0a, 0x1d, 0x56, 0x42, 0x00) });

function setup(initial: PrintJobRecord[] = []) {
  const clock = new FakeClock();
  const printer = new FakePrinter();
  const store = new MemoryPrintJobStore(initial);
  const service = new ThermalPrinterService({ openTransport: printer.transport, clock, store, reconnectDelaysMs: [500, 1000, 2000] });
  return { clock, printer, store, service };
}

describe('describePrinterStatus', () => {
  it('reads the spec’s paper-out example (1A 32 -- 7E) as paper-out with the resident message', () => {
    const report = describePrinterStatus({ printer: 0x1a, offlineCause: 0x32, errorCause: 0x12, paper: 0x7e });
    expect(report.condition).toBe('paper-out');
    expect(report.printable).toBe(false);
    expect(report.residentMessage).toBe('打印机缺纸，请联系工作人员');
    expect(report.detail).toContain('DLE EOT 1=1A 2=32 3=12 4=7E');
  });

  it('tells cover open, cutter error, near end, no reply and healthy apart', () => {
    expect(describePrinterStatus({ printer: 0x1a, offlineCause: 0x16, errorCause: 0x12, paper: 0x12 }).condition).toBe('cover-open');
    const cutter = describePrinterStatus({ printer: 0x1a, offlineCause: 0x52, errorCause: 0x1a, paper: 0x12 });
    expect(cutter.condition).toBe('error');
    expect(cutter.detail).toContain('auto-cutter error');
    const near = describePrinterStatus({ printer: 0x12, offlineCause: null, errorCause: null, paper: 0x1e });
    expect(near).toMatchObject({ condition: 'paper-near-end', printable: true });
    expect(describePrinterStatus({ printer: null, offlineCause: null, errorCause: null, paper: null }).condition).toBe('offline');
    expect(describePrinterStatus({ printer: 0x12, offlineCause: null, errorCause: null, paper: 0x12 })).toMatchObject({ condition: 'ready', printable: true });
  });
});

describe('ThermalPrinterService', () => {
  it('is not-configured without a port and never touches a transport', () => {
    const service = new ThermalPrinterService({ openTransport: null, clock: new FakeClock(), store: new MemoryPrintJobStore() });
    service.start();
    expect(service.status.state).toBe('not-configured');
  });

  it('prints a job once: printing is stored before the bytes leave, done after the post-job status', async () => {
    const { clock, printer, store, service } = setup();
    const statesOnDisk: string[] = [];
    const save = store.save.bind(store);
    store.save = (jobs) => {
      statesOnDisk.push(jobs.map((j) => j.state).join(','));
      if (jobs[0]?.state === 'printing') expect(printer.received).toHaveLength(0);
      save(jobs);
    };
    service.start();
    await clock.advance(10);
    expect(service.status.state).toBe('ready');
    const job = service.print(receipt('法条'));
    await clock.advance(10);
    expect(service.getJob(job.id)).toMatchObject({ state: 'done', sends: 1 });
    expect(printer.jobsCompleted).toBe(1);
    expect(statesOnDisk).toEqual(['pending', 'printing', 'done']);
    await clock.advance(60_000); // idle polls must not resend
    expect(printer.jobsCompleted).toBe(1);
    await service.stop();
  });

  it('paper out before the job: keeps it pending with the message, prints it once when paper is back', async () => {
    const { clock, printer, service } = setup();
    printer.paperOut = true;
    service.start();
    const job = service.print(receipt('办事结果'));
    await clock.advance(10);
    expect(service.status).toMatchObject({ state: 'paper-out', residentMessage: '打印机缺纸，请联系工作人员' });
    expect(service.getJob(job.id)?.state).toBe('pending');
    await clock.advance(5000);
    expect(printer.received).toHaveLength(0);
    printer.loadPaper();
    await clock.advance(1000);
    expect(service.getJob(job.id)).toMatchObject({ state: 'done', sends: 1 });
    expect(service.status.state).toBe('ready');
    expect(printer.jobsCompleted).toBe(1);
    await service.stop();
  });

  it('paper out mid-job: does not resend; the printer finishes from its buffer and the job is done once', async () => {
    const { clock, printer, service } = setup();
    printer.paperOutAfterBytes = 5;
    service.start();
    await clock.advance(10);
    const job = service.print(receipt('办事结果'));
    await clock.advance(10);
    expect(service.status.state).toBe('paper-out');
    expect(service.getJob(job.id)).toMatchObject({ state: 'printing', waitingForPrinter: true, sends: 1 });
    await clock.advance(10_000);
    expect(printer.received).toHaveLength(5);
    printer.loadPaper();
    await clock.advance(1000);
    expect(service.getJob(job.id)).toMatchObject({ state: 'done', sends: 1, resumedAfter: 'paper-out' });
    expect(printer.jobsCompleted).toBe(1);
    expect(printer.received).toHaveLength(receipt('x').bytes.length);
    await service.stop();
  });

  it('a pending job can be cancelled by the resident and is never sent', async () => {
    const { clock, printer, service } = setup();
    printer.coverOpen = true;
    service.start();
    const job = service.print(receipt('问答'));
    await clock.advance(10);
    expect(service.status.residentMessage).toBe('打印机盖子没有关好，请联系工作人员');
    expect(service.cancel(job.id)).toBe(true);
    printer.coverOpen = false;
    await clock.advance(2000);
    expect(service.getJob(job.id)?.state).toBe('cancelled');
    expect(printer.received).toHaveLength(0);
    expect(service.retry(job.id)).toBe(false);
    await service.stop();
  });

  it('unplug mid-job: the job is interrupted and waits for a decision; the port is reopened with back-off', async () => {
    const { clock, printer, service } = setup();
    printer.paperOutAfterBytes = 3;
    service.start();
    await clock.advance(10);
    const job = service.print(receipt('办事结果'));
    await clock.advance(10);
    expect(service.getJob(job.id)?.state).toBe('printing');
    printer.unplug();
    await clock.advance(10);
    expect(service.status.state).toBe('offline');
    expect(service.getJob(job.id)).toMatchObject({ state: 'failed', problem: 'interrupted', needsDecision: true });
    await clock.advance(3000); // several failed reopen attempts
    expect(printer.opens).toBe(1);
    printer.plugged = true;
    printer.paperOut = false;
    await clock.advance(2100);
    expect(printer.opens).toBe(2);
    expect(service.status.state).toBe('ready');
    await clock.advance(30_000);
    expect(service.getJob(job.id)?.state).toBe('failed'); // never reprinted on its own
    expect(printer.jobsCompleted).toBe(0);
    expect(service.retry(job.id)).toBe(true);
    await clock.advance(10);
    expect(service.getJob(job.id)).toMatchObject({ state: 'done', sends: 2 });
    expect(printer.jobsCompleted).toBe(1);
    await service.stop();
  });

  it('after a restart, a job left "printing" is offered again, not reprinted', async () => {
    const interrupted: PrintJobRecord = { ...receipt('法条'), id: 'j1', state: 'printing', createdAt: 1, updatedAt: 1, sends: 1 };
    const pending: PrintJobRecord = { ...receipt('问答'), id: 'j2', state: 'pending', createdAt: 2, updatedAt: 2, sends: 0 };
    const { clock, printer, store, service } = setup([interrupted, pending]);
    expect(store.load().map((j) => j.state)).toEqual(['failed', 'pending']);
    service.start();
    await clock.advance(10);
    expect(service.getJob('j1')).toMatchObject({ state: 'failed', problem: 'interrupted', needsDecision: true });
    expect(service.getJob('j2')?.state).toBe('done'); // the pending one was never sent: it prints
    expect(printer.jobsCompleted).toBe(1);
    expect(service.cancel('j1')).toBe(true);
    await service.stop();
  });

  it('a silent printer (no DLE EOT reply) is offline and its job waits', async () => {
    const { clock, printer, service } = setup();
    printer.silent = true;
    service.start();
    const job = service.print(receipt('法条'));
    await clock.advance(600);
    expect(service.status.state).toBe('offline');
    expect(service.status.detail).toContain('no reply to DLE EOT 1');
    expect(service.getJob(job.id)?.state).toBe('pending');
    printer.silent = false;
    await clock.advance(1500);
    expect(service.getJob(job.id)?.state).toBe('done');
    await service.stop();
  });
});
