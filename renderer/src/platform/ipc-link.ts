import type { RpcEventMessage, RpcLink, RpcResult } from '../../../electron/common/rpc/rpc-link';

/** What electron/preload/kiosk.preload.ts exposes through contextBridge. */
export interface KioskBridge {
  invoke(methodName: string, input: unknown): Promise<RpcResult>;
  subscribe(listener: (event: RpcEventMessage) => void): () => void;
}

declare global {
  interface Window {
    readonly kioskBridge?: KioskBridge;
  }
}

export function getKioskBridge(): KioskBridge | undefined {
  return window.kioskBridge;
}

/** The Electron IPC link: a thin wrapper, the preload does the channel allow-listing. */
export function createIpcLink(bridge: KioskBridge): RpcLink {
  return {
    invoke: (methodName, input) => bridge.invoke(methodName, input),
    subscribe: (listener) => bridge.subscribe(listener),
  };
}
