import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../../scripts/lib/repo-paths';
import { openPtyPair, type PtyPair } from '../../../native-adapters/transport/pty/socat-pty-pair';

const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');

/**
 * A device simulator CLI (`printer-sim`, `idcard-sim`) running as its own process on one end of
 * a socat pty pair, for tests that drive the kiosk-side CLI against the other end. `cleanup()`
 * in afterEach stops the simulator, closes the pair and removes temp folders.
 */
export class SimulatorHarness {
  pair: PtyPair | undefined;
  private sim: ChildProcess | undefined;
  private readonly dirs: string[] = [];

  tempDir(prefix: string): string {
    const dir = mkdtempSync(path.join(tmpdir(), prefix));
    this.dirs.push(dir);
    return dir;
  }

  /** Starts `npm run cli -- <command> --link <pty> …args` and waits for its banner; returns its output so far. */
  async start(command: string, args: string[], banner: string, env: NodeJS.ProcessEnv = process.env): Promise<{ port: string; output: string }> {
    this.pair = await openPtyPair();
    const sim = spawn(tsx, ['scripts/cli/main.ts', command, '--link', this.pair.b, ...args], { cwd: repoRoot, env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.sim = sim;
    let output = '';
    sim.stdout?.on('data', (d: Buffer) => (output += d.toString('utf8')));
    const started = Date.now();
    while (!output.includes(banner)) {
      if (sim.exitCode !== null) throw new Error(`${command} exited ${String(sim.exitCode)}: ${output}`);
      if (Date.now() - started > 20_000) throw new Error(`${command} did not start: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { port: this.pair.a, output };
  }

  async cleanup(): Promise<void> {
    const sim = this.sim;
    if (sim && sim.exitCode === null) {
      const exited = new Promise((resolve) => sim.once('exit', resolve));
      sim.kill('SIGTERM');
      await exited;
    }
    this.sim = undefined;
    await this.pair?.close();
    this.pair = undefined;
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs one kiosk-side CLI command to completion (`npm run cli -- <command> …`). */
export function runCliProcess(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs: number }): SpawnSyncReturns<string> {
  return spawnSync(tsx, ['scripts/cli/main.ts', command, ...args], {
    cwd: repoRoot,
    env: options.env ?? process.env,
    encoding: 'utf8',
    timeout: options.timeoutMs,
  });
}
