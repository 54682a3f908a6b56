/**
 * `npm start -- --web --port 0 --no-open` as a technician would run it: a separate process,
 * one line saying which mode and why, the ready line with the real port, a working kiosk behind
 * it, and a clean exit on SIGTERM. (In the e2e project because its global setup has already
 * built the renderer, so the script does not build it a second time.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/lib/repo-paths';

const READY = /^Kiosk ready at (http:\/\/127\.0\.0\.1:(\d+)\/)$/m;
const MODE = /^Starting the kiosk in browser mode: (.+)\.$/m;

describe('npm start -- --web --port 0 --no-open', () => {
  let child: ChildProcess;
  let dataDir: string;
  let output = '';
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'fatong-start-'));
    child = spawn(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), ['scripts/start/start.ts', '--web', '--port', '0', '--no-open'], {
      cwd: repoRoot,
      env: { ...process.env, KIOSK_DATA_DIR: dataDir, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so cleanup after a failure can reach the node process tsx starts.
      detached: true,
    });
    exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));

    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line within 60 s; output so far:\n${output}`)), 60_000);
      const check = (): void => {
        if (READY.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', check);
      void exited.then(({ code }) => {
        clearTimeout(timer);
        reject(new Error(`start script exited (${code}) before it was ready:\n${output}`));
      });
    });
  });

  afterAll(async () => {
    // Only if a test failed before the stop test: end the group this spec started.
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await exited;
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('says in one line which mode it chose and why, then the real URL', () => {
    const mode = MODE.exec(output);
    expect(mode?.[1]).toContain('--web was given');
    expect(mode?.[1]).toContain('--no-open');
    const ready = READY.exec(output);
    expect(Number(ready?.[2])).toBeGreaterThan(0);
    expect(output.indexOf(mode?.[0] ?? '?')).toBeLessThan(output.indexOf(ready?.[0] ?? '?'));
    expect(output).not.toMatch(/Could not start/);
  });

  it('serves /healthz and the kiosk page, and keeps its data in KIOSK_DATA_DIR', async () => {
    const base = READY.exec(output)?.[1] ?? '';
    const health = await fetch(`${base}healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });

    const page = await fetch(base);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<div id="root"></div>');
    expect(html).toContain('法通');
    const script = /<script[^>]+src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect((await fetch(`${base}${script}`)).status).toBe(200);

    for (const folder of ['db', 'config', 'logs', 'cache']) expect(existsSync(path.join(dataDir, folder))).toBe(true);
    expect(readdirSync(path.join(dataDir, 'logs'))).toContain('kiosk.log');
  });

  it('stops on SIGTERM and frees the port', async () => {
    const base = READY.exec(output)?.[1] ?? '';
    child.kill('SIGTERM');
    const result = await Promise.race([exited, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 15_000))]);
    expect(result, `did not exit; output:\n${output}`).not.toBe('timeout');
    expect(result).toEqual({ code: 0, signal: null });
    await expect(fetch(`${base}healthz`)).rejects.toThrow();
  });
});
