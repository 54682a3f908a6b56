import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { channelForMethod, EVENT_CHANNEL } from '../../common/contract/channels';
import { method } from '../../common/contract/define-contract';
import { kioskContract, type KioskApiImpl } from '../../common/contract/kiosk-api';
import { RpcServer } from '../../common/rpc/rpc-server';
import { createMemoryLogger } from '../../node/system/logger';
import { attachIpcLinkServer, isTrustedSender, type IpcFrame, type IpcInvokeEvent, type IpcMainLike } from './ipc-link-server';

/** ipcMain as far as the link uses it: a table of handlers that tests can invoke. */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>>();
  handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(channel: string, frame: IpcFrame | null, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return handler({ senderFrame: frame }, ...args);
  }
}

class FakeWebContents {
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  destroyed = false;
  constructor(public url: string) {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.url;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
}

const topFrame = (url: string): IpcFrame => ({ url, parent: null });
const appFrame = topFrame('app://kiosk/index.html');

const contract = {
  methods: {
    'math.add': method(z.object({ a: z.number(), b: z.number() }), z.object({ sum: z.number() })),
  },
  events: { 'math.onDidAdd': z.object({ sum: z.number() }) },
} as const;

function setup(targets: FakeWebContents[] = []) {
  const ipcMain = new FakeIpcMain();
  const log = createMemoryLogger();
  const calls: unknown[] = [];
  const rpc: RpcServer = new RpcServer(contract, {
    math: {
      add: (input: { a: number; b: number }) => {
        calls.push(input);
        rpc.emit('math.onDidAdd', { sum: input.a + input.b });
        return { sum: input.a + input.b };
      },
    },
  });
  const link = attachIpcLinkServer({ ipcMain, rpc, targets: () => targets, logger: log });
  return { ipcMain, log, calls, link, rpc };
}

describe('IPC link server', () => {
  it('registers one handler per contract method, on kiosk: channels only', () => {
    const { ipcMain, link } = setup();
    expect([...ipcMain.handlers.keys()]).toEqual(['kiosk:math.add']);
    expect(link.channels).toEqual(['kiosk:math.add']);
  });

  it('covers every method of the real KioskApi contract', () => {
    const ipcMain = new FakeIpcMain();
    const impl = {} as KioskApiImpl;
    attachIpcLinkServer({ ipcMain, rpc: new RpcServer(kioskContract, impl), targets: () => [], logger: createMemoryLogger() });
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.keys(kioskContract.methods).map(channelForMethod).sort());
  });

  it('calls the RpcServer for our app page and returns its RpcResult', async () => {
    const { ipcMain, calls } = setup();
    await expect(ipcMain.invoke('kiosk:math.add', appFrame, { a: 2, b: 3 })).resolves.toEqual({ ok: true, value: { sum: 5 } });
    expect(calls).toEqual([{ a: 2, b: 3 }]);
  });

  it('passes validation errors back as an RpcResult, not a rejection', async () => {
    const { ipcMain, calls } = setup();
    await expect(ipcMain.invoke('kiosk:math.add', appFrame, { a: 'two' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(calls).toEqual([]);
  });

  it.each([
    ['a foreign page', topFrame('https://evil.example/')],
    ['a file:// page', topFrame('file:///tmp/x.html')],
    ['a look-alike host', topFrame('app://kiosk.evil/index.html')],
    ['a sub-frame of our page', { url: 'app://kiosk/frame.html', parent: appFrame }],
    ['a frame that is gone', null],
  ])('refuses %s without running the method', async (_label, frame) => {
    const { ipcMain, calls, log } = setup();
    await expect(ipcMain.invoke('kiosk:math.add', frame, { a: 1, b: 1 })).rejects.toThrow('Refused');
    expect(calls).toEqual([]);
    expect(log.lines).toContainEqual({ level: 'warn', event: 'ipc.untrusted-sender', fields: { method: 'math.add' } });
  });

  it('sends events on kiosk:event to our live pages only', async () => {
    const ours = new FakeWebContents('app://kiosk/index.html');
    const navigatedAway = new FakeWebContents('https://evil.example/');
    const closed = new FakeWebContents('app://kiosk/index.html');
    closed.destroyed = true;
    const { ipcMain } = setup([ours, navigatedAway, closed]);
    await ipcMain.invoke('kiosk:math.add', appFrame, { a: 1, b: 2 });
    expect(ours.sent).toEqual([{ channel: EVENT_CHANNEL, args: [{ name: 'math.onDidAdd', payload: { sum: 3 } }] }]);
    expect(navigatedAway.sent).toEqual([]);
    expect(closed.sent).toEqual([]);
  });

  it('removes its handlers and stops sending events when disposed', async () => {
    const ours = new FakeWebContents('app://kiosk/index.html');
    const { ipcMain, link, rpc, log } = setup([ours]);
    link.dispose();
    expect(ipcMain.handlers.size).toBe(0);
    await expect(ipcMain.invoke('kiosk:math.add', appFrame, { a: 1, b: 2 })).rejects.toThrow(/No handler/);
    rpc.emit('math.onDidAdd', { sum: 9 });
    expect(ours.sent).toEqual([]);
    // The same ipcMain takes a fresh link afterwards (Electron throws on a second handler per channel).
    attachIpcLinkServer({ ipcMain, rpc, targets: () => [ours], logger: log });
    await expect(ipcMain.invoke('kiosk:math.add', appFrame, { a: 1, b: 2 })).resolves.toMatchObject({ ok: true });
  });
});

describe('isTrustedSender', () => {
  it('trusts only the top frame of app://kiosk/', () => {
    expect(isTrustedSender({ senderFrame: appFrame })).toBe(true);
    expect(isTrustedSender({ senderFrame: topFrame('app://kiosk/any/route') })).toBe(true);
    expect(isTrustedSender({ senderFrame: null })).toBe(false);
    expect(isTrustedSender({ senderFrame: { url: 'app://kiosk/', parent: appFrame } })).toBe(false);
  });
});
