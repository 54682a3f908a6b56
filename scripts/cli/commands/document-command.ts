import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DocumentAnswers } from '../../../kiosk-content/src/documents/common/document-answers';
import { formatAnswerProblem } from '../../../kiosk-content/src/documents/common/document-answers';
import type { DocumentType } from '../../../kiosk-content/src/documents/common/document-types';
import { exampleAnswers } from '../../../kiosk-content/src/documents/common/example-answers';
import { fillDocument, localToday } from '../../../kiosk-content/src/documents/node/fill-document';
import { defaultDocumentsDir, loadDocumentFolder } from '../../../kiosk-content/src/documents/node/load-document-types';
import { systemA4Clock, systemCupsCommands } from '../../../native-adapters/a4-printer/node/cups-commands';
import { A4PrinterService } from '../../../native-adapters/a4-printer/service/a4-printer-service';
import { a4FailureText, a4ProblemText, NEUTRAL_JOB_TITLE, NO_A4_PRINTER_TEXT } from '../../../electron/common/domain/a4-print-text';
import { readStoredTerminalConfig } from '../../../electron/node/provisioning/terminal-config-store';
import { prepareDataDir, resolveDataDir } from '../../../electron/node/system/data-dir';
import { UsageError, type CliCommand, type CliIo } from '../command';
import { parseCommandArgs } from '../parse';

/** The document types of a folder (default: the shipped kiosk-content/default/documents); a broken file fails the command. */
function loadTypes(dir: string | undefined): DocumentType[] {
  const folder = loadDocumentFolder(dir ? path.resolve(dir) : defaultDocumentsDir);
  if (folder.problems.length > 0) {
    throw new Error(
      `the document types have problems (run content lint):\n${folder.problems.map((p) => `${p.file}:${String(p.line)}: ${p.message}`).join('\n')}`,
    );
  }
  return folder.types;
}

function findType(types: DocumentType[], id: string | undefined): DocumentType {
  if (!id) throw new UsageError(`name a document type: ${types.map((t) => t.id).join(', ')}`);
  const type = types.find((t) => t.id === id);
  if (!type) throw new UsageError(`no document type "${id}"; there are: ${types.map((t) => t.id).join(', ')}`);
  return type;
}

async function readAnswers(file: string, io: CliIo): Promise<DocumentAnswers> {
  let text: string;
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    text = Buffer.concat(chunks).toString('utf8');
  } else {
    try {
      text = readFileSync(path.resolve(file), 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file === '-' ? 'stdin' : file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError('the answers must be a JSON object { "<field id>": value }');
  return parsed as DocumentAnswers;
}

const dirOption = { dir: { type: 'string' } } as const;

/** The provisioned A4 queue of this terminal, or null. */
function provisionedQueue(io: CliIo): string | null {
  const { config } = readStoredTerminalConfig(prepareDataDir(resolveDataDir(io.env)).config);
  return config?.a4Printer?.queue ?? null;
}

export const documentListCommand: CliCommand = {
  name: 'document list',
  summary: 'List the document types residents can fill (起诉状, 仲裁申请书, 法律援助申请表 …)',
  usage: `Usage: npm run cli -- document list [--json] [--dir <documents folder>]

One line per document type: id, name, number of questions, sources. --json prints
{types: [{id, name, title, subtitle, summary, fields, offeredBy, sources}]}.`,
  run(args, io) {
    const { values } = parseCommandArgs(args, { ...dirOption, json: { type: 'boolean', default: false } });
    const types = loadTypes(values.dir);
    const rows = types.map((t) => ({
      id: t.id,
      name: t.name,
      title: t.title,
      subtitle: t.subtitle,
      summary: t.summary,
      fields: t.sections.reduce((n, s) => n + s.fields.length, 0),
      offeredBy: t.offeredBy,
      sources: [...t.models.map((m) => m.text), ...t.cites.map((c) => `${c.law} ${c.label}`)],
    }));
    if (values.json) io.stdout(`${JSON.stringify({ types: rows })}\n`);
    else for (const r of rows) io.stdout(`${r.id.padEnd(28)} ${r.name}（${String(r.fields)}问）  ${r.sources.join('；')}\n`);
    return Promise.resolve(0);
  },
};

export const documentExampleCommand: CliCommand = {
  name: 'document example',
  summary: 'Print a complete, fictional answers JSON for a document type',
  usage: `Usage: npm run cli -- document example <type> [--dir <documents folder>]

Prints answers for every question (fictional: 测试 names and addresses, 000- phone numbers),
ready for \`document fill <type> --answers -\`.`,
  run(args, io) {
    const { values, positionals } = parseCommandArgs(args, dirOption, true);
    const type = findType(loadTypes(values.dir), positionals[0]);
    io.stdout(`${JSON.stringify(exampleAnswers(type), null, 2)}\n`);
    return Promise.resolve(0);
  },
};

export const documentFillCommand: CliCommand = {
  name: 'document fill',
  summary: 'Check answers and write the A4 PDF of a document type; field: reason for each problem',
  usage: `Usage: npm run cli -- document fill <type> --answers <file.json|-> --out <file.pdf> [--today YYYY-MM-DD]

Checks every answer (required answers given, amounts are numbers of 元, dates real and not in
the future where the past is required, choices among the options) and, only if all are valid,
writes the A4 PDF. Exits 1 with one "field: reason" line per problem and no PDF.
  --today  the date "today" is checked against (default: the local date)`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { ...dirOption, answers: { type: 'string' }, out: { type: 'string' }, today: { type: 'string' } },
      true,
    );
    if (!values.answers) throw new UsageError('--answers <file.json|-> is required');
    if (!values.out) throw new UsageError('--out <file.pdf> is required');
    const type = findType(loadTypes(values.dir), positionals[0]);
    const answers = await readAnswers(values.answers, io);
    const result = await fillDocument(type, answers, values.today ?? localToday());
    if (!result.ok) {
      for (const problem of result.problems) io.stderr(`${formatAnswerProblem(problem)}\n`);
      return 1;
    }
    writeFileSync(path.resolve(values.out), result.pdf);
    io.stdout(`${values.out}: ${String(result.layout.pages.length)} page(s), ${String(result.pdf.length)} bytes\n`);
    return 0;
  },
};

