import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import type { DeviceStatus } from '../../common/contract/kiosk-api';
import type { PrintStatus } from '../../common/contract/receipt-api';
import type { SearchResult } from '../../common/contract/library-api';
import type { SessionEndReason } from '../../common/contract/session-api';
import type { StatsEvent, StatsSummary } from '../../common/contract/stats-api';
import { localDay, redactQuery } from '../../common/domain/query-redaction';
import { removePersonNames } from './query-person-names';
import { NoResultQueryStore } from './stats-no-result-queries';

/** The statistics database's file name inside the data directory's db/ folder (its own file: never packed or replaced with content). */
export const statsDbFileName = 'stats.db';

/**
 * A no-result query is stored in clear, and so shown in the summary and the export, only once this
 * many different sessions typed it: a resident's own name or address typed once stays a keyed hash
 * on the device and expires, while the questions many residents ask — what editors need — are listed.
 */
export const MIN_SESSIONS_TO_SHOW = 2;

/** Metrics, each counted per day and key. */
export type StatsMetric =
  | 'session'
  | 'search'
  | 'search-no-result'
  | 'qa-opened'
  | 'procedure-started'
  | 'procedure-finished'
  | 'procedure-abandoned'
  | 'receipt-printed'
  | 'satisfaction'
  | 'feedback-reason'
  | 'device-error';

export interface StatsService {
  /** A search the host answered: counted by category; a search without any result goes to the no-result list. */
  searched(result: SearchResult): void;
  qaOpened(domain: string): void;
  procedureOpened(procedureId: string): void;
  /** What the screen reports (procedure steps, the rating); ids are checked with `isKnownStep`. */
  record(event: StatsEvent): void;
  receiptPrinted(kind: string): void;
  /** The printer's queue as the host reports it: a job reaching 'done' is one receipt printed. */
  printStatus(status: PrintStatus): void;
  deviceStatus(status: DeviceStatus): void;
  endSession(reason: SessionEndReason): void;
  summary(from: string, to: string): StatsSummary;
  close(): void;
}

export interface SqliteStatsOptions {
  /** The data directory's db/ folder. */
  dbDir: string;
  /** Whether a step id belongs to a procedure ('outcome' and 'summary' always do). Unknown ids are dropped. */
  isKnownStep: (procedureId: string, stepId: string) => boolean;
  now?: () => Date;
}

interface OpenProcedure {
  lastStep: string | null;
  finished: boolean;
}

const schema = `
CREATE TABLE IF NOT EXISTS daily_counts (
  day    TEXT NOT NULL,
  metric TEXT NOT NULL,
  key    TEXT NOT NULL,
  count  INTEGER NOT NULL,
  PRIMARY KEY (day, metric, key)
);
-- Clear text only of queries typed by MIN_SESSIONS_TO_SHOW sessions (the others: no_result_pending).
CREATE TABLE IF NOT EXISTS no_result_queries (
  day      TEXT NOT NULL,
  query    TEXT NOT NULL,
  sessions INTEGER NOT NULL,
  PRIMARY KEY (day, query)
);`;

/**
 * Counts by day in <dataDir>/db/stats.db. The only text stored is a no-result search after
 * removePersonNames and redactQuery (no names, no digit runs, no ID-like tokens), and only once
 * MIN_SESSIONS_TO_SHOW sessions typed it: until then it is a keyed hash (NoResultQueryStore), so
 * a name typed once without a marker (「张三 欠钱」) never reaches the disk in clear. What a session
 * did is kept in memory until it ends — only to count a procedure once and to know at which step it
 * was left.
 */
export class SqliteStatsService implements StatsService {
  private readonly db: Db;
  private readonly now: () => Date;
  private session = { active: false, procedures: new Map<string, OpenProcedure>(), noResult: new Set<string>() };
  private lastDevice: Partial<Record<keyof DeviceStatus, string>> = {};
  private readonly printedJobs = new Set<string>();
  private readonly noResultQueries: NoResultQueryStore;

  constructor(private readonly options: SqliteStatsOptions) {
    mkdirSync(options.dbDir, { recursive: true });
    this.db = new Database(path.join(options.dbDir, statsDbFileName));
    this.db.pragma('journal_mode = WAL');
    // Deleted rows (a pending hash, the clear text a migration removes) are overwritten with zeros
    // instead of staying readable in free pages and free space inside pages until SQLite reuses them.
    this.db.pragma('secure_delete = ON');
    this.db.exec(schema);
    this.now = options.now ?? (() => new Date());
    this.noResultQueries = new NoResultQueryStore({ db: this.db, dbDir: options.dbDir, minSessions: MIN_SESSIONS_TO_SHOW, now: this.now });
  }

