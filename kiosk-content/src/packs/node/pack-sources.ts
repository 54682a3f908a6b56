import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { PACK_INDEX_FORMAT, packIndexSchema, unsafePathReason, type PackIndex, type PackIndexEntry } from '../common/pack-manifest';
import { PACK_EXTENSION, PackRejectedError, readPackManifest } from './pack-archive';
import { sha256File } from './file-hash';
import { errorMessage } from '../../errors/common/error-message';

/**
 * Where a terminal finds packs: a folder (a USB stick) or an HTTP(S) content server — any static
 * file server, object storage or CDN serving `index.json` (the latest signed packs) and the packs
 * beside it. The index is only a pointer: each pack carries its own signature, which the install
 * checks; the index's size and SHA-256 bound and check the download before that.
 */

export type SourceConfig = { kind: 'folder'; path: string } | { kind: 'http'; url: string };

export const INDEX_FILE = 'index.json';
const MAX_INDEX_BYTES = 1024 * 1024;

export interface HttpOptions {
  /** No byte for this long = give up (the download resumes next time). */
  idleTimeoutMs?: number;
  /** Whole request, headers to last byte. */
  deadlineMs?: number;
  /** Largest pack accepted from a server. */
  maxPackBytes?: number;
}

const defaultHttp: Required<HttpOptions> = { idleTimeoutMs: 30_000, deadlineMs: 30 * 60_000, maxPackBytes: 512 * 1024 * 1024 };

export class SourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceError';
  }
}

