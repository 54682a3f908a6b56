import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import type { IdCardState } from '../../electron/common/contract/idcard-api';
import { kioskContract, type KioskApi } from '../../electron/common/contract/kiosk-api';
import { createDirectLink } from '../../electron/common/rpc/direct-link';
import { createRpcClient } from '../../electron/common/rpc/rpc-client';
import { KioskHost } from '../../electron/node/host/kiosk-host';
import { unprovisionedTerminal } from '../../electron/common/config/terminal-settings';
import { createFileLogger } from '../../electron/node/system/logger';
import { IdCardSimulator } from '../../native-adapters/id-card-reader/simulator/id-card-simulator';
import { sampleCards } from '../../native-adapters/id-card-reader/simulator/sample-cards';
import { SerialTransport } from '../../native-adapters/transport/serial/serial-transport';
import { defaultContentDir } from '../../scripts/lib/repo-paths';
import { openPtyPair } from '../../native-adapters/transport/pty/socat-pty-pair';
import { filesUnder } from './support/files-under';

/**
 * The idcard.* API of the real KioskHost over the direct link, with the reader on a socat pty and
 * the simulator on the other end: only the declared masked/derived fields come back, and
 * session.end forgets them.
 */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 8000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function hostWithReader(options: { card?: boolean } = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fatong-idcard-api-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const pair = await openPtyPair();
  cleanups.push(() => pair.close());
  const deviceEnd = new SerialTransport({ path: pair.b, baudRate: 115200 });
  await deviceEnd.open();
  const sim = new IdCardSimulator(deviceEnd, { card: sampleCards.resident });
  if (options.card === false) sim.removeCard();
  sim.start();
  cleanups.push(async () => {
    sim.stop();
    await deviceEnd.close();
  });
  const host = new KioskHost({
    dataDir,
    contentDir: defaultContentDir,
    appVersion: 'test',
    // The file logger writes every level, debug included: the strictest case for "nothing personal in the logs".
    logger: createFileLogger({ dir: path.join(dataDir, 'logs') }),
    terminal: { ...unprovisionedTerminal, idReader: { port: pair.a, baudRate: null } },
  });
  cleanups.push(async () => {
    host.close();
    await host.idCard.close();
  });
  const api = createRpcClient(kioskContract, createDirectLink(host.rpc)) as KioskApi;
  const events: IdCardState[] = [];
  const off = api.events.on('idcard.onDidChangeState', (state) => events.push(state));
  cleanups.push(off);
  return { dataDir, host, api, events, sim };
}

const resident = sampleCards.resident;
if (resident.type !== 'resident') throw new Error('sample resident card expected');
const secrets = [resident.name, resident.idNumber, resident.birthDate, resident.address];

describe('idcard API over the direct link', () => {
  it('reads a card, returns only the declared masked fields, and forgets them at session.end', async () => {
    const { dataDir, api, events } = await hostWithReader();
    await until('the reader to connect', async () => ((await api.idcard.getState()).state === 'idle' ? true : undefined));
    expect((await api.devices.getStatus()).idReader.state).toBe('ready');

    const started = await api.idcard.startRead({ fields: ['maskedName', 'maskedIdNumber', 'ageBracket'] });
    expect(['waiting', 'reading', 'read-ok']).toContain(started.state);
    const done = await until('the projected result', async () => (await api.idcard.getState()).result);
    // Exactly the declared fields: no gender, no region, no card type, and never the raw name or number.
    expect(done).toEqual({ maskedName: '测**例', maskedIdNumber: '110101********0010', ageBracket: 'adult' });
    const withResult = events.find((e) => e.result);
    expect(withResult?.state).toBe('read-ok');
    expect(Object.keys(withResult?.result ?? {}).sort()).toEqual(['ageBracket', 'maskedIdNumber', 'maskedName']);
    // The state the UI used to walk through: waiting → reading → read-ok.
    const order = events.map((e) => e.state);
    expect(order.indexOf('reading')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('reading')).toBeLessThan(order.indexOf('read-ok'));

    await api.session.end({ reason: 'home' });
    const after = await api.idcard.getState();
    expect(after.result).toBeUndefined();
    expect(after.state).toBe('idle');
    expect(events.at(-1)?.result).toBeUndefined();

    // Nothing of the card in anything the host wrote or sent.
    for (const state of events) for (const secret of secrets) expect(JSON.stringify(state)).not.toContain(secret);
    const files = filesUnder(dataDir);
    expect(files.some((f) => f.includes(`${path.sep}logs${path.sep}`))).toBe(true);
    const needles = secrets.flatMap((s) => [Buffer.from(s, 'utf8'), Buffer.from(s, 'utf16le'), iconv.encode(s, 'utf16-be'), iconv.encode(s, 'gb18030')]);
    for (const file of files) for (const needle of needles) expect(readFileSync(file).includes(needle), `${file}`).toBe(false);
  });

  it('refuses undeclared or raw fields at the boundary, and prints the applicant only masked', async () => {
    const { api } = await hostWithReader();
    await expect(api.idcard.startRead({ fields: ['name' as 'maskedName'] })).rejects.toThrow();
    await expect(api.idcard.startRead({ fields: [] })).rejects.toThrow();

    const target = { procedureId: 'legal-aid-precheck', outcomeId: 'no-check' };
    const preview = await api.receipts.previewOutcome({ ...target, applicant: { name: '张*三', idNumber: '510106********1235' } });
    const text = (preview?.layout.lines ?? []).map((line) => (line.kind === 'text' ? line.text.replace(/\s+/g, '') : '')).join('\n');
    expect(text).toContain('姓名：张*三');
    expect(text).toContain('证件号码：510106********1235');
    // A clear name or number is not a valid applicant: it never reaches a receipt.
    await expect(api.receipts.previewOutcome({ ...target, applicant: { name: '张测三' } })).rejects.toThrow();
    await expect(api.receipts.previewOutcome({ ...target, applicant: { idNumber: '510106195001011235' } })).rejects.toThrow();
  });

  it('cancel stops waiting and a later read still works; wipe drops the result', async () => {
    const { api, sim } = await hostWithReader({ card: false });
    await until('the reader to connect', async () => ((await api.idcard.getState()).state === 'idle' ? true : undefined));
    await api.idcard.startRead({ fields: ['region'] });
    await until('waiting for a card', async () => ((await api.idcard.getState()).state === 'waiting' ? true : undefined));
    await api.idcard.cancel();
    expect((await api.idcard.getState()).state).toBe('idle');

    sim.placeCard();
    await api.idcard.startRead({ fields: ['region', 'cardType'] });
    expect(await until('the result', async () => (await api.idcard.getState()).result)).toEqual({ region: '北京', cardType: 'resident' });
    await api.idcard.wipe();
    expect((await api.idcard.getState()).result).toBeUndefined();
  });

  it('without a provisioned reader the state is not-configured', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'fatong-idcard-nc-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const host = new KioskHost({ dataDir, contentDir: defaultContentDir, appVersion: 'test', logger: createFileLogger({ dir: path.join(dataDir, 'logs') }) });
    cleanups.push(async () => {
      host.close();
      await host.idCard.close();
    });
    const api = createRpcClient(kioskContract, createDirectLink(host.rpc)) as KioskApi;
    expect(await api.idcard.getState()).toEqual({ state: 'not-configured' });
    expect((await api.devices.getStatus()).idReader).toEqual({ state: 'not-configured' });
  });
});
