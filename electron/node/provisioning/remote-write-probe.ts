import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { StoredTerminalConfig } from '../../common/config/terminal-config';

type Monitoring = NonNullable<StoredTerminalConfig['monitoring']>;

export interface ProbeResult {
  ok: boolean;
  /** One line for the technician. */
  reason: string;
}

/**
 * An empty remote-write request (a WriteRequest without series: zero protobuf bytes, which
 * snappy-compressed is the single byte 0x00), sent with the terminal's credentials the way its
 * agent sends them. The district's Prometheus answers 204 when the URL and credentials are right;
 * 401/403 names the credentials, 404 a server without --web.enable-remote-write-receiver.
 */
export async function probeRemoteWrite(monitoring: Monitoring, timeoutMs = 10_000): Promise<ProbeResult> {
  const headers: Record<string, string> = {
    'content-type': 'application/x-protobuf',
    'content-encoding': 'snappy',
    'x-prometheus-remote-write-version': '0.1.0',
    'user-agent': 'fatong-selftest',
  };
  let ca: Buffer | undefined;
  try {
    if (monitoring.basicAuth) {
      const password = readFileSync(monitoring.basicAuth.passwordFile, 'utf8').trim();
      headers['authorization'] = `Basic ${Buffer.from(`${monitoring.basicAuth.username}:${password}`).toString('base64')}`;
    }
    if (monitoring.bearerTokenFile) headers['authorization'] = `Bearer ${readFileSync(monitoring.bearerTokenFile, 'utf8').trim()}`;
    if (monitoring.tlsCaFile) ca = readFileSync(monitoring.tlsCaFile);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const hint = e.code === 'EACCES' ? ' (readable by the agent only: run selftest as root to check the credentials)' : '';
    return { ok: false, reason: `cannot read ${e.path ?? 'a credentials file'}: ${e.code ?? e.message}${hint}` };
  }
  const url = new URL(monitoring.remoteWriteUrl);
  const request = url.protocol === 'https:' ? https.request : http.request;
  return new Promise<ProbeResult>((resolve) => {
    const req = request(url, { method: 'POST', headers: { ...headers, 'content-length': '1' }, timeout: timeoutMs, ...(ca ? { ca } : {}) }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body = (body + chunk).slice(0, 200)));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        const said = body.trim() ? `: ${body.trim().split('\n')[0] ?? ''}` : '';
        if (status >= 200 && status < 300) resolve({ ok: true, reason: `${url.origin} accepts remote write with these credentials (HTTP ${String(status)})` });
        else if (status === 401 || status === 403)
          resolve({
            ok: false,
            reason: `${url.origin} rejects the credentials (HTTP ${String(status)}): check monitoring.${monitoring.basicAuth ? 'basicAuth' : monitoring.bearerTokenFile ? 'bearerTokenFile' : 'basicAuth or bearerTokenFile (none is set)'}`,
          });
        else if (status === 404)
          resolve({
            ok: false,
            reason: `no remote-write receiver at ${url.href} (HTTP 404): the district Prometheus needs --web.enable-remote-write-receiver and the path /api/v1/write`,
          });
        else resolve({ ok: false, reason: `${url.href} answered HTTP ${String(status)}${said}` });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${String(timeoutMs / 1000)} s`)));
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({
        ok: false,
        reason: `cannot reach ${url.origin}: ${error.code ?? error.message} (the agent keeps the readings until it can; the kiosk is not affected)`,
      }),
    );
    req.end(Buffer.from([0]));
  });
}
