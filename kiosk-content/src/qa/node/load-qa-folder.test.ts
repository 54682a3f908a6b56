import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadQaFolder } from './load-qa-folder';

const root = mkdtempSync(path.join(tmpdir(), 'fatong-qa-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(rel: string, id: string, domain: string): void {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  const text = [
    '---',
    `id: ${id}`,
    'question: 老板不发工资怎么办？',
    'also: [公司拖欠工资, 讨薪找哪里]',
    `domain: ${domain}`,
    'cites: [劳动合同法 第三十条]',
    '---',
    '字'.repeat(120),
  ].join('\n');
  writeFileSync(file, text);
}

describe('loadQaFolder', () => {
  it('reads every .md below the folder, checks layout and duplicate ids, ignores other files', () => {
    write('labour/labour-a.md', 'labour-a', 'labour');
    write('labour/labour-b.md', 'labour-b', 'labour');
    write('marriage/labour-c.md', 'labour-c', 'labour'); // wrong folder
    write('labour/labour-d.md', 'labour-a', 'labour'); // duplicate id
    write('labour/notes.txt', 'labour-x', 'labour');

    const { dir, entries, problems } = loadQaFolder(root);
    expect(dir).toBe(root);
    expect(entries.map((e) => e.file)).toEqual(['labour/labour-a.md', 'labour/labour-b.md']);
    expect(problems.map((p) => [p.file, p.field, p.message])).toEqual([
      ['labour/labour-d.md', 'id', 'duplicate id "labour-a" (also in labour/labour-a.md)'],
      ['marriage/labour-c.md', 'file', 'file must be labour/labour-c.md (<domain>/<id>.md)'],
    ]);
  });

  it('reports a missing folder as a problem', () => {
    const { entries, problems } = loadQaFolder(path.join(root, 'nope'));
    expect(entries).toEqual([]);
    expect(problems[0]?.message).toContain('cannot read Q&A folder');
  });
});
