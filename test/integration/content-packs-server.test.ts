/**
 * Terminals syncing from a real static file server: Debian's nginx on loopback, started by this
 * test with a temporary config (`nginx -c <conf> -p <prefix>`). Covers ETag/If-None-Match, new
 * versions, resumable downloads from a slow server, a server that is down or serves garbage, a USB
 * folder source, and the host's content.* API with the switch at the next idle moment.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../electron/common/contract/content-api';
import { kioskContract } from '../../electron/common/contract/kiosk-api';
import { createDirectLink } from '../../electron/common/rpc/direct-link';
import { adminToken, provisionTestTerminal } from './support/admin-session';
import { createRpcClient } from '../../electron/common/rpc/rpc-client';
import { KioskHost } from '../../electron/node/host/kiosk-host';
import { createMemoryLogger } from '../../electron/node/system/logger';
import { ContentStore } from '../../kiosk-content/src/packs/node/content-store';
import { buildIndex, INDEX_FILE } from '../../kiosk-content/src/packs/node/pack-sources';
import { syncOnce } from '../../kiosk-content/src/packs/node/pack-sync';
import { commands } from '../../scripts/cli/commands/index';
import { runCli } from '../../scripts/cli/run-cli';
import { defaultContentDir } from '../../scripts/lib/repo-paths';
import { APP_VERSION, contentFolder, makeKeys, quickPack, tempDir, type Keys } from '../fixtures/packs/pack-fixtures';

let tmp: string;
let keys: Keys;
let www: string;
let port: number;
let nginx: ChildProcess | null = null;
let prefix: string;
const packs: Record<string, string> = {};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function startNginx(): Promise<void> {
  const conf = path.join(prefix, 'nginx.conf');
  const asRoot = process.getuid?.() === 0;
  writeFileSync(
    conf,
    `${asRoot ? 'user root;\n' : ''}daemon off;
worker_processes 1;
error_log ${prefix}/error.log warn;
pid ${prefix}/nginx.pid;
events { worker_connections 64; }
http {
  access_log ${prefix}/access.log;
  client_body_temp_path ${prefix}/tmp-body;
  proxy_temp_path ${prefix}/tmp-proxy;
  fastcgi_temp_path ${prefix}/tmp-fastcgi;
  uwsgi_temp_path ${prefix}/tmp-uwsgi;
  scgi_temp_path ${prefix}/tmp-scgi;
  types { application/json json; application/octet-stream fpk; }
  server {
    listen 127.0.0.1:${String(port)};
    root ${www};
    etag on;
    location /slow/ { alias ${www}/; limit_rate 16k; }
  }
}
`,
  );
  nginx = spawn('nginx', ['-c', conf, '-p', prefix], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  nginx.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    if (nginx.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nginx did not start: ${stderr}`);
}

async function stopNginx(): Promise<void> {
  const proc = nginx;
  nginx = null;
  if (!proc || proc.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill('SIGTERM');
  });
}

/** Publishes packs (by version) into the web root with a fresh index.json. */
async function publish(versions: string[], root = www): Promise<void> {
  for (const name of readdirSync(root)) if (name.endsWith('.fpk') || name === INDEX_FILE) rmSync(path.join(root, name));
  for (const v of versions) copyFileSync(packs[v]!, path.join(root, `fatong-default-${v}.fpk`));
  writeFileSync(path.join(root, INDEX_FILE), JSON.stringify(await buildIndex(root)));
}

const accessLog = () => (existsSync(path.join(prefix, 'access.log')) ? readFileSync(path.join(prefix, 'access.log'), 'utf8') : '');

/** nginx writes the log line after it answered: wait a little for it. */
async function logLine(pattern: RegExp): Promise<string> {
  for (let i = 0; i < 40 && !pattern.test(accessLog()); i++) await new Promise((r) => setTimeout(r, 50));
  return accessLog();
}

const newStore = (name: string) => new ContentStore({ root: path.join(tmp, name, 'content'), appVersion: APP_VERSION, defaultContentDir });

function snapshot(store: ContentStore): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (!p.includes(`${path.sep}downloads${path.sep}`) && e.name !== 'sync.json') hash.update(p).update(readFileSync(p));
    }
  };
  walk(store.root);
  return hash.digest('hex');
}

