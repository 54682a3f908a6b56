import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Database as Db } from 'better-sqlite3';
import { localDay } from '../../common/domain/query-redaction';

/**
 * The device's secret for hashing pending no-result queries, in its own file beside stats.db
 * (db/stats.key, mode 0600) rather than in a table of stats.db: whoever gets a copy of stats.db
 * alone (a technician pulling it for a support ticket, the justice bureau asking for the raw
 * file) gets only keyed hashes they cannot test guesses against — a short query like 「张三 欠钱」
 * would be easy to brute-force from a dictionary of names if the key sat in the same file.
 * Deleting the key file also makes every pending hash meaningless at once.
 */
export const statsKeyFileName = 'stats.key';
const KEY_BYTES = 32;

/**
 * How long a query typed by a single session waits, as a keyed hash, for a second session. Its
 * row is deleted once its day is more than this many days before today. 31 days: the monthly export
 * covers a calendar month (two days in it are at most 30 days apart) and the admin screen the last
 * 30 days, so two sessions that both fall into one summary always meet here; a query nobody else
 * types within a month is forgotten.
 */
export const PENDING_QUERY_RETENTION_DAYS = 31;

/**
 * stats.db's PRAGMA user_version. 0: no-result queries all in clear (before this store);
 * 1: single-session queries only as keyed hashes in no_result_pending, and the file scrubbed.
 */
export const STATS_SCHEMA_VERSION = 1;

const schema = `
CREATE TABLE IF NOT EXISTS no_result_pending (
  hash     BLOB NOT NULL,
  day      TEXT NOT NULL,
  sessions INTEGER NOT NULL,
  PRIMARY KEY (hash, day)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS no_result_pending_day ON no_result_pending (day);
CREATE INDEX IF NOT EXISTS no_result_queries_query ON no_result_queries (query);`;

export interface NoResultQueryStoreOptions {
  db: Db;
  /** Where the key file lives (the data directory's db/ folder). */
  dbDir: string;
  /** A query reaches no_result_queries (clear text) once this many different sessions typed it. */
  minSessions: number;
  now: () => Date;
}

/**
 * The no-result queries of stats.db. A redacted query typed by one session is stored only as
 * HMAC-SHA256(device key, query) with its day and session count (table no_result_pending); when
 * another session types the same query while that row is kept (PENDING_QUERY_RETENTION_DAYS), its
 * days and counts move to no_result_queries under the clear text, which from then on counts as
 * before. The summary reads no_result_queries only, so what it shows for queries typed by two or
 * more sessions is unchanged. The database connection must have secure_delete on.
 */
export class NoResultQueryStore {
  private key: Buffer | null = null;

  constructor(private readonly options: NoResultQueryStoreOptions) {
    options.db.exec(schema);
    this.migrate();
    this.expire();
  }

  /** One more session typed this (already redacted) query today. */
  record(query: string): void {
    const { db, minSessions } = this.options;
    const day = localDay(this.options.now());
    db.transaction(() => {
      this.expire();
      // Already shown: the text is on disk because several sessions typed it; keep counting in clear.
      if (db.prepare('SELECT 1 FROM no_result_queries WHERE query = ? LIMIT 1').get(query)) {
        addClear(db, day, query, 1);
        return;
      }
      const hash = this.hash(query);
      const before = (db.prepare('SELECT COALESCE(SUM(sessions), 0) AS n FROM no_result_pending WHERE hash = ?').get(hash) as { n: number }).n;
      if (before + 1 < minSessions) {
        db.prepare('INSERT INTO no_result_pending (hash, day, sessions) VALUES (?, ?, 1) ON CONFLICT (hash, day) DO UPDATE SET sessions = sessions + 1').run(
          hash,
          day,
        );
        return;
      }
      // Enough sessions: the earlier ones keep their days, so the counts and lastDay come out as if stored in clear all along.
      const pending = db.prepare('SELECT day, sessions FROM no_result_pending WHERE hash = ?').all(hash) as { day: string; sessions: number }[];
      for (const row of pending) addClear(db, row.day, query, row.sessions);
      db.prepare('DELETE FROM no_result_pending WHERE hash = ?').run(hash);
      addClear(db, day, query, 1);
    })();
  }

