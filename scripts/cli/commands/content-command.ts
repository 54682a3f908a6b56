import path from 'node:path';
import { formatContentProblem } from '../../../kiosk-content/src/procedures/common/procedure-types';
import { lintContentFolder } from '../../../kiosk-content/src/content-lint/node/lint-content-folder';
import { LawRepository } from '../../../kiosk-content/src/library-db/node/law-repository';
import { openContentDb, type ContentDb } from '../../../kiosk-content/src/library-db/node/open-content-db';
import type { CliCommand } from '../command';
import { UsageError } from '../command';
import { parseCommandArgs } from '../parse';
import { contentPackCommands } from './content-pack-commands';
import { errorMessage } from '../../../electron/common/errors/error-message';

/**
 * `content <subcommand>`: tools for content packs. The CLI resolves two-word command names
 * (`content lint`), so each subcommand is its own CliCommand; add new ones to contentCommands.
 */
export const contentLintCommand: CliCommand = {
  name: 'content lint',
  summary: 'Check a content folder (pack, directory, Q&A, glossary, procedures) and print every problem',
  usage: `Usage: npm run cli -- content lint <dir> [--db <file>] [--json]

Checks a content folder the way the kiosk uses it: pack.yaml, directory.yaml, qa/, glossary/
and procedures/. For procedures: every path ends in an outcome, no unreachable step or outcome,
no cycle, every reference resolves (steps, outcomes, offices in directory.yaml, related Q&A,
names in conditions, config names), texts fit the screen and the receipt, and every character
is printable on the GB18030 receipt printer. Each procedure is walked path by path with the
engine; the report gives its steps, outcomes and distinct paths.

Every problem is printed as file:line: message (file relative to <dir>).

  --db <file>  content database with the law library: also check that every cited article
               exists in the current version of its law (Q&A and procedures)
  --json       print { problems, procedures } as JSON

Exits 1 if there is any problem, 0 otherwise.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { db: { type: 'string' }, json: { type: 'boolean', default: false } }, true);
    if (positionals.length !== 1 || positionals[0] === undefined)
      throw new UsageError('content lint needs exactly one folder: content lint <dir> [--db <file>]');
    const dir = path.resolve(positionals[0]);
    let db: ContentDb | null = null;
    if (values.db !== undefined) {
      const dbFile = path.resolve(values.db);
      try {
        db = openContentDb(dbFile, { readonly: true });
      } catch (error) {
        throw new Error(`cannot open the database ${dbFile}: ${errorMessage(error)}`, { cause: error });
      }
    }
    try {
      const result = await Promise.resolve(lintContentFolder(dir, db ? { laws: new LawRepository(db) } : {}));
      if (values.json) {
        io.stdout(`${JSON.stringify({ dir: result.dir, problems: result.problems, procedures: result.procedures })}\n`);
      } else {
        for (const problem of result.problems) io.stdout(`${formatContentProblem(problem)}\n`);
        if (result.problems.length > 0) io.stdout('\n');
        for (const p of result.procedures) {
          const paths =
            p.paths === null ? 'paths not walked (fix the problems first)' : `${String(p.paths)} distinct paths${p.truncated ? ' (incomplete)' : ''}`;
          io.stdout(`procedure ${p.id}: ${String(p.steps)} steps, ${String(p.outcomes)} outcomes, ${paths}\n`);
        }
        io.stdout(result.problems.length === 0 ? `ok: no problems in ${dir}\n` : `${String(result.problems.length)} problem(s) in ${dir}\n`);
      }
      return result.problems.length === 0 ? 0 : 1;
    } finally {
      db?.close();
    }
  },
};

/** Every `content …` subcommand, in help order. */
export const contentCommands: CliCommand[] = [contentLintCommand, ...contentPackCommands];
