import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/lib/repo-paths';

/**
 * The audit script against real electronegativity runs: the Electron sources as they are pass,
 * and the same sources plus one insecure window fail with that finding in the report. Needs the
 * tool (npm ci --prefix test/tools/electronegativity, as .ci/run does).
 */
let work: string;

function audit(input: string, report: string) {
  const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
  const result = spawnSync(tsx, ['scripts/test/electron-audit.ts', '--input', input, '--report', report], { cwd: repoRoot, encoding: 'utf8' });
  const parsed = JSON.parse(readFileSync(report, 'utf8')) as {
    filesScanned: string[];
    blocking: Array<{ id: string; file: string }>;
    ok: boolean;
  };
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, report: parsed };
}

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'fatong-audit-it-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('electron audit (electronegativity)', () => {
  it('passes on the Electron sources and prints one summary line', () => {
    const run = audit(path.join(repoRoot, 'electron'), path.join(work, 'clean.json'));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(run.stdout).toMatch(/^Electron audit passed: \d+ files scanned/);
    expect(run.report.filesScanned).toContain(path.join('main', 'index.ts'));
    expect(run.report.filesScanned).toContain(path.join('preload', 'kiosk.preload.ts'));
  });

  it('fails on an insecure window the allow-list does not cover', () => {
    const copy = path.join(work, 'electron');
    cpSync(path.join(repoRoot, 'electron'), copy, { recursive: true });
    writeFileSync(
      path.join(copy, 'main', 'debug-window.ts'),
      "import { BrowserWindow } from 'electron';\n" +
        'export const debug = new BrowserWindow({ webPreferences: { contextIsolation: false, nodeIntegration: true, sandbox: false } });\n',
    );
    const run = audit(copy, path.join(work, 'bad.json'));
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^Electron audit FAILED/);
    expect(run.report.ok).toBe(false);
    const blocking = run.report.blocking.filter((finding) => finding.file === path.join('main', 'debug-window.ts')).map((f) => f.id);
    expect(blocking).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK']));
  });

  it('fails when there is nothing to scan', () => {
    const empty = mkdtempSync(path.join(work, 'empty-'));
    writeFileSync(path.join(empty, 'README.md'), 'no sources\n');
    const run = audit(empty, path.join(work, 'empty.json'));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('no files were scanned');
  });
});
