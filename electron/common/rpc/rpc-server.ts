import type { z } from 'zod';
import type { ContractShape, MethodSpec } from '../contract/define-contract';
import { KioskError } from '../contract/kiosk-error';
import { Emitter } from '../events/emitter';
import type { RpcEventMessage, RpcResult } from './rpc-link';

/** One validated call on its way to the implementation. */
export interface RpcCall {
  readonly methodName: string;
  readonly spec: MethodSpec;
  readonly input: unknown;
}

/** Runs around every validated call: do something, then `next()` (or throw a KioskError instead). */
export type RpcMiddleware = (call: RpcCall, next: () => Promise<unknown>) => Promise<unknown>;

export interface RpcServerOptions {
  /** Called with unexpected (non-KioskError) failures; the caller only sees a generic message. */
  onInternalError?: (methodName: string, error: unknown) => void;
  /** Outermost first; they see input after validation and before the implementation. */
  middleware?: readonly RpcMiddleware[];
}

/**
 * Serves an implementation of a contract to any link. Input is validated before the
 * implementation sees it; output is parsed on the way out, which also strips fields the
 * contract does not declare (nothing leaks by accident).
 */
export class RpcServer {
  private readonly events = new Emitter<RpcEventMessage>();

  constructor(
    private readonly contract: ContractShape,
    private readonly impl: object,
    private readonly options: RpcServerOptions = {},
  ) {}

  get methodNames(): string[] {
    return Object.keys(this.contract.methods);
  }

  async handle(methodName: string, rawInput: unknown): Promise<RpcResult> {
    const spec: MethodSpec | undefined = Object.hasOwn(this.contract.methods, methodName)
      ? this.contract.methods[methodName as keyof ContractShape['methods']]
      : undefined;
    if (!spec) {
      return { ok: false, error: { code: 'not-found', message: `未知的功能：${methodName}` } };
    }
    const parsedInput = spec.input.safeParse(rawInput);
    if (!parsedInput.success) {
      return { ok: false, error: { code: 'invalid-input', message: describeIssues(parsedInput.error) } };
    }
    try {
      const fn = this.lookup(methodName);
      const call: RpcCall = { methodName, spec, input: parsedInput.data };
      const run = (this.options.middleware ?? []).reduceRight<() => Promise<unknown>>(
        (next, middleware) => () => middleware(call, next),
        async () => fn(parsedInput.data),
      );
      const value: unknown = await run();
      return { ok: true, value: spec.output.parse(value) };
    } catch (error) {
      if (error instanceof KioskError) return { ok: false, error: error.toJSON() };
      this.options.onInternalError?.(methodName, error);
      return { ok: false, error: { code: 'internal', message: '系统暂时出了点问题，请稍后再试' } };
    }
  }

  /** Validates and fans an event out to every connected link. */
  emit(name: string, payload: unknown): void {
    const schema = this.contract.events[name as keyof ContractShape['events']];
    if (!schema) throw new Error(`Event ${name} is not in the contract`);
    const message: RpcEventMessage = { name, payload: schema.parse(payload) };
    this.events.fire(message);
  }

  subscribe(listener: (event: RpcEventMessage) => void): () => void {
    return this.events.on(listener);
  }

  private lookup(methodName: string): (input: unknown) => unknown {
    const [service, member] = methodName.split('.', 2) as [string, string];
    const serviceImpl = (this.impl as Record<string, Record<string, unknown> | undefined>)[service];
    const fn = serviceImpl?.[member];
    if (typeof fn !== 'function') throw new Error(`No implementation for ${methodName}`);
    return (input: unknown) => (fn as (i: unknown) => unknown).call(serviceImpl, input);
  }
}

function describeIssues(error: z.ZodError): string {
  const first = error.issues[0];
  const where = first && first.path.length > 0 ? first.path.join('.') : 'input';
  return `输入有误（${where}）：${first?.message ?? 'invalid'}`;
}

/** Tells `touch` about every call whose contract method is flagged `activity` (see MethodSpec). */
export function activityMiddleware(touch: () => void): RpcMiddleware {
  return (call, next) => {
    if (call.spec.activity) touch();
    return next();
  };
}
