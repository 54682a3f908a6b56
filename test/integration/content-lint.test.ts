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
    'procedures/unknown-expression-name.yaml:21: step "second": when "secnd > 1000 or config.incomeLimit == null": unknown config name "config.incomeLimit" (known: legalAidIncomeThreshold, legalAidStandardSource, region, siteName)',
  ],
  'too-long-text': [
    'procedures/too-long-text.yaml:11: step "first": title is 33 characters; at most 30 fit the screen',
    'procedures/too-long-text.yaml:28: outcome "done": steps[1] takes 4 receipt lines (at most 3 at 32 columns); shorten it',
  ],
  'unprintable-character': [
    'procedures/unprintable-character.yaml:27: character "𠮷" (U+20BB7) has no two-byte GB18030 code; the receipt printer cannot print it',
    'procedures/unprintable-character.yaml:28: outcome "done": steps[1]: character U+1F600 (emoji) cannot be printed on the receipt',
  ],
  'bad-regional': [
    'regional.yaml:9: offices.0.regions.0: six-digit administrative division code (GB/T 2260), e.g. 110101; 110000 = the whole province, 110100 = the whole city',
    'regional.yaml:10: offices.1.id: "ce-shi-legal-aid" is used twice',
    'regional.yaml:15: offices.1.phone: digits and dashes only',
    'regional.yaml:18: offices.2.kind: "district-court" is not an office id of directory.yaml (legal-aid-centre)',
    'regional.yaml:28: legalAidStandards.0.effective: a date written YYYY-MM-DD',
  ],
  // A Q&A sending to arbitration with no period, an outcome sending to court with no deadline; the
  // Q&A and outcome that say the law sets no limit (custody change) pass.
  'silent-time-limit': [
    'procedures/silent-outcome.yaml:15: outcome "sue": [time-limit] sends the resident to 法院 but has no deadlines: add one with its cite, or say the law sets none (「法律没有规定申请期限」)',
    'qa/labour/labour-fixture-arbitration-silent.md:13: [time-limit] the answer sends the resident to 仲裁 but states no time limit: say the period (「…日内」「…年」) and cite its article, or, where the law sets none, say so (「法律没有规定申请期限」「不受诉讼时效限制」)',
  ],
  'plain-language': [
    // One conversation: the procedure's step title says 你们 where its other texts say 您 (the 「你…」 quotation is exempt).
    'procedures/plain-address.yaml:17: step "other": [plain-language] mixes 你们 and 您: address the resident as 您 throughout (the resident and another: 「您和对方」「双方」)',
    'qa/general/general-fixture-plain.md:2: [plain-language] question: 「哪里投诉吗？」 mixes a 哪 question with 吗; ask one way (「哪里可以办？」 or 「可以在这里办吗？」)',
    'qa/general/general-fixture-plain.md:12: [plain-language] sentence of 72 characters (at most 60): 「如果商量不好，你也可以找居委会或…」; split it',
    'qa/general/general-fixture-plain.md:12: [plain-language] mixes 你 and 您: address the resident as 您 throughout',
  ],
  'law-vintage-missing': [
    'law-vintage.yaml:8: laws.1.date: a date written YYYY-MM-DD, or null when not verified',
    'law-vintage.yaml:10: laws.1.source: Too small: expected string to have >=4 characters',
    'qa/administrative/administrative-fixture-vintage.md:11: [law-vintage] cites or names 治安管理处罚法, listed in law-vintage.yaml, without the notice: add 「治安管理处罚法已（于…）修订，条文序号和内容可能有变化，请向工作人员核实」',
  ],
  'bad-calendar': [
    'calendar/holidays.yaml:7: year 2025: workday 2025-10-10 is not a Saturday or Sunday (only weekend days are moved to work)',
    'calendar/holidays.yaml:8: year 2026: source is required (the State Council notice the days come from)',
    // The broken 2026 is left out, so on the sample day (2026-06-15) no last day is known.
    'procedures/period-check.yaml:26: outcome "done": no sampled way of answering reaches it (check the conditions that lead to it)',
  ],
  // An outcome text names a period that the way to it never counts (the resident would read 「{applyEnd}」).
  'unfilled-placeholder': [
    'procedures/unfilled.yaml:30: outcome "late": {applyEnd} is not set on the way first > outcome:late; name only answers, compute values, periods or config.… set on every way to it',
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
