import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SearchResult } from '../../common/contract/library-api';
import { PENDING_QUERY_RETENTION_DAYS, STATS_SCHEMA_VERSION, statsKeyFileName } from './stats-no-result-queries';
import { statsDbFileName, SqliteStatsService } from './stats-service';

const nothing = (query: string): SearchResult => ({ query, citation: null, alsoSearched: [], qa: [], articles: [], procedures: [], libraryInstalled: true });

/** Every file in the folder (stats.db, -wal, -shm, the key) as raw bytes, by name. */
function rawFiles(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name))]));
}

/** The files that contain the text in UTF-8, UTF-16LE or UTF-16BE. */
function filesContaining(dir: string, text: string): string[] {
  const utf16le = Buffer.from(text, 'utf16le');
  const utf16be = Buffer.from(utf16le).swap16();
  const needles = [Buffer.from(text, 'utf8'), utf16le, utf16be];
  return [...rawFiles(dir)].filter(([, bytes]) => needles.some((n) => bytes.includes(n))).map(([name]) => name);
}

/** stats.db as the code before the keyed hashes wrote it: clear text for every no-result query, user_version 0. */
function writeOldDatabase(dir: string, rows: { day: string; query: string }[]): void {
  const db = new Database(path.join(dir, statsDbFileName));
  db.pragma('journal_mode = WAL');
  db.exec(`
    CREATE TABLE daily_counts (day TEXT NOT NULL, metric TEXT NOT NULL, key TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (day, metric, key));
    CREATE TABLE no_result_queries (day TEXT NOT NULL, query TEXT NOT NULL, sessions INTEGER NOT NULL, PRIMARY KEY (day, query));`);
  const insert = db.prepare(
    'INSERT INTO no_result_queries (day, query, sessions) VALUES (?, ?, 1) ON CONFLICT (day, query) DO UPDATE SET sessions = sessions + 1',
  );
  for (const row of rows) insert.run(row.day, row.query);
  db.close();
}

