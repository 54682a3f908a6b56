import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DeviceStatusService } from '../../electron/node/services/device-status-service';
import { PrintService } from '../../electron/node/services/print-service';
import { createMemoryLogger } from '../../electron/node/system/logger';
import { createGb18030Encoder } from '../../native-adapters/thermal-printer/node/gb18030';
import { encodeReceipt } from '../../native-adapters/thermal-printer/receipt/encode-receipt';
import { layoutReceipt } from '../../native-adapters/thermal-printer/receipt/layout-receipt';
import { buildQaReceipt } from '../../electron/common/receipts/receipt-builders';
import { sampleHeader, sampleQa } from '../../electron/common/receipts/sample-receipts';
import { PrinterSimulator } from '../../native-adapters/thermal-printer/simulator/printer-simulator';
import { SerialTransport } from '../../native-adapters/transport/serial/serial-transport';

/**
 * Self-healing: the printer goes away (simulator and its pty pair stopped, as when the
 * cable is pulled or the printer is switched off) and comes back on the same device path. The
 * host's PrintService reconnects by itself, and a receipt queued while it was away prints once.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'fatong-replug-'));
const hostSide = path.join(dir, 'printer');
const simSide = path.join(dir, 'sim');
const procs: ChildProcess[] = [];

async function startPair(): Promise<ChildProcess> {
  const socat = spawn('socat', [`pty,raw,echo=0,link=${hostSide}`, `pty,raw,echo=0,link=${simSide}`], { stdio: 'ignore' });
  procs.push(socat);
  const started = Date.now();
  while (!(existsSync(hostSide) && existsSync(simSide))) {
    if (Date.now() - started > 5000) throw new Error('socat did not start');
    await new Promise((r) => setTimeout(r, 20));
  }
  return socat;
}

async function stopPair(socat: ChildProcess): Promise<void> {
  if (socat.exitCode !== null) return;
  const exited = new Promise((r) => socat.once('exit', r));
  socat.kill('SIGTERM');
  await exited;
}

async function startSimulator(): Promise<{ sim: PrinterSimulator; transport: SerialTransport }> {
  const transport = new SerialTransport({ path: simSide, baudRate: 115200 });
  await transport.open();
  const sim = new PrinterSimulator(transport, { paperWidth: 58, png: false });
  sim.start();
  return { sim, transport };
}

function until(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (check()) resolve();
      else if (Date.now() - started > ms) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(tick, 25);
    };
    tick();
  });
}

afterAll(async () => {
  for (const p of procs) await stopPair(p);
  rmSync(dir, { recursive: true, force: true });
});

describe('printer unplugged and replugged', () => {
  it('reconnects on its own and prints the job queued meanwhile exactly once', async () => {
    const encode = createGb18030Encoder();
    const bytes = encodeReceipt(layoutReceipt(buildQaReceipt(sampleHeader, sampleQa), { columns: 32, encode }), encode).bytes;
    let socat = await startPair();
    let { sim, transport } = await startSimulator();
    const devices = new DeviceStatusService();
    const service = new PrintService({
      port: hostSide,
      baudRate: 115200,
      flowControl: 'none',
      dataDir: path.join(dir, 'data'),
      devices,
      logger: createMemoryLogger(),
      busyPollMs: 200,
      idlePollMs: 300,
    });
    service.start();
    try {
      await until(() => devices.getStatus().printer.state === 'ready', 'printer ready');
      const first = service.print({ title: 'before', bytes });
      await until(() => service.status().jobs.find((j) => j.id === first.id)?.state === 'done', 'first job done');
      expect(sim.jobs).toHaveLength(1);

      // Unplugged: simulator and pty pair gone.
      sim.stop();
      await transport.close();
      await stopPair(socat);
      await until(() => devices.getStatus().printer.state === 'offline', 'printer offline');

      const queued = service.print({ title: 'while away', bytes });
      await new Promise((r) => setTimeout(r, 600));
      expect(service.status().jobs.find((j) => j.id === queued.id)?.state).toBe('pending');

      // Plugged back in on the same path: no restart, no action by anyone.
      socat = await startPair();
      ({ sim, transport } = await startSimulator());
      await until(() => service.status().jobs.find((j) => j.id === queued.id)?.state === 'done', 'queued job printed after replug');
      await until(() => devices.getStatus().printer.state === 'ready', 'printer ready again');
      // A few more status polls: nothing is sent twice.
      await new Promise((r) => setTimeout(r, 1000));
      expect(sim.jobs).toHaveLength(1);
      expect(
        service
          .status()
          .jobs.filter((j) => j.state === 'done')
          .map((j) => [j.title, j.sends]),
      ).toEqual(
        expect.arrayContaining([
          ['before', 1],
          ['while away', 1],
        ]),
      );
    } finally {
      await service.stop();
      sim.stop();
      await transport.close();
    }
  }, 60_000);
});
