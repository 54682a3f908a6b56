import { describe, expect, it } from 'vitest';
import { Emitter } from './emitter';

describe('Emitter', () => {
  it('calls listeners in subscription order until each unsubscribes', () => {
    const emitter = new Emitter<number>();
    const seen: string[] = [];
    const stopA = emitter.on((n) => seen.push(`a${String(n)}`));
    emitter.on((n) => seen.push(`b${String(n)}`));
    emitter.fire(1);
    stopA();
    stopA();
    emitter.fire(2);
    expect(seen).toEqual(['a1', 'b1', 'b2']);
    expect(emitter.size).toBe(1);
  });

  it('reports a throwing listener and still runs the others when given onListenerError', () => {
    const errors: unknown[] = [];
    const emitter = new Emitter<string>((error) => errors.push(error));
    const seen: string[] = [];
    emitter.on(() => {
      throw new Error('broken listener');
    });
    emitter.on((v) => seen.push(v));
    emitter.fire('x');
    expect(seen).toEqual(['x']);
    expect(errors).toHaveLength(1);
    expect(new Emitter<string>().size).toBe(0);
  });

  it('lets the error reach fire() without onListenerError', () => {
    const emitter = new Emitter<void>();
    emitter.on(() => {
      throw new Error('broken listener');
    });
    expect(() => emitter.fire()).toThrow('broken listener');
  });
});
