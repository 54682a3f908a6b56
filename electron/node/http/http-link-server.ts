import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RpcServer } from '../../common/rpc/rpc-server';
import type { Logger } from '../system/logger';
import { securityHeaders } from './security-headers';
import { serveStatic } from './static-files';
import { errorMessage } from '../../common/errors/error-message';

/**
 * The loopback HTTP link: the same API the Electron IPC link carries, as
 *   POST /api/call/<service>.<method>   body: JSON input   → RpcResult JSON
 *   GET  /api/events                    server-sent events: {name, payload}
 * plus the built renderer as static files. Production code: it is how the kiosk runs in a
 * plain Chromium, how editors preview drafts, and how e2e tests drive the real host.
 * Bound to 127.0.0.1 only; Host and Origin are checked so a web page elsewhere cannot use it.
 */
export interface HttpLinkServerOptions {
  rpc: RpcServer;
  /** Built renderer (dist/renderer). Omit to serve the API only. */
  staticDir?: string;
  port?: number;
  logger: Logger;
}

const MAX_BODY_BYTES = 256 * 1024;

export interface RunningHttpLinkServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startHttpLinkServer(options: HttpLinkServerOptions): Promise<RunningHttpLinkServer> {
  const eventStreams = new Set<ServerResponse>();
  let port = 0;

  const server: Server = createServer((req, res) => {
    void route(req, res).catch((error: unknown) => {
      options.logger.log('error', 'http.unhandled', { error: errorMessage(error) });
      if (!res.headersSent) res.writeHead(500, securityHeaders);
      res.end();
    });
  });

  const allowedHosts = (): Set<string> => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (!allowedHosts().has(host)) {
      res.writeHead(421, securityHeaders).end('Misdirected request');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${host}`);

    if (url.pathname.startsWith('/api/call/')) {
      if (req.method !== 'POST') {
        res.writeHead(405, { ...securityHeaders, allow: 'POST' }).end();
        return;
      }
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) {
        res.writeHead(403, securityHeaders).end('Cross-origin calls are refused');
        return;
      }
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        res.writeHead(415, securityHeaders).end('JSON only');
        return;
      }
      const methodName = decodeURIComponent(url.pathname.slice('/api/call/'.length));
      const body = await readBody(req);
      if (body === undefined) {
        res.writeHead(413, securityHeaders).end('Request too large');
        return;
      }
      let input: unknown;
      try {
        input = body.length === 0 ? undefined : JSON.parse(body);
      } catch {
        sendJson(res, 400, { ok: false, error: { code: 'invalid-input', message: '请求格式有误' } });
        return;
      }
      const result = await options.rpc.handle(methodName, input);
      sendJson(res, result.ok || result.error.code !== 'not-found' ? 200 : 404, result);
      return;
    }

    if (url.pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, {
        ...securityHeaders,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      eventStreams.add(res);
      req.on('close', () => eventStreams.delete(res));
      return;
    }

    if (url.pathname === '/healthz') {
      sendJson(res, 200, { ok: true });
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, securityHeaders).end();
      return;
    }
    if (!options.staticDir) {
      res.writeHead(404, securityHeaders).end();
      return;
    }
    serveStatic(options.staticDir, url.pathname, res, securityHeaders);
  }

  const unsubscribe = options.rpc.subscribe((event) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const stream of eventStreams) stream.write(frame);
  });
  // Keeps idle proxies and the browser from dropping the stream.
  const keepAlive = setInterval(() => {
    for (const stream of eventStreams) stream.write(': keep-alive\n\n');
  }, 15_000);
  keepAlive.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  options.logger.log('info', 'http.listening', { port });

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    async close() {
      unsubscribe();
      clearInterval(keepAlive);
      for (const stream of eventStreams) stream.end();
      eventStreams.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { ...securityHeaders, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(value));
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
