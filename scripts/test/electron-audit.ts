/**
 * Electron security audit (the last step of `npm test`): electronegativity over the Electron
 * sources in electron/. The tool itself exits 0 whatever it finds, so this script reads its
 * findings and decides:
 *   - every HIGH or MEDIUM finding fails the audit unless the allow-list below names it, with a reason;
 *   - an allow-list entry that matches nothing fails too (the list must not outlive its reason);
 *   - zero files scanned, a file the tool could not parse, or an inline `eng-disable` comment
 *     (which would hide a finding from this list) fail as well.
 * The full report goes to test/artifacts/electronegativity.json; one summary line goes to stdout.
 *
 * The tool is installed on its own (its dependencies are old): npm ci --prefix test/tools/electronegativity
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { repoRoot } from '../lib/repo-paths';
import { errorMessage } from '../../electron/common/errors/error-message';

export type Severity = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH';

export interface Finding {
  id: string;
  severity: Severity;
  confidence: string;
  /** Relative to the scanned folder (electron/), or "N/A" for whole-application checks. */
  file: string;
  line: number;
  column: number;
  sample: string;
  description: string;
  manualReview: boolean;
}

export interface AllowedFinding {
  id: string;
  /** Only findings in this file (relative to electron/). */
  file?: string;
  /** Only findings whose source line contains this text. */
  sampleIncludes?: string;
  reason: string;
}

/**
 * Findings we accept, each with the reason it is not a weakness. Keep it short: a new entry needs
 * a test that proves what the tool could not see.
 */
export const allowList: AllowedFinding[] = [
  {
    id: 'CSP_GLOBAL_CHECK',
    reason:
      'The CSP is sent as a response header on every app:// response by electron/main/app-protocol.ts ' +
      '(from electron/node/http/security-headers.ts; asserted in app-protocol.test.ts). Electronegativity ' +
      'only recognises a CSP in an HTML <meta> tag or in webRequest.onHeadersReceived.',
  },
  ...(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'AUXCLICK_JS_CHECK'] as const).map((id) => ({
    id,
    file: 'main/index.ts',
    sampleIncludes: 'new BrowserWindow(kioskWindowOptions(',
    reason:
      'The window options come from kioskWindowOptions() (electron/main/window-options.ts), which the tool cannot ' +
      'follow into; window-options.test.ts asserts contextIsolation: true, sandbox: true and ' +
      "disableBlinkFeatures: 'Auxclick' (and setWindowOpenHandler denies every new window).",
  })),
];

export interface AuditInput {
  findings: Finding[];
  filesScanned: string[];
  parseErrors: Array<{ file: string; message: string }>;
  inlineDisables: string[];
  allowList: AllowedFinding[];
}

export interface AuditResult {
  ok: boolean;
  blocking: Finding[];
  allowed: Array<{ finding: Finding; reason: string }>;
  unusedAllowEntries: AllowedFinding[];
  problems: string[];
  summary: string;
}

const failingSeverities: ReadonlySet<Severity> = new Set(['HIGH', 'MEDIUM']);

function matches(entry: AllowedFinding, finding: Finding): boolean {
  return (
    entry.id === finding.id &&
    (entry.file === undefined || entry.file === finding.file.split(path.sep).join('/')) &&
    (entry.sampleIncludes === undefined || finding.sample.includes(entry.sampleIncludes))
  );
}

