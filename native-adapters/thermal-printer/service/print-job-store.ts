/**
 * Print jobs as they are kept between restarts. A job holds only what goes to the paper (the encoded
 * ESC/POS bytes, in which any ID number is already masked) and a title for the queue — never raw ID data.
 */

export type PrintJobState = 'pending' | 'printing' | 'done' | 'failed' | 'cancelled';

export type PrintJobProblem =
  /** The kiosk stopped or the port closed while the job was being sent or printed: it may be on paper. */
  | 'interrupted'
  /** Sending failed before any byte left (the port refused the write). */
  | 'send-failed';

export interface PrintJobRecord {
  readonly id: string;
  readonly title: string;
  readonly bytes: Uint8Array;
  state: PrintJobState;
  /** Milliseconds since the epoch (from the injected clock). */
  readonly createdAt: number;
  updatedAt: number;
  /** How many times the bytes were sent (0 or 1, more only after an explicit retry decision). */
  sends: number;
  /** Why a job is failed: a failed job waits for a person's decision (retry or cancel). */
  problem?: PrintJobProblem;
  /** The printer stopped mid-job (paper, cover) and finished the job from its buffer once it was fixed. */
  resumedAfter?: string;
}

/**
 * A job without its bytes, the optional fields only when set: what the UI sees of it (plus two
 * flags) and what the file store writes beside the bytes.
 */
export function jobFields(job: PrintJobRecord): Omit<PrintJobRecord, 'bytes'> {
  return {
    id: job.id,
    title: job.title,
    state: job.state,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    sends: job.sends,
    ...(job.problem ? { problem: job.problem } : {}),
    ...(job.resumedAfter ? { resumedAfter: job.resumedAfter } : {}),
  };
}

/** Where the service keeps its jobs. Synchronous on purpose: "printing" must be on disk before the first byte is sent. */
export interface PrintJobStore {
  load(): PrintJobRecord[];
  save(jobs: readonly PrintJobRecord[]): void;
}

/** For tests and for a kiosk without a data directory. */
export class MemoryPrintJobStore implements PrintJobStore {
  private jobs: PrintJobRecord[] = [];

  constructor(initial: readonly PrintJobRecord[] = []) {
    this.jobs = initial.map((job) => ({ ...job }));
  }

  load(): PrintJobRecord[] {
    return this.jobs.map((job) => ({ ...job }));
  }

  save(jobs: readonly PrintJobRecord[]): void {
    this.jobs = jobs.map((job) => ({ ...job }));
  }
}
