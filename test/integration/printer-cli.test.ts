import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliProcess, SimulatorHarness } from './support/cli-process';
import { openPtyPair } from '../../native-adapters/transport/pty/socat-pty-pair';

/** `npm run cli -- printer-sim` and `print-test` as separate processes on a socat pty pair. */
const harness = new SimulatorHarness();
afterEach(() => harness.cleanup());

async function startSim(args: string[]): Promise<{ port: string; out: string }> {
  const out = harness.tempDir('fatong-printer-sim-');
  const { port } = await harness.start('printer-sim', ['--out', out, ...args], 'SIMULATED');
  return { port, out };
}

function printTest(args: string[]) {
  return runCliProcess('print-test', args, { timeoutMs: 60_000 });
}

describe('print-test CLI', () => {
  it('prints the self-test page into the simulator and exits 0; the simulator writes text and PNG', async () => {
    const { port, out } = await startSim([]);
    const result = printTest(['--port', port, '--baud', '115200', '--flow', 'none', '--site', '测试站点']);
    expect(result.stderr).not.toContain('print-test:');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('self-test page printed');
    const started = Date.now();
    while (!readdirSync(out).includes('job-0001.png') && Date.now() - started < 10_000) await new Promise((resolve) => setTimeout(resolve, 50));
    const text = readFileSync(path.join(out, 'job-0001.txt'), 'utf8');
    expect(text).toContain('SIMULATED');
    expect(text).toContain('测试站点');
    expect(text).toContain('打印机自检页');
    expect(text).toContain('中文段落');
    expect(text).toContain('状态：正常');
    expect(text).toMatch(/\[QR M2 M ×6: FATONG-SELFTEST /);
    const png = readFileSync(path.join(out, 'job-0001.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(384 + 16); // 58 mm = 384 dots + margins
  }, 60_000);

  it('exits 1 with the printer state when the printer has no paper, and prints nothing', async () => {
    const { port, out } = await startSim(['--no-paper']);
    const result = printTest(['--port', port, '--baud', '115200', '--flow', 'none']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('paper-out');
    expect(result.stderr).toContain('打印机缺纸，请联系工作人员');
    expect(readdirSync(out)).toEqual([]);
  }, 60_000);

  it('exits 1 "offline" when nothing answers on the port, and 2 on bad arguments', async () => {
    const pair = await openPtyPair(); // nobody on the other end
    harness.pair = pair; // closed by harness.cleanup()
    const silent = printTest(['--port', pair.a, '--flow', 'none', '--timeout', '3']);
    expect(silent.status).toBe(1);
    expect(silent.stderr).toContain('offline');
    expect(printTest(['--baud', '9600']).status).toBe(2);
    expect(printTest(['--port', pair.a, '--width', '76']).status).toBe(2);
  }, 60_000);
});
