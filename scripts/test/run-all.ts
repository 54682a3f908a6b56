/**
 * `npm test`: every check a submission must pass, in order, with one summary at the end.
 *   1. tsc -b            type-check every runtime project
 *   2. eslint            style and the import-boundary rules (layering)
 *      prettier          formatting (`npm run format` fixes it)
 *   3. vitest            unit, integration and e2e suites
 *   4. electron audit    electronegativity over the Electron shell: no HIGH/MEDIUM findings
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../lib/repo-paths';

interface Step {
  name: string;
  command: string[];
}

const artifacts = path.join(repoRoot, 'test', 'artifacts');
mkdirSync(artifacts, { recursive: true });
const vitestJson = path.join(artifacts, 'vitest-results.json');
const bin = (name: string): string => path.join(repoRoot, 'node_modules', '.bin', name);

const steps: Step[] = [
  { name: 'type-check (tsc -b)', command: [bin('tsc'), '-b'] },
  { name: 'lint (eslint)', command: [bin('eslint'), '.', '--max-warnings=0'] },
  { name: 'format (prettier --check)', command: [bin('prettier'), '--check', '.', '--log-level=warn'] },
  {
    name: 'tests (vitest: unit, integration, e2e)',
    command: [bin('vitest'), 'run', '--config', 'test/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`],
  },
  { name: 'Electron security audit (electronegativity)', command: [bin('tsx'), 'scripts/test/electron-audit.ts'] },
];

const only = process.argv.slice(2);
const failed: string[] = [];
for (const step of steps) {
  if (only.length > 0 && !only.some((word) => step.name.includes(word))) continue;
  process.stdout.write(`\n━━ ${step.name}\n`);
  const [command, ...args] = step.command as [string, ...string[]];
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', env: process.env });
  if (result.status !== 0) failed.push(step.name);
}

let passed = 0;
let failedTests = 0;
try {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8')) as { numPassedTests: number; numFailedTests: number };
  passed = report.numPassedTests;
  failedTests = report.numFailedTests;
} catch {
  // vitest did not run or did not write its report; the step failure above says why.
}
const checks = steps.length - failed.length;
process.stdout.write(`\nChecks: ${checks} of ${steps.length} steps passed${failed.length ? ` (failed: ${failed.join(', ')})` : ''}\n`);
process.stdout.write(`Tests: ${passed} passed, ${failedTests + failed.length} failed\n`);
process.exit(failed.length === 0 ? 0 : 1);
