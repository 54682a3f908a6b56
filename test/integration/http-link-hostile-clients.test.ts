import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { method, type ContractShape } from '../../electron/common/contract/define-contract';
import { RpcServer } from '../../electron/common/rpc/rpc-server';
import { startHttpLinkServer, type RunningHttpLinkServer } from '../../electron/node/http/http-link-server';
import { createMemoryLogger } from '../../electron/node/system/logger';

/** Hostile local callers against the loopback HTTP link: malformed paths. */
const contract = {
  methods: { 'probe.echo': method(z.object({ text: z.string() }), z.object({ text: z.string() })) },
  events: { 'probe.onDidTick': z.object({ n: z.number(), pad: z.string() }) },
} satisfies ContractShape;

function rawRequest(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('HTTP link routing is total', () => {
  const logger = createMemoryLogger();
  let rpc: RpcServer;
  let server: RunningHttpLinkServer;
  const headers = (port: number) => ({ host: `127.0.0.1:${String(port)}`, 'content-type': 'application/json' });

  beforeAll(async () => {
    rpc = new RpcServer(contract, { probe: { echo: (input: { text: string }) => input } });
    server = await startHttpLinkServer({ rpc, port: 0, logger });
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers a method name that is not valid percent-encoding with 404 and a body, and logs no error', async () => {
    for (const bad of ['%E0%A4%A', '%', '%ZZ', 'probe.echo%00', '%C0%AF']) {
      const r = await rawRequest(server.port, { method: 'POST', path: `/api/call/${bad}`, headers: headers(server.port), body: '{"text":"x"}' });
      expect(r.status, bad).toBe(404);
      expect(JSON.parse(r.body), bad).toMatchObject({ ok: false, error: { code: 'not-found' } });
    }
    const ok = await rawRequest(server.port, { method: 'POST', path: '/api/call/probe.echo', headers: headers(server.port), body: '{"text":"x"}' });
    expect(JSON.parse(ok.body)).toEqual({ ok: true, value: { text: 'x' } });
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('answers malformed static paths with 404, not 500', async () => {
    for (const bad of ['/%E0%A4%A', '/%', '/assets/%ZZ.js']) {
      const r = await rawRequest(server.port, { path: bad, headers: { host: `127.0.0.1:${String(server.port)}` } });
      expect(r.status, bad).toBe(404);
      expect(r.body.length, bad).toBeGreaterThan(0);
    }
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});
