import type { RpcLink } from './rpc-link';
import type { RpcServer } from './rpc-server';

/**
 * In-process link for unit tests and CLI tools. It still round-trips through JSON so that
 * anything that would not survive IPC or HTTP (Dates, Maps, class instances) fails here too.
 */
export function createDirectLink(server: RpcServer): RpcLink {
  const roundTrip = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
  return {
    async invoke(methodName, input) {
      const result = await server.handle(methodName, roundTrip(input));
      return roundTrip(result) as typeof result;
    },
    subscribe(listener) {
      return server.subscribe((event) => listener(roundTrip(event) as typeof event));
    },
  };
}