/** The decision, separate from running the tool, so it is unit-tested. */
export function evaluateAudit(input: AuditInput): AuditResult {
  const blocking: Finding[] = [];
  const allowed: AuditResult['allowed'] = [];
  const used = new Set<AllowedFinding>();
  for (const finding of input.findings) {
    if (!failingSeverities.has(finding.severity)) continue;
    const entry = input.allowList.find((candidate) => matches(candidate, finding));
    if (entry) {
      used.add(entry);
      allowed.push({ finding, reason: entry.reason });
    } else {
      blocking.push(finding);
    }
  }
  const unusedAllowEntries = input.allowList.filter((entry) => !used.has(entry));

  const problems: string[] = [];
  if (input.filesScanned.length === 0) problems.push('no files were scanned');
  for (const error of input.parseErrors) problems.push(`could not parse ${error.file}: ${error.message}`);
  for (const where of input.inlineDisables) problems.push(`inline eng-disable comment at ${where} (use the allow-list in scripts/test/electron-audit.ts)`);
  for (const finding of blocking) {
    problems.push(`${finding.severity} ${finding.id} at ${finding.file}:${finding.line}:${finding.column} — ${finding.description}`);
  }
  for (const entry of unusedAllowEntries) {
    problems.push(`allow-list entry ${entry.id}${entry.file ? ` (${entry.file})` : ''} matched nothing: remove it`);
  }

  const count = (severity: Severity): number => input.findings.filter((finding) => finding.severity === severity).length;
  const ok = problems.length === 0;
  const summary =
    `Electron audit ${ok ? 'passed' : 'FAILED'}: ${input.filesScanned.length} files scanned, ` +
    `${count('HIGH')} high, ${count('MEDIUM')} medium, ${count('LOW')} low, ${count('INFORMATIONAL')} informational; ` +
    `${allowed.length} allow-listed, ${blocking.length} blocking` +
    (ok ? '' : `, ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  return { ok, blocking, allowed, unusedAllowEntries, problems, summary };
}

/** Lines with an electronegativity inline-disable comment, which would bypass the allow-list. */
export function findInlineDisables(dir: string, base = dir): string[] {
  const hits: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') hits.push(...findInlineDisables(full, base));
      continue;
    }
    if (!/\.(ts|tsx|js|mjs|cjs|html)$/.test(entry.name)) continue;
    readFileSync(full, 'utf8')
      .split('\n')
      .forEach((text, index) => {
        if (/eng-disable/.test(text)) hits.push(`${path.relative(base, full)}:${index + 1}`);
      });
  }
  return hits;
}

// ——— Running the tool ———

interface RawIssue {
  id: string;
  severity: { name: string };
  confidence: { name: string };
  file: string;
  location?: { line?: number; column?: number };
  sample?: string;
  description: string;
  manualReview?: boolean;
}

interface RunnerResult {
  globalChecks: number;
  atomicChecks: number;
  errors: Array<{ file: string; message: string; tolerable: boolean }>;
  issues: RawIssue[];
}

const toolDir = path.join(repoRoot, 'test', 'tools', 'electronegativity');

/** tsx scripts/test/electron-audit.ts [--input DIR] [--report FILE] (tests point it at fixtures). */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { input: { type: 'string' }, report: { type: 'string' } }, strict: true });
  const scanned = path.resolve(values.input ?? path.join(repoRoot, 'electron'));
  const reportFile = path.resolve(values.report ?? path.join(repoRoot, 'test', 'artifacts', 'electronegativity.json'));
  const manifest = path.join(toolDir, 'node_modules', '@doyensec', 'electronegativity', 'package.json');
  if (!existsSync(manifest)) {
    throw new Error('electronegativity is not installed: run `npm ci --prefix test/tools/electronegativity`');
  }
  const requireTool = createRequire(manifest);
  const toolVersion = (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  const run = requireTool('./dist/runner.js') as (options: object, forCli: boolean) => Promise<RunnerResult>;
  const { LoaderDirectory } = requireTool('./dist/loader/index.js') as {
    LoaderDirectory: new () => { load(dir: string): Promise<void>; list_files: Iterable<string> };
  };
  const rootPackage = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  };
  const electronVersion = rootPackage.devDependencies['electron'] ?? '';

  // The same file list the tool's runner walks (it does not report it itself).
  const loader = new LoaderDirectory();
  await loader.load(scanned);
  const files = [...loader.list_files].map((file) => path.relative(scanned, file)).sort();

  // The tool prints a line or two of its own (it tries to fetch translations, and fails offline).
  const quiet = console.log;
  console.log = () => undefined;
  let result: RunnerResult;
  try {
    result = await run(
      {
        input: scanned,
        isRelative: true,
        isVerbose: false,
        customScan: [],
        // Needs Electron's release list from the internet, which neither CI nor the kiosk has.
        excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
        electronVersionOverride: electronVersion,
        parserPlugins: [],
      },
      false,
    );
  } finally {
    console.log = quiet;
  }

  const findings: Finding[] = result.issues.map((issue) => ({
    id: issue.id,
    severity: issue.severity.name as Severity,
    confidence: issue.confidence.name,
    file: issue.file,
    line: issue.location?.line ?? 0,
    column: issue.location?.column ?? 0,
    sample: issue.sample ?? '',
    description: issue.description,
    manualReview: issue.manualReview ?? false,
  }));
  const parseErrors = result.errors.filter((error) => !error.tolerable).map(({ file, message }) => ({ file: path.relative(scanned, file), message }));
  const parsedFiles = files.filter((file) => !parseErrors.some((error) => error.file === file));
  const audit = evaluateAudit({ findings, filesScanned: parsedFiles, parseErrors, inlineDisables: findInlineDisables(scanned), allowList });

  mkdirSync(path.dirname(reportFile), { recursive: true });
  writeFileSync(
    reportFile,
    `${JSON.stringify(
      {
        tool: `@doyensec/electronegativity ${toolVersion}`,
        electronVersion,
        scanned: path.relative(repoRoot, scanned) || '.',
        checks: { global: result.globalChecks, atomic: result.atomicChecks },
        filesScanned: parsedFiles,
        parseErrors,
        findings,
        allowed: audit.allowed.map(({ finding, reason }) => ({ id: finding.id, file: finding.file, line: finding.line, reason })),
        blocking: audit.blocking,
        problems: audit.problems,
        ok: audit.ok,
      },
      null,
      2,
    )}\n`,
  );

  for (const problem of audit.problems) process.stderr.write(`  ✗ ${problem}\n`);
  process.stdout.write(`${audit.summary} (report: ${path.relative(repoRoot, reportFile)})\n`);
  process.exitCode = audit.ok ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    process.stderr.write(`Electron audit could not run: ${errorMessage(error)}\n`);
    process.exit(1);
  });
}
