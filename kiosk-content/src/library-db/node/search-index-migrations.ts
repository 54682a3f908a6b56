import { sqlMigration, type Migration } from './migration';

/**
 * The persisted search index (written by search/persisted-index.ts right after import-laws,
 * read by the kiosk host and the search CLI), so no process re-indexes the library at start-up
 * and a content pack stays one file.
 *
 * One row per index name ('main' today). `fingerprint` is the fingerprint the engine computed
 * from the content it indexed (library, Q&A, glossary, engine revision); a reader compares it with
 * the fingerprint of the content it has now and rebuilds when they differ. `source_stamp` is a
 * cheaper check (library fingerprint + hash of the Q&A/glossary files) that lets a reader skip
 * loading the Q&A and glossary just to recompute the fingerprint. `bytes` is the
 * engine's own binary index (encodeSearchIndex). A library import deletes the row in the same
 * transaction that replaces the library, so a stale index is never left behind.
 */
export const searchIndexTable: Migration = sqlMigration(
  'search-1-index',
  `
    CREATE TABLE search_index (
      id          TEXT PRIMARY KEY,
      fingerprint TEXT NOT NULL,
      source_stamp TEXT,
      built_at    TEXT NOT NULL,
      build_ms    INTEGER NOT NULL,
      articles    INTEGER NOT NULL,
      qa          INTEGER NOT NULL,
      bytes       BLOB NOT NULL
    );
  `,
);

/**
 * The learned search model (document expansions and the term → law prior) trained from
 * questions with known answering articles at import time (import-laws --train). Kept so that a
 * later index rebuild includes it; the training files themselves are never stored.
 */
export const searchModelTable: Migration = sqlMigration(
  'search-2-model',
  `
    CREATE TABLE search_model (
      id         TEXT PRIMARY KEY,
      source     TEXT NOT NULL,
      trained_at TEXT NOT NULL,
      questions  INTEGER NOT NULL,
      model_json TEXT NOT NULL
    );
  `,
);
