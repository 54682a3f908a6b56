import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import { securityHeaders } from '../node/http/security-headers';
import { contentTypes, resolveStaticPath } from '../node/http/static-files';
import { APP_HOST, APP_SCHEME } from './navigation-policy';

/**
 * The kiosk's own origin, app://kiosk/, serving the built renderer (dist/renderer) from disk.
 * A privileged standard scheme instead of file:// gives the page a real origin, so the same-origin
 * policy, the CSP ('self') and the IPC sender check all have something to hold on to, and file://
 * stays closed. Responses carry the same security headers as the loopback HTTP link.
 */
export const appScheme: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
};

/** Must run before the app's 'ready' event. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([appScheme]);
}

/** Serves the renderer on a session's protocol (session.defaultSession.protocol). */
export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
}

/**
 * Maps an app:// URL to a file inside `rendererDir`, or undefined when the URL is not ours or
 * would leave the folder (../, %2e%2e%2f, encoded NUL…). Extensionless paths are client-side
 * routes and get index.html, like the HTTP link's static server.
 */
export async function resolveAppRequest(rawUrl: string, rendererDir: string): Promise<string | undefined> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username !== '' || url.password !== '') return undefined;
  const root = path.resolve(rendererDir);
  const urlPath = url.pathname === '/' || url.pathname === '' ? '/index.html' : url.pathname;
  const file = resolveStaticPath(root, urlPath);
  if (file === undefined) return undefined;
  if (await isFile(file)) return file;
  if (path.extname(file) === '') {
    const index = path.join(root, 'index.html');
    return (await isFile(index)) ? index : undefined;
  }
  return undefined;
}

export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: { ...securityHeaders, allow: 'GET, HEAD' } });
    }
    const file = await resolveAppRequest(request.url, rendererDir);
    if (file === undefined) {
      return new Response('Not found', { status: 404, headers: { ...securityHeaders, 'content-type': 'text/plain; charset=utf-8' } });
    }
    const headers = {
      ...securityHeaders,
      'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
      // Hashed assets never change; index.html must be fresh after an update.
      'cache-control': file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(file));
    return new Response(body, { status: 200, headers });
  };
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
