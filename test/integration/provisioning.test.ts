import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskContract } from '../../electron/common/contract/kiosk-api';
import { KioskError } from '../../electron/common/contract/kiosk-error';
import { createDirectLink } from '../../electron/common/rpc/direct-link';
import { createRpcClient } from '../../electron/common/rpc/rpc-client';
import { KioskHost } from '../../electron/node/host/kiosk-host';
import { createMemoryLogger } from '../../electron/node/system/logger';
import { generatePackKeys } from '../../kiosk-content/src/packs/node/pack-keys';
import { defaultContentDir } from '../../scripts/lib/repo-paths';
import { runCliProcess } from './support/cli-process';

/** `provision` / `config show` as separate processes on a temp KIOSK_DATA_DIR, then the host that reads it. */
let tmp: string;
let dataDir: string;
let keyFile: string;
const env = () => ({ ...process.env, KIOSK_DATA_DIR: dataDir });
const configFile = () => path.join(dataDir, 'config', 'terminal.json');

const goodYaml = (extra = '') => `# test terminal (fictional site)
terminalId: test-dc-01
site: 测试站点（测试数据）
region: 110101
printer: {port: /dev/ttyS1, baudRate: 9600, width: 80, flowControl: rtscts}
idReader: {port: /dev/ttyUSB0}
content:
  sources: [/media/usb/packs, "http://127.0.0.1:9/packs/index.json"]
  trustedKeys: [keys/editor.pub]
idle: {homeSeconds: 90, procedureSeconds: 600}
languages: [zh-CN, en]
adminPin: "583920"
${extra}`;

function write(name: string, text: string): string {
  const file = path.join(tmp, name);
  writeFileSync(file, text);
  return file;
}

