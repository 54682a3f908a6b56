import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../system/logger';
import { writeFileAtomic } from '../../../native-adapters/node/atomic-file';
import { errorMessage } from '../../common/errors/error-message';

/** What one heartbeat carries (no personal data: ids, versions, device states, counts). */
export interface HeartbeatPayload {
  terminalId: string | null;
  appVersion: string;
  versions: { content: string; laws: string | null };
  devices: Record<string, { state: string; detail?: string | undefined }>;
  counts: { date: string; byMetric: Record<string, number> };
  lastError: { time: string; event: string } | null;
}

export interface HeartbeatOptions {
  url: string;
  intervalMs: number;
  /** Folder of the on-disk queue (KIOSK_DATA_DIR/heartbeat). */
  queueDir: string;
  snapshot: () => HeartbeatPayload;
  logger: Logger;
  now?: () => Date;
  /** Queue cap: at 5-minute beats, 10 000 is about a month offline; beyond that the oldest go (logged). */
  maxQueued?: number;
  requestTimeoutMs?: number;
}

/**
 * Posts a heartbeat on a schedule. Every beat is first written to a queue file on disk (one file
 * per beat, atomically), then the queue is sent oldest first; a beat's file is removed only after
 * the server answered 2xx. So a network outage, a server down or a kiosk restart loses nothing,
 * and the order is kept. Each beat has its own id, sent as `Idempotency-Key` and `beatId`: if an
 * answer is lost after the server stored the beat, the resend carries the same key and the server
 * can drop it — no duplicate figures.
 */
export class HeartbeatSender {
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private seq = 0;
  private readonly now: () => Date;
  lastDelivered: string | null = null;
  lastFailure: string | null = null;

  constructor(private readonly options: HeartbeatOptions) {
    this.now = options.now ?? (() => new Date());
    mkdirSync(options.queueDir, { recursive: true, mode: 0o750 });
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.beat(), this.options.intervalMs);
    this.timer.unref();
    // Beats queued before a restart go out at once.
    void this.flush();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Waits for a send in progress (tests, shutdown). */
  async idle(): Promise<void> {
    await this.flushing;
  }

  queued(): string[] {
    if (!existsSync(this.options.queueDir)) return [];
    return readdirSync(this.options.queueDir)
      .filter((n) => n.endsWith('.json') && !n.startsWith('.'))
      .sort();
  }

  /** Queues one beat now and tries to send the queue. */
  async beat(): Promise<void> {
    this.enqueue();
    await this.flush();
  }

  enqueue(): string {
    const id = randomUUID();
    const at = this.now();
    // Sortable name: time, then a counter for beats within the same millisecond.
    const name = `${String(at.getTime()).padStart(15, '0')}-${String(this.seq++).padStart(6, '0')}-${id}.json`;
    const body = { beatId: id, createdAt: at.toISOString(), ...this.options.snapshot() };
    writeFileAtomic(path.join(this.options.queueDir, name), JSON.stringify(body), 0o640);
    const files = this.queued();
    const max = this.options.maxQueued ?? 10_000;
    if (files.length > max) {
      for (const old of files.slice(0, files.length - max)) rmSync(path.join(this.options.queueDir, old), { force: true });
      this.options.logger.log('warn', 'heartbeat.queue-trimmed', { dropped: files.length - max });
    }
    return id;
  }

  flush(): Promise<void> {
    this.flushing ??= this.sendQueued().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async sendQueued(): Promise<void> {
    for (const name of this.queued()) {
      const file = path.join(this.options.queueDir, name);
      let body: string;
      let beatId: string;
      try {
        body = readFileSync(file, 'utf8');
        beatId = String((JSON.parse(body) as { beatId: unknown }).beatId);
      } catch {
        rmSync(file, { force: true });
        this.options.logger.log('warn', 'heartbeat.bad-queue-file', { file: name });
        continue;
      }
      try {
        const response = await fetch(this.options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': beatId },
          body,
          signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 10_000),
        });
        await response.arrayBuffer().catch(() => undefined);
        if (!response.ok) throw new Error(`HTTP ${String(response.status)}`);
      } catch (error) {
        const reason = errorMessage(error);
        if (this.lastFailure !== reason) this.options.logger.log('warn', 'heartbeat.send-failed', { reason, queued: this.queued().length });
        this.lastFailure = reason;
        return;
      }
      rmSync(file, { force: true });
      this.lastDelivered = this.now().toISOString();
      if (this.lastFailure !== null) this.options.logger.log('info', 'heartbeat.delivered-after-outage', { queued: this.queued().length });
      this.lastFailure = null;
    }
  }
}
