import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../node/atomic-file';
import { jobFields, type PrintJobRecord, type PrintJobState, type PrintJobStore } from '../service/print-job-store';

interface StoredJob {
  id: string;
  title: string;
  /** The ESC/POS bytes, base64. Receipts carry masked IDs at most; nothing else personal is stored. */
  bytes: string;
  state: PrintJobState;
  createdAt: number;
  updatedAt: number;
  sends: number;
  problem?: PrintJobRecord['problem'];
  resumedAfter?: string;
}

const STATES: readonly PrintJobState[] = ['pending', 'printing', 'done', 'failed', 'cancelled'];

/**
 * The print queue as one JSON file (e.g. `<KIOSK_DATA_DIR>/printer/jobs.json`). Each save writes a
 * temporary file, fsyncs it, renames it over the old one and fsyncs the folder, so a power cut leaves either the old or
 * the new queue, never half of one — the "printing" mark must survive to prevent a second copy.
 */
export class FileJobStore implements PrintJobStore {
  constructor(private readonly file: string) {}

  load(): PrintJobRecord[] {
    if (!existsSync(this.file)) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      // A corrupt queue must not stop the kiosk; keep the file for the technician.
      renameSync(this.file, `${this.file}.corrupt-${Date.now()}`);
      return [];
    }
    const jobs = (parsed as { jobs?: unknown }).jobs;
    if (!Array.isArray(jobs)) return [];
    const out: PrintJobRecord[] = [];
    for (const item of jobs as StoredJob[]) {
      if (typeof item?.id !== 'string' || typeof item.bytes !== 'string' || !STATES.includes(item.state)) continue;
      out.push({
        id: item.id,
        title: String(item.title ?? ''),
        bytes: new Uint8Array(Buffer.from(item.bytes, 'base64')),
        state: item.state,
        createdAt: Number(item.createdAt) || 0,
        updatedAt: Number(item.updatedAt) || 0,
        sends: Number(item.sends) || 0,
        ...(item.problem ? { problem: item.problem } : {}),
        ...(item.resumedAfter ? { resumedAfter: item.resumedAfter } : {}),
      });
    }
    return out;
  }

  save(jobs: readonly PrintJobRecord[]): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const stored: StoredJob[] = jobs.map((job) => ({
      ...jobFields(job),
      // A finished job has nothing left to print: its slip (the resident's answers, a masked name) is not kept on disk.
      bytes:
        job.state === 'done' || job.state === 'cancelled' ? '' : Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength).toString('base64'),
    }));
    writeFileAtomic(this.file, `${JSON.stringify({ version: 1, jobs: stored })}\n`);
  }
}
