import path from 'node:path';
import { existsSync } from 'node:fs';
import { resolveDataDir } from '../../../electron/node/system/data-dir';
import { formatLawProblem } from '../../../kiosk-content/src/laws/common/law-types';
import { contentDbFileName, openContentDb, type ContentDb } from '../../../kiosk-content/src/library-db/node/open-content-db';
import { importLaws, listLawFiles, type ImportLawsSummary, type ImportProgress } from '../../../kiosk-content/authoring/law-import/import-laws';
import { contentStamp, searchContentOf, searchQaOf, storeSearchIndex, type StoredIndexReport } from '../../../kiosk-content/src/search/node/persisted-index';
import { qaTrainingFromContent, trainSearchModelForLibrary } from '../../../kiosk-content/authoring/search-model/train-for-library';
import type { LibraryTrainingReport } from '../../../kiosk-content/authoring/search-model/train-for-library';
import { formatTrainingProblem } from '../../../kiosk-content/authoring/search-model/train-search-model';
import type { CliCommand, CliIo } from '../command';
import { UsageError } from '../command';
import { parseCommandArgs } from '../parse';
import { errorMessage } from '../../../electron/common/errors/error-message';

/** How progress is shown: a redrawn bar on a terminal, a line now and then in a log. */
function progressReporter(io: CliIo, tty: boolean, now: () => number): { update: (p: ImportProgress) => void; note: (text: string) => void; end: () => void } {
  let lastDraw = 0;
  let lastPhase = '';
  let lastStep = -1;
  let drawn = false;
  return {
    update(p) {
      const fraction = p.total === 0 ? 1 : p.done / p.total;
      const verb = p.phase === 'parse' ? 'reading files' : 'writing laws';
      if (tty) {
        const t = now();
        if (p.done !== p.total && p.phase === lastPhase && t - lastDraw < 80) return;
        lastDraw = t;
        lastPhase = p.phase;
        const width = 30;
        const filled = Math.round(fraction * width);
        io.stderr(
          `\r\x1b[2K[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}% ${verb} ${String(p.done)}/${String(p.total)}`,
        );
        drawn = true;
      } else {
        // One line per phase start and per 25 %, so a log shows it is alive without flooding.
        const step = Math.floor(fraction * 4);
        if (p.phase === lastPhase && step === lastStep) return;
        lastPhase = p.phase;
        lastStep = step;
        io.stderr(`${verb}: ${String(p.done)}/${String(p.total)}\n`);
      }
    },
    /** A phase without a count (building the search index). */
    note(text) {
      if (tty) {
        io.stderr(`\r\x1b[2K${text}`);
        drawn = true;
      } else {
        io.stderr(`${text}\n`);
      }
    },
    end() {
      if (drawn) io.stderr('\r\x1b[2K');
    },
  };
}