  private count(metric: StatsMetric, key = '', by = 1): void {
    this.db
      .prepare(
        'INSERT INTO daily_counts (day, metric, key, count) VALUES (?, ?, ?, ?) ON CONFLICT (day, metric, key) DO UPDATE SET count = count + excluded.count',
      )
      .run(localDay(this.now()), metric, key, by);
  }

  private touch(): void {
    this.session.active = true;
  }

  searched(result: SearchResult): void {
    this.touch();
    const category = searchCategory(result);
    this.count('search', category);
    if (category !== 'none') return;
    this.count('search-no-result');
    const query = redactQuery(result.query, removePersonNames);
    // Counted once per session, so one resident trying the same words again does not make them common.
    if (query === null || this.session.noResult.has(query)) return;
    this.session.noResult.add(query);
    this.noResultQueries.record(query);
  }

  qaOpened(domain: string): void {
    this.touch();
    this.count('qa-opened', domain);
  }

  procedureOpened(procedureId: string): void {
    this.touch();
    // Coming back to a procedure from a cited article opens it again: one start per session.
    if (this.session.procedures.has(procedureId)) return;
    this.session.procedures.set(procedureId, { lastStep: null, finished: false });
    this.count('procedure-started', procedureId);
  }

  record(event: StatsEvent): void {
    this.touch();
    switch (event.kind) {
      case 'procedure-step': {
        if (!this.options.isKnownStep(event.procedureId, event.stepId)) return;
        const open = this.session.procedures.get(event.procedureId);
        if (open) open.lastStep = event.stepId;
        return;
      }
      case 'procedure-finished': {
        const open = this.session.procedures.get(event.procedureId);
        if (!open || open.finished) return;
        open.finished = true;
        this.count('procedure-finished', event.procedureId);
        return;
      }
      case 'feedback':
        this.count('satisfaction', event.rating);
        for (const reason of new Set(event.reasons)) this.count('feedback-reason', reason);
        return;
      case 'feedback-reason':
        this.count('feedback-reason', event.reason);
        return;
    }
  }

  receiptPrinted(kind: string): void {
    this.count('receipt-printed', kind);
  }

  printStatus(status: PrintStatus): void {
    for (const job of status.jobs) {
      if (job.state !== 'done' || this.printedJobs.has(job.id)) continue;
      this.printedJobs.add(job.id);
      // What kind of receipt (办事指南 / 法条 / 问答), from the title's prefix; never its contents.
      this.receiptPrinted(/^([^：:]{1,8})[：:]/.exec(job.title)?.[1] ?? 'receipt');
    }
    // The status lists the last finished jobs only; forget ids long gone from it.
    if (this.printedJobs.size > 500) for (const id of [...this.printedJobs].slice(0, 250)) this.printedJobs.delete(id);
  }

  /** A device going into attention or offline is one error; staying there is not counted again. */
  deviceStatus(status: DeviceStatus): void {
    for (const device of ['printer', 'idReader'] as const) {
      const state = status[device].state;
      const previous = this.lastDevice[device];
      this.lastDevice[device] = state;
      if ((state === 'attention' || state === 'offline') && previous !== state) this.count('device-error', `${device}:${state}`);
    }
  }

  endSession(reason: SessionEndReason): void {
    const { active, procedures } = this.session;
    this.session = { active: false, procedures: new Map(), noResult: new Set() };
    // 首页 on an untouched home screen, or the idle timer after an ended session: nothing to count.
    if (!active) return;
    this.count('session', reason);
    for (const [procedureId, open] of procedures) {
      if (!open.finished) this.count('procedure-abandoned', `${procedureId}#${open.lastStep ?? 'start'}`);
    }
  }

  summary(from: string, to: string): StatsSummary {
    const rows = this.db
      .prepare('SELECT day, metric, key, count FROM daily_counts WHERE day BETWEEN ? AND ? ORDER BY day, metric, key')
      .all(from, to) as StatsSummary['rows'];
    const noResult = this.db
      .prepare(
        `SELECT query, SUM(sessions) AS count, MAX(day) AS lastDay FROM no_result_queries WHERE day BETWEEN ? AND ?
         GROUP BY query HAVING SUM(sessions) >= ? ORDER BY count DESC, query`,
      )
      .all(from, to, MIN_SESSIONS_TO_SHOW) as StatsSummary['noResult'];
    return { from, to, rows, noResult };
  }

  close(): void {
    this.db.close();
  }
}

/** The legal domain of the best Q&A hit, else what kind of thing was found; 'none' when nothing was. */
export function searchCategory(result: SearchResult): string {
  const qa = result.qa[0];
  if (qa) return qa.domain;
  if (result.articles.length > 0 || result.citation?.found) return 'law';
  if (result.procedures.length > 0) return 'procedure';
  return 'none';
}