function provision(args: string[]) {
  return runCliProcess('provision', args, { env: env(), timeoutMs: 30_000 });
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'fatong-provision-'));
  dataDir = path.join(tmp, 'data');
  keyFile = generatePackKeys(path.join(tmp, 'keys'), 'editor').publicFile;
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('provision (CLI)', () => {
  it('rejects an invalid file with every field-level problem and writes nothing', () => {
    const file = write('bad.yaml', goodYaml().replace('region: 110101', 'region: 1101').replace('width: 80', 'width: 57').replace('"583920"', '"222222"'));
    const r = provision(['--file', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('nothing was written');
    expect(r.stderr).toMatch(/region: got "1101"; allowed: six-digit administrative division code/);
    expect(r.stderr).toMatch(/printer\.width: got 57; allowed: paper width in millimetres: 58 or 80 — 当前为 57；要求：纸宽/);
    expect(r.stderr).toMatch(/adminPin: got a value that is not accepted \(not shown\)/);
    expect(r.stderr).not.toContain('222222');
    expect(existsSync(configFile())).toBe(false);
  });

  it('rejects YAML syntax errors and unreadable keys the same way', () => {
    expect(provision(['--file', write('syntax.yaml', 'terminalId: [unclosed\n')]).stderr).toMatch(/\(file\): YAML syntax error at line \d+: .*YAML 格式错误/);
    const r = provision(['--file', write('nokey.yaml', goodYaml().replace('keys/editor.pub', 'keys/missing.pub'))]);
    expect(r.stderr).toMatch(/content\.trustedKeys\[0\]: no such key file "keys\/missing.pub"/);
    const r2 = provision([
      '--file',
      write('badkey.yaml', goodYaml().replace('[keys/editor.pub]', '["-----BEGIN PUBLIC KEY-----\\nAAAA\\n-----END PUBLIC KEY-----"]')),
    ]);
    expect(r2.stderr).toMatch(/content\.trustedKeys\[0\]: not a usable public key/);
    expect(existsSync(configFile())).toBe(false);
  });

  it('writes a valid file atomically with the PIN only hashed and the key inlined', () => {
    expect(path.dirname(keyFile)).toBe(path.join(tmp, 'keys'));
    const r = provision(['--file', write('good.yaml', goodYaml())]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const text = readFileSync(configFile(), 'utf8');
    expect(text).not.toContain('583920');
    expect(text).toMatch(/"adminPinHash": "scrypt\$/);
    expect(text).toContain('-----BEGIN PUBLIC KEY-----');
    expect(statSync(configFile()).mode & 0o777).toBe(0o600);
    expect(readdirSync(path.join(dataDir, 'config')).filter((n) => n.includes('.tmp'))).toEqual([]);
  });

  it('keeps the installed configuration when a later one is invalid, and --set changes single values', () => {
    const before = readFileSync(configFile(), 'utf8');
    const bad = provision(['--set', 'printer.flowControl=rts', '--set', 'idle.homeSeconds=5']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/printer\.flowControl: got "rts"/);
    expect(bad.stderr).toMatch(/idle\.homeSeconds: got 5/);
    expect(readFileSync(configFile(), 'utf8')).toBe(before);

    const ok = provision([
      '--set',
      'printer.port=/dev/ttyS2',
      '--set',
      'metrics.port=9464',
      '--set',
      'monitoring.remoteWriteUrl=http://127.0.0.1:9/api/v1/write',
      '--json',
    ]);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true });
    const after = JSON.parse(readFileSync(configFile(), 'utf8')) as { printer: { port: string }; adminPinHash: string; monitoring: { scrapeSeconds: number } };
    expect(after.printer.port).toBe('/dev/ttyS2');
    expect(after.monitoring.scrapeSeconds).toBe(30);
    // The PIN already provisioned is kept.
    expect(after.adminPinHash).toBe((JSON.parse(before) as { adminPinHash: string }).adminPinHash);
  });

  it('config show hides the PIN hash and shows keys by id', () => {
    const r = runCliProcess('config', ['show', '--json'], { env: env(), timeoutMs: 30_000 });
    expect(r.status).toBe(0);
    const shown = JSON.parse(r.stdout) as { config: { adminPin: string; content: { trustedKeys: string[] } } };
    expect(r.stdout).not.toMatch(/scrypt\$|583920|BEGIN PUBLIC KEY/);
    expect(shown.config.adminPin).toBe('(set, stored as a scrypt hash)');
    expect(shown.config.content.trustedKeys[0]).toMatch(/^key [0-9a-f]+/);
    const yaml = runCliProcess('config', ['show'], { env: env(), timeoutMs: 30_000 });
    expect(yaml.stdout).toContain('terminalId: test-dc-01');
  });
});

describe('the host on a provisioned terminal', () => {
  it('uses the provisioned terminal, content sources and idle timeouts; admin API behind the PIN', async () => {
    const logger = createMemoryLogger();
    const host = new KioskHost({ dataDir, appVersion: '0.1.0', contentDir: defaultContentDir, logger });
    try {
      expect(host.terminal).toMatchObject({
        terminalId: 'test-dc-01',
        siteName: '测试站点（测试数据）',
        region: '110101',
        printer: { port: '/dev/ttyS2', width: 80 },
        idle: { homeSeconds: 90 },
      });
      const api = createRpcClient(kioskContract, createDirectLink(host.rpc));
      const content = await api.content.status();
      expect(content.sources).toEqual([
        { kind: 'folder', location: '/media/usb/packs' },
        { kind: 'http', location: 'http://127.0.0.1:9/packs/index.json' },
      ]);
      expect(content.trustedKeys).toHaveLength(1);

      // Without the admin token, sync and rollback are refused.
      await expect(api.content.syncNow({ token: 'guess' })).rejects.toMatchObject({ code: 'admin-required' });
      await expect(api.admin.status({ token: 'guess' })).rejects.toBeInstanceOf(KioskError);

      expect(await api.admin.pinState()).toEqual({ state: 'ready', attemptsLeft: 5, retryAfterSeconds: 0 });
      const wrong = await api.admin.unlock({ pin: '000001' });
      expect(wrong).toEqual({ ok: false, reason: 'wrong-pin', attemptsLeft: 4, retryAfterSeconds: 0 });
      expect(await api.admin.pinState()).toEqual({ state: 'ready', attemptsLeft: 4, retryAfterSeconds: 0 });
      const unlocked = await api.admin.unlock({ pin: '583920' });
      if (!unlocked.ok) throw new Error('unlock failed');
      const status = await api.admin.status({ token: unlocked.token });
      expect(status).toMatchObject({
        terminalId: 'test-dc-01',
        ports: { printer: '/dev/ttyS2', idReader: '/dev/ttyUSB0' },
        content: { packId: 'fatong-default' },
        configProblems: [],
      });
      expect(status.counts.date).toMatch(/^\d{4}-\d\d-\d\d$/);
      // Restart with no shell attached says so instead of pretending.
      expect(await api.admin.restart({ token: unlocked.token })).toMatchObject({ ok: false });
      await api.admin.lock({ token: unlocked.token });
      await expect(api.admin.status({ token: unlocked.token })).rejects.toMatchObject({ code: 'admin-required' });

      // Five wrong PINs lock the pad; a restarted host is still locked.
      for (let i = 0; i < 4; i++) await api.admin.unlock({ pin: '000002' });
      expect(await api.admin.unlock({ pin: '000003' })).toMatchObject({ ok: false, reason: 'locked', retryAfterSeconds: 60 });
      // The PIN pad asks this when it opens, so a running lockout shows its countdown before any PIN is typed.
      expect(await api.admin.pinState()).toMatchObject({ state: 'locked', attemptsLeft: 0, retryAfterSeconds: expect.any(Number) as unknown });
      expect(JSON.stringify(logger.lines)).not.toMatch(/583920|000002|000003/);
      expect(logger.lines.filter((l) => l.event === 'admin.unlock').map((l) => l.fields['result'])).toContain('locked');
    } finally {
      await host.closeAsync();
    }
    const again = new KioskHost({ dataDir, appVersion: '0.1.0', contentDir: defaultContentDir, logger: createMemoryLogger() });
    try {
      const api = createRpcClient(kioskContract, createDirectLink(again.rpc));
      expect(await api.admin.unlock({ pin: '583920' })).toMatchObject({ ok: false, reason: 'locked' });
      const state = await api.admin.pinState();
      expect(state.state).toBe('locked');
      expect(state.retryAfterSeconds).toBeGreaterThan(0);
      expect(state.retryAfterSeconds).toBeLessThanOrEqual(60);
    } finally {
      await again.closeAsync();
    }
  });

  it('runs unprovisioned (and says so) when the stored file is damaged', async () => {
    const damaged = path.join(tmp, 'damaged');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.join(damaged, 'config'), { recursive: true });
    writeFileSync(path.join(damaged, 'config', 'terminal.json'), '{"terminalId": "x"');
    const logger = createMemoryLogger();
    const host = new KioskHost({ dataDir: damaged, appVersion: '0.1.0', contentDir: defaultContentDir, logger });
    try {
      expect(host.terminal.terminalId).toBeNull();
      expect(logger.lines.some((l) => l.event === 'provisioning.invalid')).toBe(true);
      const api = createRpcClient(kioskContract, createDirectLink(host.rpc));
      expect(await api.admin.unlock({ pin: '583920' })).toMatchObject({ ok: false, reason: 'not-provisioned' });
      expect(await api.admin.pinState()).toEqual({ state: 'not-provisioned', attemptsLeft: 0, retryAfterSeconds: 0 });
    } finally {
      await host.closeAsync();
    }
  });
});
