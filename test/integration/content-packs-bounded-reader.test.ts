/**
 * The pack reader's work is bounded by what the manifest declares: hostile packs made of a real
 * manifest followed by gigabytes of compressed zeros are refused after reading and inflating a
 * small, fixed number of bytes (counted, not timed).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PackRejectedError, readPack } from '../../kiosk-content/src/packs/node/pack-archive';
import { encodeTarHeader, tarEnd, tarPadding } from '../../kiosk-content/src/packs/node/tar';
import { contentFolder, makeKeys, quickPack, tempDir, unpackEntries, type Keys } from '../fixtures/packs/pack-fixtures';
import { rmSync } from 'node:fs';

let tmp: string;
let key: Keys;
let manifestBytes: Buffer;

/** 64 MiB of zeros as one gzip member (≈64 KiB), repeated: gzip readers inflate concatenated members as one stream. */
const zeroMember = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
const zeros = (members: number): Buffer => Buffer.concat(Array.from({ length: members }, () => zeroMember));

function entry(name: string, body: Buffer): Buffer[] {
  return [encodeTarHeader({ name, size: body.length }), body, tarPadding(body.length)];
}

async function measure(file: string, keys: Keys[]): Promise<{ error: unknown; read: number; inflated: number }> {
  let read = 0;
  let inflated = 0;
  const error: unknown = await readPack(file, {
    trustedKeys: keys.map((k) => k.trusted),
    onProgress: (bytes) => (read = bytes),
    onInflate: (bytes) => (inflated = bytes),
  }).then(
    () => null,
    (e: unknown) => e,
  );
  return { error, read, inflated };
}

beforeAll(async () => {
  tmp = tempDir('fatong-bounded-');
  key = makeKeys(tmp, 'a');
  const pack = path.join(tmp, 'good.fpk');
  await quickPack(contentFolder(tmp, '1.1.0'), pack, { id: 'fatong-default', version: '1.1.0' }, key);
  manifestBytes = unpackEntries(pack)[0]!.body;
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('bounded pack reader', () => {
  it('refuses an unsigned manifest followed by ~3 GiB of zeros after the end marker, having read and inflated little', async () => {
    const file = path.join(tmp, 'zeros-after-end.fpk');
    writeFileSync(file, Buffer.concat([gzipSync(Buffer.concat([...entry('manifest.json', manifestBytes), tarEnd()])), zeros(48)]));
    const { error, read, inflated } = await measure(file, [key]);
    expect(error).toBeInstanceOf(PackRejectedError);
    expect((error as Error).message).toMatch(/not signed|unsigned|signature/i);
    expect(read).toBeLessThan(1024 * 1024);
    expect(inflated).toBeLessThan(1024 * 1024);
  });

  it('refuses a manifest whose header declares a gigabyte before inflating it', async () => {
    const file = path.join(tmp, 'huge-manifest.fpk');
    writeFileSync(file, Buffer.concat([gzipSync(encodeTarHeader({ name: 'manifest.json', size: 1024 * 1024 * 1024 })), zeros(20)]));
    const { error, read, inflated } = await measure(file, [key]);
    expect(error).toBeInstanceOf(PackRejectedError);
    expect((error as Error).message).toMatch(/manifest\.json is oversize/);
    expect(read).toBeLessThan(1024 * 1024);
    expect(inflated).toBeLessThan(1024 * 1024);
  });

  it('refuses zeros inside a signed pack beyond what the manifest declares, as they stream', async () => {
    const file = path.join(tmp, 'zeros-signed.fpk');
    const entries = unpackEntries(path.join(tmp, 'good.fpk'));
    const head = Buffer.concat(entries.slice(0, 2).flatMap((e) => entry(e.name, e.body)));
    // A file entry that claims 1 GiB: not what the manifest lists.
    writeFileSync(
      file,
      Buffer.concat([gzipSync(Buffer.concat([head, encodeTarHeader({ name: `files/${entries[2]!.name.slice(6)}`, size: 1024 * 1024 * 1024 })])), zeros(20)]),
    );
    const { error, inflated } = await measure(file, [key]);
    expect(error).toBeInstanceOf(PackRejectedError);
    expect(inflated).toBeLessThan(4 * 1024 * 1024);
  });
});
