/**
 * Content packs that must be refused: every fault is made from a real, good pack by changing one
 * thing, installed over a real installed pack, and must (1) be refused with a one-line reason
 * naming the fault and (2) leave the installed content byte-for-byte as it was.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContentStore } from '../../kiosk-content/src/packs/node/content-store';
import { buildContentPack } from '../../kiosk-content/authoring/pack-builder/build-pack';
import { PackRejectedError, type PackLimits } from '../../kiosk-content/src/packs/node/pack-archive';
import type { TrustedKey } from '../../kiosk-content/src/packs/node/pack-keys';
import { commands } from '../../scripts/cli/commands/index';
import { runCli } from '../../scripts/cli/run-cli';
import { defaultContentDir } from '../../scripts/lib/repo-paths';
import { APP_VERSION, contentFolder, makeKeys, quickPack, repack, tempDir, unpackEntries, type Keys, type TarEntry } from '../fixtures/packs/pack-fixtures';

let tmp: string;
let keyA: Keys;
let keyB: Keys;
let store: ContentStore;
let good: string; // 1.1.0, signed by A, never installed: the base of every fault
let installedGeneration: string;

/** Every file under the store (except the lock) with its hash: "untouched" means equal. */
function treeHash(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name !== 'install.lock') out[path.relative(root, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(root);
  return out;
}

async function expectRejected(file: string, reason: RegExp, options: { keys?: TrustedKey[]; limits?: PackLimits } = {}): Promise<string> {
  const target = options.limits ? new ContentStore({ root: store.root, appVersion: APP_VERSION, defaultContentDir, limits: options.limits }) : store;
  const before = treeHash(store.root);
  const error: unknown = await target.install(file, { trustedKeys: options.keys ?? [keyA.trusted] }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PackRejectedError);
  const message = (error as Error).message;
  expect(message).toMatch(reason);
  expect(message).not.toContain('\n');
  // The old content is untouched: same files, same bytes, still active and complete.
  expect(treeHash(store.root)).toEqual(before);
  const active = store.active();
  expect(active?.generation).toBe(installedGeneration);
  expect(active?.content?.version).toBe('1.0.0');
  expect(store.checkGeneration(active!)).toEqual([]);
  return message;
}

const withEntries = (name: string, edit: (entries: TarEntry[]) => TarEntry[] | void, options?: { end?: boolean }): string => {
  const entries = unpackEntries(good);
  const edited = edit(entries) ?? entries;
  const out = path.join(tmp, `${name}.fpk`);
  repack(edited, out, options);
  return out;
};

beforeAll(async () => {
  tmp = tempDir('fatong-pack-faults-');
  keyA = makeKeys(path.join(tmp, 'keys'), 'editor-a');
  keyB = makeKeys(path.join(tmp, 'keys'), 'editor-b');
  store = new ContentStore({ root: path.join(tmp, 'data', 'content'), appVersion: APP_VERSION, defaultContentDir });
  const v1 = await buildContentPack(contentFolder(tmp, '1.0.0'), { out: path.join(tmp, 'v1.fpk'), minAppVersion: APP_VERSION, keyFile: keyA.privateFile });
  const installed = await store.install(v1.out, { trustedKeys: [keyA.trusted] });
  installedGeneration = installed.generation;
  good = (await buildContentPack(contentFolder(tmp, '1.1.0'), { out: path.join(tmp, 'v2.fpk'), minAppVersion: APP_VERSION, keyFile: keyA.privateFile })).out;
}, 120_000);

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('a good pack', () => {
  it('passes verification in a throw-away store, so every refusal below is caused by the one change', async () => {
    const other = new ContentStore({ root: path.join(tmp, 'other'), appVersion: APP_VERSION, defaultContentDir });
    const result = await other.install(good, { trustedKeys: [keyA.trusted] });
    expect(result.status).toBe('installed');
    expect(other.checkGeneration(other.active()!)).toEqual([]);
  });
});

describe('tampering', () => {
  const entryNames = () =>
    unpackEntries(good)
      .map((e) => e.name)
      .filter((n) => n.startsWith('files/'));

  it.each(['first', 'middle', 'last'] as const)('a changed byte in the %s file is refused by its SHA-256', async (which) => {
    const names = entryNames();
    const name = which === 'first' ? names[0] : which === 'last' ? names[names.length - 1] : names[Math.floor(names.length / 2)];
    const file = withEntries(`tampered-${which}`, (entries) => {
      const entry = entries.find((e) => e.name === name)!;
      const at = Math.floor(entry.body.length / 2);
      entry.body[at] = (entry.body[at] ?? 0) ^ 0x01;
    });
    const message = await expectRejected(file, /does not match its SHA-256 in the manifest/);
    expect(message).toContain(name!.slice('files/'.length));
  });

  it.each([0.05, 0.5, 0.95])('a flipped byte in the compressed file (at %s of it) is refused', async (fraction) => {
    const bytes = readFileSync(good);
    const at = Math.floor(bytes.length * fraction);
    bytes[at] = (bytes[at] ?? 0) ^ 0x20;
    const file = path.join(tmp, `flipped-${String(fraction)}.fpk`);
    writeFileSync(file, bytes);
    await expectRejected(file, /damaged|not a pack|SHA-256|checksum|truncated|invalid|signature|not a ustar|UTF-8|entry|manifest/);
  });

  it('an extra file that is not in the manifest is refused (no mix-and-match)', async () => {
    const file = withEntries('extra-file', (entries) => {
      entries.splice(3, 0, { name: 'files/qa/labour/injected.md', body: Buffer.from('---\nid: injected\n---\n') });
    });
    await expectRejected(file, /not listed in the manifest/);
  });

  it('a file listed in the manifest but missing from the archive is refused', async () => {
    const file = withEntries('missing-file', (entries) => entries.filter((_e, i) => i !== entries.length - 1));
    await expectRejected(file, /listed in the manifest is missing/);
  });
});

describe('manifest and signature', () => {
  it('an edited manifest (title changed) no longer matches its signature', async () => {
    const file = withEntries('manifest-edited', (entries) => {
      const manifest = JSON.parse(entries[0]!.body.toString('utf8')) as { title: string };
      manifest.title = '被篡改的内容';
      entries[0]!.body = Buffer.from(JSON.stringify(manifest, null, 2));
    });
    await expectRejected(file, /signature does not match the manifest/);
  });

  it('a file changed together with its hash in the manifest is refused by the signature', async () => {
    const file = withEntries('manifest-and-file-edited', (entries) => {
      const manifest = JSON.parse(entries[0]!.body.toString('utf8')) as { files: Array<{ path: string; sha256: string; size: number }> };
      const target = entries.find((e) => e.name === 'files/directory.yaml')!;
      target.body = Buffer.concat([target.body, Buffer.from('# edited\n')]);
      const listed = manifest.files.find((f) => f.path === 'directory.yaml')!;
      listed.sha256 = createHash('sha256').update(target.body).digest('hex');
      listed.size = target.body.length;
      entries[0]!.body = Buffer.from(JSON.stringify(manifest, null, 2));
    });
    await expectRejected(file, /signature does not match the manifest/);
  });

  it('a pack signed with a key the terminal does not trust is refused', async () => {
    const file = path.join(tmp, 'wrong-key.fpk');
    await quickPack(contentFolder(tmp, '1.1.0'), file, { id: 'fatong-default', version: '1.1.0' }, keyB);
    const message = await expectRejected(file, /signed by key [0-9a-f]{16}, which is not trusted here/);
    expect(message).toContain(keyB.trusted.keyId);
  });

  it('an unsigned pack is refused', async () => {
    const file = withEntries('unsigned', (entries) => entries.filter((e) => e.name !== 'manifest.sig'));
    await expectRejected(file, /the pack is not signed/);
  });

  it('a signature record from another pack (replayed) does not verify', async () => {
    const other = path.join(tmp, 'other-signed.fpk');
    await quickPack(contentFolder(tmp, '1.2.0'), other, { id: 'fatong-default', version: '1.2.0' }, keyA);
    const sig = unpackEntries(other).find((e) => e.name === 'manifest.sig')!;
    const file = withEntries('replayed-signature', (entries) => {
      entries[1] = { name: 'manifest.sig', body: sig.body };
    });
    await expectRejected(file, /signature does not match the manifest/);
  });

  it('a manifest that is not valid JSON is refused', async () => {
    const file = withEntries('manifest-garbage', (entries) => {
      entries[0]!.body = Buffer.from('{"format": "fatong-pack/1", oops');
    });
    await expectRejected(file, /manifest\.json is not valid JSON/);
  });
});

describe('damaged archives', () => {
  it.each([0.3, 0.6, 0.99])('a pack cut at %s of its length is refused as truncated', async (fraction) => {
    const bytes = readFileSync(good);
    const file = path.join(tmp, `truncated-${String(fraction)}.fpk`);
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * fraction)));
    await expectRejected(file, /truncated/);
  });

  it('a complete gzip stream whose archive lacks the end marker is refused as truncated', async () => {
    const file = withEntries('no-end-marker', () => undefined, { end: false });
    await expectRejected(file, /truncated/);
  });

  it('a file that is not a pack at all is refused', async () => {
    const file = path.join(tmp, 'garbage.fpk');
    writeFileSync(file, Buffer.from('<html>502 Bad Gateway</html>'));
    await expectRejected(file, /damaged or not a pack/);
  });
});

