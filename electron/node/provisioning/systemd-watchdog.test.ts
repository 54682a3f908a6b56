import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryLogger } from '../system/logger';
import { startSystemdWatchdog } from './systemd-watchdog';

afterEach(() => {
  vi.useRealTimers();
});

describe('systemd watchdog', () => {
  it('does nothing outside systemd', () => {
    const exec = vi.fn(() => Promise.resolve());
    const w = startSystemdWatchdog(createMemoryLogger(), {}, exec);
    w.ready();
    w.stop();
    expect(exec).not.toHaveBeenCalled();
  });

  it('sends READY=1 and pings at half of WatchdogSec', () => {
    vi.useFakeTimers();
    const calls: string[][] = [];
    const w = startSystemdWatchdog(createMemoryLogger(), { NOTIFY_SOCKET: '/run/user/1000/systemd/notify', WATCHDOG_USEC: '60000000' }, (args) => {
      calls.push(args);
      return Promise.resolve();
    });
    w.ready();
    expect(calls[0]?.[0]).toBe('--ready');
    vi.advanceTimersByTime(29_999);
    expect(calls.filter((c) => c[0] === 'WATCHDOG=1')).toHaveLength(0);
    vi.advanceTimersByTime(1);
    vi.advanceTimersByTime(60_000);
    expect(calls.filter((c) => c[0] === 'WATCHDOG=1')).toHaveLength(3);
    w.stop();
    vi.advanceTimersByTime(120_000);
    expect(calls.filter((c) => c[0] === 'WATCHDOG=1')).toHaveLength(3);
    expect(calls.at(-1)).toEqual(['STOPPING=1']);
  });

  it('logs a failed notification instead of throwing', async () => {
    const logger = createMemoryLogger();
    const w = startSystemdWatchdog(logger, { NOTIFY_SOCKET: '/nonexistent' }, () => Promise.reject(new Error('Connection refused')));
    w.ready();
    await new Promise((r) => setTimeout(r, 0));
    expect(logger.lines.find((l) => l.event === 'watchdog.notify-failed')?.fields['error']).toBe('Connection refused');
  });
});
