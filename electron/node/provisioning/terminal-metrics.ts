import { Counter, Gauge, Registry } from 'prom-client';
import type { DeviceStatus } from '../../common/contract/kiosk-api';
import type { PrinterState } from '../../common/contract/receipt-api';
import { labelsOfKey, safeLabelValue, USAGE_COUNTERS, usageCounterForStat } from '../../common/domain/usage-metrics';

/** What the terminal's metrics are read from at each scrape (HostAdmin implements it on the host). */
export interface TerminalMetricsSource {
  appVersion: string;
  /** When the host started (ms since the epoch). */
  startedAt: number;
  now(): number;
  content(): {
    content: { id: string; version: string; created: string | null };
    laws: { id: string; version: string; created: string | null } | null;
    /** The last content check that ended installed or up-to-date (ISO time), null = none since start. */
    lastSuccessfulSync: string | null;
  };
  devices(): DeviceStatus;
  printerState(): PrinterState;
  /** All-time totals of the statistics store (metric, key, count). */
  usageTotals(): Array<{ metric: string; key: string; count: number }>;
  /** Warnings and errors logged since start, by level and event (event names are code constants). */
  problemCounts(): Array<{ level: 'warn' | 'error'; kind: string; count: number }>;
  /** Print jobs finished since start, by outcome. */
  printJobs(): Record<PrintOutcome, number>;
  /** The data directory's file system, null when it cannot be read. */
  disk(): { freeBytes: number; sizeBytes: number } | null;
}

export const PRINT_OUTCOMES = ['done', 'failed', 'cancelled'] as const;
export type PrintOutcome = (typeof PRINT_OUTCOMES)[number];

const DEVICE_STATES = ['not-configured', 'connecting', 'ready', 'attention', 'offline'] as const;
const PRINTER_STATES: readonly PrinterState[] = ['not-configured', 'connecting', 'ready', 'paper-near-end', 'paper-out', 'cover-open', 'offline', 'error'];
const PAPER_STATES = ['ok', 'near-end', 'out', 'unknown'] as const;

function paperOf(state: PrinterState): (typeof PAPER_STATES)[number] {
  if (state === 'ready') return 'ok';
  if (state === 'paper-near-end') return 'near-end';
  if (state === 'paper-out') return 'out';
  // Cover open, offline, connecting: the DLE EOT paper bits are not a reliable reading then.
  return 'unknown';
}

const seconds = (iso: string | null): number | null => {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms / 1000 : null;
};

/**
 * The terminal's metrics as a prom-client registry, named by the Prometheus conventions (base
 * units, `_total` counters, `_info` metrics, labels with bounded values). Everything is read from
 * `source` when scraped; no label carries a resident's input (usage keys pass safeLabelValue).
 * The terminal id is not a label here: the agent adds it as the external label `terminal`.
 */
