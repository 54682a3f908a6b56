import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A real pseudo-terminal pair from socat: bytes written to `a` come out of `b` and back. Device
 * tests and benchmarks put the kiosk's transport on one end and a simulator on the other. Bench
 * and development tooling only: a terminal talks to real serial devices.
 */
export interface PtyPair {
  a: string;
  b: string;
  close(): Promise<void>;
}

export async function openPtyPair(): Promise<PtyPair> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fatong-pty-'));
  const a = path.join(dir, 'a');
  const b = path.join(dir, 'b');
  const socat: ChildProcess = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: 'ignore' });
  const started = Date.now();
  while (!(existsSync(a) && existsSync(b))) {
    if (socat.exitCode !== null) throw new Error(`socat exited with ${String(socat.exitCode)} (is socat installed?)`);
    if (Date.now() - started > 5_000) throw new Error('socat did not create the pty pair within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    a,
    b,
    async close() {
      if (socat.exitCode === null) {
        const exited = new Promise((resolve) => socat.once('exit', resolve));
        socat.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
