import type { z } from 'zod';

/**
 * Building blocks of the typed API contract. The contract is plain data (zod schemas), so the
 * same object drives compile-time types, runtime validation at every boundary, and the
 * Electron preload's channel allow-list — the three cannot drift apart.
 */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  /**
   * A call is a resident's activity: it keeps the kiosk from counting as idle (a new content
   * generation waits for an idle moment). False for what screens poll on their own (content status,
   * the attract loop).
   */
  readonly activity: boolean;
}

export interface MethodFlags {
  activity?: boolean;
}

export function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, flags: MethodFlags = {}): MethodSpec<I, O> {
  return { input, output, activity: flags.activity ?? false };
}

/** Method names are `<service>.<method>`; event names are `<service>.onDid<Something>`. */
export type MethodTable = Record<`${string}.${string}`, MethodSpec>;
export type EventTable = Record<`${string}.onDid${string}`, z.ZodType>;

export interface ContractShape {
  readonly methods: MethodTable;
  readonly events: EventTable;
}

type ServiceName<K> = K extends `${infer S}.${string}` ? S : never;
type MemberName<K, S extends string> = K extends `${S}.${infer M}` ? M : never;

/** A callable for one method: the argument is optional when the input schema accepts `undefined`. */
export type MethodFn<Spec extends MethodSpec> =
  undefined extends z.input<Spec['input']>
    ? (input?: z.input<Spec['input']>) => Promise<z.output<Spec['output']>>
    : (input: z.input<Spec['input']>) => Promise<z.output<Spec['output']>>;

/** The implementation side receives already-validated (parsed) input. */
export type MethodImpl<Spec extends MethodSpec> = (input: z.output<Spec['input']>) => Promise<z.input<Spec['output']>> | z.input<Spec['output']>;

/** `{ system: { getInfo(): Promise<…> } }` derived from `{ 'system.getInfo': … }`. */
export type ServicesOf<M extends MethodTable> = {
  [S in ServiceName<keyof M>]: {
    [K in MemberName<keyof M, S>]: `${S}.${K}` extends keyof M ? MethodFn<M[`${S}.${K}`]> : never;
  };
};

export type ImplOf<M extends MethodTable> = {
  [S in ServiceName<keyof M>]: {
    [K in MemberName<keyof M, S>]: `${S}.${K}` extends keyof M ? MethodImpl<M[`${S}.${K}`]> : never;
  };
};

export type Unsubscribe = () => void;

export type EventPayload<E extends EventTable, K extends keyof E> = z.output<E[K]>;

export interface EventSource<E extends EventTable> {
  on<K extends keyof E & string>(name: K, listener: (payload: EventPayload<E, K>) => void): Unsubscribe;
}
