import type { ContractShape, EventSource, ServicesOf, Unsubscribe } from '../contract/define-contract';
import { KioskError } from '../contract/kiosk-error';
import type { RpcLink } from './rpc-link';

export type ClientOf<C extends ContractShape> = ServicesOf<C['methods']> & {
  readonly events: EventSource<C['events']>;
};

/**
 * Turns any link into the typed API object. Replies are validated against the contract
 * here too, so a renderer never trusts a transport blindly.
 */
export function createRpcClient<C extends ContractShape>(contract: C, link: RpcLink): ClientOf<C> {
  const services: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const [methodName, spec] of Object.entries(contract.methods)) {
    const [service, member] = methodName.split('.', 2) as [string, string];
    const table = (services[service] ??= {});
    table[member] = async (input?: unknown) => {
      const result = await link.invoke(methodName, input);
      if (!result.ok) throw KioskError.fromSerialized(result.error);
      return spec.output.parse(result.value);
    };
  }

  const events = {
    on(name: string, listener: (payload: unknown) => void): Unsubscribe {
      const schema = (contract.events as Record<string, ContractShape['events'][keyof ContractShape['events']] | undefined>)[name];
      if (!schema) throw new Error(`Event ${name} is not in the contract`);
      return link.subscribe((message) => {
        if (message.name !== name) return;
        const parsed = schema.safeParse(message.payload);
        if (parsed.success) listener(parsed.data);
      });
    },
  };

  return { ...services, events } as unknown as ClientOf<C>;
}
