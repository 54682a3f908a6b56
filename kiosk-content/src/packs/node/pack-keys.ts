import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PackSignature } from '../common/pack-manifest';
import { errorMessage } from '../../errors/common/error-message';

/**
 * Ed25519 keys for packs (node:crypto): the editor's private key signs manifest.json, terminals
 * trust public keys. Files are PEM: PKCS#8 for the private key, SPKI for the public key.
 */

export interface TrustedKey {
  keyId: string;
  key: KeyObject;
  /** Where it came from (file path or "inline"), for messages. */
  source: string;
}

export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

export function generatePackKeys(outDir: string, name = 'fatong-pack'): { privateFile: string; publicFile: string; keyId: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  mkdirSync(outDir, { recursive: true });
  const privateFile = path.join(outDir, `${name}.key`);
  const publicFile = path.join(outDir, `${name}.pub`);
  // 'wx': never overwrite a key an editor may already have published.
  writeFileSync(privateFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  writeFileSync(publicFile, publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644, flag: 'wx' });
  return { privateFile, publicFile, keyId: keyIdOf(publicKey) };
}

export function readPrivateKey(file: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(readFileSync(file));
  } catch (error) {
    throw new Error(`cannot read the private key ${file}: ${errorMessage(error)}`, { cause: error });
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 private key`);
  return key;
}

/** A public key from a PEM text (or a private key's PEM, whose public half is used). */
export function publicKeyFromPem(pem: string | Buffer, source: string): TrustedKey {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    throw new Error(`cannot read the public key ${source}: ${errorMessage(error)}`, { cause: error });
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${source} is not an Ed25519 public key`);
  return { keyId: keyIdOf(key), key, source };
}

export function readPublicKey(file: string): TrustedKey {
  let pem: Buffer;
  try {
    pem = readFileSync(file);
  } catch (error) {
    throw new Error(`cannot read the public key ${file}: ${errorMessage(error)}`, { cause: error });
  }
  return publicKeyFromPem(pem, file);
}

export function signManifest(manifestBytes: Buffer, privateKey: KeyObject): PackSignature {
  const publicKey = createPublicKey(privateKey);
  return { alg: 'ed25519', keyId: keyIdOf(publicKey), signature: sign(null, manifestBytes, privateKey).toString('base64') };
}

/** Null when the signature is good; otherwise the one-line reason. */
export function checkSignature(manifestBytes: Buffer, signature: PackSignature | null, trusted: readonly TrustedKey[]): string | null {
  if (!signature) return 'the pack is not signed';
  if (trusted.length === 0) return 'no trusted public key is configured to check the signature';
  const key = trusted.find((k) => k.keyId === signature.keyId);
  if (!key) return `the pack is signed by key ${signature.keyId}, which is not trusted here (trusted: ${trusted.map((k) => k.keyId).join(', ')})`;
  const ok = verify(null, manifestBytes, key.key, Buffer.from(signature.signature, 'base64'));
  return ok ? null : 'the signature does not match the manifest (the manifest was changed after signing)';
}
