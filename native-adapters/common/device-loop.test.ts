import { describe, expect, it } from 'vitest';
import { DeviceLoop, type LoopTimer } from './device-loop';

/** Timers that fire only when the test says so. */
function manualTimer(): LoopTimer & { fire(): void; pending(): number[] } {
  const timers = new Map<number, { ms: number; fn: () => void }>();
  let next = 0;
  return {
    setTimer(ms, fn) {
      const id = next++;
      timers.set(id, { ms, fn });
      return () => timers.delete(id);
    },
    fire() {
      const all = [...timers.values()];
      timers.clear();
      for (const t of all) t.fn();
    },
    pending: () => [...timers.values()].map((t) => t.ms),
  };
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('DeviceLoop', () => {
  it('runs the body once until stop, which wakes its sleep and waits for it to return', async () => {
    const timer = manualTimer();
    const loop = new DeviceLoop(timer, () => undefined);
    expect(loop.stopped).toBe(true);
    let turns = 0;
    let starts = 0;
    const body = async () => {
      starts++;
      while (!loop.stopped) {
        turns++;
        await loop.sleep(60_000);
      }
    };
    loop.start(body, () => undefined);
    loop.start(body, () => undefined);
    await tick();
    expect(starts).toBe(1);
    expect(timer.pending()).toEqual([60_000]);
    timer.fire();
    await tick();
    expect(turns).toBe(2);
    await loop.stop();
    expect(loop.stopped).toBe(true);
    expect(timer.pending()).toEqual([]);
    expect(turns).toBe(2);
  });

  it('wake ends a sleep at once and cancels its timer; with no sleep it does nothing', async () => {
    const timer = manualTimer();
    const loop = new DeviceLoop(timer, () => undefined);
    loop.wake();
    let woke = false;
    const sleeping = loop.sleep(15_000).then(() => (woke = true));
    await tick();
    expect(woke).toBe(false);
    loop.wake();
    await sleeping;
    expect(woke).toBe(true);
    expect(timer.pending()).toEqual([]);
  });

  it('logs a crashed body as loop-crashed and hands it to onCrash, once', async () => {
    const logged: Array<[string, unknown]> = [];
    const loop = new DeviceLoop(manualTimer(), (event, fields) => logged.push([event, fields]));
    let crashes = 0;
    loop.start(
      () => Promise.reject(new Error('port exploded')),
      () => crashes++,
    );
    await loop.stop();
    expect(crashes).toBe(1);
    expect(logged).toEqual([['loop-crashed', { error: 'port exploded' }]]);
  });
});
