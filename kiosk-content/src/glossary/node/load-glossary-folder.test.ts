import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadGlossaryFolder } from './load-glossary-folder';

describe('loadGlossaryFolder', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'fatong-glossary-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads every yaml file in name order and ignores other files', () => {
    writeFileSync(path.join(dir, 'traffic.yaml'), 'domain: traffic\nentries:\n  - colloquial: [撞车]\n    legal: [交通事故]\n');
    writeFileSync(path.join(dir, 'labour.yml'), 'domain: labour\nentries:\n  - colloquial: [老板]\n    legal: [用人单位]\n');
    writeFileSync(path.join(dir, 'notes.txt'), 'not a glossary');
    const folder = loadGlossaryFolder(dir);
    expect(folder.problems).toEqual([]);
    expect(folder.files).toEqual([path.join(dir, 'labour.yml'), path.join(dir, 'traffic.yaml')]);
    expect(folder.entries.map((e) => [e.domain, e.colloquial[0], e.file, e.line])).toEqual([
      ['labour', '老板', path.join(dir, 'labour.yml'), 3],
      ['traffic', '撞车', path.join(dir, 'traffic.yaml'), 3],
    ]);
  });

  it('keeps going past a broken file and reports a domain declared twice', () => {
    writeFileSync(path.join(dir, 'a.yaml'), 'domain: labour\nentries: [\n');
    writeFileSync(path.join(dir, 'labour.yaml'), 'domain: labour\nentries:\n  - colloquial: [老板]\n    legal: [用人单位]\n');
    writeFileSync(path.join(dir, 'labour.yml'), 'domain: labour\nentries:\n  - colloquial: [厂里]\n    legal: [用人单位]\n');
    mkdirSync(path.join(dir, 'sub.yaml'));
    const folder = loadGlossaryFolder(dir);
    expect(folder.entries.map((e) => e.colloquial[0])).toEqual(['老板', '厂里']);
    const summary = folder.problems.map((p) => `${path.basename(p.file)} ${p.field}`);
    expect(summary).toEqual(['a.yaml (yaml)', 'labour.yml domain', 'sub.yaml (file)']);
    expect(folder.problems[1]?.message).toContain('also declared by');
  });
});
