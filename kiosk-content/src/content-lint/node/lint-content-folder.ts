import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { formatCodePoint } from '../../qa/common/printable-text';
import { directorySchema, packMetaSchema, type Directory } from '../../content-folder/common/pack-meta';
import { compileProcedureDetail } from '../../procedures/common/compile-procedure';
import { enumeratePaths } from '../../procedures/common/enumerate-paths';
import type { HolidayCalendar } from '../../procedures/common/holiday-calendar';
import { parseHolidayCalendar } from '../../procedures/common/parse-holiday-calendar';
import type { Cite, ContentProblem, Procedure } from '../../procedures/common/procedure-types';
import type { LawRepository } from '../../library-db/node/law-repository';
import { loadGlossaryFolder } from '../../glossary/node/load-glossary-folder';
import { loadQaFolder } from '../../qa/node/load-qa-folder';
import { findFourByteChars } from './gb18030';
import { regionalFileSchema } from '../../regional/common/regional-data';
import { lintProcedureTexts, lintQaTexts } from './lint-texts';
import { carriesVintageNotice, lawVintageEntrySchema, listedLawsIn, lawVintageFileSchema, type LawVintage } from '../../law-vintage/common/law-vintage';
import { lintDocumentFolder } from '../../documents/node/lint-documents';

/**
 * Checks a whole content folder the way the kiosk will use it:
 *   pack.yaml, directory.yaml      schema
 *   regional.yaml (optional)       schema field by field; office ids unique, kinds in directory.yaml
 *   law-vintage.yaml (optional)    schema; every Q&A citing a listed law carries its notice
 *   qa/, glossary/                 the existing parsers' checks (+ Q&A citations against the library)
 *   procedures/*.yaml              compileProcedure (structure, references, reachability, cycles,
 *                                  expressions, text limits) + offices, related Q&A, citations,
 *                                  and a walk of every path with the engine
 *   calendar/holidays.yaml         parseHolidayCalendar (dates, days off, 调休 workdays, source)
 *   Q&A answers, procedure texts   time limits never silent, plain language (content-lint/common/text-rules)
 *   every file                     every character printable on the GB18030 receipt printer
 * Files in problems are relative to the folder, with "/".
 */
export interface LintOptions {
  /** The law library; when given, every article citation must name an article of the current version. */
  laws?: Pick<LawRepository, 'getArticle' | 'findLawByTitle'>;
  /** Cap on answer combinations walked per procedure. */
  maxExplored?: number;
}

export interface ProcedureReport {
  id: string;
  file: string;
  steps: number;
  outcomes: number;
  /** Distinct ways through (steps passed + outcome); null when the procedure has problems. */
  paths: number | null;
  /** Answer combinations the walk tried. */
  explored: number;
  truncated: boolean;
}

export interface LintResult {
  dir: string;
  problems: ContentProblem[];
  procedures: ProcedureReport[];
}

function yamlFile<T>(dir: string, name: string, schema: z.ZodType<T>, problems: ContentProblem[]): T | null {
  const full = path.join(dir, name);
  if (!existsSync(full)) {
    problems.push({ file: name, line: 1, message: `${name} is missing` });
    return null;
  }
  const text = readFileSync(full, 'utf8');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const error of doc.errors)
      problems.push({ file: name, line: lineCounter.linePos(error.pos[0]).line, message: `YAML: ${error.message.split('\n')[0] ?? ''}` });
    return null;
  }
  const parsed = schema.safeParse(doc.toJS());
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    // Point at the deepest node of the path that exists.
    let line = 1;
    for (let depth = issue.path.length; depth >= 0; depth -= 1) {
      const node = doc.getIn(issue.path.slice(0, depth) as (string | number)[], true) as { range?: [number, number, number] } | undefined;
      if (node?.range) {
        line = lineCounter.linePos(node.range[0]).line;
        break;
      }
    }
    problems.push({ file: name, line, message: `${issue.path.join('.') || '(root)'}: ${issue.message}` });
  }
  return null;
}

/** Statutory days off (format in kiosk-content/README.md). */
export const calendarFile = 'calendar/holidays.yaml';

