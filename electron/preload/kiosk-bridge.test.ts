import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { contractNames, createChannelAllowList } from '../common/contract/channel-allow-list';
import { EVENT_CHANNEL } from '../common/contract/channels';
import { kioskContract } from '../common/contract/kiosk-api';
import type { RpcEventMessage } from '../common/rpc/rpc-link';
import { createKioskBridge, type IpcRendererLike, type KioskBridge } from './kiosk-bridge';

/** ipcRenderer as far as the bridge uses it; invoke records the channel and echoes a reply. */
class FakeIpcRenderer extends EventEmitter implements IpcRendererLike {
  readonly invoked: Array<{ channel: string; args: unknown[] }> = [];
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return Promise.resolve({ ok: true, value: { channel } });
  }
}

function setup() {
  const ipc = new FakeIpcRenderer();
  // test/integration/electron-build.test.ts checks the built preload against the renderer's KioskBridge type.
  const bridge: KioskBridge = createKioskBridge(ipc, createChannelAllowList(contractNames(kioskContract)));
  return { ipc, bridge };
}

describe('kiosk bridge (preload)', () => {
  it('exposes invoke and subscribe only', () => {
    const { bridge } = setup();
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'subscribe']);
  });

  it('forwards contract methods on their kiosk: channel with the input only', async () => {
    const { ipc, bridge } = setup();
    await expect(bridge.invoke('system.getInfo', undefined)).resolves.toEqual({ ok: true, value: { channel: 'kiosk:system.getInfo' } });
    await bridge.invoke('devices.getStatus', { x: 1 });
    expect(ipc.invoked).toEqual([
      { channel: 'kiosk:system.getInfo', args: [undefined] },
      { channel: 'kiosk:devices.getStatus', args: [{ x: 1 }] },
    ]);
  });

  it('never touches ipcRenderer for anything outside the contract', async () => {
    const { ipc, bridge } = setup();
    for (const name of ['system.shutdown', 'kiosk:event', '__proto__', 'constructor', 'ELECTRON_BROWSER_REQUIRE']) {
      await expect(bridge.invoke(name, undefined)).resolves.toMatchObject({ ok: false, error: { code: 'not-found' } });
    }
    // @ts-expect-error — a page could pass anything
    await expect(bridge.invoke(42, undefined)).resolves.toMatchObject({ ok: false });
    expect(ipc.invoked).toEqual([]);
  });

  it('delivers contract events as {name, payload} without the IpcRendererEvent', () => {
    const { ipc, bridge } = setup();
    const seen: unknown[][] = [];
    bridge.subscribe((...args: unknown[]) => seen.push(args));
    const status = { printer: { state: 'ready' }, idReader: { state: 'offline' } };
    // The first argument of an ipcRenderer listener is the event, whose .sender is ipcRenderer itself.
    ipc.emit(EVENT_CHANNEL, { sender: ipc, ports: [] }, { name: 'devices.onDidChangeStatus', payload: status, extra: 'dropped' });
    expect(seen).toEqual([[{ name: 'devices.onDidChangeStatus', payload: status }]]);
  });

  it('drops events that are not in the contract or are malformed', () => {
    const { ipc, bridge } = setup();
    const seen: RpcEventMessage[] = [];
    bridge.subscribe((event) => seen.push(event));
    ipc.emit(EVENT_CHANNEL, {}, { name: 'devices.onDidExplode', payload: {} });
    ipc.emit(EVENT_CHANNEL, {}, 'devices.onDidChangeStatus');
    ipc.emit(EVENT_CHANNEL, {}, null);
    ipc.emit('kiosk:other', {}, { name: 'devices.onDidChangeStatus', payload: {} });
    expect(seen).toEqual([]);
  });

  it('keeps one ipcRenderer listener for many subscribers and removes it after the last unsubscribe', () => {
    const { ipc, bridge } = setup();
    const a: RpcEventMessage[] = [];
    const b: RpcEventMessage[] = [];
    const offA = bridge.subscribe((event) => a.push(event));
    const offB = bridge.subscribe((event) => b.push(event));
    expect(ipc.listenerCount(EVENT_CHANNEL)).toBe(1);
    offA();
    offA();
    ipc.emit(EVENT_CHANNEL, {}, { name: 'devices.onDidChangeStatus', payload: 1 });
    expect(a).toEqual([]);
    expect(b).toHaveLength(1);
    offB();
    expect(ipc.listenerCount(EVENT_CHANNEL)).toBe(0);
  });

  it('refuses a non-function listener', () => {
    const { bridge } = setup();
    // @ts-expect-error — a page could pass anything
    expect(() => bridge.subscribe('nope')).toThrow(TypeError);
  });
});
