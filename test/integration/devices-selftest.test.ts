import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionTerminal } from '../../electron/node/provisioning/terminal-config-store';
import { runCliProcess, SimulatorHarness } from './support/cli-process';

/**
 * The technician's bring-up on simulators: the printer simulator and the ID-card simulator, each
 * on a socat pty pair, found by `devices --probe --ports` and passing `selftest`.
 */
const printer = new SimulatorHarness();
const reader = new SimulatorHarness();
let printerPort: string;
let readerPort: string;
let outDir: string;
let dataDir: string;

beforeAll(async () => {
  outDir = mkdtempSync(path.join(tmpdir(), 'fatong-selftest-out-'));
  dataDir = mkdtempSync(path.join(tmpdir(), 'fatong-selftest-data-'));
  printerPort = (await printer.start('printer-sim', ['--out', outDir, '--no-png'], 'SIMULATED thermal printer')).port;
  readerPort = (await reader.start('idcard-sim', ['--type', 'resident'], 'SIMULATOR')).port;
}, 60_000);

afterAll(async () => {
  await printer.cleanup();
  await reader.cleanup();
  rmSync(outDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe('devices --probe', () => {
  it('identifies the printer (DLE EOT) and the ID reader (SAM status) on given pty paths', () => {
    const r = runCliProcess('devices', ['--probe', '--ports', `${printerPort},${readerPort}`, '--json'], { timeoutMs: 60_000 });
    expect(r.status).toBe(0);
    const { ports } = JSON.parse(r.stdout) as {
      ports: Array<{ path: string; listed: boolean; probe: { kind: string; baudRate?: number; samId?: string; detail: string } }>;
    };
    const byPath = new Map(ports.map((p) => [p.path, p]));
    expect(byPath.get(printerPort)).toMatchObject({
      listed: false,
      probe: { kind: 'printer', baudRate: 9600, detail: expect.stringMatching(/DLE EOT 1=.. \(online\)/) as unknown },
    });
    expect(byPath.get(readerPort)).toMatchObject({ listed: false, probe: { kind: 'id-reader', samId: expect.stringMatching(/^\d\d\.\d\d-/) as unknown } });
    // The printer was never sent reader frames: nothing was printed by the probe.
    expect(readdirSync(outDir)).toEqual([]);
  });
});

describe('selftest', () => {
  it('fails item by item on an unprovisioned terminal', () => {
    const r = runCliProcess('selftest', ['--json'], {
      env: { ...process.env, KIOSK_DATA_DIR: path.join(dataDir, 'empty'), TZ: 'Asia/Shanghai' },
      timeoutMs: 60_000,
    });
    expect(r.status).toBe(1);
    const { items } = JSON.parse(r.stdout) as { items: Array<{ name: string; ok: boolean; reason: string }> };
    expect(items.find((i) => i.name === 'configuration')).toMatchObject({ ok: false, reason: expect.stringMatching(/not provisioned/) as unknown });
    expect(items.find((i) => i.name === 'content')).toMatchObject({ ok: true });
  });

  it('passes against both simulators: test page printed, SAM id, card read (masked), disk, clock', () => {
    const provisioned = provisionTerminal(
      path.join(dataDir, 'config'),
      {
        terminalId: 'test-01',
        site: '测试站点（测试数据）',
        region: '110101',
        adminPin: '583920',
        printer: { port: printerPort, flowControl: 'none' },
        idReader: { port: readerPort },
      },
      { baseDir: dataDir },
    );
    expect(provisioned.ok).toBe(true);
    const r = runCliProcess('selftest', ['--json'], { env: { ...process.env, KIOSK_DATA_DIR: dataDir, TZ: 'Asia/Shanghai' }, timeoutMs: 90_000 });
    const result = JSON.parse(r.stdout) as { ok: boolean; items: Array<{ name: string; ok: boolean; reason: string }> };
    expect(result.items.filter((i) => !i.ok)).toEqual([]);
    expect(r.status).toBe(0);
    const item = (name: string) => result.items.find((i) => i.name === name)?.reason ?? '';
    expect(item('printer')).toMatch(/self-test page printed/);
    expect(item('id-reader')).toMatch(/SAM id \d\d\.\d\d-.* baud \(detected\); card read: resident 测\*\*例/);
    expect(readdirSync(outDir).filter((f) => f.endsWith('.txt'))).toHaveLength(1);
    // Masked only: the sample card's full name never appears.
    expect(r.stdout).not.toContain('测试样例');
  });

  it('checks the reader at the provisioned idReader.baudRate and says so', () => {
    const provisioned = provisionTerminal(
      path.join(dataDir, 'config'),
      {
        terminalId: 'test-01',
        site: '测试站点（测试数据）',
        region: '110101',
        adminPin: '583920',
        printer: null,
        idReader: { port: readerPort, baudRate: 19200 },
      },
      { baseDir: dataDir },
    );
    expect(provisioned.ok).toBe(true);
    const r = runCliProcess('selftest', ['--json'], { env: { ...process.env, KIOSK_DATA_DIR: dataDir, TZ: 'Asia/Shanghai' }, timeoutMs: 60_000 });
    const { items } = JSON.parse(r.stdout) as { items: Array<{ name: string; ok: boolean; reason: string }> };
    expect(items.find((i) => i.name === 'id-reader')).toMatchObject({
      ok: true,
      reason: expect.stringMatching(/^SAM id \d\d\.\d\d-\S+ at 19200 baud \(configured\); /) as unknown,
    });
  });

  it('fails the clock item outside China Standard Time, with the reason', () => {
    const r = runCliProcess('selftest', ['--json'], { env: { ...process.env, KIOSK_DATA_DIR: path.join(dataDir, 'empty'), TZ: 'UTC' }, timeoutMs: 60_000 });
    const { items } = JSON.parse(r.stdout) as { items: Array<{ name: string; ok: boolean; reason: string }> };
    expect(items.find((i) => i.name === 'clock')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/UTC\+00:00; receipts need China Standard Time/) as unknown,
    });
  });
});