describe('unsafe entries', () => {
  it.each([
    ['files/../../escaped.txt', /unsafe archive entry: ".." in path/],
    ['../escaped.txt', /unsafe archive entry: ".." in path/],
    ['/tmp/fatong-absolute-escape.txt', /unsafe archive entry: absolute path/],
    ['files/qa/../../../escaped.txt', /unsafe archive entry: ".." in path/],
  ])('an entry named %s is refused and nothing is written outside', async (name, reason) => {
    const file = withEntries(`unsafe-${createHash('sha1').update(name).digest('hex').slice(0, 8)}`, (entries) => {
      entries.splice(2, 0, { name, body: Buffer.from('escaped') });
    });
    await expectRejected(file, reason);
    expect(existsSync(path.resolve(store.root, 'escaped.txt'))).toBe(false);
    expect(existsSync(path.resolve(store.root, '..', 'escaped.txt'))).toBe(false);
    expect(existsSync(path.resolve(store.root, '..', '..', 'escaped.txt'))).toBe(false);
    expect(existsSync('/tmp/fatong-absolute-escape.txt')).toBe(false);
  });

  it('a symbolic link entry is refused', async () => {
    const file = withEntries('symlink', (entries) => {
      entries.splice(2, 0, { name: 'files/qa/link.md', body: Buffer.alloc(0), type: '2' });
    });
    await expectRejected(file, /symbolic link in the archive/);
  });

  it('a hard link entry is refused', async () => {
    const file = withEntries('hardlink', (entries) => {
      entries.splice(2, 0, { name: 'files/qa/link.md', body: Buffer.alloc(0), type: '1' });
    });
    await expectRejected(file, /hard link in the archive/);
  });
});

