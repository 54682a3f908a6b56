import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { method } from '../contract/define-contract';
import { KioskError } from '../contract/kiosk-error';
import { createDirectLink } from './direct-link';
import { createRpcClient } from './rpc-client';
import { RpcServer } from './rpc-server';

const contract = {
  methods: {
    'math.add': method(z.object({ a: z.number(), b: z.number() }), z.object({ sum: z.number() })),
    'math.explode': method(z.undefined(), z.object({})),
    'math.refuse': method(z.undefined(), z.object({})),
    'profile.get': method(z.undefined(), z.object({ name: z.string() })),
  },
  events: {
    'math.onDidAdd': z.object({ sum: z.number() }),
  },
} as const;

function setup() {
  const internalErrors: string[] = [];
  const impl = {
    math: {
      add: ({ a, b }: { a: number; b: number }) => {
        server.emit('math.onDidAdd', { sum: a + b });
        return { sum: a + b };
      },
      explode: () => {
        throw new Error('disk on fire at /secret/path');
      },
      refuse: () => {
        throw new KioskError('unavailable', '打印机暂时不能使用');
      },
    },
    // Returns a field the contract does not declare: it must not cross the boundary.
    profile: { get: () => ({ name: '张三', idNumber: '110101199003071234' }) },
  };
  const server: RpcServer = new RpcServer(contract, impl, { onInternalError: (m) => internalErrors.push(m) });
  const api = createRpcClient(contract, createDirectLink(server));
  return { api, server, internalErrors };
}

describe('RPC over a link', () => {
  it('calls a method with typed input and output', async () => {
    const { api } = setup();
    await expect(api.math.add({ a: 2, b: 3 })).resolves.toEqual({ sum: 5 });
  });

  it('rejects invalid input before the implementation runs, with a readable message', async () => {
    const { api } = setup();
    // @ts-expect-error — wrong type on purpose
    const call = api.math.add({ a: 'two', b: 3 });
    await expect(call).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(call).rejects.toThrow(/a/);
  });

  it('turns unexpected failures into a generic message and reports them to the host only', async () => {
    const { api, internalErrors } = setup();
    const call = api.math.explode();
    await expect(call).rejects.toMatchObject({ code: 'internal' });
    await expect(call).rejects.not.toThrow(/secret/);
    expect(internalErrors).toContain('math.explode');
  });

  it('passes KioskErrors through with their plain-Chinese message', async () => {
    const { api } = setup();
    await expect(api.math.refuse()).rejects.toMatchObject({ code: 'unavailable', message: '打印机暂时不能使用' });
  });

  it('strips fields the contract does not declare', async () => {
    const { api } = setup();
    const profile = await api.profile.get();
    expect(profile).toEqual({ name: '张三' });
    expect(JSON.stringify(profile)).not.toContain('1101011990');
  });

  it('delivers events to subscribers and stops after unsubscribe', async () => {
    const { api } = setup();
    const seen: number[] = [];
    const off = api.events.on('math.onDidAdd', (payload) => seen.push(payload.sum));
    await api.math.add({ a: 1, b: 1 });
    off();
    await api.math.add({ a: 5, b: 5 });
    expect(seen).toEqual([2]);
  });

  it('answers not-found for a method outside the contract', async () => {
    const { server } = setup();
    const result = await server.handle('math.__proto__', undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const constructorCall = await server.handle('constructor', undefined);
    expect(constructorCall.ok).toBe(false);
  });

  it('refuses to emit an event that is not in the contract or has the wrong shape', () => {
    const { server } = setup();
    expect(() => server.emit('math.onDidVanish', {})).toThrow(/not in the contract/);
    expect(() => server.emit('math.onDidAdd', { sum: 'x' })).toThrow();
  });
});
