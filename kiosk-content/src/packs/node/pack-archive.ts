import { createHash } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, fsyncSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { packManifestSchema, packSignatureSchema, type PackManifest, type PackSignature } from '../common/pack-manifest';
import { checkSignature, type TrustedKey } from './pack-keys';
import { BLOCK, encodeTarHeader, PackFormatError, TAR_RECORD, TarParser, tarEnd, tarPadding, type EntrySink, type TarLimits } from './tar';
import { errorMessage } from '../../errors/common/error-message';

/**
 * The pack file (`.fpk`): gzip of a ustar archive whose entries are, in this order,
 *   manifest.json   the manifest (what is signed)
 *   manifest.sig    the Ed25519 signature over manifest.json's bytes (absent until `content sign`)
 *   files/<path>    every file the manifest lists, nothing else
 * Reading is one streaming pass: the signature and the install checks run on the manifest before
 * a single content byte is written, then every file is hashed as it streams to disk.
 */

export const MANIFEST_ENTRY = 'manifest.json';
export const SIGNATURE_ENTRY = 'manifest.sig';
export const FILES_PREFIX = 'files/';
export const PACK_EXTENSION = '.fpk';

export interface PackLimits extends TarLimits {
  /** Largest pack file (compressed). */
  maxPackBytes: number;
}

/** Generous for the full law library (≈60 MB unpacked), tight enough that a bomb stops early. */
export const defaultPackLimits: PackLimits = {
  maxPackBytes: 512 * 1024 * 1024,
  maxEntryBytes: 1024 * 1024 * 1024,
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  maxEntries: 50_000,
};

const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
const MAX_SIGNATURE_BYTES = 4096;
const blocksOf = (bytes: number): number => BLOCK * Math.ceil(bytes / BLOCK);
/** What may be inflated before the manifest is known: its header and body, the signature's, the end marker and one record. */
const INFLATE_BEFORE_MANIFEST = 2 * BLOCK + blocksOf(MAX_MANIFEST_BYTES) + BLOCK + blocksOf(MAX_SIGNATURE_BYTES) + 2 * BLOCK + TAR_RECORD;

/**
 * The most a pack with this manifest can inflate to: every entry's header and padded body, the end
 * marker and one record of padding. The reader stops at this many bytes, whatever the gzip holds.
 */
function inflateBudget(manifest: PackManifest, manifestBytes: number): number {
  let total = BLOCK + blocksOf(manifestBytes) + BLOCK + blocksOf(MAX_SIGNATURE_BYTES) + 2 * BLOCK + TAR_RECORD;
  for (const f of manifest.files) total += BLOCK + blocksOf(f.size);
  return total;
}

/** A pack was refused; `message` is the one-line reason. */
export class PackRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackRejectedError';
  }
}

export interface ReadPackOptions {
  limits?: PackLimits;
  /** Check the signature against these keys (required then); undefined = do not check. */
  trustedKeys?: readonly TrustedKey[];
  /** Called with the verified manifest before any file is extracted; throw to refuse. */
  beforeFiles?: (manifest: PackManifest) => void;
  /** Extract the files into this (new, empty) folder; null = only hash them. */
  extractTo?: string | null;
  /** fsync every extracted file (installs do; verify and diff do not). */
  fsync?: boolean;
  onProgress?: (readBytes: number, totalBytes: number) => void;
  /** Called with the number of bytes inflated so far (what the reader's work is bounded by). */
  onInflate?: (inflatedBytes: number) => void;
}

export interface ReadPackResult {
  manifest: PackManifest;
  manifestBytes: Buffer;
  signature: PackSignature | null;
  /** Compressed size of the pack file. */
  packBytes: number;
}

const hashSink = (onDone: (sha256: string, size: number) => void, fd: number | null, doFsync: boolean, openFds: Set<number>): EntrySink => {
  const hash = createHash('sha256');
  let size = 0;
  return {
    write(chunk) {
      hash.update(chunk);
      size += chunk.length;
      if (fd !== null) {
        let off = 0;
        while (off < chunk.length) off += writeSync(fd, chunk, off, chunk.length - off);
      }
    },
    end() {
      if (fd !== null) {
        if (doFsync) fsyncSync(fd);
        openFds.delete(fd);
        closeSync(fd);
      }
      onDone(hash.digest('hex'), size);
    },
  };
};

const collectSink = (max: number, what: string, onDone: (bytes: Buffer) => void): EntrySink => {
  const parts: Buffer[] = [];
  let size = 0;
  return {
    write(chunk) {
      size += chunk.length;
      if (size > max) throw new PackRejectedError(`${what} is oversize`);
      parts.push(Buffer.from(chunk));
    },
    end() {
      onDone(Buffer.concat(parts));
    },
  };
};

