import { channelForMethod } from './channels';
import type { ContractShape } from './define-contract';

/** The contract's method and event names: all the Electron preload needs to know of it. */
export interface ContractNames {
  methods: readonly string[];
  events: readonly string[];
}

/**
 * Read from the contract itself, so the preload's allow-list cannot drift from what the host
 * serves. scripts/build/build-electron.ts computes this at build time and injects it into the
 * preload as a literal, which keeps zod (the schemas) out of the sandboxed preload bundle.
 */
export function contractNames(contract: ContractShape): ContractNames {
  return { methods: Object.keys(contract.methods), events: Object.keys(contract.events) };
}

export interface ChannelAllowList {
  /** The IPC channel for a contract method; undefined for anything else (wrong type included). */
  channelFor(methodName: unknown): string | undefined;
  /** Whether an incoming event name is one the contract declares. */
  isEvent(name: unknown): boolean;
  readonly channels: readonly string[];
}

export function createChannelAllowList(names: ContractNames): ChannelAllowList {
  // A Map, not an object: '__proto__' or 'constructor' can never look like a method.
  const methods = new Map(names.methods.map((name) => [name, channelForMethod(name)] as const));
  const events = new Set(names.events);
  return {
    channelFor: (methodName) => (typeof methodName === 'string' ? methods.get(methodName) : undefined),
    isEvent: (name) => typeof name === 'string' && events.has(name),
    channels: [...methods.values()],
  };
}