describe('no-result queries typed by one session stay off the disk in clear', () => {
  let dir: string;
  let now: Date;
  const open = () => new SqliteStatsService({ dbDir: dir, now: () => now, isKnownStep: () => false });
  let stats: SqliteStatsService | null;
  const session = (...queries: string[]) => {
    for (const q of queries) stats?.searched(nothing(q));
    stats?.endSession('home');
  };
  const listed = (from = '2026-11-01', to = '2026-11-30') => stats?.summary(from, to).noResult ?? [];
  const pendingRows = () => {
    const db = new Database(path.join(dir, statsDbFileName), { readonly: true });
    try {
      return db.prepare('SELECT day, sessions FROM no_result_pending ORDER BY day').all();
    } finally {
      db.close();
    }
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'fatong-stats-private-'));
    now = new Date(2026, 10, 22, 9, 0);
    stats = null;
  });
  afterEach(() => {
    stats?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps 「火锅店 欠钱」 typed in one session out of every file, and lists it after a second session', () => {
    stats = open();
    session('火锅店 欠钱', '火锅店 欠钱');
    // While the kiosk runs (stats.db-wal and -shm exist) and after it closed.
    expect(readdirSync(dir).sort()).toEqual([statsDbFileName, `${statsDbFileName}-shm`, `${statsDbFileName}-wal`, statsKeyFileName].sort());
    expect(filesContaining(dir, '火锅店')).toEqual([]);
    expect(listed()).toEqual([]);
    // A second connection while the kiosk runs (as `stats export` or the e2e specs open one).
    const reader = open();
    expect(reader.summary('2026-11-22', '2026-11-22').rows.find((r) => r.metric === 'search-no-result')?.count).toBe(2);
    reader.close();
    stats.close();
    expect(filesContaining(dir, '火锅店')).toEqual([]);
    expect(statSync(path.join(dir, statsKeyFileName)).size).toBe(32);
    if (process.platform !== 'win32') expect(statSync(path.join(dir, statsKeyFileName)).mode & 0o777).toBe(0o600);

    // Another resident, another day (and another process: the key file is reused).
    now = new Date(2026, 10, 25, 15, 0);
    stats = open();
    session('火锅店 欠钱');
    expect(listed()).toEqual([{ query: '火锅店 欠钱', count: 2, lastDay: '2026-11-25' }]);
    expect(listed('2026-11-22', '2026-11-22')).toEqual([]); // one session that day: not listed, as before
    session('火锅店 欠钱');
    expect(listed()).toEqual([{ query: '火锅店 欠钱', count: 3, lastDay: '2026-11-25' }]);
    expect(pendingRows()).toEqual([]);
    // The byte check does find the text once it may be stored.
    stats.close();
    stats = null;
    expect(filesContaining(dir, '火锅店')).toEqual([statsDbFileName]);
  });

  it('lets a query typed once expire after the retention; it needs two sessions within it', () => {
    stats = open();
    session('合伙 借条');
    now = new Date(2026, 10, 22 + PENDING_QUERY_RETENTION_DAYS, 9, 0);
    session('王五 工伤');
    // Still within the retention: the first row is kept.
    expect(pendingRows()).toEqual([
      { day: '2026-11-22', sessions: 1 },
      { day: '2026-12-23', sessions: 1 },
    ]);
    now = new Date(2026, 10, 23 + PENDING_QUERY_RETENTION_DAYS, 9, 0);
    session('合伙 借条');
    expect(listed('2026-11-01', '2026-12-31')).toEqual([]);
    expect(pendingRows()).toEqual([
      { day: '2026-12-23', sessions: 1 },
      { day: '2026-12-24', sessions: 1 },
    ]);
    session('合伙 借条');
    expect(listed('2026-11-01', '2026-12-31')).toEqual([{ query: '合伙 借条', count: 2, lastDay: '2026-12-24' }]);
    // Opening the store drops expired rows too, without anything typed.
    stats.close();
    now = new Date(2027, 1, 1, 9, 0);
    stats = open();
    expect(pendingRows()).toEqual([]);
  });

  it('migrates an old stats.db: single-session clear text hashed or dropped, nothing left in the files, idempotent', () => {
    writeOldDatabase(dir, [
      { day: '2026-11-20', query: '火锅店 欠钱' },
      { day: '2026-09-01', query: '孙七 遗产' }, // older than the retention: dropped
      { day: '2026-11-02', query: '火星移民 …' },
      { day: '2026-11-21', query: '火星移民 …' },
      { day: '2026-11-21', query: '赵八 离婚' }, // one session, on the same day as others
    ]);
    // The old file does hold the names (so the checks below can fail).
    expect(filesContaining(dir, '火锅店').length).toBeGreaterThan(0);
    expect(filesContaining(dir, '孙七').length).toBeGreaterThan(0);

    stats = open();
    expect(listed()).toEqual([{ query: '火星移民 …', count: 2, lastDay: '2026-11-21' }]);
    expect(pendingRows()).toEqual([
      { day: '2026-11-20', sessions: 1 },
      { day: '2026-11-21', sessions: 1 },
    ]);
    for (const name of ['火锅店', '孙七', '赵八']) expect(filesContaining(dir, name), name).toEqual([]);
    stats.close();
    for (const name of ['火锅店', '孙七', '赵八']) expect(filesContaining(dir, name), name).toEqual([]);
    const version = () => {
      const db = new Database(path.join(dir, statsDbFileName), { readonly: true });
      try {
        return db.pragma('user_version', { simple: true });
      } finally {
        db.close();
      }
    };
    expect(version()).toBe(STATS_SCHEMA_VERSION);

    // Opening again changes nothing; a second session for a migrated hash lists it with its old day.
    stats = open();
    expect(pendingRows()).toHaveLength(2);
    expect(listed()).toEqual([{ query: '火星移民 …', count: 2, lastDay: '2026-11-21' }]);
    session('火锅店 欠钱');
    expect(listed()).toEqual([
      { query: '火星移民 …', count: 2, lastDay: '2026-11-21' },
      { query: '火锅店 欠钱', count: 2, lastDay: '2026-11-22' },
    ]);
    // As before: a range in which the query has one session only does not list it.
    expect(listed('2026-11-21', '2026-11-22')).toEqual([]);
    expect(pendingRows()).toEqual([{ day: '2026-11-21', sessions: 1 }]);
    expect(version()).toBe(STATS_SCHEMA_VERSION);
  });

  it('finishes the scrub at the next open when another connection kept the old pages in use', () => {
    writeOldDatabase(dir, [{ day: '2026-11-20', query: '火锅店 欠钱' }]);
    const reader = new Database(path.join(dir, statsDbFileName));
    reader.exec('BEGIN');
    reader.prepare('SELECT COUNT(*) FROM no_result_queries').get();
    stats = open();
    expect(listed()).toEqual([]);
    stats.close();
    reader.exec('COMMIT');
    reader.close();
    const db = new Database(path.join(dir, statsDbFileName), { readonly: true });
    const version = db.pragma('user_version', { simple: true });
    db.close();
    // Converted, but not marked done while the reader held the old snapshot.
    expect(version).toBe(0);
    stats = open();
    expect(filesContaining(dir, '火锅店')).toEqual([]);
    const reopened = new Database(path.join(dir, statsDbFileName), { readonly: true });
    expect(reopened.pragma('user_version', { simple: true })).toBe(STATS_SCHEMA_VERSION);
    reopened.close();
    session('火锅店 欠钱');
    expect(listed()).toEqual([{ query: '火锅店 欠钱', count: 2, lastDay: '2026-11-22' }]);
  });
});
