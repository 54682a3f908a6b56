/**
 * kill -9 at random points of an install, 50 times in a row: a child process installs the next
 * version and is SIGKILLed after a random delay inside its install. After every kill the content
 * must be either the old or the new pack, complete (every file matches its manifest hash), with
 * `PRAGMA integrity_check` ok, and the next install must work (the dead process's lock and staging
 * folder are taken over). Every tenth round the kiosk host is started on it and answers.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDirectLink } from '../../electron/common/rpc/direct-link';
import { createRpcClient } from '../../electron/common/rpc/rpc-client';
import { kioskContract } from '../../electron/common/contract/kiosk-api';
import { KioskHost } from '../../electron/node/host/kiosk-host';
import { createMemoryLogger } from '../../electron/node/system/logger';
import { ContentStore } from '../../kiosk-content/src/packs/node/content-store';
import { defaultContentDir, repoRoot } from '../../scripts/lib/repo-paths';
import { APP_VERSION, contentFolder, makeKeys, quickPack, tempDir, type Keys } from '../fixtures/packs/pack-fixtures';

const ROUNDS = 50;
const child = path.join(repoRoot, 'test', 'fixtures', 'packs', 'install-child.ts');

let tmp: string;
let keys: Keys;
let dataDir: string;
let store: ContentStore;
let folder: string;

interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  /** ms from "ready" to exit. */
  ms: number;
}

/** Runs the install child; kills it `killAfterMs` after it said ready (null = let it finish). */
function runChild(pack: string, killAfterMs: number | null): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, store.root, pack, keys.publicFile, APP_VERSION], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let readyAt = 0;
    proc.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (readyAt === 0 && stdout.includes('ready\n')) {
        readyAt = performance.now();
        if (killAfterMs !== null) setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
      }
    });
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (readyAt === 0 && signal === null) reject(new Error(`child failed before ready: ${stderr}`));
      else resolve({ code, signal, stdout, ms: performance.now() - readyAt });
    });
  });
}

async function packVersion(version: string): Promise<string> {
  const packYaml = path.join(folder, 'pack.yaml');
  writeFileSync(packYaml, readFileSync(packYaml, 'utf8').replace(/^version:.*$/m, `version: ${version}`));
  const out = path.join(tmp, 'packs', `${version}.fpk`);
  await quickPack(folder, out, { id: 'fatong-default', version }, keys);
  return out;
}

beforeAll(async () => {
  tmp = tempDir('fatong-pack-kill-');
  keys = makeKeys(path.join(tmp, 'keys'), 'editor');
  dataDir = path.join(tmp, 'data');
  store = new ContentStore({ root: path.join(dataDir, 'content'), appVersion: APP_VERSION, defaultContentDir });
  folder = contentFolder(tmp, '1.0.0');
  await store.install(await packVersion('1.0.0'), { trustedKeys: [keys.trusted] });
}, 120_000);

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('kill -9 during an install', () => {
  it(`leaves the old or the new content, complete, ${String(ROUNDS)} times in a row`, async () => {
    // How long an install takes in the child, so the random kills land inside it.
    const timing = await runChild(await packVersion('1.0.1'), null);
    expect(timing.code).toBe(0);
    expect(timing.stdout).toContain('done installed 1.0.1');
    // Installs get slower or faster as the page cache warms and the machine's load changes, so the
    // window follows every install that ran to the end; a quarter of the delays fall past it.
    let windowMs = timing.ms;
    let oldInARow = 0;

    let active = store.active()!;
    let patch = 1;
    const outcomes = { old: 0, new: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const oldVersion = active.content!.version;
      const newVersion = `1.0.${String(patch + 1)}`;
      const pack = await packVersion(newVersion);
      const delay = Math.random() * windowMs * 1.25;
      const run = await runChild(pack, delay);
      if (run.signal === null) windowMs = (windowMs + run.ms) / 2;

      const after = store.active();
      expect(after, `round ${String(round)}: no active content after kill at ${delay.toFixed(0)} ms`).not.toBeNull();
      const version = after!.content!.version;
      expect([oldVersion, newVersion], `round ${String(round)} (kill at ${delay.toFixed(0)} ms)`).toContain(version);
      expect(store.checkGeneration(after!), `round ${String(round)}: generation incomplete`).toEqual([]);
      // The content folder's own pack.yaml agrees with the pointer: no mix of old and new files.
      expect(readFileSync(path.join(after!.contentDir!, 'pack.yaml'), 'utf8')).toContain(`version: ${version}`);
      if (run.signal !== 'SIGKILL') expect(run.stdout).toContain(`done installed ${newVersion}`);
      if (version === newVersion) {
        outcomes.new++;
        patch++;
        oldInARow = 0;
      } else {
        outcomes.old++;
        // Five kills in a row that all landed before the switch: the installs got slower.
        if (++oldInARow % 5 === 0) windowMs *= 1.5;
        expect(after!.generation).toBe(active.generation);
      }
      active = after!;

      if (round % 10 === 9) {
        const host = new KioskHost({ dataDir, appVersion: APP_VERSION, contentDir: defaultContentDir, logger: createMemoryLogger() });
        try {
          const api = createRpcClient(kioskContract, createDirectLink(host.rpc));
          const info = await api.system.getInfo();
          expect(info.content.version).toBe(version);
          expect(info.content.qaCount).toBeGreaterThan(0);
          const found = await api.search.query({ text: '老板拖欠工资', limit: 3 });
          expect(found.qa.length).toBeGreaterThan(0);
        } finally {
          host.close();
        }
      }
    }
    console.info(
      `kill -9 x${String(ROUNDS)}: ${String(outcomes.old)} rounds left the old pack, ${String(outcomes.new)} the new one (install window ${windowMs.toFixed(0)} ms)`,
    );
    // Random delays over the whole install: both outcomes occur.
    expect(outcomes.old).toBeGreaterThan(0);
    expect(outcomes.new).toBeGreaterThan(0);

    // After all that, a normal install still works and cleans up what the killed ones left.
    const final = await store.install(await packVersion(`1.0.${String(patch + 1)}`), { trustedKeys: [keys.trusted] });
    expect(final.status).toBe('installed');
    expect(store.checkGeneration(store.active()!)).toEqual([]);
  }, 400_000);
});
