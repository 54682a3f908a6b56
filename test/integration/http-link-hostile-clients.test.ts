import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { method, type ContractShape } from '../../electron/common/contract/define-contract';
import { RpcServer } from '../../electron/common/rpc/rpc-server';
import { startHttpLinkServer, type RunningHttpLinkServer } from '../../electron/node/http/http-link-server';
import { createMemoryLogger } from '../../electron/node/system/logger';

/** Hostile local callers against the loopback HTTP link: malformed paths, slow-loris, idle and never-reading clients. */
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

/** Resolves when the socket is closed by the server (or after `ms`, with false); reads (and discards) what arrives. */
function closedWithin(socket: Socket, ms: number): Promise<boolean> {
  socket.resume();
  return new Promise((resolve) => {
    if (socket.destroyed) {
      resolve(true);
      return;
    }
    const timer = setTimeout(() => resolve(false), ms);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.on('error', () => undefined);
    socket.once('error', reject);
  });
}

describe('HTTP link against slow and greedy clients', () => {
  const logger = createMemoryLogger();
  let rpc: RpcServer;
  let server: RunningHttpLinkServer;
  const host = () => `127.0.0.1:${String(server.port)}`;
  const call = () =>
    rawRequest(server.port, {
      method: 'POST',
      path: '/api/call/probe.echo',
      headers: { host: host(), 'content-type': 'application/json' },
      body: '{"text":"still here"}',
    });

  beforeAll(async () => {
    rpc = new RpcServer(contract, { probe: { echo: (input: { text: string }) => input } });
    server = await startHttpLinkServer({
      rpc,
      port: 0,
      logger,
      limits: {
        maxConnections: 20,
        maxEventStreams: 3,
        headersTimeoutMs: 600,
        requestTimeoutMs: 1200,
        keepAliveTimeoutMs: 500,
        checkIntervalMs: 100,
        idleTimeoutMs: 2000,
        maxEventBacklogBytes: 256 * 1024,
      },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('closes slow-loris connections that never finish their headers, and keeps answering others', async () => {
    const sockets = await Promise.all(Array.from({ length: 10 }, () => openSocket(server.port)));
    const drip = setInterval(() => {
      for (const s of sockets) if (!s.destroyed) s.write('X-Slow: 1\r\n');
    }, 100);
    for (const s of sockets) s.write(`GET /healthz HTTP/1.1\r\nHost: ${host()}\r\n`);
    try {
      expect(JSON.parse((await call()).body)).toEqual({ ok: true, value: { text: 'still here' } });
      const closed = await Promise.all(sockets.map((s) => closedWithin(s, 5000)));
      expect(closed.every(Boolean)).toBe(true);
    } finally {
      clearInterval(drip);
      for (const s of sockets) s.destroy();
    }
  });

  it('caps open connections and closes idle ones, after which calls are answered again', async () => {
    const idle = await Promise.all(Array.from({ length: 30 }, () => openSocket(server.port).catch(() => null)));
    const open = idle.filter((s): s is Socket => s !== null);
    // Beyond maxConnections the server closes new sockets at once.
    const firstClosed = await Promise.all(open.map((s) => closedWithin(s, 300)));
    expect(firstClosed.filter(Boolean).length).toBeGreaterThanOrEqual(10);
    // The rest never send a byte: closed as idle.
    const allClosed = await Promise.all(open.map((s) => (s.destroyed ? Promise.resolve(true) : closedWithin(s, 5000))));
    expect(allClosed.every(Boolean)).toBe(true);
    expect(JSON.parse((await call()).body)).toMatchObject({ ok: true });
  });

  it('drops an event stream whose client never reads, caps the streams, and keeps a reading client fed', async () => {
    // The greedy client: asks for events and never reads a byte.
    const greedy = await openSocket(server.port);
    greedy.pause();
    greedy.write(`GET /api/events HTTP/1.1\r\nHost: ${host()}\r\n\r\n`);
    // A well-behaved client.
    const received: string[] = [];
    const reader = request({ host: '127.0.0.1', port: server.port, path: '/api/events', headers: { host: host() } }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (c: string) => received.push(c));
    });
    reader.end();
    await new Promise((r) => setTimeout(r, 200));
    const pad = 'x'.repeat(16 * 1024);
    const dropped = () => logger.lines.some((l) => l.event === 'http.event-stream-dropped');
    // Up to 64 MiB of events: far more than any socket buffer holds.
    for (let n = 0; n < 4096 && !dropped(); n++) {
      rpc.emit('probe.onDidTick', { n, pad });
      // 128 KiB at a time, then a pause in which a reading client catches up.
      if (n % 8 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    expect(dropped()).toBe(true);
    const backlog = logger.lines.find((l) => l.event === 'http.event-stream-dropped')?.fields['backlogBytes'] as number;
    expect(backlog).toBeLessThan(256 * 1024 + 64 * 1024);
    // Once it reads, it finds the stream closed by the server.
    expect(await closedWithin(greedy, 5000)).toBe(true);
    rpc.emit('probe.onDidTick', { n: -1, pad: 'last' });
    for (let i = 0; i < 50 && !received.join('').includes('"n":-1'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(received.join('')).toContain('"n":-1');
    expect(logger.lines.filter((l) => l.event === 'http.event-stream-dropped')).toHaveLength(1);
    // Streams are capped: the 4th and later are refused with 503.
    const opened: Array<{ destroy(): void }> = [];
    const extra = await Promise.all(
      Array.from(
        { length: 4 },
        () =>
          new Promise<number>((resolve) => {
            const req = request({ host: '127.0.0.1', port: server.port, path: '/api/events', headers: { host: host() } }, (res) => {
              opened.push(res);
              res.resume();
              resolve(res.statusCode ?? 0);
            });
            req.on('error', () => resolve(0));
            req.end();
          }),
      ),
    );
    for (const res of opened) res.destroy();
    expect(extra.filter((s) => s === 200)).toHaveLength(2);
    expect(extra.filter((s) => s === 503)).toHaveLength(2);
    reader.destroy();
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});