describe('zip bombs and oversize entries', () => {
  const small: PackLimits = { maxPackBytes: 64 * 1024 * 1024, maxEntryBytes: 8 * 1024 * 1024, maxTotalBytes: 24 * 1024 * 1024, maxEntries: 1000 };
  // The default content alone is about 430 files; the entry limit must leave room for them.

  it('an entry declaring more than the default limit (5 GB) is refused at its header', async () => {
    const file = withEntries(
      'declared-huge',
      (entries) => {
        entries.splice(2, 0, { name: 'files/qa/huge.md', body: Buffer.alloc(0), declaredSize: 5 * 1024 * 1024 * 1024 });
      },
      { end: false },
    );
    await expectRejected(file, /oversize/);
  });

  it('a 64 MB entry of zeros (a ~64 KB download) is refused at the entry limit, before it is inflated', async () => {
    const file = withEntries('bomb-one', (entries) => {
      entries.splice(2, 0, { name: 'files/qa/bomb.md', body: Buffer.alloc(64 * 1024 * 1024) });
    });
    expect(statSync(file).size).toBeLessThan(512 * 1024);
    await expectRejected(file, /oversize \(67108864 bytes, limit 8388608\)/, { limits: small });
  });

  it('a signed pack whose files add up past the total limit is refused while streaming', async () => {
    const dir = contentFolder(tmp, '2.0.0');
    for (let i = 0; i < 4; i++) writeFileSync(path.join(dir, 'qa', `zeros-${String(i)}.bin`), Buffer.alloc(7 * 1024 * 1024));
    const file = path.join(tmp, 'bomb-many.fpk');
    await quickPack(dir, file, { id: 'fatong-default', version: '2.0.0' }, keyA);
    expect(statSync(file).size).toBeLessThan(1024 * 1024);
    await expectRejected(file, /unpacks to more than 25165824 bytes/, { limits: small });
  });

  it('a signed pack with too many entries is refused', async () => {
    const dir = contentFolder(tmp, '2.1.0');
    for (let i = 0; i < small.maxEntries; i++) writeFileSync(path.join(dir, 'qa', `n-${String(i)}.txt`), 'x');
    const file = path.join(tmp, 'too-many.fpk');
    await quickPack(dir, file, { id: 'fatong-default', version: '2.1.0' }, keyA);
    await expectRejected(file, /too many archive entries \(limit 1000\)/, { limits: small });
  });
});

