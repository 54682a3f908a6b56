import { channelForMethod, EVENT_CHANNEL } from '../../common/contract/channels';
import type { RpcResult } from '../../common/rpc/rpc-link';
import type { RpcServer } from '../../common/rpc/rpc-server';
import type { Logger } from '../../node/system/logger';
import { isAppUrl } from '../navigation-policy';

/**
 * The Electron IPC link: the host's RpcServer on `kiosk:<service>.<method>` channels (one
 * ipcMain.handle each, only for contract methods) and events on `kiosk:event`. The shapes below
 * are the parts of ipcMain / IpcMainInvokeEvent / WebContents it uses, so tests pass fakes and
 * Electron's real objects fit as they are.
 */
export interface IpcFrame {
  readonly url: string;
  readonly parent: IpcFrame | null;
}

export interface IpcInvokeEvent {
  readonly senderFrame: IpcFrame | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcEventTarget {
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, ...args: unknown[]): void;
}

export interface IpcLinkServerOptions {
  ipcMain: IpcMainLike;
  rpc: RpcServer;
  /** Where events go: the kiosk window's WebContents (looked up per event, windows come and go). */
  targets: () => readonly IpcEventTarget[];
  logger: Logger;
}

export interface IpcLinkServer {
  readonly channels: readonly string[];
  dispose(): void;
}

/**
 * Only the top frame of our own app://kiosk/ page may call. A sub-frame, a page the window was
 * somehow navigated to, or a frame that is already gone (senderFrame null) is refused.
 */
export function isTrustedSender(event: IpcInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

export function attachIpcLinkServer(options: IpcLinkServerOptions): IpcLinkServer {
  const { ipcMain, rpc, logger } = options;
  const channels = rpc.methodNames.map((name) => channelForMethod(name));

  rpc.methodNames.forEach((methodName, index) => {
    ipcMain.handle(channels[index] as string, async (event, input): Promise<RpcResult> => {
      if (!isTrustedSender(event)) {
        logger.log('warn', 'ipc.untrusted-sender', { method: methodName });
        // A rejection, not an RpcResult: the caller is not our renderer and gets nothing to read.
        throw new Error('Refused');
      }
      return rpc.handle(methodName, input);
    });
  });

  const unsubscribe = rpc.subscribe((message) => {
    for (const target of options.targets()) {
      // Events only go to our own page, never to whatever a destroyed or foreign page became.
      if (target.isDestroyed() || !isAppUrl(target.getURL())) continue;
      target.send(EVENT_CHANNEL, message);
    }
  });

  return {
    channels,
    dispose() {
      unsubscribe();
      for (const channel of channels) ipcMain.removeHandler(channel);
    },
  };
}
