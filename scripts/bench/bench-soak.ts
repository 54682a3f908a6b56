/**
 * `npm run bench:soak`: 1,000 scripted resident sessions against a real KioskHost (embedded
 * content, real SQLite statistics) over the loopback HTTP link, with one event-stream client
 * connected throughout. Prints RSS and heap at the start, the middle and the end, the calls made,
 * and the time per session; the memory figures should stay flat (no growth per session).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KioskHost } from '../../electron/node/host/kiosk-host';
import { startHttpLinkServer } from '../../electron/node/http/http-link-server';
import { createMemoryLogger } from '../../electron/node/system/logger';
import { appVersion, defaultContentDir } from '../lib/repo-paths';

const SESSIONS = Number(process.env['SOAK_SESSIONS'] ?? 1000);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const QUERIES = ['欠工资', '离婚 孩子抚养', '欧阳某某 欠钱', '租房押金不退', '交通事故赔偿', '火星移民', '劳动合同', '借条', '张三欠我钱', '工伤认定'];

const dataDir = mkdtempSync(path.join(tmpdir(), 'fatong-soak-'));
const host = new KioskHost({ dataDir, appVersion: appVersion(), contentDir: defaultContentDir, logger: createMemoryLogger() });
const server = await startHttpLinkServer({ rpc: host.rpc, port: 0, logger: createMemoryLogger() });
let calls = 0;

async function call(method: string, input?: unknown): Promise<unknown> {
  calls++;
  const response = await fetch(`${server.url}api/call/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: input === undefined ? '' : JSON.stringify(input),
  });
  const result = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!result.ok) throw new Error(`${method}: ${result.error?.message ?? 'failed'}`);
  return result.value;
}

// One page listening for events, as the kiosk's renderer does.
let eventBytes = 0;
const events = request({ host: '127.0.0.1', port: server.port, path: '/api/events' }, (res) => res.on('data', (c: Buffer) => (eventBytes += c.length)));
events.end();

function memory(label: string): void {
  global.gc?.();
  const m = process.memoryUsage();
  console.log(
    `${label.padEnd(8)} rss ${mb(m.rss).padStart(9)}  heapUsed ${mb(m.heapUsed).padStart(9)}  external ${mb(m.external).padStart(8)}  calls ${String(calls).padStart(6)}`,
  );
}

const procedures = (await call('procedures.list')) as Array<{ id: string }>;
memory('start');
const started = performance.now();
for (let i = 0; i < SESSIONS; i++) {
  await call('system.getInfo');
  await call('attract.get');
  const text = QUERIES[i % QUERIES.length]!;
  await call('search.suggest', { text: text.slice(0, 2) });
  const result = (await call('search.query', { text, limit: 10 })) as { qa: Array<{ id: string }>; articles: Array<{ key: string }> };
  if (result.qa[0]) await call('qa.get', { id: result.qa[0].id });
  const procedure = procedures[i % procedures.length];
  if (procedure) await call('procedures.get', { id: procedure.id });
  await call('content.status');
  await call('session.end', { reason: i % 3 === 0 ? 'idle' : 'home' });
  if (i + 1 === SESSIONS / 2) memory('middle');
}
const ms = performance.now() - started;
memory('end');
console.log(
  `${String(SESSIONS)} sessions, ${String(calls)} calls in ${(ms / 1000).toFixed(1)} s (${(ms / SESSIONS).toFixed(1)} ms per session); event stream received ${String(eventBytes)} bytes`,
);
events.destroy();
await server.close();
await host.closeAsync();
rmSync(dataDir, { recursive: true, force: true });
