import { mkdtempSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CardRecord, CardType } from '../../native-adapters/id-card-reader/codec/card-text';
import { maskIdNumber, maskName } from '../../native-adapters/id-card-reader/codec/mask';
import { serialTransportFactory, systemReaderClock } from '../../native-adapters/id-card-reader/node/reader-node';
import { IdCardReaderService, type ReaderState } from '../../native-adapters/id-card-reader/service/id-card-reader-service';
import { IdCardSimulator, type SimulatorOptions } from '../../native-adapters/id-card-reader/simulator/id-card-simulator';
import { sampleCards } from '../../native-adapters/id-card-reader/simulator/sample-cards';
import { SerialTransport } from '../../native-adapters/transport/serial/serial-transport';
import { openPtyPair, type PtyPair } from '../../native-adapters/transport/pty/socat-pty-pair';

/** The reader service and the simulator on the two ends of a real socat pty pair. */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function startSimulator(devicePath: string, options: SimulatorOptions): Promise<IdCardSimulator> {
  const transport = new SerialTransport({ path: devicePath, baudRate: 115200 });
  await transport.open();
  const sim = new IdCardSimulator(transport, options);
  sim.start();
  cleanups.push(async () => {
    sim.stop();
    await transport.close();
  });
  return sim;
}

function startService(hostPath: string) {
  const service = new IdCardReaderService({ openTransport: serialTransportFactory(hostPath), clock: systemReaderClock, reconnectDelaysMs: [200] });
  const states: ReaderState[] = [];
  service.onDidChangeState((s) => states.push(s));
  cleanups.push(() => service.stop());
  service.start();
  return { service, states };
}

async function pair(): Promise<PtyPair> {
  const p = await openPtyPair();
  cleanups.push(() => p.close());
  return p;
}

function readOne(service: IdCardReaderService, timeoutMs: number): Promise<CardRecord | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    service.startRead((card) => {
      clearTimeout(timer);
      resolve(card);
    });
  });
}

const until = async (check: () => boolean, ms: number) => {
  const start = Date.now();
  while (!check() && Date.now() - start < ms) await new Promise((r) => setTimeout(r, 20));
  return check();
};

describe('ID-card reader over a pty pair', () => {
  const expected: Record<CardType, { name: string; idNumber: string }> = {
    resident: { name: '测试样例', idNumber: '110101198001010010' },
    foreign2017: { name: '测试样例', idNumber: 'ZZZ110019800101' },
    foreign2023: { name: '测试样例', idNumber: '911999199001010030' },
    permit: { name: '测试样例', idNumber: '810000199001010027' },
  };
  for (const type of Object.keys(expected) as CardType[]) {
    it(`reads a ${type} card`, async () => {
      const p = await pair();
      await startSimulator(p.b, { card: sampleCards[type] });
      const { service, states } = startService(p.a);
      const card = await readOne(service, 5000);
      expect(card).toMatchObject({ type, ...expected[type], numberValid: true });
      expect(maskName(card?.name ?? '')).toBe('测**例');
      expect(maskIdNumber(card?.idNumber ?? '')).not.toContain('19800101');
      expect(states.map((s) => s.state)).toEqual(expect.arrayContaining(['waiting', 'reading', 'read-ok']));
    });
  }

  it('no card: keeps waiting, never reads', async () => {
    const p = await pair();
    await startSimulator(p.b, { card: null });
    const { service } = startService(p.a);
    expect(await readOne(service, 1500)).toBeNull();
    expect(service.state).toEqual({ state: 'waiting' });
  });

  it('card removed mid-read: asks to re-place, then reads it once it is back', async () => {
    const p = await pair();
    await startSimulator(p.b, { card: sampleCards.resident, removeMidRead: true, liftMs: 1000 });
    const { service, states } = startService(p.a);
    const card = await readOne(service, 8000);
    expect(states).toContainEqual({ state: 'retry-placement', reason: 'moved' });
    expect(card?.idNumber).toBe(expected.resident.idNumber);
  });

  it('corrupt frames and line noise: drops bad frames, re-reads, gets the right data', async () => {
    const p = await pair();
    await startSimulator(p.b, { card: sampleCards.resident, corrupt: true });
    const { service } = startService(p.a);
    const card = await readOne(service, 8000);
    expect(card).toMatchObject({ name: '测试样例', numberValid: true });
  });

  it('slow reader: late and trickling replies inside the timeouts still read', async () => {
    const p = await pair();
    await startSimulator(p.b, { card: sampleCards.foreign2023, slow: true });
    const { service } = startService(p.a);
    const card = await readOne(service, 10000);
    expect(card?.type).toBe('foreign2023');
  });

  it('unplug → offline → the reader comes back on the same path → reads without a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fatong-idcard-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const link = path.join(dir, 'reader');
    const first = await openPtyPair();
    symlinkSync(first.a, link);
    const firstSim = await startSimulator(first.b, { card: null });
    const { service } = startService(link);
    const read = readOne(service, 15000);
    expect(await until(() => service.state.state === 'waiting', 3000)).toBe(true);
    firstSim.stop();
    await first.close();
    unlinkSync(link);
    expect(await until(() => service.state.state === 'reader-offline', 5000)).toBe(true);
    const second = await pair();
    symlinkSync(second.a, link);
    await startSimulator(second.b, { card: sampleCards.resident });
    const card = await read;
    expect(card?.name).toBe('测试样例');
  });
});
