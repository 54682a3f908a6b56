import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createNanoEvents } from 'nanoevents';
import type { ByteTransport } from '../../transport/byte-transport';
import { paperColumns } from '../receipt/layout-receipt';
import { EscPosInterpreter, printedLineText, type PrintedJob, type PrintedLine } from './escpos-interpreter';
import { GlyphSource, renderJobPng } from './render-png';

export const SIMULATOR_BANNER = 'SIMULATED thermal printer (printer simulator, not a real printer)';

export interface PrinterSimulatorOptions {
  /** 58 mm = 32 columns / 384 dots, 80 mm = 48 / 576. */
  paperWidth?: 58 | 80;
  /** No paper at power-on. */
  paperOut?: boolean;
  /** Paper runs out after this many printed lines of the next job (mid-job); the rest waits in the buffer. */
  paperOutAfterLines?: number | null;
  coverOpen?: boolean;
  /** Prints slowly (a line every `slowLineMs`) and answers DLE EOT late, within the spec's 500 ms. */
  slow?: boolean;
  slowLineMs?: number;
  /** Writes job-NNNN.txt and job-NNNN.png here. */
  outDir?: string | null;
  /** Render PNGs (font loading costs ~0.3 s once). Default: true when outDir is set. */
  png?: boolean;
}

export interface SimulatedJob extends PrintedJob {
  number: number;
  /** The printout as text, one string per printed line (what a person would read off the paper). */
  text: string[];
  files: { text: string; png: string | null } | null;
}

/**
 * A receipt printer on the far end of a serial link (a socat pty in tests): real-time DLE EOT answers
 * on receipt, everything else through the ESC/POS interpreter at print speed. While out of paper or
 * with the cover open it prints nothing but keeps accepting bytes (the spec's buffer behaviour, §1),
 * and prints them once fixed.
 */
export class PrinterSimulator {
  readonly columns: number;
  readonly dots: number;
  private paperOut: boolean;
  private coverOpen: boolean;
  private paperOutAfterLines: number | null;
  private readonly queue: number[] = [];
  private readonly interpreter: EscPosInterpreter;
  private realTime: number[] = [];
  private processing = false;
  private jobCount = 0;
  private readonly events = createNanoEvents<{ job: (job: SimulatedJob) => void; line: (line: PrintedLine) => void }>();
  private disposers: Array<() => void> = [];
  private glyphs: GlyphSource | null | undefined;
  private linesThisJob = 0;
  readonly jobs: SimulatedJob[] = [];
  /** Bytes received (without real-time commands). */
  receivedBytes = 0;
  statusQueries = 0;

  constructor(
    private readonly transport: ByteTransport,
    private readonly options: PrinterSimulatorOptions = {},
  ) {
    this.columns = paperColumns(options.paperWidth ?? 58);
    this.dots = this.columns * 12;
    this.paperOut = options.paperOut ?? false;
    this.coverOpen = options.coverOpen ?? false;
    this.paperOutAfterLines = options.paperOutAfterLines ?? null;
    this.interpreter = new EscPosInterpreter(
      this.columns,
      (line) => this.lineDone(line),
      (job) => this.jobDone(job),
    );
  }

  start(): void {
    this.disposers.push(this.transport.onData((chunk) => this.receive(chunk)));
  }

  stop(): void {
    for (const dispose of this.disposers) dispose();
    this.disposers = [];
  }

  onJob(listener: (job: SimulatedJob) => void): () => void {
    return this.events.on('job', listener);
  }

  onLine(listener: (line: PrintedLine) => void): () => void {
    return this.events.on('line', listener);
  }

  get state(): { paperOut: boolean; coverOpen: boolean; buffered: number } {
    return { paperOut: this.paperOut, coverOpen: this.coverOpen, buffered: this.queue.length };
  }

  loadPaper(): void {
    this.paperOut = false;
    this.pump();
  }

  runOutOfPaper(afterLines = 0): void {
    if (afterLines <= 0) this.paperOut = true;
    else this.paperOutAfterLines = afterLines;
  }

  setCoverOpen(open: boolean): void {
    this.coverOpen = open;
    if (!open) this.pump();
  }

