import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryLogger } from '../node/system/logger';
import { CrashRecovery, UNRESPONSIVE_GRACE_MS, watchRenderer, type RecoverableWindow } from './crash-recovery';

describe('CrashRecovery back-off', () => {
  it('reloads at once for the first crashes, then backs off up to the cap', () => {
    let now = 0;
    const recovery = new CrashRecovery(() => now, { windowMs: 600_000, immediateReloads: 2, firstDelayMs: 1_000, maxDelayMs: 5_000 });
    const delays = [];
    for (let i = 0; i < 6; i++) {
      delays.push(recovery.recordCrash().delayMs);
      now += 1_000;
    }
    expect(delays).toEqual([0, 0, 1_000, 2_000, 4_000, 5_000]);
  });

  it('forgets crashes older than the window', () => {
    let now = 0;
    const recovery = new CrashRecovery(() => now, { windowMs: 60_000, immediateReloads: 1, firstDelayMs: 1_000, maxDelayMs: 5_000 });
    expect(recovery.recordCrash()).toEqual({ delayMs: 0, recentCrashes: 1 });
    expect(recovery.recordCrash()).toEqual({ delayMs: 1_000, recentCrashes: 2 });
    now = 120_000;
    expect(recovery.recordCrash()).toEqual({ delayMs: 0, recentCrashes: 1 });
  });
});

class FakeContents extends EventEmitter {
  reloads = 0;
  kills = 0;
  reload(): void {
    this.reloads++;
  }
  forcefullyCrashRenderer(): void {
    this.kills++;
    // As Electron does: killing the renderer reports it gone.
    this.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
  }
}

class FakeWindow extends EventEmitter implements RecoverableWindow {
  readonly webContents = new FakeContents();
  destroyed = false;
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

describe('watchRenderer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup() {
    const window = new FakeWindow();
    const log = createMemoryLogger();
    const stop = watchRenderer(window, log, new CrashRecovery(() => Date.now()));
    return { window, log, stop };
  }

  it('reloads the page after the renderer crashes, and logs why', () => {
    const { window, log } = setup();
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    vi.runAllTimers();
    expect(window.webContents.reloads).toBe(1);
    expect(log.lines).toContainEqual({ level: 'error', event: 'renderer.gone', fields: { reason: 'crashed', exitCode: 139 } });
  });

  it('does nothing on a clean exit', () => {
    const { window } = setup();
    window.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    vi.runAllTimers();
    expect(window.webContents.reloads).toBe(0);
  });

  it('kills and reloads a page that stays unresponsive past the grace period, once', () => {
    const { window, log } = setup();
    window.emit('unresponsive');
    vi.advanceTimersByTime(UNRESPONSIVE_GRACE_MS - 1);
    expect(window.webContents.kills).toBe(0);
    vi.advanceTimersByTime(1);
    vi.runAllTimers();
    expect(window.webContents.kills).toBe(1);
    expect(window.webContents.reloads).toBe(1);
    expect(log.lines.map((line) => line.event)).toContain('renderer.unresponsive');
  });

  it('leaves a page alone that becomes responsive again', () => {
    const { window } = setup();
    window.emit('unresponsive');
    vi.advanceTimersByTime(UNRESPONSIVE_GRACE_MS / 2);
    window.emit('responsive');
    vi.runAllTimers();
    expect(window.webContents.kills).toBe(0);
    expect(window.webContents.reloads).toBe(0);
  });

  it('does not reload a destroyed window, and stop() cancels a pending reload', () => {
    const first = setup();
    first.window.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 0 });
    first.window.destroyed = true;
    vi.runAllTimers();
    expect(first.window.webContents.reloads).toBe(0);

    const second = setup();
    second.window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    second.stop();
    vi.runAllTimers();
    expect(second.window.webContents.reloads).toBe(0);
  });
});
