import { describe, expect, it } from 'vitest';
import { MemoryTransport, connectMemoryTransports } from '../../transport/memory/memory-transport';
import type { CardRecord } from '../codec/card-text';
import { encodeResponse } from '../codec/frame';
import { IdCardSimulator, type SimulatorOptions } from '../simulator/id-card-simulator';
import { sampleCards } from '../simulator/sample-cards';
import { answersSamStatus, connectOrder, IdCardReaderService, type ReaderClock, type ReaderState } from './id-card-reader-service';

/** Timers that only move when the test advances them; microtasks are flushed between firings. */
class FakeClock implements ReaderClock {
  now = 0;
  private timers: Array<{ at: number; fn: () => void; id: number }> = [];
  private nextId = 0;
  setTimer(ms: number, fn: () => void): () => void {
    const id = this.nextId++;
    this.timers.push({ at: this.now + ms, fn, id });
    return () => {
      this.timers = this.timers.filter((t) => t.id !== id);
    };
  }
  later = (ms: number, fn: () => void): void => void this.setTimer(ms, fn);
  today() {
    return { year: 2026, month: 11, day: 22 };
  }
  async advance(ms: number): Promise<void> {
    const target = this.now + ms;
    for (;;) {
      await flush();
      this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.timers[0];
      if (!next || next.at > target) break;
      this.timers.shift();
      this.now = next.at;
      next.fn();
    }
    this.now = target;
    await flush();
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Two in-memory ends of a cable: the service's end records what it writes. */
function cable(): [MemoryTransport, MemoryTransport] {
  const [host, device] = connectMemoryTransports(new MemoryTransport('/dev/fake-reader', { record: true }), new MemoryTransport('device'));
  void device.open();
  return [host, device];
}

function setup(sim: Partial<SimulatorOptions> = {}) {
  const clock = new FakeClock();
  const [host, device] = cable();
  const simulator = new IdCardSimulator(device, { card: sampleCards.resident, later: clock.later, ...sim });
  simulator.start();
  const opened: number[] = [];
  const service = new IdCardReaderService({
    openTransport: (baud) => {
      opened.push(baud);
      return host;
    },
    clock,
  });
  const states: ReaderState[] = [];
  service.onDidChangeState((s) => states.push(s));
  const cards: CardRecord[] = [];
  return { clock, host, simulator, service, states, cards, opened, consumer: (c: CardRecord) => cards.push(c) };
}

describe('IdCardReaderService', () => {
  it('stays not-configured without a port', () => {
    const service = new IdCardReaderService({ openTransport: null, clock: new FakeClock() });
    service.start();
    expect(service.state).toEqual({ state: 'not-configured' });
  });

  /**
   * A reader on a memory cable that answers only at `answersAt` (opened at any other rate it hears
   * nothing back); `tried` lists the rates the service opened, `replug()` swaps in a fresh cable.
   */
  function readerAnsweringAt(answersAt: number, card: SimulatorOptions['card'], options: { baudRate?: number; reconnectDelaysMs?: number[] } = {}) {
    const clock = new FakeClock();
    let host: MemoryTransport;
    const replug = (): void => {
      const [hostEnd, device] = cable();
      host = hostEnd;
      new IdCardSimulator(device, { card, later: clock.later }).start();
    };
    replug();
    const tried: number[] = [];
    const service = new IdCardReaderService({
      clock,
      ...options,
      openTransport: (baud) => {
        tried.push(baud);
        return baud === answersAt ? host : new MemoryTransport('/dev/fake-reader');
      },
    });
    return { clock, service, tried, replug, unplug: () => host.unplug() };
  }

  it('auto-detects the baud rate in the spec order', async () => {
    const { clock, service, tried } = readerAnsweringAt(38400, null);
    service.start();
    await clock.advance(1000);
    expect(tried).toEqual([115200, 57600, 38400]);
    expect(service.state).toEqual({ state: 'idle' });
    await service.stop();
  });

  it('opens only the provisioned baud rate, also when it reconnects after an unplug', async () => {
    const { clock, service, tried, replug, unplug } = readerAnsweringAt(9600, sampleCards.resident, { baudRate: 9600 });
    service.start();
    await clock.advance(1000);
    expect(tried).toEqual([9600]);
    expect(service.state).toEqual({ state: 'idle' });
    unplug();
    replug();
    await clock.advance(3000);
    expect(tried).toEqual([9600, 9600]);
    const cards: CardRecord[] = [];
    service.startRead((c) => cards.push(c));
    await clock.advance(3000);
    expect(cards.map((c) => c.idNumber)).toEqual(['110101198001010010']);
    await service.stop();
  });

  it('a provisioned rate the reader does not answer at: offline naming that rate, other rates never tried', async () => {
    const { clock, service, tried } = readerAnsweringAt(115200, null, { baudRate: 9600, reconnectDelaysMs: [500] });
    service.start();
    await clock.advance(3000);
    expect(tried.length).toBeGreaterThan(1);
    expect(new Set(tried)).toEqual(new Set([9600]));
    expect(service.state).toEqual({ state: 'reader-offline', detail: 'no answer at the configured 9600 baud (idReader.baudRate; null = detect)' });
    await service.stop();
  });

  it('a port that only replays the last find answer (0x80) after an unplug is not taken for a reader', async () => {
    const clock = new FakeClock();
    // A dying port: whatever is asked, the one answer still in its buffer comes back once, then nothing.
    let replayed = false;
    const staleEnd = () =>
      new MemoryTransport('/dev/fake-reader', {
        onWrite: (_bytes, port) => {
          if (replayed) return;
          replayed = true;
          port.emitDataSoon(encodeResponse(0x80));
        },
      });
    const service = new IdCardReaderService({ clock, baudRate: 115200, reconnectDelaysMs: [500], openTransport: staleEnd });
    const seen: string[] = [];
    service.onDidChangeState((state) => seen.push(state.state));
    service.start();
    await clock.advance(2000);
    expect(seen).not.toContain('idle');
    expect(service.state.state).toBe('reader-offline');
    // Stopping waits for the pending probe's timer, which only this clock moves.
    const stopped = service.stop();
    await clock.advance(1000);
    await stopped;
    expect(answersSamStatus(0x90)).toBe(true);
    expect(answersSamStatus(0x80)).toBe(false);
    expect(answersSamStatus(0x9f)).toBe(false);
  });

  it('without a provisioned rate: auto-detect, the last working rate first on reconnect', () => {
    expect(connectOrder(null, null)).toEqual([115200, 57600, 38400, 19200, 9600]);
    expect(connectOrder(null, 19200)).toEqual([19200, 115200, 57600, 38400, 9600]);
    expect(connectOrder(38400, null)).toEqual([38400]);
    expect(connectOrder(38400, 115200)).toEqual([38400]);
  });

  it('does not poll until a read is requested, then reads one resident card and stops polling', async () => {
    const t = setup();
    t.service.start();
    await t.clock.advance(2000);
    expect(t.host.recording).toHaveLength(1); // the status probe only
    t.service.startRead(t.consumer);
    await t.clock.advance(3000);
    expect(t.cards).toHaveLength(1);
    expect(t.cards[0]).toMatchObject({ type: 'resident', name: '测试样例', numberValid: true });
    expect(t.states.map((s) => s.state)).toEqual(['idle', 'waiting', 'reading', 'read-ok']);
    const writes = t.host.recording.length;
    await t.clock.advance(5000);
    expect(t.host.recording.length).toBe(writes);
    await t.service.stop();
  });

  it('does not re-read a card left on the reader; reads again after it is lifted and replaced', async () => {
    const t = setup();
    t.service.start();
    t.service.startRead(t.consumer);
    await t.clock.advance(3000);
    t.service.startRead(t.consumer);
    await t.clock.advance(3000);
    expect(t.cards).toHaveLength(1);
    expect(t.service.state).toEqual({ state: 'waiting', hint: 'remove-card' });
    t.simulator.removeCard();
    await t.clock.advance(1000);
    expect(t.service.state).toEqual({ state: 'waiting' });
    t.simulator.placeCard();
    await t.clock.advance(2000);
    expect(t.cards).toHaveLength(2);
    await t.service.stop();
  });

  it('a card removed mid-read: partial frame times out, asks to re-place, reads when it is back', async () => {
    const t = setup({ removeMidRead: true, liftMs: 3000 });
    t.service.start();
    t.service.startRead(t.consumer);
    await t.clock.advance(2500);
    expect(t.service.state).toEqual({ state: 'retry-placement', reason: 'moved' });
    expect(t.cards).toHaveLength(0);
    await t.clock.advance(4000);
    expect(t.cards).toHaveLength(1);
    expect(t.service.state.state).toBe('read-ok');
    await t.service.stop();
  });

  it('re-reads after corrupted frames and line noise', async () => {
    const t = setup({ corrupt: true });
    t.service.start();
    t.service.startRead(t.consumer);
    await t.clock.advance(3000);
    expect(t.cards).toHaveLength(1);
    expect(t.cards[0]?.name).toBe('测试样例');
    await t.service.stop();
  });

  it('waits calmly with no card, and cancel stops polling', async () => {
    const t = setup({ card: null });
    t.service.start();
    t.service.startRead(t.consumer);
    await t.clock.advance(3000);
    expect(t.service.state).toEqual({ state: 'waiting' });
    t.service.cancel();
    await t.clock.advance(500);
    const writes = t.host.recording.length;
    await t.clock.advance(5000);
    expect(t.host.recording.length).toBe(writes);
    expect(t.service.state).toEqual({ state: 'idle' });
    await t.service.stop();
  });

  it('goes offline when the reader is unplugged and reconnects without a restart', async () => {
    const clock = new FakeClock();
    let [host, device] = cable();
    let plugged = true;
    const service = new IdCardReaderService({
      clock,
      openTransport: () => {
        if (!plugged) return new MemoryTransport('/dev/fake-reader', { onOpen: () => new Error('ENOENT') });
        return host;
      },
    });
    new IdCardSimulator(device, { card: null, later: clock.later }).start();
    const cards: CardRecord[] = [];
    service.start();
    service.startRead((c) => cards.push(c));
    await clock.advance(1000);
    plugged = false;
    host.unplug();
    await clock.advance(100);
    expect(service.state.state).toBe('reader-offline');
    await clock.advance(3000);
    expect(service.state.state).toBe('reader-offline');
    [host, device] = cable();
    new IdCardSimulator(device, { card: sampleCards.permit, later: clock.later }).start();
    plugged = true;
    await clock.advance(8000);
    expect(cards).toHaveLength(1);
    expect(cards[0]?.type).toBe('permit');
    await service.stop();
  });

  it('treats a silent reader (busy / hung) as offline after repeated timeouts', async () => {
    const t = setup({ card: null });
    t.service.start();
    t.service.startRead(t.consumer);
    await t.clock.advance(1000);
    t.simulator.stop(); // the module stops answering
    await t.clock.advance(5000);
    expect(t.service.state.state).toBe('reader-offline');
    await t.service.stop();
  });
});
