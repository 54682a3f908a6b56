import {
  parseDevices,
  parseJobIds,
  parsePrinterStatuses,
  parseRequestId,
  printerProblem,
  type PrinterProblem,
  type PrinterStatus,
  type QueueDevice,
} from '../codec/lpstat-codec';

/**
 * The A4 printer through CUPS: checks the queue, submits one PDF through `lp` on stdin, follows
 * the job until CUPS reports it finished, and reports each state in terms the resident's screen
 * can say. A job that cannot finish (paper out, printer offline or paused beyond the grace
 * period, timeout) is cancelled with its files purged, so it never prints later by surprise —
 * the resident decides whether to print again. After a job finishes the queue's finished jobs are
 * purged (`cancel -a -x`), so no copy of the document stays in /var/spool/cups even where cupsd
 * keeps job files (PreserveJobFiles defaults to one day).
 * Pure: the commands run through `CupsCommands` (node/cups-commands.ts), time through `clock`.
 */
export interface CupsCommandResult {
  code: number;
  stdout: string;
  stderr: string;
}
export interface CupsCommands {
  run(command: 'lp' | 'lpstat' | 'cancel', args: string[], input?: Uint8Array): Promise<CupsCommandResult>;
}
export interface A4Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export type A4FailureReason = 'queue-missing' | 'cups-down' | 'rejected' | 'timeout' | PrinterProblem;

export type A4JobState =
  | { state: 'checking' }
  | { state: 'printing'; jobId: string; problem: PrinterProblem | null }
  | { state: 'done'; jobId: string }
  | { state: 'failed'; jobId: string | null; reason: A4FailureReason; detail: string };

export interface A4PrinterOptions {
  commands: CupsCommands;
  clock: A4Clock;
  log: (event: string, fields: Record<string, string | number | boolean | null>) => void;
  pollMs?: number;
  /** How long a paper-out/offline printer may hold a job before it is cancelled. */
  problemGraceMs?: number;
  timeoutMs?: number;
}

export interface QueueInfo extends QueueDevice {
  status: PrinterStatus | null;
  problem: PrinterProblem | null;
}

