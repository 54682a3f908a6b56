import { Emitter } from '../../../electron/common/events/emitter';
import type { RpcEventMessage, RpcLink, RpcResult } from '../../../electron/common/rpc/rpc-link';

/**
 * The loopback HTTP link (browser kiosk, editors' preview, e2e tests): POST for calls,
 * server-sent events for events. The host serves this page, so the API is same-origin.
 */
export function createHttpLink(baseUrl: string = window.location.origin): RpcLink {
  const events = new Emitter<RpcEventMessage>();
  let source: EventSource | undefined;

  const ensureEventSource = (): void => {
    if (source) return;
    source = new EventSource(`${baseUrl}/api/events`);
    source.onmessage = (message: MessageEvent<string>) => {
      let event: RpcEventMessage;
      try {
        event = JSON.parse(message.data) as RpcEventMessage;
      } catch {
        return;
      }
      events.fire(event);
    };
  };

  return {
    async invoke(methodName, input) {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/api/call/${encodeURIComponent(methodName)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: input === undefined ? '' : JSON.stringify(input),
        });
      } catch {
        return { ok: false, error: { code: 'unavailable', message: '暂时连不上服务，请稍后再试' } };
      }
      try {
        return (await response.json()) as RpcResult;
      } catch {
        return { ok: false, error: { code: 'internal', message: '系统暂时出了点问题，请稍后再试' } };
      }
    },
    subscribe(listener) {
      const unsubscribe = events.on(listener);
      ensureEventSource();
      return () => {
        unsubscribe();
        if (events.size === 0) {
          source?.close();
          source = undefined;
        }
      };
    },
  };
}
