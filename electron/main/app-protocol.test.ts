import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../node/http/security-headers';
import { appScheme, createAppProtocolHandler, registerAppScheme, resolveAppRequest, serveAppProtocol } from './app-protocol';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'fatong-app-protocol-'));
  root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>法通</title>');
  writeFileSync(path.join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'font.woff2'), new Uint8Array([0x77, 0x4f, 0x46, 0x32]));
  // Next to the renderer folder: what a traversal would try to reach.
  writeFileSync(path.join(base, 'secret.txt'), 'do not serve');
  writeFileSync(path.join(base, 'renderer-evil.txt'), 'prefix sibling');
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('resolveAppRequest', () => {
  it('maps app://kiosk/ paths to files in the renderer folder', async () => {
    expect(await resolveAppRequest('app://kiosk/', root)).toBe(path.join(root, 'index.html'));
    expect(await resolveAppRequest('app://kiosk/index.html', root)).toBe(path.join(root, 'index.html'));
    expect(await resolveAppRequest('app://kiosk/assets/index-abc123.js?v=1#x', root)).toBe(path.join(root, 'assets', 'index-abc123.js'));
  });

  it('sends client-side routes (no extension) to index.html, but not missing files', async () => {
    expect(await resolveAppRequest('app://kiosk/laws/labour', root)).toBe(path.join(root, 'index.html'));
    expect(await resolveAppRequest('app://kiosk/assets/missing.js', root)).toBeUndefined();
  });

  it.each([
    'app://kiosk/../secret.txt',
    'app://kiosk/%2e%2e/secret.txt',
    'app://kiosk/%2E%2E%2Fsecret.txt',
    'app://kiosk/assets/..%2f..%2fsecret.txt',
    'app://kiosk/..%5csecret.txt',
    'app://kiosk/%2e%2e/renderer-evil.txt',
    'app://kiosk/index.html%00.js',
    'app://kiosk/%E0%A4%A',
  ])('never leaves the renderer folder: %s', async (url) => {
    expect(await resolveAppRequest(url, root)).toBeUndefined();
  });

  it('serves only the kiosk host of the app scheme', async () => {
    expect(await resolveAppRequest('app://other/index.html', root)).toBeUndefined();
    expect(await resolveAppRequest('app://user@kiosk/index.html', root)).toBeUndefined();
    expect(await resolveAppRequest('file:///etc/passwd', root)).toBeUndefined();
    expect(await resolveAppRequest('https://kiosk/index.html', root)).toBeUndefined();
    expect(await resolveAppRequest('::', root)).toBeUndefined();
  });
});

describe('app protocol handler', () => {
  const handler = () => createAppProtocolHandler(root);

  it('answers with the file, its type, and the same CSP as the HTTP link', async () => {
    const response = await handler()(new Request('app://kiosk/index.html'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('法通');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('caches hashed assets for good and types fonts', async () => {
    const js = await handler()(new Request('app://kiosk/assets/index-abc123.js'));
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    const font = await handler()(new Request('app://kiosk/assets/font.woff2'));
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect(new Uint8Array(await font.arrayBuffer())).toEqual(new Uint8Array([0x77, 0x4f, 0x46, 0x32]));
  });

  it('404s traversal attempts and foreign hosts, with the security headers still on', async () => {
    for (const url of ['app://kiosk/%2e%2e/secret.txt', 'app://other/index.html', 'app://kiosk/assets/nope.css']) {
      const response = await handler()(new Request(url));
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('do not serve');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await handler()(new Request('app://kiosk/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await handler()(new Request('app://kiosk/index.html', { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
  });
});

describe('scheme registration', () => {
  it('registers app as a standard, secure scheme before ready and serves it on the session protocol', async () => {
    const registered: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (schemes) => registered.push(...schemes) });
    expect(registered).toEqual([appScheme]);
    expect(appScheme).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
    // Not a way around the CSP or CORS.
    expect(appScheme.privileges).not.toHaveProperty('bypassCSP');
    expect(appScheme.privileges).not.toHaveProperty('corsEnabled');

    const handled = new Map<string, (request: Request) => Response | Promise<Response>>();
    serveAppProtocol({ handle: (scheme, fn) => handled.set(scheme, fn) }, root);
    const response = await handled.get('app')?.(new Request('app://kiosk/'));
    expect(response?.status).toBe(200);
  });
});
