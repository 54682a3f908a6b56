import { afterEach, describe, expect, it } from 'vitest';
import { SerialTransport } from '../../native-adapters/transport/serial/serial-transport';
import { openPtyPair, type PtyPair } from '../../native-adapters/transport/pty/socat-pty-pair';

/** The serial transport over a real socat pseudo-terminal pair. */
describe('SerialTransport over a pty pair', () => {
  let pair: PtyPair | undefined;
  const transports: SerialTransport[] = [];
  afterEach(async () => {
    for (const t of transports.splice(0)) await t.close();
    await pair?.close();
    pair = undefined;
  });

  it('carries bytes both ways, including every byte value', async () => {
    pair = await openPtyPair();
    const host = new SerialTransport({ path: pair.a, baudRate: 115200 });
    const device = new SerialTransport({ path: pair.b, baudRate: 115200 });
    transports.push(host, device);
    await host.open();
    await device.open();
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const received: number[] = [];
    const done = new Promise<void>((resolve) => {
      device.onData((chunk) => {
        received.push(...chunk);
        if (received.length >= all.length) resolve();
      });
    });
    await host.write(all);
    await host.drain();
    await done;
    expect(received).toEqual([...all]);
  });

  it('reports the other end going away, and refuses writes when closed', async () => {
    pair = await openPtyPair();
    const host = new SerialTransport({ path: pair.a, baudRate: 9600 });
    transports.push(host);
    await host.open();
    expect(host.isOpen).toBe(true);
    await host.close();
    expect(host.isOpen).toBe(false);
    await expect(host.write(new Uint8Array([1]))).rejects.toThrow(/not open/);
  });

  it('fails to open a port that does not exist, with the path in the message', async () => {
    const missing = new SerialTransport({ path: '/dev/fatong-no-such-port', baudRate: 9600 });
    await expect(missing.open()).rejects.toThrow(/fatong-no-such-port/);
  });
});
