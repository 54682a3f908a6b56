import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/lib/repo-paths';

const dataDir = mkdtempSync(path.join(tmpdir(), 'fatong-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function cli(...args: string[]) {
  return spawnSync(path.join(repoRoot, 'node_modules/.bin/tsx'), ['scripts/cli/main.ts', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, KIOSK_DATA_DIR: dataDir },
  });
}

describe('npm run cli', () => {
  it('lists its commands', () => {
    const result = cli('help');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\s+info\s+/m);
  });

  it('reports the data directory from KIOSK_DATA_DIR as JSON', () => {
    const result = cli('info', '--json');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ dataDir, defaultContent: { id: 'fatong-default' } });
  });

  it('exits non-zero with one line on bad input', () => {
    const unknownOption = cli('info', '--colour');
    expect(unknownOption.status).toBe(2);
    expect(unknownOption.stderr.trim().split('\n')).toHaveLength(1);
    expect(cli('frobnicate').status).toBe(2);
  });
});
