import { execFileSync } from 'node:child_process';
import { requireTool } from '../../../scripts/lib/prometheus-process';

export { requireTool };

/** Runs a tool; returns its output, or throws with the output when it fails. */
export function runTool(file: string, args: string[], cwd?: string): string {
  try {
    return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...(cwd ? { cwd } : {}) });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${file} ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}${e.message}`, { cause: error });
  }
}
