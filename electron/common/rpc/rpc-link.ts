import type { SerializedKioskError } from '../contract/kiosk-error';

/**
 * What a transport must provide to carry the API. Electron IPC, loopback HTTP + SSE and
 * in-process calls each implement this in a few lines (VS Code's IMessagePassingProtocol idea).
 */
export type RpcResult = { ok: true; value: unknown } | { ok: false; error: SerializedKioskError };

export interface RpcEventMessage {
  name: string;
  payload: unknown;
}

export interface RpcLink {
  invoke(methodName: string, input: unknown): Promise<RpcResult>;
  subscribe(listener: (event: RpcEventMessage) => void): () => void;
}
