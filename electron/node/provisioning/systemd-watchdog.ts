import { execFile } from 'node:child_process';
import type { Logger } from '../system/logger';
import { errorMessage } from '../../common/errors/error-message';

export type NotifyExec = (args: string[]) => Promise<void>;

const systemdNotify: NotifyExec = (args) =>
  new Promise((resolve, reject) => {
    execFile('systemd-notify', args, { timeout: 5_000 }, (error) => (error ? reject(error) : resolve()));
  });

export interface SystemdWatchdog {
  /** Tell systemd the kiosk is up (Type=notify units wait for this). */
  ready(): void;
  stop(): void;
}

/**
 * sd_notify for the shipped unit (scripts/packaging/linux/fatong-kiosk.service: Type=notify,
 * WatchdogSec=, NotifyAccess=all). Node cannot send on a Unix datagram socket, so the messages go
 * through the `systemd-notify` tool, which waits for systemd to process them (BARRIER) — hence
 * NotifyAccess=all in the unit. Pings every WATCHDOG_USEC/2 from the host's event loop: a hung
 * loop misses them and systemd restarts the kiosk. Does nothing outside systemd (no NOTIFY_SOCKET).
 */
export function startSystemdWatchdog(logger: Logger, env: NodeJS.ProcessEnv = process.env, exec: NotifyExec = systemdNotify): SystemdWatchdog {
  if (!env['NOTIFY_SOCKET']) return { ready() {}, stop() {} };
  const send = (args: string[]) =>
    exec(args).catch((error: unknown) => logger.log('warn', 'watchdog.notify-failed', { args: args.join(' '), error: errorMessage(error) }));
  const usec = Number(env['WATCHDOG_USEC']);
  let timer: NodeJS.Timeout | null = null;
  // WATCHDOG_PID is not checked: in browser mode the unit's main process is npm/tsx and the host
  // is its child (NotifyAccess=all lets it ping).
  if (usec > 0) {
    const everyMs = Math.max(1000, Math.floor(usec / 1000 / 2));
    timer = setInterval(() => void send(['WATCHDOG=1']), everyMs);
    timer.unref();
    logger.log('info', 'watchdog.started', { everyMs });
  }
  return {
    ready() {
      void send(['--ready', `--status=Fatong kiosk running (pid ${String(process.pid)})`]);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
      void send(['STOPPING=1']);
    },
  };
}

/** Exit codes the shells use for admin requests; the systemd unit restarts on every code except EXIT_LEAVE_KIOSK. */
export const EXIT_RESTART = 75;
export const EXIT_LEAVE_KIOSK = 64;
