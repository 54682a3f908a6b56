import type { Database } from 'better-sqlite3';

/**
 * One schema step of the content database. Ids are permanent: once a build has shipped a
 * migration, its id and meaning never change, and new steps are only ever appended (see
 * migrations.ts), so a database records exactly which steps built it.
 */
export interface Migration {
  /** Unique, stable, prefixed with the owning module: 'library-1-laws', 'qa-1-entries'. */
  id: string;
  /** Runs inside a transaction; must not commit, vacuum or change the journal mode itself. */
  up: (db: Database) => void;
}

/** A migration that is plain SQL. */
export function sqlMigration(id: string, sql: string): Migration {
  return { id, up: (db) => db.exec(sql) };
}
