import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContentDb } from '../../kiosk-content/src/library-db/node/open-content-db';
import { repoRoot } from '../../scripts/lib/repo-paths';

/**
 * The search CLI contract the project's checks use, end to end through the real `npm run cli`
 * entry point: import the whole ../shared/data/laws once (which also stores the search index),
 * then pipe queries on stdin and read one JSON line per query.
 */
const lawsDir = path.resolve(repoRoot, '../shared/data/laws');
const tmp = mkdtempSync(path.join(tmpdir(), 'fatong-search-cli-'));
const dbFile = path.join(tmp, 'content.db');
const dataDir = path.join(tmp, 'data');

function cli(args: string[], input = '') {
  return spawnSync(path.join(repoRoot, 'node_modules/.bin/tsx'), ['scripts/cli/main.ts', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    input,
    env: { ...process.env, KIOSK_DATA_DIR: dataDir },
    timeout: 120_000,
  });
}

interface BatchLine {
  query: string;
  ms: number;
  results: Array<Record<string, unknown>>;
}

const parseLines = (stdout: string): BatchLine[] =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as BatchLine);

let importOut = '';
beforeAll(() => {
  const result = cli(['import-laws', lawsDir, '--db', dbFile]);
  if (result.status !== 0) throw new Error(`import-laws failed: ${result.stderr}`);
  importOut = result.stdout;
}, 180_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('npm run cli -- search (batch mode on stdin)', () => {
  it('import-laws stored the search index and printed both times', () => {
    expect(importOut).toMatch(/^ {2}import\s+\d+\.\d s$/m);
    expect(importOut).toMatch(/^ {2}search index\s+\d+\.\d s \(58592 articles, \d+ Q&A, [\d.]+ MB, stored in the database\)$/m);
  });

  it('answers one JSON line per query, in order, from the stored index', () => {
    const queries = ['劳动合同法第47条', '被邻居家的狗咬了', '老板不发工资'];
    const result = cli(['search', '--db', dbFile], `${queries.join('\n')}\n`);
    expect(result.status).toBe(0);
    // The index stored at import was used: nothing was built.
    expect(result.stderr).not.toMatch(/built the search index/);
    const lines = parseLines(result.stdout);
    expect(lines.map((l) => l.query)).toEqual(queries);
    for (const line of lines) {
      expect(line.ms).toBeGreaterThanOrEqual(0);
      expect(line.results.length).toBeGreaterThan(0);
      expect(line.results.length).toBeLessThanOrEqual(10);
      for (const r of line.results) {
        if (r.kind === 'article') {
          expect(r).toMatchObject({ law: expect.any(String), article: expect.stringMatching(/^第.+条/), score: expect.any(Number) });
          expect(r.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        } else {
          expect(r).toMatchObject({ kind: 'qa', id: expect.any(String), score: expect.any(Number) });
        }
      }
    }
    // The law's title as in its file (the version's title line), the article, the current version's date.
    expect(lines[0]?.results[0]).toMatchObject({ kind: 'article', law: '中华人民共和国劳动合同法', article: '第四十七条', version: '2012-12-28' });
    expect(lines[2]?.results.some((r) => r.kind === 'qa')).toBe(true);
  });

  it('filters by --kind and cuts to --top; a blank line keeps its place', () => {
    const qa = cli(['search', '--db', dbFile, '--kind', 'qa', '--top', '3'], '房东不退押金\n\n劳动合同法第47条\n');
    expect(qa.status).toBe(0);
    const lines = parseLines(qa.stdout);
    expect(lines.map((l) => l.query)).toEqual(['房东不退押金', '', '劳动合同法第47条']);
    expect(lines[0]?.results.length).toBeGreaterThan(0);
    expect(lines[0]?.results.length).toBeLessThanOrEqual(3);
    expect(lines.flatMap((l) => l.results).every((r) => r.kind === 'qa' && typeof r.id === 'string')).toBe(true);
    expect(lines[1]?.results).toEqual([]);

    const articles = parseLines(cli(['search', '--db', dbFile, '--kind', 'article', '--top', '5'], '老板不发工资\n').stdout);
    expect(articles[0]?.results).toHaveLength(5);
    expect(articles[0]?.results.every((r) => r.kind === 'article')).toBe(true);

    // Guided procedures are not searchable yet: flow answers an empty list rather than something made up.
    const flow = parseLines(cli(['search', '--db', dbFile, '--kind', 'flow'], '工伤认定\n').stdout);
    expect(flow).toHaveLength(1);
    expect(flow[0]).toMatchObject({ query: '工伤认定', results: [] });
  });

  it('keeps the single-query form for people', () => {
    const result = cli(['search', '劳动合同法第47条', '--db', dbFile]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/1\. 劳动合同法 第四十七条 {2}\(cited\)/);
  });

  it('fails with one line for a missing database, a database without a library, or a bad option', () => {
    const missing = cli(['search', '--db', path.join(tmp, 'nope.db')], '劳动合同法第47条\n');
    expect(missing.status).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error: no content database at .*nope\.db/)]);

    const emptyFile = path.join(tmp, 'empty.db');
    openContentDb(emptyFile).close();
    const empty = cli(['search', '--db', emptyFile], '劳动合同法第47条\n');
    expect(empty.status).toBe(1);
    expect(empty.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error: .*empty\.db holds no law library; import one with/)]);

    const badKind = cli(['search', '--db', dbFile, '--kind', 'laws'], '劳动合同法第47条\n');
    expect(badKind.status).toBe(2);
    expect(badKind.stderr.trim().split('\n')).toHaveLength(1);
  });
});
