import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openContentDb } from '../../../kiosk-content/src/library-db/node/open-content-db';
import {
  openSearchForDb,
  readStoredSearchModel,
  searchContentOf,
  searchIndexFingerprint,
  storedIndexFingerprint,
} from '../../../kiosk-content/src/search/node/persisted-index';
import type { CliIo } from '../command';
import { runCli } from '../run-cli';
import { createImportLawsCommand } from './import-laws-command';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fatong-cli-import-'));
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, 'laws', rel)), { recursive: true });
    writeFileSync(path.join(dir, 'laws', rel), text);
  };
  write('甲类/示例法(2020-01-01).md', '# 中华人民共和国示例法\n\n<!-- INFO END -->\n第一条 一。\n第二条 二。\n');
  write('乙类/示例法(2020-01-01).md', '# 示例法\n\n<!-- INFO END -->\n第一条 一。\n第二条 二。\n');
  write('乙类/坏文件.md', '没有标题\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], tty = false) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), stdin: new PassThrough(), env: { KIOSK_DATA_DIR: path.join(dir, 'data') } };
  let clock = 0;
  const command = createImportLawsCommand({ isTty: () => tty, now: () => (clock += 1000) });
  const code = await runCli(['import-laws', ...args], [command], io);
  return { code, out: out.join(''), err: err.join('') };
}

describe('npm run cli -- import-laws', () => {
  it('imports and prints a summary with every problem as file:line: message', async () => {
    const db = path.join(dir, 'c.db');
    const result = await run([path.join(dir, 'laws'), '--db', db]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/files\s+3 \(1 skipped\)/);
    expect(result.out).toMatch(/laws\s+1\n/);
    expect(result.out).toMatch(/current articles\s+2\n/);
    expect(result.out).toMatch(/duplicates merged\s+1\n/);
    expect(result.out).toMatch(/problems\s+1\n\s+乙类\/坏文件\.md:1: line 1 must be the title line/);
    // Not a terminal: plain progress lines, no carriage returns.
    expect(result.err).toMatch(/^reading files: 1\/3$/m);
    expect(result.err).toMatch(/^writing laws: 1\/1$/m);
    expect(result.err).toMatch(/^building the search index…$/m);
    expect(result.err).not.toContain('\r');
    // The search index is built right after the import and stored in the same database.
    expect(result.out).toMatch(/search index\s+\d+\.\d s \(2 articles, \d+ Q&A, [\d.]+ MB, stored in the database\)/);
    const content = openContentDb(db, { readonly: true });
    try {
      expect(storedIndexFingerprint(content)).toBe(searchIndexFingerprint(searchContentOf(content)));
    } finally {
      content.close();
    }
  });

  it('trains the learned search model with --train and keeps it beside the library', async () => {
    const db = path.join(dir, 'c.db');
    // Synthetic training questions (STARD's format): residents' words that never occur in the article text.
    const train = path.join(dir, 'train.jsonl');
    writeFileSync(train, `${JSON.stringify({ id: 1, query: '邻居的狗咬伤了我', relevant: [{ law: '示例法', article: '第二条' }] })}\n`);
    const result = await run([path.join(dir, 'laws'), '--db', db, '--train', train]);
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/^training the search model…$/m);
    const content = openContentDb(db, { readonly: true });
    try {
      const stored = readStoredSearchModel(content);
      expect(stored?.questions).toBe(1);
      // The default search reads no training questions, so the library does not carry them.
      expect(stored?.expansions.length).toBeGreaterThan(0);
      expect(stored).not.toHaveProperty('examples');
      // The stored index was built with the model: its fingerprint covers it.
      expect(storedIndexFingerprint(content)).toBe(searchIndexFingerprint(searchContentOf(content)));
      const opened = openSearchForDb(content);
      const hits = opened.service.search('狗咬伤', { qaLimit: 0 }).articles.map((a) => a.key);
      expect(hits[0]).toBe('示例法|第二条');
    } finally {
      content.close();
    }
  });

  it('refuses --lecoqa without --train, and a missing training file', async () => {
    const db = path.join(dir, 'c.db');
    expect((await run([path.join(dir, 'laws'), '--db', db, '--lecoqa', 'x.jsonl'])).code).toBe(2);
    const missing = await run([path.join(dir, 'laws'), '--db', db, '--train', path.join(dir, 'nope.jsonl')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('training file not found');
  });

  it('prints the summary as JSON with --json', async () => {
    const db = path.join(dir, 'c.db');
    const result = await run([path.join(dir, 'laws'), '--db', db, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({
      db,
      files: 3,
      laws: 1,
      versions: 1,
      articles: 2,
      currentArticles: 2,
      duplicatesMerged: 1,
      problems: [{ file: '乙类/坏文件.md', line: 1 }],
      searchIndex: { articles: 2 },
    });
  });

  it('draws a redrawn progress bar on a terminal and clears it', async () => {
    const result = await run([path.join(dir, 'laws'), '--db', path.join(dir, 'c.db')], true);
    const erase = '\r\u001b[2K';
    expect(
      result.err
        .split(erase)
        .slice(1)
        .some((frame) => /^\[#+-*\] +\d+% reading files \d\/3$/.test(frame)),
    ).toBe(true);
    expect(result.err.endsWith(erase)).toBe(true);
  });

  it('defaults the database to <data dir>/db/content.db', async () => {
    expect((await run([path.join(dir, 'laws')])).code).toBe(0);
    expect(existsSync(path.join(dir, 'data', 'db', 'content.db'))).toBe(true);
  });

  it('exits non-zero with one line for a missing folder, an unwritable database or bad usage', async () => {
    const missing = await run([path.join(dir, 'nope'), '--db', path.join(dir, 'c.db')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(`error: law folder not found: ${path.join(dir, 'nope')}\n`);
    expect(existsSync(path.join(dir, 'c.db'))).toBe(false);

    writeFileSync(path.join(dir, 'a-file'), 'x');
    const unwritable = await run([path.join(dir, 'laws'), '--db', path.join(dir, 'a-file', 'c.db')]);
    expect(unwritable.code).toBe(1);
    expect(unwritable.err).toMatch(/^error: cannot open the database .*a-file\/c\.db: .+\n$/);

    const usage = await run([]);
    expect(usage.code).toBe(2);
    expect(usage.err.trim().split('\n')).toHaveLength(1);
  });

  it('has --help', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Usage: npm run cli -- import-laws <dir> [--db <file>] [--json]');
  });
});
