/**
 * The learned search components travel in the law pack: `content build --laws --train` trains them
 * at build time (bad training lines reported as file:line: reason and skipped), the pack's
 * content.db carries the model stamped with its library, `content install` builds the index with
 * it, and `search` without --db answers from the installed content with the learned field. A
 * model stamped for another library is named as the reason to refuse it.
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContentDb } from '../../kiosk-content/src/library-db/node/open-content-db';
import { readStoredSearchModel, searchModelMismatch, storeSearchModel } from '../../kiosk-content/src/search/node/persisted-index';
import { commands } from '../../scripts/cli/commands';
import type { CliIo } from '../../scripts/cli/command';
import { runCli } from '../../scripts/cli/run-cli';
import { repoRoot } from '../../scripts/lib/repo-paths';
import { makeKeys, tempDir, type Keys } from '../fixtures/packs/pack-fixtures';

const statute = path.join(path.resolve(repoRoot, '../shared'), 'data', 'laws', '社会法', '劳动合同法(2012-12-28).md');

let tmp: string;
let keys: Keys;

function io(env: Record<string, string>, stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const input = new PassThrough();
  input.end(stdin);
  const value: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), stdin: input, env };
  return { value, out: () => out.join(''), err: () => err.join('') };
}

beforeAll(() => {
  tmp = tempDir('fatong-pack-model-');
  keys = makeKeys(path.join(tmp, 'keys'), 'editor');
  mkdirSync(path.join(tmp, 'laws', '社会法'), { recursive: true });
  copyFileSync(statute, path.join(tmp, 'laws', '社会法', path.basename(statute)));
  // Visibly invented training questions; 「蓝鲸暗号」 occurs in no statute, only here.
  const lines = [
    JSON.stringify({ id: 1, query: '测试：蓝鲸暗号怎么办', relevant: [{ law: '中华人民共和国劳动合同法', article: '第三十条' }] }),
    '{"id": 2, "query": 不是JSON',
    JSON.stringify({ id: 3, query: '测试：欠薪跑路能要补偿吗', relevant: [{ law: '劳动合同法', article: '第九百条' }] }),
    JSON.stringify({
      id: 4,
      query: '测试：没签合同双倍工资',
      relevant: [
        { law: '不存在的测试法', article: '第一条' },
        { law: '劳动合同法', article: '第八十二条' },
      ],
    }),
    JSON.stringify({ id: 5, relevant: [] }),
  ];
  writeFileSync(path.join(tmp, 'train.jsonl'), `${lines.join('\n')}\n`);
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('law pack with the learned search model', () => {
  it('builds with --train, reports bad lines, installs, and search without --db uses the model', async () => {
    const pack = path.join(tmp, 'laws.fpk');
    const train = path.join(tmp, 'train.jsonl');
    const build = io({});
    expect(
      await runCli(
        ['content', 'build', path.join(tmp, 'laws'), '--laws', '--train', train, '--out', pack, '--version', '2026.1.0', '--key', keys.privateFile, '--json'],
        commands,
        build.value,
      ),
    ).toBe(0);
    const err = build.err();
    expect(err).toContain(`${train}:2: not valid JSON`);
    expect(err).toContain(`${train}:3: 劳动合同法 第九百条 is not in the library; reference skipped`);
    expect(err).toContain(`${train}:3: no usable "relevant" article; line skipped`);
    expect(err).toContain(`${train}:4: 不存在的测试法 第一条 is not in the library; reference skipped`);
    expect(err).toContain(`${train}:5: no "query" text; line skipped`);
    // The default content's Q&A train it too (those citing 劳动合同法, the only law here).
    expect(err).toMatch(/search model: trained on 2 questions \+ [1-9]\d* Q&A of default content \(kiosk-content\/default\/qa\)/);
    expect(JSON.parse(build.out())).toMatchObject({ searchModel: { questions: 2 } });

    const dataDir = path.join(tmp, 'terminal');
    const env = { KIOSK_DATA_DIR: dataDir };
    const install = io(env);
    expect(await runCli(['content', 'install', pack, '--pubkey', keys.publicFile], commands, install.value)).toBe(0);

    const search = io(env, '蓝鲸暗号\n');
    expect(await runCli(['search', '--top', '5', '--kind', 'article'], commands, search.value)).toBe(0);
    const line = JSON.parse(search.out().trim()) as { results: { law: string; article: string }[] };
    // Only the learned field (the training question's words) links this wording to the article.
    expect(line.results[0]).toMatchObject({ article: '第三十条' });
    expect(search.err()).not.toContain('built the search index');
  });

  it('import-laws --train-qa trains with the Q&A of a content folder; none leaves the Q&A out', async () => {
    // A visibly invented Q&A entry; 「紫色暗号」 occurs in no statute and no default Q&A.
    const qaDir = path.join(tmp, 'content', 'qa', 'labour');
    mkdirSync(qaDir, { recursive: true });
    writeFileSync(
      path.join(qaDir, 'labour-test-purple.md'),
      [
        '---',
        'id: labour-test-purple',
        'question: 测试：紫色暗号是什么意思？',
        'also:',
        '  - 测试：紫色暗号怎么办',
        '  - 测试：听到紫色暗号怎么做',
        'domain: labour',
        'cites:',
        '  - 劳动合同法 第八十二条',
        '---',
        `${'这是测试用的回答，不是真的法律解答。'.repeat(6)}`,
        '',
      ].join('\n'),
    );
    const train = path.join(tmp, 'train.jsonl');
    const laws = path.join(tmp, 'laws');
    const top = async (db: string) => {
      const search = io({}, '紫色暗号\n');
      expect(await runCli(['search', '--db', db, '--top', '5', '--kind', 'article'], commands, search.value)).toBe(0);
      return (JSON.parse(search.out().trim()) as { results: { article: string }[] }).results[0]?.article;
    };
    const withQa = io({});
    const a = path.join(tmp, 'with-qa.db');
    expect(await runCli(['import-laws', laws, '--db', a, '--train', train, '--train-qa', path.join(tmp, 'content')], commands, withQa.value)).toBe(0);
    expect(withQa.err()).toContain(`search model: trained on 2 questions + 1 Q&A of ${path.join(tmp, 'content', 'qa')}`);
    expect(await top(a)).toBe('第八十二条');

    const none = io({});
    const b = path.join(tmp, 'no-qa.db');
    expect(await runCli(['import-laws', laws, '--db', b, '--train', train, '--train-qa', 'none'], commands, none.value)).toBe(0);
    expect(none.err()).toContain('search model: trained on 2 questions (no Q&A)');
    // Only 暗号 is left to match, through the labelled question about 蓝鲸暗号 (第三十条).
    expect(await top(b)).toBe('第三十条');

    const bad = io({});
    expect(await runCli(['import-laws', laws, '--db', b, '--train', train, '--train-qa', path.join(tmp, 'laws')], commands, bad.value)).toBe(2);
    expect(bad.err()).toContain('has no qa/ folder');
  });

  it('a model stamped for another library is refused with the reason', () => {
    const db = openContentDb(path.join(tmp, 'mismatch.db'));
    try {
      expect(searchModelMismatch(db)).toBeNull();
      storeSearchModel(
        db,
        { format: 'fatong-search-model-1', questions: 0, expansions: [], lawExamples: [], neighbours: { radius: 0, weight: 0 }, library: 'f'.repeat(64) },
        'test',
      );
      expect(readStoredSearchModel(db)?.library).toBe('f'.repeat(64));
      expect(searchModelMismatch(db)).toMatch(/trained for law library ffffffffffff, but the pack's library is \(none\); the old content is kept/);
    } finally {
      db.close();
    }
  });
});