/** The one-line reason a zlib/stream error means for a pack. */
function streamErrorReason(error: unknown): string {
  const code = (error as { code?: string }).code ?? '';
  const message = errorMessage(error);
  if (code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(message)) return 'the pack is truncated (incomplete download?)';
  if (code === 'Z_DATA_ERROR') return `the pack is damaged or not a pack (${message})`;
  if (code === 'ENOENT') return `the pack file does not exist`;
  if (code === 'ENOSPC') return 'not enough disk space to install the pack (ENOSPC); the old content is kept';
  return message;
}

/**
 * Reads a pack in one pass, verifying as it goes. Throws PackRejectedError with the reason; a
 * partially extracted folder is left for the caller to delete (it is always a staging folder).
 */
export async function readPack(file: string, options: ReadPackOptions = {}): Promise<ReadPackResult> {
  const limits = options.limits ?? defaultPackLimits;
  let packBytes: number;
  try {
    packBytes = statSync(file).size;
  } catch {
    throw new PackRejectedError(`the pack file ${file} does not exist`);
  }
  if (packBytes > limits.maxPackBytes) throw new PackRejectedError(`the pack is oversize (${String(packBytes)} bytes, limit ${String(limits.maxPackBytes)})`);

  let manifestBytes: Buffer | null = null;
  let manifest: PackManifest | null = null;
  let signature: PackSignature | null = null;
  let checked = false;
  const expected = new Map<string, { sha256: string; size: number }>();
  const seen = new Set<string>();
  const extractTo = options.extractTo ?? null;
  // Closed on any failure: an open descriptor of a deleted file would keep its disk space (disk full).
  const openFds = new Set<number>();
  if (extractTo) mkdirSync(extractTo, { recursive: true });

  // Signature and install checks, once, before the first file (or at the end for a pack without files).
  const checkManifest = () => {
    if (checked) return;
    checked = true;
    if (!manifest || !manifestBytes) throw new PackRejectedError('the pack has no manifest.json');
    if (options.trustedKeys) {
      const reason = checkSignature(manifestBytes, signature, options.trustedKeys);
      if (reason) throw new PackRejectedError(reason);
    }
    options.beforeFiles?.(manifest);
  };

  const parser = new TarParser(
    limits,
    (header, index) => {
      if (index === 0) {
        if (header.name !== MANIFEST_ENTRY) throw new PackRejectedError(`not a pack: the first entry is ${header.name}, not ${MANIFEST_ENTRY}`);
        if (header.size > MAX_MANIFEST_BYTES)
          throw new PackRejectedError(`${MANIFEST_ENTRY} is oversize (${String(header.size)} bytes, limit ${String(MAX_MANIFEST_BYTES)})`);
        return collectSink(MAX_MANIFEST_BYTES, MANIFEST_ENTRY, (bytes) => {
          manifestBytes = bytes;
          let raw: unknown;
          try {
            raw = JSON.parse(bytes.toString('utf8'));
          } catch {
            throw new PackRejectedError('manifest.json is not valid JSON');
          }
          const parsed = packManifestSchema.safeParse(raw);
          if (!parsed.success) {
            const issue = parsed.error.issues[0];
            throw new PackRejectedError(`manifest.json is invalid: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
          }
          manifest = parsed.data;
          for (const f of manifest.files) expected.set(f.path, { sha256: f.sha256, size: f.size });
          budget = inflateBudget(manifest, bytes.length);
        });
      }
      if (header.name === SIGNATURE_ENTRY) {
        if (index !== 1) throw new PackRejectedError('manifest.sig must directly follow manifest.json');
        if (header.size > MAX_SIGNATURE_BYTES) throw new PackRejectedError(`${SIGNATURE_ENTRY} is oversize`);
        return collectSink(MAX_SIGNATURE_BYTES, SIGNATURE_ENTRY, (bytes) => {
          let raw: unknown;
          try {
            raw = JSON.parse(bytes.toString('utf8'));
          } catch {
            throw new PackRejectedError('manifest.sig is not valid JSON');
          }
          const parsed = packSignatureSchema.safeParse(raw);
          if (!parsed.success) throw new PackRejectedError('manifest.sig is not a valid signature record');
          signature = parsed.data;
          // Checked as soon as the signature is complete: no further byte is inflated for a pack that is refused.
          checkManifest();
        });
      }
      checkManifest();
      if (!header.name.startsWith(FILES_PREFIX)) throw new PackRejectedError(`unexpected archive entry ${header.name}`);
      const rel = header.name.slice(FILES_PREFIX.length);
      const want = expected.get(rel);
      if (!want) throw new PackRejectedError(`archive entry ${rel} is not listed in the manifest`);
      if (seen.has(rel)) throw new PackRejectedError(`archive entry ${rel} appears twice`);
      seen.add(rel);
      if (header.size !== want.size) throw new PackRejectedError(`file ${rel} has ${String(header.size)} bytes, the manifest says ${String(want.size)}`);
      let fd: number | null = null;
      if (extractTo) {
        const target = path.join(extractTo, ...rel.split('/'));
        // Belt and braces: the name was already checked, but never write outside extractTo.
        if (!target.startsWith(extractTo + path.sep)) throw new PackRejectedError(`unsafe archive entry ${rel}`);
        mkdirSync(path.dirname(target), { recursive: true });
        fd = openSync(target, 'wx', 0o644);
        openFds.add(fd);
      }
      return hashSink(
        (sha256) => {
          if (sha256 !== want.sha256) throw new PackRejectedError(`file ${rel} does not match its SHA-256 in the manifest (tampered or damaged)`);
        },
        fd,
        options.fsync ?? false,
        openFds,
      );
    },
    checkManifest,
  );

  let read = 0;
  let inflated = 0;
  let budget = INFLATE_BEFORE_MANIFEST;
  // Small reads: the compressed bytes read before a refusal stay small too (zeros inflate 1000:1).
  const source = createReadStream(file, { highWaterMark: 64 * 1024 });
  source.on('data', (chunk) => {
    read += chunk.length;
    options.onProgress?.(read, packBytes);
  });
  const gunzip = createGunzip();
  try {
    await pipeline(source, gunzip, async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        inflated += chunk.length;
        options.onInflate?.(inflated);
        if (inflated > budget) throw new PackRejectedError(`the pack inflates to more than its manifest declares (${String(budget)} bytes; zip bomb?)`);
        parser.push(chunk);
      }
      yield* [];
    });
    parser.finish();
  } catch (error) {
    if (error instanceof PackRejectedError) throw error;
    if (error instanceof PackFormatError) throw new PackRejectedError(error.message);
    throw new PackRejectedError(streamErrorReason(error));
  } finally {
    for (const fd of openFds) closeSync(fd);
    openFds.clear();
  }
  checkManifest();
  const done = manifest as PackManifest | null;
  if (!done || !manifestBytes) throw new PackRejectedError('the pack has no manifest.json');
  for (const f of done.files) if (!seen.has(f.path)) throw new PackRejectedError(`file ${f.path} listed in the manifest is missing from the pack`);
  return { manifest: done, manifestBytes, signature, packBytes };
}

/** Only the manifest (the first entry): cheap, for listing packs on a USB stick. */
export async function readPackManifest(file: string): Promise<PackManifest> {
  let found: PackManifest | null = null;
  class Stop extends Error {}
  const parser = new TarParser(defaultPackLimits, (header, index) => {
    if (index !== 0 || header.name !== MANIFEST_ENTRY) throw new PackRejectedError('not a pack: no manifest.json first');
    return collectSink(MAX_MANIFEST_BYTES, MANIFEST_ENTRY, (bytes) => {
      try {
        found = packManifestSchema.parse(JSON.parse(bytes.toString('utf8')));
      } catch {
        throw new PackRejectedError('manifest.json is invalid');
      }
      throw new Stop();
    });
  });
  try {
    await pipeline(createReadStream(file), createGunzip(), async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) parser.push(chunk);
      yield* [];
    });
  } catch (error) {
    if (!(error instanceof Stop)) {
      if (error instanceof PackRejectedError) throw error;
      throw new PackRejectedError(error instanceof PackFormatError ? error.message : streamErrorReason(error));
    }
  }
  if (!found) throw new PackRejectedError('not a pack: no manifest.json');
  return found;
}

export interface PackWriteFile {
  /** Path inside the pack (manifest path). */
  path: string;
  /** Absolute file on disk. */
  source: string;
  size: number;
}

/**
 * Writes a pack atomically (temporary file, fsync, rename). The manifest bytes are written as
 * given, so a signature over them stays valid.
 */
export async function writePack(out: string, manifestBytes: Buffer, signature: PackSignature | null, files: readonly PackWriteFile[]): Promise<number> {
  const tmp = `${out}.tmp-${String(process.pid)}`;
  mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  async function* entries(): AsyncGenerator<Buffer> {
    yield encodeTarHeader({ name: MANIFEST_ENTRY, size: manifestBytes.length });
    yield manifestBytes;
    yield tarPadding(manifestBytes.length);
    if (signature) {
      const sig = Buffer.from(JSON.stringify(signature));
      yield encodeTarHeader({ name: SIGNATURE_ENTRY, size: sig.length });
      yield sig;
      yield tarPadding(sig.length);
    }
    const chunk = Buffer.alloc(1024 * 1024);
    for (const f of files) {
      yield encodeTarHeader({ name: `${FILES_PREFIX}${f.path}`, size: f.size });
      const fd = openSync(f.source, 'r');
      try {
        let left = f.size;
        while (left > 0) {
          const n = readSync(fd, chunk, 0, Math.min(chunk.length, left), null);
          if (n === 0) throw new Error(`${f.source} changed while the pack was written`);
          left -= n;
          yield Buffer.from(chunk.subarray(0, n));
        }
      } finally {
        closeSync(fd);
      }
      yield tarPadding(f.size);
    }
    yield tarEnd();
  }
  try {
    await pipeline(entries, createGzip({ level: 6 }), createWriteStream(tmp));
    const fd = openSync(tmp, 'r+');
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, out);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  return statSync(out).size;
}
