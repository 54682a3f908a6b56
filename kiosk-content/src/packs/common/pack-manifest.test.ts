import { describe, expect, it } from 'vitest';
import { compareVersions, diffManifests, installRefusal, PACK_FORMAT, packManifestSchema, slotOf, unsafePathReason, type PackManifest } from './pack-manifest';

const manifest = (files: Array<[string, string]>, over: Partial<PackManifest> = {}): PackManifest => ({
  format: PACK_FORMAT,
  id: 'fatong-default',
  version: '1.0.0',
  title: 't',
  created: '2026-11-22T00:00:00.000Z',
  minAppVersion: '0.1.0',
  kinds: ['qa'],
  files: files.map(([p, h]) => ({ path: p, sha256: h.repeat(64), size: 1 })),
  ...over,
});

describe('unsafePathReason', () => {
  it.each([
    ['qa/labour/a.md', null],
    ['pack.yaml', null],
    ['../x', '".." in path "../x"'],
    ['qa/../../x', '".." in path "qa/../../x"'],
    ['/etc/passwd', 'absolute path "/etc/passwd"'],
    ['C:/x', 'absolute path "C:/x"'],
    ['qa\\x', 'backslash in path "qa\\x"'],
    ['qa//x', 'empty or "." segment in path "qa//x"'],
    ['./x', 'empty or "." segment in path "./x"'],
    ['', 'empty path'],
    ['a\u0000b', 'control character in path'],
    ['法'.repeat(81), 'path longer than 240 bytes'],
  ])('%s → %s', (p, reason) => {
    expect(unsafePathReason(p)).toBe(reason);
  });
});

describe('versions', () => {
  it('compares numerically, not as text', () => {
    expect(compareVersions('1.10.0', '1.9.9')).toBeGreaterThan(0);
    expect(compareVersions('2026.11.22', '2026.2.1')).toBeGreaterThan(0);
    expect(compareVersions('1.0.0', '1.0.0')).toBe(0);
    expect(() => compareVersions('1.0', '1.0.0')).toThrow('not a version: 1.0');
  });

  it('refuses downgrades of the same pack and packs needing a newer app', () => {
    expect(installRefusal({ id: 'a', version: '1.0.0', minAppVersion: '0.1.0' }, { id: 'a', version: '1.1.0' }, '0.1.0')).toBe(
      'downgrade refused: a 1.0.0 is older than the active 1.1.0',
    );
    expect(installRefusal({ id: 'a', version: '1.1.0', minAppVersion: '0.1.0' }, { id: 'a', version: '1.1.0' }, '0.1.0')).toBe('same');
    expect(installRefusal({ id: 'a', version: '1.2.0', minAppVersion: '0.1.0' }, { id: 'a', version: '1.1.0' }, '0.1.0')).toBeNull();
    expect(installRefusal({ id: 'b', version: '0.0.1', minAppVersion: '0.1.0' }, { id: 'a', version: '1.1.0' }, '0.1.0')).toBeNull();
    expect(installRefusal({ id: 'a', version: '2.0.0', minAppVersion: '0.2.0' }, null, '0.1.10')).toBe(
      'pack a 2.0.0 needs app version 0.2.0 or newer (this is 0.1.10)',
    );
  });

  it('puts law packs in their own slot', () => {
    expect(slotOf(['laws'])).toBe('laws');
    expect(slotOf(['qa', 'procedures'])).toBe('content');
  });
});

describe('manifest schema', () => {
  it('refuses a file listed twice, unsafe paths and laws mixed with content', () => {
    expect(packManifestSchema.safeParse(manifest([['a', 'a']])).success).toBe(true);
    expect(
      packManifestSchema.safeParse(
        manifest([
          ['a', 'a'],
          ['a', 'b'],
        ]),
      ).success,
    ).toBe(false);
    expect(packManifestSchema.safeParse(manifest([['../a', 'a']])).success).toBe(false);
    expect(packManifestSchema.safeParse(manifest([['a', 'a']], { kinds: ['laws', 'qa'] })).success).toBe(false);
  });
});

describe('diffManifests', () => {
  it('lists added, changed and removed files and header changes', () => {
    const d = diffManifests(
      manifest([
        ['a', 'a'],
        ['b', 'b'],
        ['c', 'c'],
      ]),
      manifest(
        [
          ['a', 'a'],
          ['b', 'd'],
          ['e', 'e'],
        ],
        { version: '1.1.0' },
      ),
    );
    expect(d.added.map((f) => f.path)).toEqual(['e']);
    expect(d.changed.map((c) => c.path)).toEqual(['b']);
    expect(d.removed.map((f) => f.path)).toEqual(['c']);
    expect(d.unchanged).toBe(1);
    expect(d.header).toEqual([{ field: 'version', before: '1.0.0', after: '1.1.0' }]);
  });
});