  /** Pending hashes older than the retention are dropped: a query typed once simply expires. */
  private expire(): void {
    this.options.db.prepare('DELETE FROM no_result_pending WHERE day < ?').run(retentionCutoff(this.options.now()));
  }

  private hash(query: string): Buffer {
    this.key ??= loadOrCreateStatsKey(this.options.dbDir);
    return createHmac('sha256', this.key).update(query, 'utf8').digest();
  }

  /**
   * Version 0 → 1: a query whose clear-text rows add up to fewer than minSessions sessions is
   * hashed into no_result_pending (rows older than the retention are just deleted) and its clear
   * rows deleted. Then the file is rebuilt (VACUUM) and the WAL emptied, so the deleted text does
   * not linger in free pages, in free space inside pages written before secure_delete was on, or in
   * old WAL frames. The version is set only once that worked (a busy checkpoint is retried at the
   * next open); re-running the conversion finds nothing left to convert, so it is idempotent.
   */
  private migrate(): void {
    const { db, minSessions } = this.options;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version >= STATS_SCHEMA_VERSION) return;
    const cutoff = retentionCutoff(this.options.now());
    db.transaction(() => {
      const rare = db.prepare('SELECT query FROM no_result_queries GROUP BY query HAVING SUM(sessions) < ?').all(minSessions) as { query: string }[];
      for (const { query } of rare) {
        const rows = db.prepare('SELECT day, sessions FROM no_result_queries WHERE query = ? AND day >= ?').all(query, cutoff) as {
          day: string;
          sessions: number;
        }[];
        for (const row of rows) {
          db.prepare(
            'INSERT INTO no_result_pending (hash, day, sessions) VALUES (?, ?, ?) ON CONFLICT (hash, day) DO UPDATE SET sessions = sessions + excluded.sessions',
          ).run(this.hash(query), row.day, row.sessions);
        }
        db.prepare('DELETE FROM no_result_queries WHERE query = ?').run(query);
      }
    })();
    if (!scrub(db)) return;
    db.pragma(`user_version = ${String(STATS_SCHEMA_VERSION)}`);
  }
}

/**
 * VACUUM, then copy the WAL into the file and truncate it. False when another connection is in the
 * way (the kiosk reading while `stats export` opens the file): the caller tries again at the next
 * open. The busy timeout is short meanwhile, so a kiosk never waits seconds at start for this.
 */
function scrub(db: Db): boolean {
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 200');
  try {
    db.exec('VACUUM');
    const [checkpoint] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    return checkpoint?.busy === 0;
  } catch (error) {
    if (/^SQLITE_(BUSY|LOCKED)/.test((error as { code?: string }).code ?? '')) return false;
    throw error;
  } finally {
    db.pragma(`busy_timeout = ${String(timeout)}`);
  }
}

function addClear(db: Db, day: string, query: string, sessions: number): void {
  db.prepare(
    'INSERT INTO no_result_queries (day, query, sessions) VALUES (?, ?, ?) ON CONFLICT (day, query) DO UPDATE SET sessions = sessions + excluded.sessions',
  ).run(day, query, sessions);
}

/** The first day still kept: PENDING_QUERY_RETENTION_DAYS before today (local calendar days). */
export function retentionCutoff(now: Date): string {
  return localDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() - PENDING_QUERY_RETENTION_DAYS));
}

/**
 * The device key: read from <dbDir>/stats.key, else 32 random bytes written there with mode 0600.
 * Created under a temporary name and hard-linked into place, so two processes opening stats.db at
 * once (the kiosk and `stats export`) never read a half-written key and agree on one. A damaged key
 * file is replaced: hashes made with the old key can no longer match and simply expire.
 */
export function loadOrCreateStatsKey(dbDir: string): Buffer {
  const file = path.join(dbDir, statsKeyFileName);
  const existing = readKey(file);
  if (existing) return existing;
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temp, randomBytes(KEY_BYTES), { mode: 0o600 });
  try {
    if (existsSync(file)) renameSync(temp, file);
    else linkSync(temp, file);
  } catch (error) {
    // Another process created it between our read and our link: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temp, { force: true });
  }
  const key = readKey(file);
  if (!key) throw new Error(`could not create the statistics key ${file}`);
  return key;
}

function readKey(file: string): Buffer | null {
  try {
    const key = readFileSync(file);
    return key.length === KEY_BYTES ? key : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