function listFiles(dir: string, test: (name: string) => boolean): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => name.split(path.sep).join('/'))
    .filter(test)
    .sort();
}

function checkCite(laws: NonNullable<LintOptions['laws']>, cite: Cite, file: string, where: string, problems: ContentProblem[]): void {
  if (laws.getArticle(cite.law, cite.label)) return;
  const cited = `${cite.law} ${cite.label}`;
  problems.push({
    file,
    line: cite.line,
    message: laws.findLawByTitle(cite.law)
      ? `${where}: "${cited}": the current version of ${cite.law} has no ${cite.label}`
      : `${where}: "${cited}": no law titled "${cite.law}" in the library`,
  });
}

function checkProcedureReferences(proc: Procedure, directory: Directory | null, qaIds: Set<string>, options: LintOptions, problems: ContentProblem[]): void {
  const file = proc.file;
  const offices = new Set(directory?.offices.map((o) => o.id) ?? []);
  for (const id of proc.outcomeOrder) {
    const outcome = proc.outcomes[id];
    if (!outcome) continue;
    const where = `outcome "${id}"`;
    if (outcome.office !== null && directory && !offices.has(outcome.office)) {
      problems.push({ file, line: outcome.lines.office ?? outcome.line, message: `${where}: office "${outcome.office}" is not in directory.yaml offices` });
    }
    outcome.related.forEach((qa, i) => {
      if (!qaIds.has(qa))
        problems.push({ file, line: outcome.itemLines.related[i] ?? outcome.line, message: `${where}: related Q&A "${qa}" does not exist in qa/` });
    });
    if (options.laws) {
      for (const cite of outcome.cites) checkCite(options.laws, cite, file, where, problems);
      for (const d of outcome.deadlines) checkCite(options.laws, d.cite, file, `${where}: deadline`, problems);
    }
  }
  if (options.laws) for (const cite of proc.cites) checkCite(options.laws, cite, file, 'cites', problems);
}

function lintRegional(dir: string, directory: Directory | null, problems: ContentProblem[]): void {
  const before = problems.length;
  yamlFile(dir, 'regional.yaml', regionalFileSchema, problems);
  if (problems.slice(before).some((p) => p.message.startsWith('YAML:'))) return;
  // Ids and kinds are checked on what the file says even when a field failed the schema above.
  const { doc, line: lines } = yamlLines(dir, 'regional.yaml');
  const raw: unknown = doc.toJS();
  const list: unknown[] =
    raw !== null && typeof raw === 'object' && Array.isArray((raw as { offices?: unknown }).offices) ? (raw as { offices: unknown[] }).offices : [];
  const offices = list
    .map((o) => (o !== null && typeof o === 'object' ? (o as { id?: unknown; kind?: unknown }) : {}))
    .map((o) => ({ id: String(o.id), kind: String(o.kind) }));
  const kinds = new Set(directory?.offices.map((o) => o.id) ?? []);
  const seen = new Set<string>();
  offices.forEach((office, i) => {
    const line = lines(['offices', i, 'id']);
    if (seen.has(office.id)) problems.push({ file: 'regional.yaml', line, message: `offices.${String(i)}.id: "${office.id}" is used twice` });
    seen.add(office.id);
    if (directory && !kinds.has(office.kind)) {
      problems.push({
        file: 'regional.yaml',
        line: lines(['offices', i, 'kind']),
        message: `offices.${String(i)}.kind: "${office.kind}" is not an office id of directory.yaml (${[...kinds].join(', ')})`,
      });
    }
  });
}

/** law-vintage.yaml checked field by field; the entries that pass are still used to check the Q&As. */
function lintLawVintage(dir: string, problems: ContentProblem[]): LawVintage | null {
  const before = problems.length;
  const parsed = yamlFile(dir, 'law-vintage.yaml', lawVintageFileSchema, problems);
  if (parsed) return parsed;
  if (problems.slice(before).some((p) => p.message.startsWith('YAML:'))) return null;
  const raw: unknown = yamlLines(dir, 'law-vintage.yaml').doc.toJS();
  const list: unknown[] = raw !== null && typeof raw === 'object' && Array.isArray((raw as { laws?: unknown }).laws) ? (raw as { laws: unknown[] }).laws : [];
  return {
    laws: list.flatMap((entry) => {
      const ok = lawVintageEntrySchema.safeParse(entry);
      return ok.success ? [ok.data] : [];
    }),
  };
}

