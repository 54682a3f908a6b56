import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { diffManifests, type ManifestDiff, type PackManifest, type PackSignature } from '../../src/packs/common/pack-manifest';
import { PackRejectedError, readPack, writePack, type PackLimits } from '../../src/packs/node/pack-archive';
import { readPrivateKey, signManifest, type TrustedKey } from '../../src/packs/node/pack-keys';

/** Signs a pack in place (rewritten atomically): every file is re-verified against the manifest first. */
export async function signPack(file: string, keyFile: string): Promise<PackSignature> {
  const key = readPrivateKey(keyFile);
  const tmp = mkdtempSync(path.join(tmpdir(), 'fatong-pack-sign-'));
  try {
    const read = await readPack(file, { extractTo: path.join(tmp, 'files') });
    const signature = signManifest(read.manifestBytes, key);
    await writePack(
      file,
      read.manifestBytes,
      signature,
      read.manifest.files.map((f) => ({ path: f.path, size: f.size, source: path.join(tmp, 'files', ...f.path.split('/')) })),
    );
    return signature;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Full check without installing: signature by one of the keys, every file's size and hash. */
export async function verifyPack(file: string, keys: readonly TrustedKey[], limits?: PackLimits): Promise<{ manifest: PackManifest; keyId: string }> {
  const read = await readPack(file, { trustedKeys: keys, ...(limits ? { limits } : {}) });
  if (!read.signature) throw new PackRejectedError('the pack is not signed');
  return { manifest: read.manifest, keyId: read.signature.keyId };
}

/** What changed between two packs (both fully read, hashes checked; signatures not required). */
export async function diffPacks(oldFile: string, newFile: string): Promise<ManifestDiff & { before: PackManifest; after: PackManifest }> {
  const before = (await readPack(oldFile)).manifest;
  const after = (await readPack(newFile)).manifest;
  return { ...diffManifests(before, after), before, after };
}
