import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HeartbeatPayload } from './heartbeat';

export interface MetricsSnapshot extends HeartbeatPayload {
  uptimeSeconds: number;
  heartbeatQueued: number | null;
}

const DEVICE_STATES = ['not-configured', 'connecting', 'ready', 'attention', 'offline'] as const;

function label(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

/** Prometheus text exposition (format 0.0.4) of the same figures the heartbeat carries. */
export function renderMetrics(s: MetricsSnapshot): string {
  const t = `terminal="${label(s.terminalId ?? '')}"`;
  const out: string[] = [];
  const metric = (name: string, help: string, type: 'gauge' | 'counter', rows: Array<[string, number]>) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, value] of rows) out.push(`${name}{${[t, labels].filter(Boolean).join(',')}} ${String(value)}`);
  };
  metric('fatong_up', 'The kiosk host is running.', 'gauge', [['', 1]]);
  metric('fatong_info', 'App and content versions.', 'gauge', [
    [`app_version="${label(s.appVersion)}",content_version="${label(s.versions.content)}",laws_version="${label(s.versions.laws ?? '')}"`, 1],
  ]);
  metric('fatong_uptime_seconds', 'Seconds since the host started.', 'gauge', [['', Math.round(s.uptimeSeconds)]]);
  metric(
    'fatong_device_state',
    'Device state (1 for the current state of each device).',
    'gauge',
    Object.entries(s.devices).flatMap(([device, d]) => DEVICE_STATES.map((state): [string, number] => [`device="${label(device)}",state="${state}"`, d.state === state ? 1 : 0])),
  );
  metric(
    'fatong_usage_today',
    'Usage counts of the current local day by metric (resets at midnight).',
    'gauge',
    Object.entries(s.counts.byMetric).map(([m, v]): [string, number] => [`metric="${label(m)}"`, v]),
  );
  metric('fatong_last_error_timestamp_seconds', 'Time of the latest warning or error in the host log (0 = none since start).', 'gauge', [
    ['', s.lastError ? Math.floor(Date.parse(s.lastError.time) / 1000) : 0],
  ]);
  if (s.heartbeatQueued !== null) metric('fatong_heartbeat_queued', 'Heartbeats waiting to be delivered.', 'gauge', [['', s.heartbeatQueued]]);
  return `${out.join('\n')}\n`;
}

/** GET /metrics on 127.0.0.1 only: a site's existing monitoring scrapes it; nothing else is served. */
export async function startMetricsServer(port: number, snapshot: () => MetricsSnapshot): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    try {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(renderMetrics(snapshot()));
    } catch {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  server.unref();
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