export const documentPrintCommand: CliCommand = {
  name: 'document print',
  summary: 'Fill a document and print it on the A4 printer through CUPS, following the job to the end',
  usage: `Usage: npm run cli -- document print <type> --answers <file.json|-> [--queue <CUPS queue>] [--today YYYY-MM-DD]

Checks the answers (as document fill), sends the PDF to the queue with lp on stdin (nothing is
written to disk), follows the job until CUPS reports it finished, then purges the queue's
finished jobs so no copy stays in /var/spool/cups. A job that cannot finish is cancelled, never
retried. Exits 0 when printed, 1 on bad answers or when the printer cannot print.
  --queue  the CUPS queue (default: a4Printer.queue of the provisioned terminal under KIOSK_DATA_DIR)`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { ...dirOption, answers: { type: 'string' }, queue: { type: 'string' }, today: { type: 'string' } },
      true,
    );
    if (!values.answers) throw new UsageError('--answers <file.json|-> is required');
    const queue = values.queue ?? provisionedQueue(io);
    if (!queue) throw new UsageError(`no --queue and no a4Printer.queue provisioned: ${NO_A4_PRINTER_TEXT} (npm run cli -- devices lists the CUPS queues)`);
    const type = findType(loadTypes(values.dir), positionals[0]);
    const result = await fillDocument(type, await readAnswers(values.answers, io), values.today ?? localToday());
    if (!result.ok) {
      for (const problem of result.problems) io.stderr(`${formatAnswerProblem(problem)}\n`);
      return 1;
    }
    const service = new A4PrinterService({ commands: systemCupsCommands(), clock: systemA4Clock, log: () => undefined });
    const final = await service.print(queue, result.pdf, NEUTRAL_JOB_TITLE, (state) => {
      if (state.state === 'printing') io.stdout(`${state.jobId}: ${state.problem ? a4ProblemText[state.problem] : '正在打印'}\n`);
    });
    if (final.state === 'done') {
      io.stdout(`${final.jobId}: 打印完成 (${String(result.pdf.length)} bytes)\n`);
      return 0;
    }
    if (final.state === 'failed') io.stderr(`${final.reason}: ${a4FailureText[final.reason]} (${final.detail})\n`);
    return 1;
  },
};

export const documentCommands: CliCommand[] = [documentListCommand, documentExampleCommand, documentFillCommand, documentPrintCommand];