beforeAll(async () => {
  expect(spawnSync('nginx', ['-v']).status, 'nginx must be installed (.ci/run installs it)').toBe(0);
  tmp = tempDir('fatong-pack-server-');
  keys = makeKeys(path.join(tmp, 'keys'), 'editor');
  prefix = path.join(tmp, 'nginx');
  www = path.join(tmp, 'www');
  mkdirSync(prefix, { recursive: true });
  mkdirSync(www, { recursive: true });
  for (const v of ['1.1.0', '1.2.0', '1.3.0']) {
    packs[v] = path.join(tmp, 'packs', `${v}.fpk`);
    await quickPack(contentFolder(tmp, v), packs[v], { id: 'fatong-default', version: v }, keys);
  }
  port = await freePort();
  await startNginx();
}, 120_000);

afterAll(async () => {
  await stopNginx();
  rmSync(tmp, { recursive: true, force: true });
});

const base = () => `http://127.0.0.1:${String(port)}`;

describe('sync from an HTTP content server (nginx)', () => {
  it('installs the newest pack, then gets 304 Not Modified while the index is unchanged, then the next version', async () => {
    await publish(['1.1.0']);
    const store = newStore('etag');
    const first = await syncOnce(store, { sources: [{ kind: 'http', url: `${base()}/index.json` }], trustedKeys: [keys.trusted] });
    expect(first[0]?.status).toBe('installed');
    expect(store.active()?.content?.version).toBe('1.1.0');

    const second = await syncOnce(store, { sources: [{ kind: 'http', url: `${base()}/index.json` }], trustedKeys: [keys.trusted] });
    expect(second[0]?.status).toBe('not-modified');
    expect(await logLine(/"GET \/index\.json HTTP\/1\.1" 304 /)).toMatch(/"GET \/index\.json HTTP\/1\.1" 304 /);

    await publish(['1.1.0', '1.2.0']);
    const third = await syncOnce(store, { sources: [{ kind: 'http', url: `${base()}/index.json` }], trustedKeys: [keys.trusted] });
    expect(third[0]?.status).toBe('installed');
    expect(store.active()?.content?.version).toBe('1.2.0');
    expect(store.previous()?.content?.version).toBe('1.1.0');
    expect(store.checkGeneration(store.active()!)).toEqual([]);
  });

  it('a slow server times out, the download resumes with a Range request and completes', async () => {
    await publish(['1.1.0']);
    const store = newStore('slow');
    const url = `${base()}/slow/index.json`;
    const size = statSync(packs['1.1.0']!).size;
    expect(size).toBeGreaterThan(48 * 1024);
    const slow = await syncOnce(store, { sources: [{ kind: 'http', url }], trustedKeys: [keys.trusted], http: { deadlineMs: 1500 } });
    expect(slow[0]?.status).toBe('failed');
    expect(slow[0]?.error).toMatch(/timed out after 2 s \(server too slow\)/);
    expect(store.active()).toBeNull();
    const part = readdirSync(path.join(store.root, 'downloads')).find((n) => n.endsWith('.part'))!;
    const partial = statSync(path.join(store.root, 'downloads', part)).size;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(size);

    const resumed = await syncOnce(store, { sources: [{ kind: 'http', url }], trustedKeys: [keys.trusted], http: { deadlineMs: 30_000 } });
    expect(resumed[0]?.status).toBe('installed');
    expect(store.active()?.content?.version).toBe('1.1.0');
    expect(await logLine(/"GET \/slow\/fatong-default-1\.1\.0\.fpk HTTP\/1\.1" 206 /)).toMatch(/"GET \/slow\/fatong-default-1\.1\.0\.fpk HTTP\/1\.1" 206 /);
  }, 60_000);

  it('garbage index, garbage pack, pack not matching the index, missing pack: each refused, content untouched', async () => {
    await publish(['1.1.0']);
    const store = newStore('garbage');
    const src = { sources: [{ kind: 'http' as const, url: `${base()}/index.json` }], trustedKeys: [keys.trusted] };
    expect((await syncOnce(store, src))[0]?.status).toBe('installed');
    const before = snapshot(store);

    writeFileSync(path.join(www, INDEX_FILE), Buffer.from([0x3c, 0x68, 0x74, 0x6d, 0x6c, 0x3e, 0xff, 0x00, 0x13]));
    const garbageIndex = await syncOnce(store, src);
    expect(garbageIndex[0]?.error).toMatch(/the index is not valid JSON \(garbage from the server\?\)$/);

    // A pack of random bytes that the index describes correctly: refused by the pack reader.
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251));
    writeFileSync(path.join(www, 'junk.fpk'), junk);
    writeFileSync(
      path.join(www, INDEX_FILE),
      JSON.stringify({
        format: 'fatong-pack-index/1',
        packs: [
          {
            id: 'fatong-default',
            version: '1.9.0',
            kinds: ['qa'],
            file: 'junk.fpk',
            size: junk.length,
            sha256: createHash('sha256').update(junk).digest('hex'),
          },
        ],
      }),
    );
    const garbagePack = await syncOnce(store, src);
    expect(garbagePack[0]?.error).toMatch(/damaged or not a pack|not a pack/);

    // The server sends other bytes than the index promised.
    writeFileSync(
      path.join(www, INDEX_FILE),
      JSON.stringify({
        format: 'fatong-pack-index/1',
        packs: [{ id: 'fatong-default', version: '1.9.0', kinds: ['qa'], file: 'junk.fpk', size: junk.length, sha256: 'a'.repeat(64) }],
      }),
    );
    const mismatch = await syncOnce(store, src);
    expect(mismatch[0]?.error).toMatch(/does not match the SHA-256 in the index/);

    // Longer than the index says: stopped at the declared size.
    writeFileSync(
      path.join(www, INDEX_FILE),
      JSON.stringify({
        format: 'fatong-pack-index/1',
        packs: [{ id: 'fatong-default', version: '1.9.1', kinds: ['qa'], file: 'junk.fpk', size: 100, sha256: 'b'.repeat(64) }],
      }),
    );
    const tooLong = await syncOnce(store, src);
    expect(tooLong[0]?.error).toMatch(/sent more than the 100 bytes the index declares/);

    writeFileSync(
      path.join(www, INDEX_FILE),
      JSON.stringify({
        format: 'fatong-pack-index/1',
        packs: [{ id: 'fatong-default', version: '1.9.2', kinds: ['qa'], file: 'gone.fpk', size: 100, sha256: 'c'.repeat(64) }],
      }),
    );
    const missing = await syncOnce(store, src);
    expect(missing[0]?.error).toMatch(/HTTP 404$/);

    for (const r of [garbageIndex, garbagePack, mismatch, tooLong, missing]) expect(r[0]?.error).not.toContain('\n');
    expect(snapshot(store)).toBe(before);
    expect(store.active()?.content?.version).toBe('1.1.0');
    expect(store.checkGeneration(store.active()!)).toEqual([]);
  });

  it('a server that is down is reported in one line and nothing changes', async () => {
    await publish(['1.1.0']);
    const store = newStore('down');
    const src = { sources: [{ kind: 'http' as const, url: `${base()}/index.json` }], trustedKeys: [keys.trusted] };
    expect((await syncOnce(store, src))[0]?.status).toBe('installed');
    const before = snapshot(store);
    await stopNginx();
    try {
      const down = await syncOnce(store, src);
      expect(down[0]?.status).toBe('failed');
      expect(down[0]?.error).toBe(`127.0.0.1:${String(port)}: connection refused (server down?)`);
      expect(snapshot(store)).toBe(before);
    } finally {
      await startNginx();
    }
  });
});

