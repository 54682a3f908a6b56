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
  /** Limits against slow or greedy local clients (defaults: HTTP_LINK_LIMITS). */
  limits?: Partial<HttpLinkLimits>;
}

export interface HttpLinkLimits {
  /** Open connections at once; more are refused by the socket layer. */
  maxConnections: number;
  /** Server-sent event streams at once (the kiosk's page needs one). */
  maxEventStreams: number;
  /** A request's headers must arrive within this (slow-loris). */
  headersTimeoutMs: number;
  /** A whole request (headers and body) must arrive within this. */
  requestTimeoutMs: number;
  /** A keep-alive connection with no request is closed after this. */
  keepAliveTimeoutMs: number;
  /** How often the server checks the two timeouts above. */
  checkIntervalMs: number;
  /** A connection on which nothing is read or written for this long is closed (event streams get a ping every 15 s). */
  idleTimeoutMs: number;
  /** An event stream whose client does not read is dropped once this much waits unsent. */
  maxEventBacklogBytes: number;
}

export const HTTP_LINK_LIMITS: HttpLinkLimits = {
  maxConnections: 64,
  maxEventStreams: 8,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000,
  idleTimeoutMs: 60_000,
  maxEventBacklogBytes: 1024 * 1024,
};

const MAX_BODY_BYTES = 256 * 1024;

export interface RunningHttpLinkServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startHttpLinkServer(options: HttpLinkServerOptions): Promise<RunningHttpLinkServer> {
  const eventStreams = new Set<ServerResponse>();
  let port = 0;
  const limits: HttpLinkLimits = { ...HTTP_LINK_LIMITS, ...options.limits };

  const server: Server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
    (req, res) => {
      // Every request ends in an answer: what a caller can send is handled in route(); only a fault of
      // the host itself reaches here, and it is still answered with a body.
      void route(req, res).catch((error: unknown) => {
        options.logger.log('error', 'http.unhandled', { error: errorMessage(error) });
        if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: '系统暂时出了点问题，请稍后再试' } });
        else res.end();
      });
    },
  );

  const allowedHosts = (): Set<string> => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (!allowedHosts().has(host)) {
      res.writeHead(421, securityHeaders).end('Misdirected request');
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${host}`);
    } catch {
      res.writeHead(400, { ...securityHeaders, 'content-type': 'text/plain; charset=utf-8' }).end('Bad request');
      return;
    }

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
      const methodName = decodePathPart(url.pathname.slice('/api/call/'.length));
      if (methodName === undefined) {
        req.resume();
        sendJson(res, 404, { ok: false, error: { code: 'not-found', message: '未知的功能' } });
        return;
      }
      const body = await readBody(req);
      if (body === 'aborted') return;
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
      if (eventStreams.size >= limits.maxEventStreams) {
        res.writeHead(503, { ...securityHeaders, 'content-type': 'text/plain; charset=utf-8', 'retry-after': '5' }).end('Too many event streams');
        return;
      }
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
      res.writeHead(404, { ...securityHeaders, 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    serveStatic(options.staticDir, url.pathname, res, securityHeaders);
  }

  /** Writes to every stream; a client that stopped reading is dropped instead of buffering without end. */
  const broadcast = (frame: string): void => {
    for (const stream of eventStreams) {
      const backlog = stream.writableLength + (stream.socket?.writableLength ?? 0);
      if (backlog > limits.maxEventBacklogBytes) {
        eventStreams.delete(stream);
        stream.destroy();
        options.logger.log('warn', 'http.event-stream-dropped', { reason: 'client not reading', backlogBytes: backlog });
        continue;
      }
      stream.write(frame);
    }
  };
  const unsubscribe = options.rpc.subscribe((event) => broadcast(`data: ${JSON.stringify(event)}\n\n`));
  // Keeps idle proxies and the browser from dropping the stream.
  const keepAlive = setInterval(() => broadcast(': keep-alive\n\n'), 15_000);
  keepAlive.unref();
  server.maxConnections = limits.maxConnections;
  // Without a 'timeout' listener the server destroys a socket idle for this long.
  server.timeout = limits.idleTimeoutMs;

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

/** A percent-encoded path segment, or undefined when it is not valid percent-encoded UTF-8 or holds NUL. */
function decodePathPart(part: string): string | undefined {
  try {
    const decoded = decodeURIComponent(part);
    return decoded.includes('\0') ? undefined : decoded;
  } catch {
    return undefined;
  }
}

/** The body as text; undefined when it is too large, 'aborted' when the caller went away mid-body. */
async function readBody(req: IncomingMessage): Promise<string | undefined | 'aborted'> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > MAX_BODY_BYTES) return undefined;
      chunks.push(buffer);
    }
  } catch {
    return 'aborted';
  }
  return Buffer.concat(chunks).toString('utf8');
}
