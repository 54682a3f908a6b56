import { spawn } from 'node:child_process';
import type { A4Clock, CupsCommandResult, CupsCommands } from '../service/a4-printer-service';

/**
 * Runs the CUPS command-line tools (lp, lpstat, cancel from the `cups-client` package). The
 * document goes to `lp` on stdin, so it is never written to a file by the kiosk. The C locale
 * keeps the output in the format ../codec parses.
 */
export function systemCupsCommands(timeoutMs = 15_000, env: NodeJS.ProcessEnv = process.env): CupsCommands {
  return {
    run(command, args, input) {
      return new Promise<CupsCommandResult>((resolve) => {
        const child = spawn(command, args, { env: { ...env, LANG: 'C', LC_ALL: 'C' }, stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on('data', (c: Buffer) => out.push(c));
        child.stderr.on('data', (c: Buffer) => err.push(c));
        child.on('error', (error) => resolve({ code: -1, stdout: '', stderr: `${command}: ${error.message}` }));
        child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
        child.stdin.on('error', () => undefined);
        child.stdin.end(input ? Buffer.from(input.buffer, input.byteOffset, input.byteLength) : undefined);
      });
    },
  };
}

export const systemA4Clock: A4Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