/** One line on what the model learned from, for the CLI's stderr. */
export function describeTraining(t: LibraryTrainingReport): string {
  const qa = t.qaSource ? ` + ${String(t.qa)} Q&A of ${t.qaSource}` : ' (no Q&A)';
  return `trained on ${String(t.questions)} questions${qa} (${String(t.problems.length)} problems skipped) in ${(t.ms / 1000).toFixed(1)} s (re-ranker: ${String(t.rankerTrees)} trees, ${(t.rankerMs / 1000).toFixed(1)} s of it)`;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function formatSummary(summary: ImportLawsSummary, index: StoredIndexReport, dbFile: string): string {
  const row = (name: string, value: string) => `  ${name.padEnd(18)} ${value}\n`;
  return (
    `Imported ${summary.source} into ${dbFile} in ${seconds(summary.durationMs + index.buildMs + index.storeMs)}\n` +
    row('import', seconds(summary.durationMs)) +
    row(
      'search index',
      `${seconds(index.buildMs + index.storeMs)} (${String(index.articles)} articles, ${String(index.qa)} Q&A, ${(index.bytes / 1e6).toFixed(1)} MB, stored in the database)`,
    ) +
    row('files', `${String(summary.files)}${summary.skippedFiles > 0 ? ` (${String(summary.skippedFiles)} skipped)` : ''}`) +
    row('laws', String(summary.laws)) +
    row('documents', `${String(summary.documents)} (files without 第…条 articles)`) +
    row('versions', String(summary.versions)) +
    row('articles', `${String(summary.articles)} (all versions)`) +
    row('current articles', String(summary.currentArticles)) +
    row('duplicates merged', String(summary.duplicatesMerged)) +
    row('problems', String(summary.problems.length)) +
    summary.problems.map((p) => `    ${formatLawProblem(p)}\n`).join('')
  );
}

export function createImportLawsCommand(terminal: { isTty: () => boolean; now: () => number }): CliCommand {
  return {
    name: 'import-laws',
    summary: 'Install the full law library from a folder of law Markdown files',
    usage: `Usage: npm run cli -- import-laws <dir> [--db <file>] [--json] [--train <questions.jsonl> [--lecoqa <qa.jsonl>] [--train-qa <content-dir>|none]]

Reads every *.md law file below <dir> (the layout of ../shared/data/laws: one file per law
version, folders per category), merges copies of the same law and version found in several
folders, marks the newest version of each law current, and replaces the law library in the
content database in one transaction (a running kiosk keeps the old library until the end).
A malformed file is reported as file:line: reason and the import goes on. Running it again
on the same folder gives the same library. Then the search index (current articles + the
embedded Q&A and glossary) is built and stored in the same database, so the kiosk and
\`search --db\` never re-index at start-up. The summary shows both times.

  --db <file>  content database to write (created if missing);
               default: <data directory>/db/${contentDbFileName}
  --json       print the summary as JSON on stdout
  --train <questions.jsonl>  also train the learned search components from questions with known
               answering articles (STARD format, e.g. ../shared/data/stard/queries.public.jsonl)
  --lecoqa <qa.jsonl>        with --train: lawyer keywords and answers for the same ids (training only)
  --train-qa <content-dir>   with --train: the Q&A (their phrasings and cited articles) that train
               the model too come from <content-dir>/qa; default: the Q&A the index is built with
               (the database's own, else the kiosk's default content); none: no Q&A

Progress goes to stderr. Exits 1 with one line if <dir> is missing or the database
cannot be written.`,
    async run(args, io) {
      const { values, positionals } = parseCommandArgs(
        args,
        {
          db: { type: 'string' },
          json: { type: 'boolean', default: false },
          train: { type: 'string' },
          lecoqa: { type: 'string' },
          'train-qa': { type: 'string' },
        },
        true,
      );
      if (positionals.length !== 1 || positionals[0] === undefined)
        throw new UsageError('import-laws needs exactly one folder: import-laws <dir> [--db <file>]');
      const dir = path.resolve(positionals[0]);
      const dbFile = path.resolve(values.db ?? path.join(resolveDataDir(io.env), 'db', contentDbFileName));
      listLawFiles(dir); // a missing folder fails here, before any database file is created
      if (values.lecoqa !== undefined && values.train === undefined) throw new UsageError('--lecoqa goes with --train <questions.jsonl>');
      const trainQa = values['train-qa'];
      if (trainQa !== undefined && values.train === undefined) throw new UsageError('--train-qa goes with --train <questions.jsonl>');
      if (trainQa !== undefined && trainQa !== 'none' && !existsSync(path.join(trainQa, 'qa')))
        throw new UsageError(`--train-qa: ${path.resolve(trainQa)} has no qa/ folder (or say --train-qa none)`);
      for (const file of [values.train, values.lecoqa]) {
        if (file !== undefined && !existsSync(file)) throw new UsageError(`training file not found: ${file}`);
      }
      let db: ContentDb;
      try {
        db = openContentDb(dbFile);
      } catch (error) {
        const reason = errorMessage(error);
        throw new Error(`cannot open the database ${dbFile}: ${reason}`, { cause: error });
      }
      try {
        const progress = progressReporter(io, terminal.isTty(), terminal.now);
        let summary: ImportLawsSummary;
        let index: StoredIndexReport;
        try {
          summary = importLaws(db, dir, { onProgress: progress.update });
          if (values.train !== undefined) {
            progress.note('training the search model…');
            const qa = trainQa === 'none' ? null : trainQa !== undefined ? qaTrainingFromContent(path.resolve(trainQa)) : searchQaOf(db);
            const trained = trainSearchModelForLibrary(db, path.resolve(values.train), values.lecoqa === undefined ? null : path.resolve(values.lecoqa), qa);
            for (const p of trained.problems) io.stderr(`${formatTrainingProblem(p)}\n`);
            io.stderr(`search model: ${describeTraining(trained)}\n`);
          }
          progress.note('building the search index…');
          index = storeSearchIndex(db, searchContentOf(db), { stamp: contentStamp(db) });
        } finally {
          progress.end();
        }
        if (values.json) {
          const searchIndex = { ms: Math.round(index.buildMs + index.storeMs), bytes: index.bytes, articles: index.articles, qa: index.qa };
          io.stdout(`${JSON.stringify({ db: dbFile, ...summary, searchIndex })}\n`);
        } else {
          io.stdout(formatSummary(summary, index, dbFile));
        }
        return 0;
      } finally {
        db.close();
      }
    },
  };
}

export const importLawsCommand = createImportLawsCommand({ isTty: () => process.stderr.isTTY === true, now: () => Date.now() });
