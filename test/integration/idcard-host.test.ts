import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { createIdCardService } from '../../electron/node/host/idcard-wiring';
import { unprovisionedTerminal, type TerminalSettings } from '../../electron/common/config/terminal-settings';
import { DeviceStatusService } from '../../electron/node/services/device-status-service';
import { IdCardService, type IdCardReadState } from '../../electron/node/services/id-card-service';
import { prepareDataDir } from '../../electron/node/system/data-dir';
import { createFileLogger } from '../../electron/node/system/logger';
import { IdCardSimulator } from '../../native-adapters/id-card-reader/simulator/id-card-simulator';
import { sampleCards } from '../../native-adapters/id-card-reader/simulator/sample-cards';
import { SerialTransport } from '../../native-adapters/transport/serial/serial-transport';
import { openPtyPair } from '../../native-adapters/transport/pty/socat-pty-pair';
import { filesUnder } from './support/files-under';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('IdCardService in the host', () => {
  it('keeps the reader line live, hands out only declared fields, and writes nothing personal (debug logging on)', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'fatong-idcard-host-'));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const layout = prepareDataDir(root);
    const pair = await openPtyPair();
    cleanups.push(() => pair.close());
    const deviceEnd = new SerialTransport({ path: pair.b, baudRate: 115200 });
    await deviceEnd.open();
    const sim = new IdCardSimulator(deviceEnd, { card: sampleCards.resident, latestAddress: '测试数据新址' });
    sim.start();
    cleanups.push(async () => {
      sim.stop();
      await deviceEnd.close();
    });

    const devices = new DeviceStatusService();
    const service = new IdCardService({ port: pair.a, devices, logger: createFileLogger({ dir: layout.logs }) });
    cleanups.push(() => service.close());
    const seen: IdCardReadState[] = [];
    service.onDidChangeState((s) => seen.push(s));
    expect(devices.getStatus().idReader.state).toBe('connecting');
    service.start();
    service.startRead(['maskedName', 'gender', 'ageBracket', 'region']);
    const start = Date.now();
    while (!service.getState().result && Date.now() - start < 5000) await new Promise((r) => setTimeout(r, 20));
    expect(devices.getStatus().idReader).toEqual({ state: 'ready', detail: pair.a });
    expect(service.getState()).toEqual({ state: 'read-ok', result: { maskedName: '测**例', gender: 'male', ageBracket: 'adult', region: '北京' } });
    service.wipe();
    expect(service.getState().result).toBeUndefined();

    const logs = filesUnder(root);
    expect(logs.length).toBeGreaterThan(0);
    const secrets = ['测试样例', '110101198001010010', '19800101', '测试数据新址'];
    const needles = secrets.flatMap((s) => [Buffer.from(s, 'utf8'), Buffer.from(s, 'utf16le'), iconv.encode(s, 'gb18030')]);
    for (const file of logs) for (const needle of needles) expect(readFileSync(file).includes(needle)).toBe(false);
    for (const state of seen) for (const secret of secrets) expect(JSON.stringify(state)).not.toContain(secret);
  });

  it('opens the provisioned baud rate (idReader.baudRate) on a real pty and reads at it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fatong-idcard-baud-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const pair = await openPtyPair();
    cleanups.push(() => pair.close());
    // The simulator's end at the same non-default rate. A pty passes bytes whatever the rate, so the
    // check is on the host's end: its termios must say 9600, where auto-detect would have said 115200.
    const deviceEnd = new SerialTransport({ path: pair.b, baudRate: 9600 });
    await deviceEnd.open();
    const sim = new IdCardSimulator(deviceEnd, { card: sampleCards.resident });
    sim.start();
    cleanups.push(async () => {
      sim.stop();
      await deviceEnd.close();
    });
    const devices = new DeviceStatusService();
    const terminal: TerminalSettings = { ...unprovisionedTerminal, idReader: { port: pair.a, baudRate: 9600 } };
    const service = createIdCardService(terminal, devices, createFileLogger({ dir }));
    cleanups.push(() => service.close());
    service.start();
    service.startRead(['maskedName']);
    const start = Date.now();
    while (!service.getState().result && Date.now() - start < 5000) await new Promise((r) => setTimeout(r, 20));
    expect(service.getState()).toEqual({ state: 'read-ok', result: { maskedName: '测**例' } });
    expect(execFileSync('stty', ['-F', pair.a, 'speed'], { encoding: 'utf8' }).trim()).toBe('9600');
  });

  it('is not-configured without a port', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fatong-idcard-nc-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const devices = new DeviceStatusService();
    const service = new IdCardService({ port: null, devices, logger: createFileLogger({ dir }) });
    service.start();
    expect(devices.getStatus().idReader).toEqual({ state: 'not-configured' });
    expect(service.getState().state).toBe('not-configured');
  });
});