/** Line of a node in a YAML file by its path (1 when the path is not there). */
function yamlLines(dir: string, name: string): { doc: ReturnType<typeof parseDocument>; line: (at: (string | number)[]) => number } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(path.join(dir, name), 'utf8'), { lineCounter });
  return {
    doc,
    line: (at) => {
      const node = doc.getIn(at, true) as { range?: [number, number, number] } | undefined;
      return node?.range ? lineCounter.linePos(node.range[0]).line : 1;
    },
  };
}

export function lintContentFolder(dirArg: string, options: LintOptions = {}): LintResult {
  const dir = path.resolve(dirArg);
  const problems: ContentProblem[] = [];
  const procedures: ProcedureReport[] = [];
  if (!existsSync(dir)) throw new Error(`not a folder: ${dir}`);

  yamlFile(dir, 'pack.yaml', packMetaSchema, problems);
  const directory = yamlFile(dir, 'directory.yaml', directorySchema, problems);
  if (directory) {
    const seen = new Set<string>();
    for (const office of directory.offices) {
      if (seen.has(office.id)) problems.push({ file: 'directory.yaml', line: 1, message: `office id "${office.id}" is used twice` });
      seen.add(office.id);
    }
  }

  if (existsSync(path.join(dir, 'regional.yaml'))) lintRegional(dir, directory, problems);
  const vintage = existsSync(path.join(dir, 'law-vintage.yaml')) ? lintLawVintage(dir, problems) : null;

  // Without a qa/ folder every related Q&A id is unresolved.
  let qaIds = new Set<string>();
  if (existsSync(path.join(dir, 'qa'))) {
    const qa = loadQaFolder(path.join(dir, 'qa'));
    qaIds = new Set(qa.entries.map((e) => e.id));
    for (const p of qa.problems) problems.push({ file: `qa/${p.file}`, line: p.line, message: `[${p.field}] ${p.message}` });
    for (const entry of qa.entries) {
      lintQaTexts(entry, `qa/${entry.file}`, problems);
      // A Q&A citing a law revised after the library snapshot says so in its own words too.
      for (const listed of listedLawsIn(
        entry.cites.map((c) => c.law),
        entry.answer,
        vintage ?? { laws: [] },
      )) {
        if (carriesVintageNotice(entry.answer, listed)) continue;
        problems.push({
          file: `qa/${entry.file}`,
          line: entry.lines.answer,
          message: `[law-vintage] cites or names ${listed.law}, listed in law-vintage.yaml, without the notice: add 「${listed.law}已${listed.event === 'enacted' ? '…施行' : '（于…）修订'}，条文序号和内容可能有变化，请向工作人员核实」`,
        });
      }
    }
    if (options.laws) {
      for (const entry of qa.entries) {
        entry.cites.forEach((cite, i) => {
          checkCite(
            options.laws as NonNullable<LintOptions['laws']>,
            { ...cite, line: entry.lines.cites[i] ?? entry.lines.id },
            `qa/${entry.file}`,
            '[cites]',
            problems,
          );
        });
      }
    }
  }

  if (existsSync(path.join(dir, 'glossary'))) {
    const glossary = loadGlossaryFolder(path.join(dir, 'glossary'));
    for (const p of glossary.problems) {
      problems.push({ file: path.relative(dir, p.file).split(path.sep).join('/'), line: p.line, message: `${p.field}: ${p.message}` });
    }
  }

  const outcomeRefs = new Set<string>();
  // The holiday calendar that periods in procedures are counted on.
  let calendar: HolidayCalendar | null = null;
  if (existsSync(path.join(dir, calendarFile))) {
    const parsed = parseHolidayCalendar(calendarFile, readFileSync(path.join(dir, calendarFile), 'utf8'));
    problems.push(...parsed.problems);
    calendar = parsed.calendar;
  }

  if (existsSync(path.join(dir, 'procedures'))) {
    for (const name of listFiles(path.join(dir, 'procedures'), (n) => /\.ya?ml$/.test(n))) {
      const file = `procedures/${name}`;
      const result = compileProcedureDetail(file, readFileSync(path.join(dir, file), 'utf8'));
      problems.push(...result.problems);
      const proc = result.procedure;
      if (!proc) continue;
      checkProcedureReferences(proc, directory, qaIds, options, problems);
      lintProcedureTexts(proc, problems);
      for (const outcome of proc.outcomeOrder) outcomeRefs.add(`${proc.id}/${outcome}`);
      const firstPeriod = proc.stepOrder.map((id) => proc.steps[id]).find((step) => step?.type === 'compute' && step.periods.length > 0);
      if (firstPeriod && calendar === null) {
        problems.push({
          file,
          line: firstPeriod.line,
          message: `step "${firstPeriod.id}" counts periods but there is no ${calendarFile}: every last day would be unknown`,
        });
      }
      const report: ProcedureReport = {
        id: proc.id,
        file,
        steps: proc.stepOrder.length,
        outcomes: proc.outcomeOrder.length,
        paths: null,
        explored: 0,
        truncated: false,
      };
      if (result.problems.length === 0) {
        const walked = enumeratePaths(proc, options.maxExplored === undefined ? { calendar } : { calendar, maxExplored: options.maxExplored });
        report.paths = walked.paths.length;
        report.explored = walked.explored;
        report.truncated = walked.truncated;
        if (walked.truncated) {
          problems.push({
            file,
            line: 1,
            message: `more than ${String(walked.maxExplored)} answer combinations: not every path could be checked; split the procedure into smaller ones`,
          });
        }
        const reached = new Set(walked.paths.map((p) => p.outcomeId));
        if (!walked.truncated) {
          for (const id of proc.outcomeOrder) {
            if (!reached.has(id))
              problems.push({
                file,
                line: proc.outcomes[id]?.line ?? 1,
                message: `outcome "${id}": no sampled way of answering reaches it (check the conditions that lead to it)`,
              });
          }
        }
        // A placeholder nothing on the way set would reach the resident as 「{name}」.
        const unfilled = new Set<string>();
        for (const p of walked.paths)
          for (const name of p.unfilled) {
            if (unfilled.has(`${p.outcomeId}|${name}`)) continue;
            unfilled.add(`${p.outcomeId}|${name}`);
            problems.push({
              file,
              line: proc.outcomes[p.outcomeId]?.line ?? 1,
              message: `outcome "${p.outcomeId}": {${name}} is not set on the way ${p.signature}; name only answers, compute values, periods or config.… set on every way to it`,
            });
          }
        for (const dead of walked.deadEnds.slice(0, 5)) {
          const last = dead.answers[dead.answers.length - 1];
          const line = (last ? proc.steps[last.stepId]?.line : undefined) ?? 1;
          problems.push({
            file,
            line,
            message: `a path ends without an outcome after ${dead.answers.map((a) => `${a.stepId}=${JSON.stringify(a.value)}`).join(', ') || 'the start'}: ${dead.message}`,
          });
        }
      }
      procedures.push(report);
    }
  }

  problems.push(...lintDocumentFolder(dir, outcomeRefs, options.laws ?? null).problems);

  // Every character of every content file must be printable on the receipt printer.
  for (const name of listFiles(dir, (n) => /\.(ya?ml|md)$/.test(n))) {
    const text = readFileSync(path.join(dir, name), 'utf8');
    const seen = new Set<string>();
    for (const bad of findFourByteChars(text)) {
      const key = `${String(bad.line)}:${bad.char}`;
      const code = formatCodePoint(bad.codePoint);
      // An emoji or private-use character is already reported by the file's own parser.
      const reported = problems.some((p) => p.file === name && p.line === bad.line && p.message.includes(code));
      if (seen.has(key) || reported) continue;
      seen.add(key);
      problems.push({
        file: name,
        line: bad.line,
        message: `character "${bad.char}" (${formatCodePoint(bad.codePoint)}) has no two-byte GB18030 code; the receipt printer cannot print it`,
      });
    }
  }

  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  return { dir, problems, procedures };
}