  /** DLE EOT n reply (spec §6.1), fixed bits 0x12. */
  statusByte(n: number): number {
    const stopped = this.paperOut || this.coverOpen;
    switch (n) {
      case 1:
        return 0x12 | (stopped ? 0x08 : 0);
      case 2:
        return 0x12 | (this.coverOpen ? 0x04 : 0) | (this.paperOut ? 0x20 : 0);
      case 3:
        return 0x12;
      default:
        return 0x12 | (this.paperOut ? 0x6c : 0);
    }
  }

  private receive(chunk: Uint8Array): void {
    for (const byte of chunk) {
      // Real-time commands are acted on as they arrive, even while offline or with a full buffer.
      if (this.realTime.length > 0 || byte === 0x10) {
        this.realTime.push(byte);
        if (this.realTime.length === 2 && byte !== 0x04) {
          this.queue.push(...this.realTime);
          this.receivedBytes += this.realTime.length;
          this.realTime = [];
        } else if (this.realTime.length === 3) {
          const n = byte;
          this.realTime = [];
          if (n >= 1 && n <= 4) this.answer(n);
          else {
            this.queue.push(0x10, 0x04, n);
            this.receivedBytes += 3;
          }
        }
        continue;
      }
      this.queue.push(byte);
      this.receivedBytes++;
    }
    this.pump();
  }

  private answer(n: number): void {
    this.statusQueries++;
    const reply = Uint8Array.of(this.statusByte(n));
    const send = () => {
      if (this.transport.isOpen) this.transport.write(reply).catch(() => undefined);
    };
    if (this.options.slow) setTimeout(send, 150);
    else send();
  }

  /** Prints from the buffer while there is paper and the cover is closed; slow mode paces line by line. */
  private pump(): void {
    if (this.processing) return;
    this.processing = true;
    const slowMs = this.options.slow ? (this.options.slowLineMs ?? 60) : 0;
    let paced = false;
    const unsubscribe = this.onLine(() => {
      paced = slowMs > 0;
    });
    try {
      while (this.queue.length > 0 && !this.paperOut && !this.coverOpen && !paced) {
        this.interpreter.feed(this.queue.shift() as number);
      }
    } finally {
      unsubscribe();
      this.processing = false;
    }
    if (paced && this.queue.length > 0) setTimeout(() => this.pump(), slowMs);
  }

  private lineDone(line: PrintedLine): void {
    this.linesThisJob++;
    this.events.emit('line', line);
    if (this.paperOutAfterLines !== null && this.linesThisJob >= this.paperOutAfterLines) {
      this.paperOutAfterLines = null;
      this.paperOut = true; // the head ran past the end of the roll: stop and keep the rest in the buffer
    }
  }

  private jobDone(printed: PrintedJob): void {
    this.linesThisJob = 0;
    const number = ++this.jobCount;
    const text = printed.lines.map((line) => printedLineText(line, this.columns)).filter((t): t is string => t !== null);
    const files: SimulatedJob['files'] = this.options.outDir ? { text: '', png: null } : null;
    const job: SimulatedJob = { ...printed, number, text, files };
    this.jobs.push(job);
    if (!files) {
      this.events.emit('job', job);
      return;
    }
    // Files are written a moment later: rendering takes a few hundred ms and a printer answers DLE EOT at once.
    setTimeout(() => {
      this.writeFiles(job, printed);
      this.events.emit('job', job);
    }, 50);
  }

  private writeFiles(job: SimulatedJob, printed: PrintedJob): void {
    const { number, text, files } = job;
    if (this.options.outDir && files) {
      mkdirSync(this.options.outDir, { recursive: true });
      const base = path.join(this.options.outDir, `job-${String(number).padStart(4, '0')}`);
      const header = [
        `# ${SIMULATOR_BANNER}`,
        `# job ${number}, ${this.options.paperWidth ?? 58} mm, ${this.columns} columns, ${printed.cut} cut`,
        ...printed.warnings.map((w) => `# warning: ${w}`),
        '',
      ];
      writeFileSync(`${base}.txt`, `${[...header, ...text, '8<'.padEnd(this.columns, '-')].join('\n')}\n`);
      let png: string | null = null;
      if (this.options.png ?? true) {
        if (this.glyphs === undefined) this.glyphs = GlyphSource.find();
        writeFileSync(`${base}.png`, renderJobPng(printed, { dots: this.dots, columns: this.columns, glyphs: this.glyphs }));
        png = `${base}.png`;
      }
      files.text = `${base}.txt`;
      files.png = png;
    }
  }
}