export function createTerminalMetrics(source: TerminalMetricsSource): Registry {
  const registry = new Registry();
  const registers = [registry];

  new Gauge({ name: 'fatong_up', help: 'The kiosk host is running (1).', registers }).set(1);
  new Gauge({
    name: 'fatong_start_time_seconds',
    help: 'When the kiosk host started (Unix time).',
    registers,
    collect() {
      this.set(source.startedAt / 1000);
    },
  });
  new Gauge({
    name: 'fatong_uptime_seconds',
    help: 'Seconds since the kiosk host started.',
    registers,
    collect() {
      this.set(Math.max(0, (source.now() - source.startedAt) / 1000));
    },
  });
  new Gauge({ name: 'fatong_build_info', help: 'The kiosk app version (1).', labelNames: ['version'], registers }).set(
    { version: safeLabelValue(source.appVersion) },
    1,
  );

  new Gauge({
    name: 'fatong_content_info',
    help: 'Content shown now, by slot (content, laws): pack id and version (1).',
    labelNames: ['slot', 'pack', 'version'],
    registers,
    collect() {
      this.reset();
      const c = source.content();
      this.set({ slot: 'content', pack: safeLabelValue(c.content.id), version: safeLabelValue(c.content.version) }, 1);
      if (c.laws) this.set({ slot: 'laws', pack: safeLabelValue(c.laws.id), version: safeLabelValue(c.laws.version) }, 1);
    },
  });
  new Gauge({
    name: 'fatong_content_created_timestamp_seconds',
    help: 'When the pack shown in each slot was built (Unix time; absent for the embedded default content).',
    labelNames: ['slot'],
    registers,
    collect() {
      this.reset();
      const c = source.content();
      const content = seconds(c.content.created);
      const laws = seconds(c.laws?.created ?? null);
      if (content !== null) this.set({ slot: 'content' }, content);
      if (laws !== null) this.set({ slot: 'laws' }, laws);
    },
  });
  new Gauge({
    name: 'fatong_content_last_successful_sync_timestamp_seconds',
    help: 'When a content check last ended installed or up to date (Unix time; 0 = none since start).',
    registers,
    collect() {
      this.set(seconds(source.content().lastSuccessfulSync) ?? 0);
    },
  });

  new Gauge({
    name: 'fatong_device_state',
    help: 'Device state: 1 for the current state of each device (printer, idReader), 0 for the others.',
    labelNames: ['device', 'state'],
    registers,
    collect() {
      const devices = source.devices();
      for (const device of ['printer', 'idReader'] as const)
        for (const state of DEVICE_STATES) this.set({ device, state }, devices[device].state === state ? 1 : 0);
    },
  });
  new Gauge({
    name: 'fatong_printer_state',
    help: 'Receipt printer state from its DLE EOT reading: 1 for the current state, 0 for the others.',
    labelNames: ['state'],
    registers,
    collect() {
      const current = source.printerState();
      for (const state of PRINTER_STATES) this.set({ state }, current === state ? 1 : 0);
    },
  });
  new Gauge({
    name: 'fatong_printer_paper_state',
    help: 'Receipt paper: 1 for the current state (ok, near-end, out, unknown while the cover is open or the printer does not answer).',
    labelNames: ['state'],
    registers,
    collect() {
      const current = paperOf(source.printerState());
      for (const state of PAPER_STATES) this.set({ state }, current === state ? 1 : 0);
    },
  });
  new Counter({
    name: 'fatong_print_jobs_total',
    help: 'Print jobs finished since the host started, by outcome.',
    labelNames: ['outcome'],
    registers,
    collect() {
      this.reset();
      const jobs = source.printJobs();
      for (const outcome of PRINT_OUTCOMES) this.inc({ outcome }, jobs[outcome]);
    },
  });

  // The statistics store's all-time totals: counters that survive restarts (the store only grows).
  const usage = new Map<string, Counter>();
  let usageCollected = -Infinity;
  const collectUsage = (): void => {
    // One query of the store serves all usage counters of one scrape.
    if (source.now() - usageCollected < 1000) return;
    usageCollected = source.now();
    for (const counter of usage.values()) counter.reset();
    for (const def of USAGE_COUNTERS) if (def.labels.length === 0) usage.get(def.stat)?.inc(0);
    for (const row of source.usageTotals()) {
      const def = usageCounterForStat(row.metric);
      const counter = usage.get(row.metric);
      if (def && counter) counter.inc(labelsOfKey(def, row.key), row.count);
    }
  };
  for (const def of USAGE_COUNTERS)
    usage.set(def.stat, new Counter({ name: def.name, help: def.help, labelNames: def.labels, registers, collect: collectUsage }));

  new Counter({
    name: 'fatong_errors_total',
    help: 'Warnings and errors the host logged since it started, by level and kind (the log event).',
    labelNames: ['level', 'kind'],
    registers,
    collect() {
      this.reset();
      for (const p of source.problemCounts()) this.inc({ level: p.level, kind: safeLabelValue(p.kind) }, p.count);
    },
  });

  new Gauge({
    name: 'fatong_disk_free_bytes',
    help: 'Bytes free for the kiosk on the file system of its data directory (dir="data"; absent when it cannot be read).',
    labelNames: ['dir'],
    registers,
    collect() {
      this.reset();
      const disk = source.disk();
      if (disk) this.set({ dir: 'data' }, disk.freeBytes);
    },
  });
  new Gauge({
    name: 'fatong_disk_size_bytes',
    help: 'Size of the file system of the data directory in bytes (dir="data").',
    labelNames: ['dir'],
    registers,
    collect() {
      this.reset();
      const disk = source.disk();
      if (disk) this.set({ dir: 'data' }, disk.sizeBytes);
    },
  });
  return registry;
}
