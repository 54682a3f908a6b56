import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * Debian's Prometheus tools as child processes on loopback, for the integration tests and the
 * fleet benchmark: free ports picked by the OS, readiness polled, output kept for failure messages.
 */

/**
 * Debian's Prometheus tools (`apt-get install prometheus prometheus-alertmanager`; .ci/run installs
 * them). A missing tool fails the test with that line instead of skipping it.
 */
export function requireTool(name: 'prometheus' | 'promtool' | 'prometheus-alertmanager' | 'amtool'): string {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const file = found.stdout.trim();
  if (found.status !== 0 || file === '') throw new Error(`${name} is not installed: apt-get install prometheus prometheus-alertmanager`);
  return file;
}

/** A free TCP port on 127.0.0.1 (the OS picks it; tests never hard-code ports). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface ToolProcess {
  url: string;
  child: ChildProcess;
  /** The last lines it printed (for failure messages). */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

async function waitReady(url: string, child: ChildProcess, output: () => string, headers: Record<string, string>, ms = 30_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${String(child.spawnfile)} exited with ${String(child.exitCode)}:\n${output()}`);
    try {
      const res = await fetch(url, { headers, signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() - start > ms) throw new Error(`${url} not ready within ${String(ms / 1000)} s:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts a Prometheus tool and waits until `readyPath` answers 2xx. */
export async function startTool(file: string, args: string[], url: string, readyPath: string, headers: Record<string, string> = {}): Promise<ToolProcess> {
  const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk: Buffer) => (log = (log + chunk.toString('utf8')).slice(-8000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const output = () => log;
  await waitReady(`${url}${readyPath}`, child, output, headers);
  return {
    url,
    child,
    output,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      await exited;
    },
  };
}
