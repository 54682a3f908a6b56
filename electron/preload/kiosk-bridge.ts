import type { ChannelAllowList } from '../common/contract/channel-allow-list';
import { EVENT_CHANNEL } from '../common/contract/channels';
import { Emitter } from '../common/events/emitter';
import type { RpcEventMessage, RpcResult } from '../common/rpc/rpc-link';

/**
 * What the preload hands the page as `window.kioskBridge` (renderer/src/platform/ipc-link.ts
 * declares the same shape). Two functions, nothing else: the page never sees ipcRenderer, an
 * IpcRendererEvent (whose `sender` is ipcRenderer itself) or any channel outside the contract.
 */
export interface KioskBridge {
  invoke(methodName: string, input: unknown): Promise<RpcResult>;
  subscribe(listener: (event: RpcEventMessage) => void): () => void;
}

/** The part of Electron's ipcRenderer the bridge uses, so tests can pass a fake. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createKioskBridge(ipc: IpcRendererLike, allow: ChannelAllowList): KioskBridge {
  const events = new Emitter<RpcEventMessage>();
  // One ipcRenderer listener however many subscribers, attached only while someone listens.
  const onEvent = (_event: unknown, message: unknown): void => {
    if (typeof message !== 'object' || message === null) return;
    const { name, payload } = message as Record<string, unknown>;
    if (!allow.isEvent(name)) return;
    events.fire({ name: name as string, payload });
  };

  return {
    invoke(methodName, input) {
      const channel = allow.channelFor(methodName);
      if (channel === undefined) {
        // The same answer the host gives for a method it does not know.
        return Promise.resolve({ ok: false, error: { code: 'not-found', message: `未知的功能：${String(methodName)}` } });
      }
      return ipc.invoke(channel, input) as Promise<RpcResult>;
    },
    subscribe(listener) {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      if (events.size === 0) ipc.on(EVENT_CHANNEL, onEvent);
      const unsubscribe = events.on(listener);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        unsubscribe();
        if (events.size === 0) ipc.removeListener(EVENT_CHANNEL, onEvent);
      };
    },
  };
}
