import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskContract } from '../../electron/common/contract/kiosk-api';
import type { RpcEventMessage, RpcLink, RpcResult } from '../../electron/common/rpc/rpc-link';
import { createRpcClient } from '../../electron/common/rpc/rpc-client';
import { KioskHost } from '../../electron/node/host/kiosk-host';
import { startHttpLinkServer, type RunningHttpLinkServer } from '../../electron/node/http/http-link-server';
import { createMemoryLogger } from '../../electron/node/system/logger';
import { defaultContentDir } from '../../scripts/lib/repo-paths';

/** A Node-side HTTP link with the same wire format as renderer/src/platform/http-link.ts. */
function nodeHttpLink(base: string): RpcLink & { closeEvents(): void } {
  const controllers: AbortController[] = [];
  return {
    async invoke(methodName, input) {
      const response = await fetch(`${base}api/call/${methodName}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: input === undefined ? '' : JSON.stringify(input),
      });
      return (await response.json()) as RpcResult;
    },
    subscribe(listener) {
      const controller = new AbortController();
      controllers.push(controller);
      void (async () => {
        const response = await fetch(`${base}api/events`, { signal: controller.signal });
        const decoder = new TextDecoder();
        let buffer = '';
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (frame.startsWith('data: ')) listener(JSON.parse(frame.slice(6)) as RpcEventMessage);
          }
        }
      })().catch(() => undefined);
      return () => controller.abort();
    },
    closeEvents() {
      for (const c of controllers) c.abort();
    },
  };
}

function rawRequest(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('loopback HTTP link serving the real host', () => {
  let dataDir: string;
  let staticDir: string;
  let host: KioskHost;
  let server: RunningHttpLinkServer;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'fatong-http-'));
    staticDir = path.join(dataDir, 'static');
    mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>法通</title>');
    writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(path.join(dataDir, 'secret.txt'), 'do not serve');
    host = new KioskHost({ dataDir, appVersion: '9.9.9', contentDir: defaultContentDir, logger: createMemoryLogger() });
    server = await startHttpLinkServer({ rpc: host.rpc, staticDir, port: 0, logger: createMemoryLogger() });
  });

  afterAll(async () => {
    await server.close();
    host.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('binds to 127.0.0.1 only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('carries the typed API: system info with the real 12348 hotline and the embedded content', async () => {
    const api = createRpcClient(kioskContract, nodeHttpLink(server.url));
    const info = await api.system.getInfo();
    expect(info.appVersion).toBe('9.9.9');
    expect(info.content.packId).toBe('fatong-default');
    expect(info.hotlines).toContainEqual({ name: '全国公共法律服务热线', phone: '12348' });
    expect(await api.devices.getStatus()).toEqual({
      printer: { state: 'not-configured' },
      idReader: { state: 'not-configured' },
    });
  });

  it('pushes events over server-sent events', async () => {
    const link = nodeHttpLink(server.url);
    const api = createRpcClient(kioskContract, link);
    const received = new Promise<unknown>((resolve) => api.events.on('devices.onDidChangeStatus', resolve));
    await new Promise((r) => setTimeout(r, 100)); // let the stream connect
    host.devices.report('printer', { state: 'attention', detail: 'paper end' });
    await expect(received).resolves.toMatchObject({ printer: { state: 'attention', detail: 'paper end' } });
    link.closeEvents();
  });

  it('refuses other Host headers (DNS rebinding) and cross-origin calls', async () => {
    const rebinding = await rawRequest(server.port, { path: '/', headers: { host: 'evil.example:80' } });
    expect(rebinding.status).toBe(421);
    const crossOrigin = await rawRequest(server.port, {
      method: 'POST',
      path: '/api/call/system.getInfo',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body: '',
    });
    expect(crossOrigin.status).toBe(403);
    const notJson = await rawRequest(server.port, {
      method: 'POST',
      path: '/api/call/system.getInfo',
      headers: { 'content-type': 'text/plain' },
      body: '',
    });
    expect(notJson.status).toBe(415);
  });

  it('answers unknown methods and malformed bodies with a clear error, not a crash', async () => {
    const unknown = await fetch(`${server.url}api/call/system.format`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const broken = await fetch(`${server.url}api/call/system.getInfo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(broken.status).toBe(400);
  });

  it('serves the renderer with a strict CSP, falls back to index.html for routes, and never escapes its folder', async () => {
    const index = await rawRequest(server.port, { path: '/' });
    expect(index.status).toBe(200);
    expect(String(index.headers['content-security-policy'])).toContain("default-src 'self'");
    expect((await rawRequest(server.port, { path: '/search' })).body).toContain('法通');
    expect((await rawRequest(server.port, { path: '/assets/app.js' })).headers['cache-control']).toContain('immutable');
    expect((await rawRequest(server.port, { path: '/../secret.txt' })).body).not.toContain('do not serve');
    expect((await rawRequest(server.port, { path: '/%2e%2e/secret.txt' })).body).not.toContain('do not serve');
    expect((await rawRequest(server.port, { path: '/assets/missing.js' })).status).toBe(404);
  });
});