describe('versions', () => {
  it('a downgrade is refused', async () => {
    const file = path.join(tmp, 'downgrade.fpk');
    await quickPack(contentFolder(tmp, '0.9.0'), file, { id: 'fatong-default', version: '0.9.0' }, keyA);
    await expectRejected(file, /downgrade refused: fatong-default 0\.9\.0 is older than the active 1\.0\.0/);
  });

  it('a pack needing a newer app is refused', async () => {
    const file = path.join(tmp, 'newer-app.fpk');
    await quickPack(contentFolder(tmp, '1.3.0'), file, { id: 'fatong-default', version: '1.3.0', minAppVersion: '9.0.0' }, keyA);
    await expectRejected(file, /needs app version 9\.0\.0 or newer \(this is 0\.1\.0\)/);
  });

  it('the same version again is reported as already installed and changes nothing', async () => {
    const before = treeHash(store.root);
    const result = await store.install(path.join(tmp, 'v1.fpk'), { trustedKeys: [keyA.trusted] });
    expect(result.status).toBe('already-installed');
    expect(treeHash(store.root)).toEqual(before);
  });
});

describe('content checks at install', () => {
  it('a signed pack whose content fails content lint is refused', async () => {
    const dir = contentFolder(tmp, '1.4.0');
    const qa = path.join(dir, 'qa', 'labour');
    const first = readdirSync(qa).find((n) => n.endsWith('.md'))!;
    writeFileSync(path.join(qa, first), '---\nid: broken\n---\n');
    const file = path.join(tmp, 'lint-fails.fpk');
    await quickPack(dir, file, { id: 'fatong-default', version: '1.4.0' }, keyA);
    await expectRejected(file, /^the content has \d+ problem\(s\); first: \S+:\d+: .+/);
  });

  it('a pack whose pack.yaml disagrees with its manifest is refused', async () => {
    const file = path.join(tmp, 'mismatch.fpk');
    await quickPack(contentFolder(tmp, '1.5.0'), file, { id: 'fatong-default', version: '1.6.0' }, keyA);
    await expectRejected(file, /pack\.yaml says fatong-default 1\.5\.0 but the manifest says fatong-default 1\.6\.0/);
  });
});

describe('the CLI names every refusal in one line and exits non-zero', () => {
  const run = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, commands, {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      stdin: process.stdin,
      env: { ...process.env, ...env },
    });
    return { code, stdout, stderr };
  };

  it('content verify: good, tampered, wrong key', async () => {
    const ok = await run(['content', 'verify', good, '--pubkey', keyA.publicFile]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^ok: fatong-default 1\.1\.0, \d+ files, signed by [0-9a-f]{16}\n$/);
    const tampered = withEntries('cli-tampered', (entries) => {
      const e = entries[entries.length - 1]!;
      e.body[0] = (e.body[0] ?? 0) ^ 1;
    });
    const bad = await run(['content', 'verify', tampered, '--pubkey', keyA.publicFile]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error: file .+ does not match its SHA-256 in the manifest \(tampered or damaged\)\n$/);
    const wrong = await run(['content', 'verify', good, '--pubkey', keyB.publicFile]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^error: the pack is signed by key [0-9a-f]{16}, which is not trusted here/);
  });

  it('content install into a data directory refuses a downgrade and leaves the content active', async () => {
    const dataDir = path.join(tmp, 'cli-data');
    const env = { KIOSK_DATA_DIR: dataDir };
    const first = await run(['content', 'install', good, '--pubkey', keyA.publicFile], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^installed fatong-default 1\.1\.0/);
    const down = await run(['content', 'install', path.join(tmp, 'v1.fpk'), '--pubkey', keyA.publicFile], env);
    expect(down.code).toBe(1);
    expect(down.stderr.trim().split('\n').pop()).toBe('error: downgrade refused: fatong-default 1.0.0 is older than the active 1.1.0');
    const status = await run(['content', 'status', '--check', '--json'], env);
    expect(status.code).toBe(0);
    const parsed = JSON.parse(status.stdout) as { active: { content: { version: string } }; problems: string[] };
    expect(parsed.active.content.version).toBe('1.1.0');
    expect(parsed.problems).toEqual([]);
  });
});
