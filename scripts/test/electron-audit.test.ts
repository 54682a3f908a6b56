import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowList, evaluateAudit, findInlineDisables, type AllowedFinding, type Finding } from './electron-audit';

function finding(overrides: Partial<Finding>): Finding {
  return {
    id: 'NODE_INTEGRATION_JS_CHECK',
    severity: 'HIGH',
    confidence: 'FIRM',
    file: 'main/index.ts',
    line: 10,
    column: 2,
    sample: 'new BrowserWindow({ webPreferences: { nodeIntegration: true } })',
    description: 'Disable nodeIntegration for untrusted origins',
    manualReview: false,
    ...overrides,
  };
}

const base = { filesScanned: ['main/index.ts'], parseErrors: [], inlineDisables: [] };

describe('evaluateAudit', () => {
  it('passes with no findings, and says so in one line', () => {
    const result = evaluateAudit({ ...base, findings: [], allowList: [] });
    expect(result.ok).toBe(true);
    expect(result.summary).toBe('Electron audit passed: 1 files scanned, 0 high, 0 medium, 0 low, 0 informational; 0 allow-listed, 0 blocking');
    expect(result.summary).not.toContain('\n');
  });

  it('fails on HIGH and MEDIUM findings, not on LOW or informational ones', () => {
    const result = evaluateAudit({
      ...base,
      findings: [
        finding({ severity: 'HIGH' }),
        finding({ id: 'SANDBOX_JS_CHECK', severity: 'MEDIUM' }),
        finding({ id: 'CSP_GLOBAL_CHECK', severity: 'LOW' }),
        finding({ id: 'PRELOAD_JS_CHECK', severity: 'INFORMATIONAL' }),
      ],
      allowList: [],
    });
    expect(result.ok).toBe(false);
    expect(result.blocking.map((f) => f.id)).toEqual(['NODE_INTEGRATION_JS_CHECK', 'SANDBOX_JS_CHECK']);
    expect(result.problems[0]).toContain('HIGH NODE_INTEGRATION_JS_CHECK at main/index.ts:10:2');
  });

  it('lets an allow-listed finding through only where the entry says', () => {
    const entry: AllowedFinding = { id: 'SANDBOX_JS_CHECK', file: 'main/index.ts', sampleIncludes: 'kioskWindowOptions(', reason: 'checked in a test' };
    const inPlace = finding({ id: 'SANDBOX_JS_CHECK', severity: 'MEDIUM', sample: 'new BrowserWindow(kioskWindowOptions({}))' });
    const elsewhere = finding({ id: 'SANDBOX_JS_CHECK', severity: 'MEDIUM', file: 'main/other.ts', sample: 'new BrowserWindow(kioskWindowOptions({}))' });
    const otherLine = finding({ id: 'SANDBOX_JS_CHECK', severity: 'MEDIUM', sample: 'sandbox: false' });
    const result = evaluateAudit({ ...base, findings: [inPlace, elsewhere, otherLine], allowList: [entry] });
    expect(result.allowed).toEqual([{ finding: inPlace, reason: 'checked in a test' }]);
    expect(result.blocking).toEqual([elsewhere, otherLine]);
  });

  it('fails on an allow-list entry that matches nothing', () => {
    const result = evaluateAudit({ ...base, findings: [], allowList: [{ id: 'CSP_GLOBAL_CHECK', reason: 'stale' }] });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(['allow-list entry CSP_GLOBAL_CHECK matched nothing: remove it']);
  });

  it('fails when nothing was scanned, a file did not parse, or an inline disable hides a finding', () => {
    expect(evaluateAudit({ ...base, filesScanned: [], findings: [], allowList: [] }).problems).toEqual(['no files were scanned']);
    expect(evaluateAudit({ ...base, parseErrors: [{ file: 'main/x.ts', message: 'Unexpected token' }], findings: [], allowList: [] }).ok).toBe(false);
    expect(evaluateAudit({ ...base, inlineDisables: ['main/x.ts:3'], findings: [], allowList: [] }).ok).toBe(false);
  });

  it('has a reason for every allow-list entry', () => {
    expect(allowList.length).toBeGreaterThan(0);
    for (const entry of allowList) expect(entry.reason.length, entry.id).toBeGreaterThan(40);
  });
});

describe('findInlineDisables', () => {
  it('finds eng-disable comments in source files below a folder', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fatong-audit-'));
    try {
      mkdirSync(path.join(dir, 'main'));
      writeFileSync(path.join(dir, 'main', 'a.ts'), 'const a = 1;\nnew BrowserWindow({}); // eng-disable CONTEXT_ISOLATION_JS_CHECK\n');
      writeFileSync(path.join(dir, 'main', 'b.ts'), 'const b = 2;\n');
      writeFileSync(path.join(dir, 'notes.md'), 'eng-disable is explained here\n');
      expect(findInlineDisables(dir)).toEqual([path.join('main', 'a.ts') + ':2']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