export class CupsError extends Error {
  constructor(
    readonly reason: A4FailureReason,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

function failureOf(result: CupsCommandResult): CupsError {
  const text = `${result.stderr} ${result.stdout}`.trim();
  if (/scheduler is not running|Unable to connect|connection refused/i.test(text)) return new CupsError('cups-down', text.slice(0, 200));
  if (/does not exist|Invalid destination|Unknown destination|not a printer/i.test(text)) return new CupsError('queue-missing', text.slice(0, 200));
  if (/not accepting jobs/i.test(text)) return new CupsError('rejected', text.slice(0, 200));
  return new CupsError('rejected', text.slice(0, 200) || `exit code ${String(result.code)}`);
}

export class A4PrinterService {
  private readonly pollMs: number;
  private readonly graceMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: A4PrinterOptions) {
    this.pollMs = options.pollMs ?? 500;
    this.graceMs = options.problemGraceMs ?? 20_000;
    this.timeoutMs = options.timeoutMs ?? 180_000;
  }

  /** The queue's state now; throws CupsError when cupsd is down or the queue does not exist. */
  async queueStatus(queue: string): Promise<PrinterStatus> {
    const result = await this.options.commands.run('lpstat', ['-l', '-p', queue]);
    if (result.code !== 0) {
      // lpstat says "Invalid destination" both for an unknown queue and when it cannot reach cupsd.
      const scheduler = await this.options.commands.run('lpstat', ['-r']);
      if (/not running/i.test(scheduler.stdout + scheduler.stderr))
        throw new CupsError('cups-down', `${result.stderr.trim()} (${scheduler.stdout.trim()})`.slice(0, 200));
      throw failureOf(result);
    }
    const status = parsePrinterStatuses(result.stdout).find((s) => s.queue === queue);
    if (!status) throw new CupsError('queue-missing', `lpstat listed no printer ${queue}`);
    return status;
  }

  /** Every CUPS queue with its device and state (for `devices`). */
  async listQueues(): Promise<QueueInfo[]> {
    const devices = await this.options.commands.run('lpstat', ['-v']);
    if (devices.code !== 0 && !/No destinations added/i.test(devices.stderr)) throw failureOf(devices);
    const statuses = await this.options.commands.run('lpstat', ['-l', '-p']);
    const parsed = statuses.code === 0 ? parsePrinterStatuses(statuses.stdout) : [];
    return parseDevices(devices.stdout).map((d) => {
      const status = parsed.find((s) => s.queue === d.queue) ?? null;
      return { ...d, status, problem: status ? printerProblem(status) : null };
    });
  }

  /**
   * Prints one PDF and follows it to the end. `onState` hears every state; the promise resolves
   * with the final one (done or failed) and never rejects. `title` must be neutral (it is the CUPS
   * job-name, kept in the job history).
   */
  async print(queue: string, pdf: Uint8Array, title: string, onState: (state: A4JobState) => void = () => undefined): Promise<A4JobState> {
    const emit = (state: A4JobState): A4JobState => {
      onState(state);
      return state;
    };
    const fail = (jobId: string | null, error: CupsError): A4JobState => {
      this.options.log('job.failed', { queue, jobId, reason: error.reason, detail: error.detail });
      return emit({ state: 'failed', jobId, reason: error.reason, detail: error.detail });
    };
    emit({ state: 'checking' });
    let jobId: string;
    try {
      const status = await this.queueStatus(queue);
      const problem = printerProblem(status);
      // Nothing is submitted to a printer that cannot print: no partial document later.
      if (problem) throw new CupsError(problem, status.message || status.reasons.join(' ') || status.activity);
      const result = await this.options.commands.run('lp', ['-d', queue, '-t', title, '-o', 'job-sheets=none', '-'], pdf);
      const id = result.code === 0 ? parseRequestId(result.stdout) : null;
      if (!id) throw failureOf(result);
      jobId = id;
    } catch (error) {
      return fail(null, error instanceof CupsError ? error : new CupsError('cups-down', String(error)));
    }
    this.options.log('job.accepted', { queue, jobId, bytes: pdf.byteLength });
    emit({ state: 'printing', jobId, problem: null });
    const started = this.options.clock.now();
    let problemSince: number | null = null;
    let lastProblem: PrinterProblem | null = null;
    for (;;) {
      await this.options.clock.sleep(this.pollMs);
      try {
        const pending = await this.options.commands.run('lpstat', ['-W', 'not-completed', '-o', queue]);
        if (pending.code !== 0) throw failureOf(pending);
        if (!parseJobIds(pending.stdout).includes(jobId)) {
          this.options.log('job.done', { queue, jobId, ms: this.options.clock.now() - started });
          await this.purgeFinished(queue);
          return emit({ state: 'done', jobId });
        }
        const problem = printerProblem(await this.queueStatus(queue));
        if (problem !== lastProblem) {
          lastProblem = problem;
          problemSince = problem ? this.options.clock.now() : null;
          emit({ state: 'printing', jobId, problem });
        }
        const now = this.options.clock.now();
        if (problem && problemSince !== null && now - problemSince >= this.graceMs) {
          await this.cancelJob(jobId, queue);
          return fail(jobId, new CupsError(problem, `printer problem for ${String(now - problemSince)} ms`));
        }
        if (now - started >= this.timeoutMs) {
          await this.cancelJob(jobId, queue);
          return fail(jobId, new CupsError('timeout', `not finished after ${String(now - started)} ms`));
        }
      } catch (error) {
        await this.cancelJob(jobId, queue);
        return fail(jobId, error instanceof CupsError ? error : new CupsError('cups-down', String(error)));
      }
    }
  }

  /** Cancels a job and purges its files; a failed job must not print when the printer comes back. */
  private async cancelJob(jobId: string, queue: string): Promise<void> {
    const result = await this.options.commands.run('cancel', ['-x', jobId]).catch((e: unknown) => ({ code: -1, stdout: '', stderr: String(e) }));
    this.options.log('job.cancelled', { queue, jobId, code: result.code, stderr: result.stderr.slice(0, 200) });
    await this.purgeFinished(queue);
  }

  /** `cancel -a -x`: removes the queue's jobs with their document files and history. */
  private async purgeFinished(queue: string): Promise<void> {
    const result = await this.options.commands.run('cancel', ['-a', '-x', queue]).catch((e: unknown) => ({ code: -1, stdout: '', stderr: String(e) }));
    if (result.code !== 0) this.options.log('job.purge-failed', { queue, code: result.code, stderr: result.stderr.slice(0, 200) });
  }
}
