/**
 * Fuzzing the pack reader through ContentStore.install: random and structured mutations of one
 * real signed pack. Each mutant is either installed whole (every file checks out) or refused with
 * a one-line reason leaving the installed content as it was; nothing hangs, nothing inflates more
 * than the manifest allows. Deterministic (seeded), a few hundred cases, well under a minute.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContentStore } from '../../kiosk-content/src/packs/node/content-store';
import { PackRejectedError, readPack, type ReadPackResult } from '../../kiosk-content/src/packs/node/pack-archive';
import { BLOCK } from '../../kiosk-content/src/packs/node/tar';
import { defaultContentDir } from '../../scripts/lib/repo-paths';
import { APP_VERSION, contentFolder, makeKeys, quickPack, tempDir, type Keys } from '../fixtures/packs/pack-fixtures';

let tmp: string;
let key: Keys;
let goodPack: Buffer;
let goodTar: Buffer;

/** Mulberry32: a small seeded generator, so a failing case can be replayed by its number. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Mutation = (r: () => number) => Buffer;
const int = (r: () => number, n: number) => Math.floor(r() * n);

const mutations: Record<string, Mutation> = {
  'flip compressed bytes': (r) => {
    const b = Buffer.from(goodPack);
    for (let i = 0, n = 1 + int(r, 8); i < n; i++) {
      const at = int(r, b.length);
      b[at] = (b[at] ?? 0) ^ (1 << int(r, 8));
    }
    return b;
  },
  'truncate compressed': (r) => goodPack.subarray(0, int(r, goodPack.length)),
  'flip tar bytes': (r) => {
    const t = Buffer.from(goodTar);
    for (let i = 0, n = 1 + int(r, 4); i < n; i++) {
      const at = int(r, t.length);
      t[at] = (t[at] ?? 0) ^ (1 << int(r, 8));
    }
    return gzipSync(t);
  },
  'flip a header byte': (r) => {
    const t = Buffer.from(goodTar);
    const headers: number[] = [];
    for (let off = 0; off + BLOCK <= t.length;) {
      const h = t.subarray(off, off + BLOCK);
      if (h.every((x) => x === 0)) break;
      headers.push(off);
      const size = parseInt(h.toString('ascii', 124, 136).replace(/\0.*$/s, '').trim(), 8);
      off += BLOCK + BLOCK * Math.ceil(size / BLOCK);
    }
    const at = headers[int(r, headers.length)] ?? 0;
    t[at + int(r, BLOCK)] = int(r, 256);
    return gzipSync(t);
  },
  'drop a block': (r) => {
    const i = int(r, goodTar.length / BLOCK);
    return gzipSync(Buffer.concat([goodTar.subarray(0, i * BLOCK), goodTar.subarray((i + 1) * BLOCK)]));
  },
  'duplicate a block': (r) => {
    const i = int(r, goodTar.length / BLOCK);
    return gzipSync(Buffer.concat([goodTar.subarray(0, (i + 1) * BLOCK), goodTar.subarray(i * BLOCK)]));
  },
  'append junk or zeros': (r) =>
    Buffer.concat([
      goodPack,
      r() < 0.5 ? gzipSync(Buffer.alloc(int(r, 4) * 1024 * 1024)) : Buffer.from(Array.from({ length: 1 + int(r, 64) }, () => int(r, 256))),
    ]),
  'random bytes': (r) => Buffer.from(Array.from({ length: int(r, 4096) }, () => int(r, 256))),
  'gzip of random tar': (r) => gzipSync(Buffer.from(Array.from({ length: BLOCK * (1 + int(r, 8)) }, () => int(r, 256)))),
};

function treeHash(root: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name !== 'install.lock') hash.update(path.relative(root, p)).update(readFileSync(p));
    }
  };
  walk(root);
  return hash.digest('hex');
}

beforeAll(async () => {
  tmp = tempDir('fatong-fuzz-');
  key = makeKeys(tmp, 'a');
  const file = path.join(tmp, 'good.fpk');
  await quickPack(contentFolder(tmp, '1.1.0'), file, { id: 'fatong-default', version: '1.1.0' }, key);
  goodPack = readFileSync(file);
  goodTar = gunzipSync(goodPack);
}, 120_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('pack reader fuzz', () => {
  it('reads each mutant to a verdict with bounded inflation: refused with one line, or every byte as signed', async () => {
    const budget = goodTar.length + 64 * 1024;
    const verdicts: Record<string, { refused: number; accepted: number }> = {};
    const names = Object.keys(mutations);
    for (let i = 0; i < 360; i++) {
      const name = names[i % names.length]!;
      const bytes = mutations[name]!(rng(i));
      const file = path.join(tmp, 'mutant.fpk');
      writeFileSync(file, bytes);
      let inflated = 0;
      const outcome: ReadPackResult | Error = await readPack(file, { trustedKeys: [key.trusted], onInflate: (n) => (inflated = n) }).then(
        (r) => r,
        (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
      );
      const v = (verdicts[name] ??= { refused: 0, accepted: 0 });
      expect(inflated, `case ${String(i)} ${name}`).toBeLessThanOrEqual(budget + 64 * 1024);
      if (outcome instanceof Error) {
        expect(outcome, `case ${String(i)} ${name}: ${outcome.message}`).toBeInstanceOf(PackRejectedError);
        expect(outcome.message).not.toContain('\n');
        v.refused++;
      } else {
        // Accepted: the mutation did not change what was signed (e.g. it hit padding).
        expect(outcome.manifestBytes.equals(goodTar.subarray(BLOCK, BLOCK + outcome.manifestBytes.length))).toBe(true);
        v.accepted++;
      }
    }
    for (const name of ['flip compressed bytes', 'truncate compressed', 'random bytes', 'gzip of random tar'])
      expect(verdicts[name]!.refused, name).toBeGreaterThan(0);
  });

  it('installs a mutant only whole: the store is unchanged by every refused one and checks out after each', async () => {
    const store = new ContentStore({ root: path.join(tmp, 'store'), appVersion: APP_VERSION, defaultContentDir });
    await store.install(path.join(tmp, 'good.fpk'), { trustedKeys: [key.trusted] });
    const names = Object.keys(mutations);
    for (let i = 1000; i < 1018; i++) {
      const name = names[i % names.length]!;
      const file = path.join(tmp, 'mutant.fpk');
      writeFileSync(file, mutations[name]!(rng(i)));
      const before = treeHash(store.root);
      const error: unknown = await store.install(file, { trustedKeys: [key.trusted] }).then(
        () => null,
        (e: unknown) => e,
      );
      if (error) {
        expect(error, `case ${String(i)} ${name}`).toBeInstanceOf(PackRejectedError);
        expect(treeHash(store.root), `case ${String(i)} ${name}`).toBe(before);
      }
      const active = store.active();
      expect(active?.content?.version).toBe('1.1.0');
      expect(store.checkGeneration(active!), `case ${String(i)} ${name}`).toEqual([]);
    }
  }, 60_000);
});