describe('content install from a URL (CLI)', () => {
  const run = async (args: string[], env: NodeJS.ProcessEnv) => {
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

  it('installs a pack URL and an index URL, and names a dead server in one line', async () => {
    await publish(['1.1.0', '1.2.0']);
    const env = { KIOSK_DATA_DIR: path.join(tmp, 'cli-url') };
    const direct = await run(['content', 'install', `${base()}/fatong-default-1.1.0.fpk`, '--pubkey', keys.publicFile], env);
    expect(direct.code, direct.stderr).toBe(0);
    expect(direct.stdout).toMatch(/^installed fatong-default 1\.1\.0/);
    const viaIndex = await run(['content', 'install', `${base()}/index.json`, '--pubkey', keys.publicFile], env);
    expect(viaIndex.code, viaIndex.stderr).toBe(0);
    expect(viaIndex.stdout).toMatch(/^installed fatong-default 1\.2\.0/);
    const dead = await run(['content', 'install', `http://127.0.0.1:${String(await freePort())}/index.json`, '--pubkey', keys.publicFile], env);
    expect(dead.code).toBe(1);
    expect(dead.stderr.trim().split('\n').pop()).toMatch(/^error: 127\.0\.0\.1:\d+: connection refused \(server down\?\)$/);
    const status = await run(['content', 'status', '--json'], env);
    expect((JSON.parse(status.stdout) as { active: { content: { version: string } } }).active.content.version).toBe('1.2.0');
  });
});

describe('sync from a folder (USB stick)', () => {
  it('reads the packs on the stick without an index and installs the newest upgrade', async () => {
    const usb = path.join(tmp, 'usb');
    mkdirSync(usb, { recursive: true });
    copyFileSync(packs['1.1.0']!, path.join(usb, 'a.fpk'));
    copyFileSync(packs['1.3.0']!, path.join(usb, 'b.fpk'));
    const store = newStore('usb');
    const result = await syncOnce(store, { sources: [{ kind: 'folder', path: usb }], trustedKeys: [keys.trusted] });
    expect(result[0]?.status).toBe('installed');
    expect(store.active()?.content?.version).toBe('1.3.0');
    const missing = await syncOnce(store, { sources: [{ kind: 'folder', path: path.join(tmp, 'no-stick') }], trustedKeys: [keys.trusted] });
    expect(missing[0]?.error).toMatch(/does not exist \(USB stick not mounted\?\)/);
  });
});

/** Waits (without calling an activity method) until the pending content has been switched in. */
async function untilSwitched(api: ReturnType<typeof createRpcClient<typeof kioskContract>>) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const status = await api.content.status();
    if (status.pending === null || Date.now() > deadline) return status;
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('the host: content.* API, progress events, switch at the next idle moment, rollback', () => {
  it('syncs, waits for idle before showing the new content, and rolls back', async () => {
    await publish(['1.1.0']);
    const dataDir = path.join(tmp, 'host');
    provisionTestTerminal(dataDir);
    const host = new KioskHost({
      dataDir,
      appVersion: APP_VERSION,
      contentDir: defaultContentDir,
      logger: createMemoryLogger(),
      contentConfig: { sources: [{ kind: 'http', url: `${base()}/index.json` }], trustedKeys: [keys.trusted], idleSeconds: 1.5 },
    });
    try {
      const api = createRpcClient(kioskContract, createDirectLink(host.rpc));
      const events: SyncProgress[] = [];
      api.events.on('content.onDidChangeSync', (p) => events.push(p));
      expect((await api.system.getInfo()).content.version).toBe('0.1.0');
      const token = await adminToken(api);
      // A resident is using the kiosk throughout the sync (on a loaded machine the sync alone can
      // outlast idleSeconds, so a fixed window would race it).
      const resident = setInterval(() => void api.system.getInfo(), 200);
      const synced = await api.content.syncNow({ token }).finally(() => clearInterval(resident));
      expect(synced.ok).toBe(true);
      expect(synced.message).toBe('installed fatong-default 1.1.0');
      // A resident is using the kiosk: the old content stays until no call for idleSeconds.
      expect(synced.status.pending?.content.version).toBe('1.1.0');
      expect((await api.system.getInfo()).content.version).toBe('0.1.0');
      const phases = new Set(events.map((e) => e.phase));
      for (const phase of ['checking', 'downloading', 'verifying', 'indexing', 'switching', 'waiting-for-idle']) expect(phases).toContain(phase);
      const status = await untilSwitched(api);
      expect(status.pending).toBeNull();
      expect(status.showing.content).toMatchObject({ id: 'fatong-default', version: '1.1.0', embedded: false });
      expect(events.at(-1)).toMatchObject({ phase: 'done', version: '1.1.0' });
      expect((await api.system.getInfo()).content.version).toBe('1.1.0');
      expect((await api.search.query({ text: '老板拖欠工资', limit: 3 })).qa.length).toBeGreaterThan(0);

      const again = await api.content.syncNow({ token });
      expect(again).toMatchObject({ ok: true, message: 'up to date' });

      const rolled = await api.content.rollback({ token });
      expect(rolled.ok).toBe(true);
      expect(rolled.status.pending?.content).toMatchObject({ embedded: true, version: '0.1.0' });
      await untilSwitched(api);
      expect((await api.system.getInfo()).content.version).toBe('0.1.0');
      const noMore = await api.content.rollback({ token });
      expect(noMore.ok).toBe(false);
      expect(noMore.message).toMatch(/nothing to roll back/);
    } finally {
      host.close();
    }
  }, 60_000);
});
