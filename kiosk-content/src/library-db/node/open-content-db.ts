import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import type { Migration } from './migration';
import { contentMigrations } from './migrations';

export type ContentDb = Db;

/** The content database's file name inside the data directory's db/ folder. */
export const contentDbFileName = 'content.db';

export interface OpenContentDbOptions {
  /** Open without writing: no migrations run, so the file must exist and be up to date. */
  readonly?: boolean;
  /** For tests; the app always uses contentMigrations. */
  migrations?: readonly Migration[];
}

/** The database cannot be used by this build (written by a newer one, or damaged). */
export class ContentDbVersionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContentDbVersionError';
  }
}

const migrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
  seq        INTEGER PRIMARY KEY,
  id         TEXT NOT NULL UNIQUE,
  applied_at TEXT NOT NULL
)`;

function appliedMigrationIds(db: Db): string[] {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!exists) return [];
  return db.prepare('SELECT id FROM schema_migrations ORDER BY seq').pluck().all() as string[];
}

/**
 * Checks that the applied steps are exactly the first steps of `known`; returns the ones still
 * to run. A step we do not know means a newer build wrote this file: refuse rather than guess.
 */
function pendingMigrations(file: string, applied: string[], known: readonly Migration[]): Migration[] {
  const knownIds = new Set(known.map((m) => m.id));
  const unknown = applied.filter((id) => !knownIds.has(id));
  if (unknown.length > 0) {
    throw new ContentDbVersionError(
      `${file} was written by a newer version of Fatong (schema step "${unknown[0] ?? ''}" is unknown to this one); update the app, or import the library into a new file`,
    );
  }
  applied.forEach((id, i) => {
    if (known[i]?.id !== id) {
      throw new ContentDbVersionError(
        `${file}: schema step ${String(i + 1)} is "${id}" but this version of Fatong expects "${known[i]?.id ?? '(none)'}"; the file is damaged or from an unreleased build`,
      );
    }
  });
  return known.slice(applied.length);
}

/**
 * Opens (creating if needed) the content database: WAL so the kiosk keeps reading the old
 * library while a technician imports a new one, foreign keys on, and every pending schema step
 * applied in its own IMMEDIATE transaction (so two processes opening a fresh file at once
 * cannot both apply a step). Throws ContentDbVersionError for a file from a newer build.
 */
export function openContentDb(file: string, options: OpenContentDbOptions = {}): ContentDb {
  const known = options.migrations ?? contentMigrations;
  const readonly = options.readonly ?? false;
  if (!readonly && file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file, { readonly, fileMustExist: readonly });
  try {
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      // NORMAL is durable across application crashes in WAL mode; only a power cut can lose the
      // last transaction, and an import can simply be run again.
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    const pending = pendingMigrations(file, appliedMigrationIds(db), known);
    if (pending.length > 0 && readonly) {
      throw new ContentDbVersionError(`${file} needs ${String(pending.length)} schema update(s); open it once for writing`);
    }
    for (const migration of pending) {
      db.transaction(() => {
        db.exec(migrationsTable);
        // Re-read inside the write lock: another process may have applied it meanwhile.
        const applied = appliedMigrationIds(db);
        if (applied.includes(migration.id)) return;
        pendingMigrations(file, applied, known);
        migration.up(db);
        db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)').run(migration.id, new Date().toISOString());
      }).immediate();
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Ids of the schema steps this database has applied, oldest first (for `info` and tests). */
export function appliedSchemaSteps(db: ContentDb): string[] {
  return appliedMigrationIds(db);
}
