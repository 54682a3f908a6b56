/**
 * Disk full during an install. The data directory is a real 4 MB tmpfs, mounted in a private mount
 * namespace (`unshare --mount --map-root-user`, so it works with or without root and never touches
 * the host's mounts); a child process installs a small pack, then one that cannot fit (ENOSPC while
 * extracting), then another small one. The refusal must name the disk, and the old content must be
 * untouched, complete, and still upgradable.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/lib/repo-paths';
import { APP_VERSION, contentFolder, makeKeys, quickPack, tempDir, type Keys } from '../fixtures/packs/pack-fixtures';

let tmp: string;
let keys: Keys;
const packs: Record<string, string> = {};

beforeAll(async () => {
  tmp = tempDir('fatong-pack-diskfull-');
  keys = makeKeys(path.join(tmp, 'keys'), 'editor');
  for (const v of ['1.1.0', '1.3.0']) {
    packs[v] = path.join(tmp, `${v}.fpk`);
    await quickPack(contentFolder(tmp, v), packs[v], { id: 'fatong-default', version: v }, keys);
  }
  // 16 MB of incompressible bytes: more than the whole 12 MB tmpfs (which holds two generations of the default content and a staging copy).
  const big = contentFolder(tmp, '1.2.0');
  writeFileSync(path.join(big, 'qa', 'large-attachment.bin'), randomBytes(16 * 1024 * 1024));
  packs['1.2.0'] = path.join(tmp, '1.2.0.fpk');
  await quickPack(big, packs['1.2.0'], { id: 'fatong-default', version: '1.2.0' }, keys);
}, 120_000);

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('disk full', () => {
  it('an install that runs out of space is refused in one line and the old content is untouched', () => {
    const dataDir = path.join(tmp, 'data');
    const child = path.join(repoRoot, 'test', 'fixtures', 'packs', 'disk-full-child.ts');
    const script = 'mkdir -p "$1" && mount -t tmpfs -o size=12m tmpfs "$1" && shift && exec "$@"';
    const result = spawnSync(
      'unshare',
      [
        '--mount',
        '--map-root-user',
        'sh',
        '-c',
        script,
        'sh',
        dataDir,
        process.execPath,
        '--import',
        'tsx',
        child,
        dataDir,
        keys.publicFile,
        APP_VERSION,
        packs['1.1.0']!,
        packs['1.2.0']!,
        packs['1.3.0']!,
      ],
      { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 },
    );
    expect(result.status, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    expect(out.filesystemBytes).toBe(12 * 1024 * 1024);
    expect(out.first).toBe('installed');
    expect(out.big).toBe('not enough disk space to install the pack (ENOSPC); the old content is kept');
    expect(out.untouched).toBe(true);
    expect(out.activeVersion).toBe('1.1.0');
    expect(out.check).toEqual([]);
    expect(out.staging).toEqual([]);
    expect(out.second).toBe('installed 1.3.0');
    expect(out.checkAfter).toEqual([]);
  }, 150_000);
});
