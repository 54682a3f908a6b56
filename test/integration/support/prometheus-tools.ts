import { execFileSync, spawnSync } from 'node:child_process';

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

/** Runs a tool; returns its output, or throws with the output when it fails. */
export function runTool(file: string, args: string[], cwd?: string): string {
  try {
    return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...(cwd ? { cwd } : {}) });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${file} ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}${e.message}`);
  }
}