function parseIndex(text: string, where: string): PackIndex {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new SourceError(`${where}: the index is not valid JSON (garbage from the server?)`);
  }
  const parsed = packIndexSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SourceError(`${where}: the index is invalid: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** Writes index.json for a folder of packs (what `content index` publishes). */
export async function buildIndex(dir: string): Promise<PackIndex> {
  const packs: PackIndexEntry[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith(PACK_EXTENSION))
    .sort()) {
    const file = path.join(dir, name);
    const m = await readPackManifest(file);
    packs.push({ id: m.id, version: m.version, kinds: m.kinds, file: name, size: statSync(file).size, sha256: sha256File(file) });
  }
  return { format: PACK_INDEX_FORMAT, packs };
}

/** A folder source: its index.json, else every .fpk in it (manifests read, newest per id). */
export async function readFolderIndex(dir: string): Promise<PackIndex> {
  if (!existsSync(dir)) throw new SourceError(`the folder ${dir} does not exist (USB stick not mounted?)`);
  const indexFile = path.join(dir, INDEX_FILE);
  if (existsSync(indexFile)) {
    if (statSync(indexFile).size > MAX_INDEX_BYTES) throw new SourceError(`${indexFile} is oversize`);
    return parseIndex(readFileSync(indexFile, 'utf8'), indexFile);
  }
  try {
    return await buildIndex(dir);
  } catch (error) {
    throw new SourceError(`${dir}: ${errorMessage(error)}`);
  }
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
}

/** One GET; the body goes to onData as it arrives. Rejects on timeouts with a one-line reason. */
function httpGet(
  url: string,
  headers: Record<string, string>,
  opts: Required<HttpOptions>,
  onResponse: (res: HttpResponse) => void,
  onData: (chunk: Buffer) => void,
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      reject(new SourceError(`not a URL: ${url}`));
      return;
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') {
      reject(new SourceError(`only http and https sources are supported: ${url}`));
      return;
    }
    const lib = u.protocol === 'https:' ? https : http;
    let settled = false;
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      req.destroy();
      reject(new SourceError(message));
    };
    // agent: false — a fresh connection per request (a poll every hour gains nothing from keep-alive,
    // and a reused socket to a server that went away would fail as a confusing "socket hang up").
    const req = lib.get(u, { headers: { 'user-agent': 'fatong-kiosk', ...headers }, agent: false }, (res) => {
      const response = { status: res.statusCode ?? 0, headers: res.headers };
      try {
        onResponse(response);
      } catch (error) {
        fail(errorMessage(error));
        return;
      }
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        try {
          onData(chunk);
        } catch (error) {
          fail(errorMessage(error));
        }
      });
      res.on('end', () => {
        if (settled) return;
        if (!res.complete) {
          fail(`${u.host}: the connection closed before the end of the response`);
          return;
        }
        settled = true;
        clearTimeout(deadline);
        resolve(response);
      });
      res.on('error', (error) => fail(`${u.host}: ${error.message}`));
    });
    const deadline = setTimeout(() => fail(`${u.host}: timed out after ${String(Math.round(opts.deadlineMs / 1000))} s (server too slow)`), opts.deadlineMs);
    req.setTimeout(opts.idleTimeoutMs, () => fail(`${u.host}: no data for ${String(Math.round(opts.idleTimeoutMs / 1000))} s (server too slow or down)`));
    req.on('error', (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'ECONNREFUSED'
          ? 'connection refused (server down?)'
          : error.code === 'ENOTFOUND'
            ? 'host not found'
            : error.code === 'ECONNRESET'
              ? 'the server closed the connection (server down or restarting?)'
              : error.message;
      fail(`${u.host}: ${reason}`);
    });
  });
}

export interface IndexCheck {
  /** null when the server answered 304 Not Modified. */
  index: PackIndex | null;
  etag: string | null;
}

/** GET the index with If-None-Match: a 304 costs the server nothing. */
export async function fetchHttpIndex(indexUrl: string, etag: string | null, options: HttpOptions = {}): Promise<IndexCheck> {
  const opts = { ...defaultHttp, ...options };
  const parts: Buffer[] = [];
  let size = 0;
  const res = await httpGet(
    indexUrl,
    etag ? { 'if-none-match': etag } : {},
    opts,
    (r) => {
      if (r.status !== 200 && r.status !== 304) throw new SourceError(`${indexUrl}: HTTP ${String(r.status)}`);
    },
    (chunk) => {
      size += chunk.length;
      if (size > MAX_INDEX_BYTES) throw new SourceError(`${indexUrl}: the index is oversize`);
      parts.push(chunk);
    },
  );
  const newEtag = typeof res.headers.etag === 'string' ? res.headers.etag : null;
  if (res.status === 304) return { index: null, etag: etag ?? newEtag };
  return { index: parseIndex(Buffer.concat(parts).toString('utf8'), indexUrl), etag: newEtag };
}

export interface DownloadProgress {
  done: number;
  total: number;
}

/**
 * Downloads a pack named by an index entry into `dir`, resuming a partial download (`Range`,
 * `If-Range` on the ETag), refusing more bytes than the index declares, and checking the
 * SHA-256 before handing it over. Returns the finished file.
 */
export async function downloadPack(
  indexUrl: string,
  entry: PackIndexEntry,
  dir: string,
  options: HttpOptions & { onProgress?: (p: DownloadProgress) => void } = {},
): Promise<string> {
  const opts = { ...defaultHttp, ...options };
  if (entry.size > opts.maxPackBytes)
    throw new SourceError(`pack ${entry.id} ${entry.version} is oversize (${String(entry.size)} bytes, limit ${String(opts.maxPackBytes)})`);
  if (unsafePathReason(entry.file)) throw new SourceError(`unsafe pack path in the index: ${entry.file}`);
  mkdirSync(dir, { recursive: true });
  const done = path.join(dir, `${entry.sha256}${PACK_EXTENSION}`);
  if (existsSync(done) && statSync(done).size === entry.size && sha256File(done) === entry.sha256) return done;
  const part = `${done}.part`;
  const etagFile = `${part}.etag`;
  const url = new URL(entry.file, indexUrl).toString();
  let have = existsSync(part) ? statSync(part).size : 0;
  if (have > entry.size) {
    rmSync(part, { force: true });
    have = 0;
  }
  const partEtag = existsSync(etagFile) ? readFileSync(etagFile, 'utf8') : null;
  const headers: Record<string, string> = {};
  if (have > 0 && have < entry.size) {
    headers.range = `bytes=${String(have)}-`;
    if (partEtag) headers['if-range'] = partEtag;
  }
  let fd: number | null = null;
  let written = have;
  try {
    if (have < entry.size) {
      await httpGet(
        url,
        headers,
        opts,
        (r) => {
          if (r.status === 206 && have > 0) {
            fd = openSync(part, 'a');
          } else if (r.status === 200) {
            // Server ignored the range (or the file changed): start over.
            written = 0;
            fd = openSync(part, 'w');
          } else throw new SourceError(`${url}: HTTP ${String(r.status)}`);
          const etag = r.headers.etag;
          if (typeof etag === 'string') {
            const efd = openSync(etagFile, 'w');
            writeSync(efd, etag);
            closeSync(efd);
          }
        },
        (chunk) => {
          written += chunk.length;
          if (written > entry.size) throw new SourceError(`${url}: the server sent more than the ${String(entry.size)} bytes the index declares`);
          if (fd !== null) writeSync(fd, chunk);
          options.onProgress?.({ done: written, total: entry.size });
        },
      );
    }
  } finally {
    if (fd !== null) {
      fsyncSync(fd);
      closeSync(fd);
    }
  }
  if (written !== entry.size) throw new SourceError(`${url}: got ${String(written)} of ${String(entry.size)} bytes (the download resumes next time)`);
  const sha = sha256File(part);
  if (sha !== entry.sha256) {
    rmSync(part, { force: true });
    rmSync(etagFile, { force: true });
    throw new PackRejectedError(`the downloaded pack ${entry.id} ${entry.version} does not match the SHA-256 in the index (garbage from the server?)`);
  }
  renameSync(part, done);
  rmSync(etagFile, { force: true });
  return done;
}

/**
 * A pack straight from a URL (no index): size-limited by maxPackBytes and the server's
 * Content-Length; the signature check at install is what makes it trustworthy.
 */
export async function downloadPackUrl(url: string, dir: string, options: HttpOptions & { onProgress?: (p: DownloadProgress) => void } = {}): Promise<string> {
  const opts = { ...defaultHttp, ...options };
  mkdirSync(dir, { recursive: true });
  const part = path.join(dir, `url-${createHash('sha256').update(url).digest('hex').slice(0, 16)}${PACK_EXTENSION}.part`);
  let fd: number | null = null;
  let written = 0;
  let total = 0;
  try {
    await httpGet(
      url,
      {},
      opts,
      (r) => {
        if (r.status !== 200) throw new SourceError(`${url}: HTTP ${String(r.status)}`);
        total = Number(r.headers['content-length'] ?? 0);
        if (total > opts.maxPackBytes) throw new SourceError(`${url}: the pack is oversize (${String(total)} bytes, limit ${String(opts.maxPackBytes)})`);
        fd = openSync(part, 'w');
      },
      (chunk) => {
        written += chunk.length;
        if (written > opts.maxPackBytes) throw new SourceError(`${url}: the pack is oversize (more than ${String(opts.maxPackBytes)} bytes)`);
        if (fd !== null) writeSync(fd, chunk);
        options.onProgress?.({ done: written, total: total || written });
      },
    );
  } finally {
    if (fd !== null) {
      fsyncSync(fd);
      closeSync(fd);
    }
  }
  const done = part.slice(0, -'.part'.length);
  renameSync(part, done);
  return done;
}

/** A downloaded file (http) or the file itself (folder) for an index entry. */
export function folderPackFile(dir: string, entry: PackIndexEntry): string {
  return path.join(dir, ...entry.file.split('/'));
}

/** Hash helper for callers that want to check a folder entry's declared SHA-256 cheaply. */
export const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
