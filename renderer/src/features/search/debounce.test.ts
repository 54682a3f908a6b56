import { describe, expect, it } from 'vitest';
import { createDebouncer, type Timers } from './debounce';

/** A hand-driven clock: advance(ms) runs every timer that is due, in order. */
function fakeTimers() {
  let now = 0;
  let nextId = 1;
  const due = new Map<number, { at: number; callback: () => void }>();
  const timers: Timers = {
    set(callback, ms) {
      const id = nextId++;
      due.set(id, { at: now + ms, callback });
      return id;
    },
    clear(handle) {
      due.delete(handle as number);
    },
  };
  const advance = (ms: number): void => {
    const until = now + ms;
    for (;;) {
      const next = [...due.entries()].filter(([, timer]) => timer.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) break;
      due.delete(next[0]);
      now = next[1].at;
      next[1].callback();
    }
    now = until;
  };
  return { timers, advance, pendingCount: () => due.size };
}

describe('createDebouncer', () => {
  it('fires once with the last value after a quiet period', () => {
    const clock = fakeTimers();
    const fired: string[] = [];
    const debouncer = createDebouncer<string>((value) => fired.push(value), 300, clock.timers);
    debouncer.push('l');
    clock.advance(100);
    debouncer.push('ld');
    clock.advance(100);
    debouncer.push('ldh');
    clock.advance(299);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toEqual(['ldh']);
    clock.advance(1000);
    expect(fired).toEqual(['ldh']);
  });

  it('fires again for input after the first quiet period', () => {
    const clock = fakeTimers();
    const fired: string[] = [];
    const debouncer = createDebouncer<string>((value) => fired.push(value), 300, clock.timers);
    debouncer.push('押');
    clock.advance(300);
    debouncer.push('押金');
    clock.advance(300);
    expect(fired).toEqual(['押', '押金']);
  });

  it('flush fires at once with the pending value and leaves no timer behind', () => {
    const clock = fakeTimers();
    const fired: string[] = [];
    const debouncer = createDebouncer<string>((value) => fired.push(value), 300, clock.timers);
    debouncer.push('工资');
    debouncer.flush();
    expect(fired).toEqual(['工资']);
    expect(clock.pendingCount()).toBe(0);
    debouncer.flush();
    expect(fired).toEqual(['工资']);
  });

  it('cancel drops the pending value', () => {
    const clock = fakeTimers();
    const fired: string[] = [];
    const debouncer = createDebouncer<string>((value) => fired.push(value), 300, clock.timers);
    debouncer.push('工资');
    debouncer.cancel();
    clock.advance(1000);
    expect(fired).toEqual([]);
    expect(clock.pendingCount()).toBe(0);
  });
});
