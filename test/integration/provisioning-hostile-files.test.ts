import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskContract } from '../../electron/common/contract/kiosk-api';
import { createDirectLink } from '../../electron/common/rpc/direct-link';
import { createRpcClient } from '../../electron/common/rpc/rpc-client';
import { KioskHost } from '../../electron/node/host/kiosk-host';
import { createMemoryLogger } from '../../electron/node/system/logger';
import { provisionCommand } from '../../scripts/cli/commands/provision-command';
import { defaultContentDir } from '../../scripts/lib/repo-paths';

/** Hostile provisioning files through the `provision` command in-process: each refused, field by field, nothing written. */
let tmp: string;
let dataDir: string;
const configFile = () => path.join(dataDir, 'config', 'terminal.json');

const yamlText = (site: string) => `terminalId: test-enc-01\nsite: ${site}\nregion: 110101\nadminPin: "583920"\n`;

async function provision(file: string): Promise<{ status: number; stderr: string; stdout: string }> {
  let stderr = '';
  let stdout = '';
  const status = await provisionCommand.run(['--file', file], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    stdin: new PassThrough(),
    env: { ...process.env, KIOSK_DATA_DIR: dataDir },
  });
  return { status, stderr, stdout };
}

function write(name: string, bytes: Buffer | string): string {
  const file = path.join(tmp, name);
  writeFileSync(file, bytes);
  return file;
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'fatong-provision-hostile-'));
  dataDir = path.join(tmp, 'data');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('provision refuses files that are not UTF-8', () => {
  it('refuses a GB18030 file (Notepad on a Chinese Windows) with the byte offset and asks for UTF-8', async () => {
    const text = yamlText('某社区法律服务室');
    const bytes = iconv.encode(text, 'gb18030');
    const offset = Buffer.from(text.slice(0, text.indexOf('某')), 'utf8').length;
    const r = await provision(write('gbk.yaml', bytes));
    expect(r.status).toBe(1);
    // 某 is C4 B3 in GB18030, which happens to be valid UTF-8 (U+0133); 社 (C9 E7) is the first byte that is not.
    expect(r.stderr).toContain(`(file): not UTF-8 text: byte ${String(offset + 2)} (line 2) is 0xc9`);
    expect(r.stderr).toContain('请把文件另存为 UTF-8 编码');
    expect(r.stderr).not.toContain('\uFFFD');
    expect(existsSync(configFile())).toBe(false);
  });

  it('refuses UTF-16 with or without a byte-order mark', async () => {
    const text = yamlText('测试站点（测试数据）');
    const le = await provision(write('utf16le.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')])));
    expect(le.status).toBe(1);
    expect(le.stderr).toMatch(/\(file\): not UTF-8 text: byte 0 .*UTF-16.*请把文件另存为 UTF-8 编码/);
    const bare = await provision(write('utf16be-nobom.yaml', iconv.encode(text, 'utf16be')));
    expect(bare.status).toBe(1);
    expect(bare.stderr).toMatch(/\(file\): not UTF-8 text: byte 0 .*请把文件另存为 UTF-8 编码/);
    expect(existsSync(configFile())).toBe(false);
  });

  it('accepts UTF-8 with and without a byte-order mark and keeps the site name exact', async () => {
    const text = yamlText('测试社区法律服务室（测试数据）');
    const bom = await provision(write('bom.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])));
    expect(bom.status, bom.stderr).toBe(0);
    expect(bom.stdout).toContain('测试社区法律服务室（测试数据）');
    const plain = await provision(write('plain.yaml', text));
    expect(plain.status, plain.stderr).toBe(0);
  });
});

describe('provision refuses YAML it cannot parse in the field format', () => {
  it('refuses an alias bomb with a bilingual (file) line, not the parser message', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++)
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(',')}]`,
      );
    const before = existsSync(configFile()) ? readFileSync(configFile(), 'utf8') : null;
    const r = await provision(write('bomb.yaml', `${bomb.join('\n')}\nterminalId: test-bomb-01\n`));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^ {2}\(file\): .*line \d+.* — .*YAML/m);
    expect(r.stderr).toMatch(/别名|alias/);
    expect(r.stderr).not.toContain('resource exhaustion');
    expect(r.stderr).not.toMatch(/Excessive alias count/);
    expect(existsSync(configFile()) ? readFileSync(configFile(), 'utf8') : null).toBe(before);
  });

  it('refuses a syntax error with its line in both languages', async () => {
    const r = await provision(write('syntax.yaml', 'terminalId: test-01\nsite: [unclosed\n'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/\(file\): YAML syntax error at line \d+.* — YAML 格式错误（第 \d+ 行）/);
  });
});

describe('adminPinHash is only what the provisioner writes', () => {
  const hostile = [
    'scrypt$3$8$1$AAAA$AAAA',
    `scrypt$1048576$64$1$${Buffer.alloc(16, 1).toString('base64')}$${Buffer.alloc(32, 2).toString('base64')}`,
    `scrypt$16384$8$1$${Buffer.alloc(4, 1).toString('base64')}$${Buffer.alloc(32, 2).toString('base64')}`,
    `scrypt$16384$8$1$${Buffer.alloc(16, 1).toString('base64')}$${Buffer.alloc(1, 2).toString('base64')}`,
  ];

  it('refuses hostile hashes at provision time with a bilingual field line', async () => {
    for (const hash of hostile) {
      const r = await provision(write('hash.yaml', `terminalId: test-hash-01\nsite: 测试站点（测试数据）\nregion: 110101\nadminPinHash: "${hash}"\n`));
      expect(r.status, hash).toBe(1);
      expect(r.stderr, hash).toMatch(/ {2}adminPinHash: got a value that is not accepted \(not shown\); allowed: .* — .*要求：/);
      expect(r.stderr).not.toContain(hash);
    }
  });

  it('a stored terminal.json with a hostile hash runs unprovisioned: unlock answers not-provisioned at once, never throws', async () => {
    for (const hash of hostile) {
      const dir = mkdtempSync(path.join(tmp, 'stored-'));
      mkdirSync(path.join(dir, 'config'));
      writeFileSync(
        path.join(dir, 'config', 'terminal.json'),
        JSON.stringify({ terminalId: 'test-hash-02', site: '测试站点（测试数据）', region: '110101', adminPinHash: hash }),
      );
      const logger = createMemoryLogger();
      const host = new KioskHost({ dataDir: dir, appVersion: '0.1.0', contentDir: defaultContentDir, logger });
      try {
        const api = createRpcClient(kioskContract, createDirectLink(host.rpc));
        expect(await api.admin.pinState()).toEqual({ state: 'not-provisioned', attemptsLeft: 0, retryAfterSeconds: 0 });
        for (let i = 0; i < 3; i++) expect(await api.admin.unlock({ pin: '583920' })).toMatchObject({ ok: false, reason: 'not-provisioned' });
        const invalid = logger.lines.find((l) => l.event === 'provisioning.invalid');
        expect(JSON.stringify(invalid?.fields)).toMatch(/adminPinHash/);
        expect(JSON.stringify(invalid?.fields)).toMatch(/要求/);
        expect(logger.lines.filter((l) => l.level === 'error' && l.event !== 'provisioning.invalid')).toEqual([]);
      } finally {
        await host.closeAsync();
      }
    }
  });
});
