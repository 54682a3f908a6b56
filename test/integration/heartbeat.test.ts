import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HeartbeatSender, type HeartbeatPayload } from '../../electron/node/provisioning/heartbeat';
import { renderMetrics, startMetricsServer } from '../../electron/node/provisioning/metrics-server';
import { createMemoryLogger } from '../../electron/node/system/logger';

/** A monitoring endpoint: records each POST (idempotency key + body); can be down, or answer 500. */
class BeatServer {
  received: Array<{ key: string; body: { beatId: string; counts: { byMetric: Record<string, number> } } }> = [];
  failNext = 0;
  private server: Server | null = null;
  constructor(readonly port: number) {}
  async up(): Promise<void> {
    const server = createServer((req: IncomingMessage, res) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString('utf8')));
      req.on('end', () => {
        if (this.failNext > 0) {
          this.failNext--;
          res.writeHead(500).end();
          return;
        }
        this.received.push({ key: String(req.headers['idempotency-key']), body: JSON.parse(data) as BeatServer['received'][number]['body'] });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.server = server;
  }
  async down(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

let sessions = 0;
const snapshot = (): HeartbeatPayload => ({
  terminalId: 'test-01',
  appVersion: '0.1.0',
  versions: { content: 'fatong-default@0.1.0', laws: null },
  devices: { printer: { state: 'ready' }, idReader: { state: 'offline', detail: '/dev/ttyUSB0: no answer' } },
  counts: { date: '2026-11-22', byMetric: { session: sessions } },
  lastError: null,
});

const dirs: string[] = [];
const servers: BeatServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.down();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('heartbeat', () => {
  it('queues beats on disk during an outage and delivers every one once, in order, when the server returns', async () => {
    const queueDir = mkdtempSync(path.join(tmpdir(), 'fatong-beat-'));
    dirs.push(queueDir);
    const server = new BeatServer(await freePort());
    servers.push(server);
    const logger = createMemoryLogger();
    const sender = new HeartbeatSender({ url: `http://127.0.0.1:${String(server.port)}/beat`, intervalMs: 60_000, queueDir, snapshot, logger, requestTimeoutMs: 2000 });

    // Outage: nothing listens. Five beats, one every "interval" (driven directly).
    for (let i = 1; i <= 5; i++) {
      sessions = i;
      await sender.beat();
    }
    expect(sender.queued()).toHaveLength(5);
    expect(server.received).toHaveLength(0);
    expect(logger.lines.filter((l) => l.event === 'heartbeat.send-failed')).toHaveLength(1);

    // The kiosk restarts during the outage: a new sender finds the queue.
    const restarted = new HeartbeatSender({ url: `http://127.0.0.1:${String(server.port)}/beat`, intervalMs: 60_000, queueDir, snapshot, logger, requestTimeoutMs: 2000 });
    sessions = 6;
    await restarted.beat();
    expect(restarted.queued()).toHaveLength(6);

    // The server comes back but fails once (500): the beat stays queued and is not skipped.
    await server.up();
    server.failNext = 1;
    await restarted.flush();
    expect(restarted.queued()).toHaveLength(6);
    await restarted.flush();
    expect(restarted.queued()).toHaveLength(0);

    sessions = 7;
    await restarted.beat();
    const counts = server.received.map((r) => r.body.counts.byMetric['session']);
    expect(counts).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const keys = server.received.map((r) => r.key);
    expect(new Set(keys).size).toBe(7);
    expect(keys).toEqual(server.received.map((r) => r.body.beatId));
    expect(logger.lines.some((l) => l.event === 'heartbeat.delivered-after-outage')).toBe(true);
  });
});

describe('Prometheus metrics', () => {
  it('serves the heartbeat figures as text on 127.0.0.1/metrics', async () => {
    const metrics = await startMetricsServer(0, () => ({ ...snapshot(), uptimeSeconds: 12, heartbeatQueued: 3 }));
    try {
      const res = await fetch(`http://127.0.0.1:${String(metrics.port)}/metrics`);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0.0.4/);
      const text = await res.text();
      expect(text).toContain('fatong_up{terminal="test-01"} 1');
      expect(text).toContain('fatong_device_state{terminal="test-01",device="printer",state="ready"} 1');
      expect(text).toContain('fatong_device_state{terminal="test-01",device="idReader",state="offline"} 1');
      expect(text).toContain('fatong_device_state{terminal="test-01",device="idReader",state="ready"} 0');
      expect(text).toContain('fatong_heartbeat_queued{terminal="test-01"} 3');
      expect(text).toMatch(/fatong_usage_today\{terminal="test-01",metric="session"\} \d+/);
      expect((await fetch(`http://127.0.0.1:${String(metrics.port)}/other`)).status).toBe(404);
      expect(metrics.server.address()).toMatchObject({ address: '127.0.0.1' });
    } finally {
      await metrics.close();
    }
  });

  it('escapes label values', () => {
    expect(renderMetrics({ ...snapshot(), terminalId: 'a"b\\c', uptimeSeconds: 0, heartbeatQueued: null })).toContain('terminal="a\\"b\\\\c"');
  });
});
