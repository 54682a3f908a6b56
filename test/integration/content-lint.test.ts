import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatContentProblem } from '../../kiosk-content/src/procedures/common/procedure-types';
import { lintContentFolder } from '../../kiosk-content/src/content-lint/node/lint-content-folder';
import { LawRepository } from '../../kiosk-content/src/library-db/node/law-repository';
import { openContentDb, type ContentDb } from '../../kiosk-content/src/library-db/node/open-content-db';
import { importLaws } from '../../kiosk-content/authoring/law-import/import-laws';
import { repoRoot } from '../../scripts/lib/repo-paths';

/**
 * The content linter on deliberately broken folders (test/fixtures/content-broken/<case>/), one per
 * class of problem: each must give exactly the expected `file:line: message` lines and nothing else.
 */
const fixtures = path.join(repoRoot, 'test/fixtures/content-broken');

function lint(name: string, laws?: LawRepository): string[] {
  return lintContentFolder(path.join(fixtures, name), laws ? { laws } : {}).problems.map(formatContentProblem);
}

function cli(...args: string[]) {
  return spawnSync(path.join(repoRoot, 'node_modules/.bin/tsx'), ['scripts/cli/main.ts', 'content', 'lint', ...args], { cwd: repoRoot, encoding: 'utf8' });
}

const expected: Record<string, string[]> = {
  'dead-end': [
    'procedures/dead-end.yaml:14: step "second" leads nowhere: give it "next" or "branch" (every path must end in an outcome)',
    'procedures/dead-end.yaml:27: outcome "other" is unreachable: no step leads to it',
  ],
  'unreachable-step': ['procedures/unreachable-step.yaml:24: step "orphan" is unreachable: no path from the start "first" leads to it'],
  cycle: ['procedures/cycle.yaml:18: step "second" goes back to step "first" (cycle first → second → first); only the back button may go backwards'],
  'unknown-office': ['procedures/unknown-office.yaml:29: outcome "done": office "court-office" is not in directory.yaml offices'],
  'unknown-qa': ['procedures/unknown-qa.yaml:31: outcome "done": related Q&A "no-such-question" does not exist in qa/'],
  'unknown-expression-name': [
    'procedures/unknown-expression-name.yaml:21: step "second": when "secnd > 1000 or config.incomeLimit == null": unknown name "secnd": not a step id or a value set by a compute step',
    'procedures/unknown-expression-name.yaml:21: step "second": when "secnd > 1000 or config.incomeLimit == null": unknown config name "config.incomeLimit" (known: legalAidIncomeThreshold, region, siteName)',
  ],
  'too-long-text': [
    'procedures/too-long-text.yaml:11: step "first": title is 33 characters; at most 30 fit the screen',
    'procedures/too-long-text.yaml:28: outcome "done": steps[1] takes 4 receipt lines (at most 3 at 32 columns); shorten it',
  ],
  'unprintable-character': [
    'procedures/unprintable-character.yaml:27: character "𠮷" (U+20BB7) has no two-byte GB18030 code; the receipt printer cannot print it',
    'procedures/unprintable-character.yaml:28: outcome "done": steps[1]: character U+1F600 (emoji) cannot be printed on the receipt',
  ],
  'bad-calendar': [
    'calendar/holidays.yaml:7: year 2025: workday 2025-10-10 is not a Saturday or Sunday (only weekend days are moved to work)',
    'calendar/holidays.yaml:8: year 2026: source is required (the State Council notice the days come from)',
    // The broken 2026 is left out, so on the sample day (2026-06-15) no last day is known.
    'procedures/period-check.yaml:26: outcome "done": no sampled way of answering reaches it (check the conditions that lead to it)',
  ],
  'unreached-outcome': ['procedures/unreached-outcome.yaml:26: outcome "many": no sampled way of answering reaches it (check the conditions that lead to it)'],
  'no-calendar': [
    'procedures/period-check.yaml:14: step "count" counts periods but there is no calendar/holidays.yaml: every last day would be unknown',
    'procedures/period-check.yaml:26: outcome "done": no sampled way of answering reaches it (check the conditions that lead to it)',
  ],
  // Citations are only checked against a library; without --db the folder is clean.
  'bad-citation': [],
};

describe('content lint on broken fixtures', () => {
  for (const [name, lines] of Object.entries(expected)) {
    it(`${name}: reports exactly the planted problem(s)`, () => {
      expect(lint(name)).toEqual(lines);
    });
  }

  it('prints file:line: message lines and exits 1 on a broken folder, with the per-procedure report', () => {
    const result = cli(path.join(fixtures, 'cycle'));
    expect(result.status).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(expected.cycle?.[0]);
    expect(result.stdout).toMatch(/^procedure cycle: 2 steps, 2 outcomes, paths not walked/m);
  });

  it('exits 0 on a clean folder and counts the distinct paths', () => {
    const result = cli(path.join(fixtures, 'bad-citation'), '--json');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { problems: unknown[]; procedures: { id: string; steps: number; outcomes: number; paths: number }[] };
    expect(report.problems).toEqual([]);
    // yes → done; no → second → done; no → second → other
    expect(report.procedures).toEqual([expect.objectContaining({ id: 'bad-citation', steps: 2, outcomes: 2, paths: 3 })]);
  });

  it('needs exactly one folder (usage error, exit 2)', () => {
    expect(cli().status).toBe(2);
  });
});

describe('content lint --db: citations against the law library', () => {
  // A library with only 法律援助法, imported from ../shared at test time (read, never copied into the repo).
  const tmp = mkdtempSync(path.join(tmpdir(), 'fatong-content-lint-'));
  const dbFile = path.join(tmp, 'content.db');
  let db: ContentDb;

  beforeAll(() => {
    const lawsDir = path.join(tmp, 'laws', '行政法');
    mkdirSync(lawsDir, { recursive: true });
    copyFileSync(path.resolve(repoRoot, '../shared/data/laws/行政法/法律援助法(2021-08-20).md'), path.join(lawsDir, '法律援助法(2021-08-20).md'));
    db = openContentDb(dbFile);
    importLaws(db, path.join(tmp, 'laws'));
  });
  afterAll(() => {
    db.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  const citationProblems = [
    'procedures/bad-citation.yaml:30: outcome "done": "法律援助法 第九十九条": the current version of 法律援助法 has no 第九十九条',
    'procedures/bad-citation.yaml:30: outcome "done": "不存在的法 第一条": no law titled "不存在的法" in the library',
  ];

  it('reports a missing article and a missing law at the citing line', () => {
    expect(lint('bad-citation', new LawRepository(db))).toEqual(citationProblems);
  });

  it('accepts citations that exist (the other fixtures cite 法律援助法 第二条)', () => {
    expect(lint('unknown-office', new LawRepository(db))).toEqual(expected['unknown-office']);
  });

  it('the CLI takes --db and exits 1', () => {
    const result = cli(path.join(fixtures, 'bad-citation'), '--db', dbFile);
    expect(result.status).toBe(1);
    expect(result.stdout.split('\n').slice(0, 2)).toEqual(citationProblems);
  });
});

describe('content lint on the default content', () => {
  it('finds no problem', () => {
    const result = lintContentFolder(path.join(repoRoot, 'kiosk-content/default'));
    expect(result.problems.map(formatContentProblem)).toEqual([]);
    expect(result.procedures.length).toBeGreaterThan(0);
    for (const p of result.procedures) expect(p.paths).toBeGreaterThan(0);
  });
});
