import { sqlMigration, type Migration } from './migration';

/**
 * Tables of the offline law library (filled by import/import-laws.ts, read by law-repository.ts).
 *
 * A re-import deletes and rewrites every row of these tables in one transaction, so row ids are
 * not stable across imports: other modules (search index, Q&A citations) refer to an article by
 * its key `normalized_title|label`, and to a library state by meta 'library.fingerprint'.
 */
export const libraryLaws: Migration = sqlMigration(
  'library-1-laws',
  `
    -- Small facts about the database as a whole: 'library.importedAt', 'library.fingerprint' …
    CREATE TABLE meta (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) WITHOUT ROWID;

    -- One row per law, matched across versions and folders by its normalised title.
    CREATE TABLE laws (
      id               INTEGER PRIMARY KEY,
      normalized_title TEXT NOT NULL UNIQUE,       -- 民法典, 行政复议法 (law-title.ts)
      title            TEXT NOT NULL,              -- line 1 of the current version, as written
      category         TEXT NOT NULL,              -- corpus folder: 宪法, 民法商法, 部门规章/公安部 …
      kind             TEXT NOT NULL CHECK (kind IN ('law', 'document'))  -- document: no 第…条 articles
    );

    -- One row per version (edition) of a law. The current one is the newest version_date.
    CREATE TABLE law_versions (
      id             INTEGER PRIMARY KEY,
      law_id         INTEGER NOT NULL REFERENCES laws(id) ON DELETE CASCADE,
      version_date   TEXT,                          -- ISO date from the file name, else newest header date
      is_current     INTEGER NOT NULL CHECK (is_current IN (0, 1)),
      title          TEXT NOT NULL,
      adopted_date   TEXT,                          -- first 通过/公布/发布 date in the header
      amended_date   TEXT,                          -- newest 修正/修订/修改 date in the header
      effective_date TEXT,                          -- newest 施行/生效 date, when not before version_date
      in_force_from  TEXT,                          -- effective_date, else version_date
      dates          TEXT NOT NULL,                 -- JSON LawDateEvent[]: every dated header line
      header_notes   TEXT NOT NULL,                 -- JSON string[]: undated header lines (文号 …)
      preamble       TEXT NOT NULL,                 -- text before the first article; a document's whole body
      loose_text     TEXT NOT NULL,                 -- JSON [{headings, paragraphs}] outside any article (附件)
      article_count  INTEGER NOT NULL
    );
    CREATE UNIQUE INDEX law_versions_by_date ON law_versions(law_id, IFNULL(version_date, ''));
    CREATE UNIQUE INDEX law_versions_one_current ON law_versions(law_id) WHERE is_current = 1;

    -- Every imported file. Copies of the same version in another folder are kept here with
    -- duplicate_of set, so nothing imported is silently lost.
    CREATE TABLE law_files (
      id            INTEGER PRIMARY KEY,
      version_id    INTEGER NOT NULL REFERENCES law_versions(id) ON DELETE CASCADE,
      path          TEXT NOT NULL UNIQUE,           -- relative to the imported folder, / separated
      category      TEXT NOT NULL,
      title         TEXT NOT NULL,                  -- line 1 of this file, as written
      part          TEXT,                           -- 民法典 parts: 总则, 物权编 …
      duplicate_of  TEXT,                           -- path of the copy whose text was kept
      article_count INTEGER NOT NULL
    );
    CREATE INDEX law_files_by_version ON law_files(version_id);

    -- 编 / 分编 / 章 / 节 (and any other heading above articles), as a tree per version.
    CREATE TABLE headings (
      id         INTEGER PRIMARY KEY,
      version_id INTEGER NOT NULL REFERENCES law_versions(id) ON DELETE CASCADE,
      parent_id  INTEGER REFERENCES headings(id) ON DELETE CASCADE,
      seq        INTEGER NOT NULL,                  -- reading order within the version, from 1
      depth      INTEGER NOT NULL,                  -- 0 = outermost
      kind       TEXT,                              -- 编, 分编, 章, 节; NULL for other headings
      text       TEXT NOT NULL,                     -- 第二章 自然人
      UNIQUE (version_id, seq)
    );
    CREATE INDEX headings_by_parent ON headings(parent_id);

    CREATE TABLE articles (
      id         INTEGER PRIMARY KEY,
      version_id INTEGER NOT NULL REFERENCES law_versions(id) ON DELETE CASCADE,
      seq        INTEGER NOT NULL,                  -- reading order within the version, from 1
      label      TEXT NOT NULL,                     -- 第一百三十三条之一
      number     INTEGER NOT NULL,                  -- 133
      suffix     INTEGER NOT NULL,                  -- 1 for 之一, 0 for an ordinary article
      heading_id INTEGER REFERENCES headings(id),   -- innermost heading above the article
      file_id    INTEGER NOT NULL REFERENCES law_files(id),
      line       INTEGER NOT NULL,                  -- line of the article in that file
      part       TEXT,
      text       TEXT NOT NULL,                     -- paragraphs separated by \\n
      UNIQUE (version_id, label),
      UNIQUE (version_id, seq)
    );
    CREATE INDEX articles_by_heading ON articles(heading_id);
    CREATE INDEX articles_by_file ON articles(file_id);

    -- What the last import found wrong, as file:line: message (the import goes on regardless).
    CREATE TABLE import_problems (
      id      INTEGER PRIMARY KEY,
      file    TEXT NOT NULL,
      line    INTEGER NOT NULL,
      message TEXT NOT NULL
    );
  `,
);
