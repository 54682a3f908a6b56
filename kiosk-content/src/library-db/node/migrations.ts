import { libraryLaws } from './library-migrations';
import type { Migration } from './migration';
import { searchIndexTable, searchModelTable } from './search-index-migrations';

/**
 * Every schema step of the content database, in the order they are applied.
 *
 * Adding tables is a one-file change: append one entry to this list, written inline with
 * sqlMigration('qa-1-entries', `CREATE TABLE …`) from './migration', or imported from your
 * module's own file when it is long. APPEND ONLY: never reorder, edit or remove a step that has
 * shipped — a database records the ids it has applied and refuses to open when they disagree
 * with this list. See ARCHITECTURE.md.
 */
export const contentMigrations: readonly Migration[] = [libraryLaws, searchIndexTable, searchModelTable];
