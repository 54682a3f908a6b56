import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { publicKeyFromPem, readPublicKey, type TrustedKey } from './pack-keys';
import type { SourceConfig } from './pack-sources';
import { errorMessage } from '../../errors/common/error-message';

/**
 * The terminal's content settings when it has no provisioned terminal configuration (a provisioned
 * one replaces this file, see electron/node/provisioning/terminal-config-store.ts; this form stays
 * handy for development): `<dataDir>/config/content.json` and trusted public keys in
 * `<dataDir>/config/trusted-keys/*.pub`.
 *
 *   { "sources": [{ "kind": "http", "url": "https://…/packs/index.json" }, { "kind": "folder", "path": "/media/usb/packs" }],
 *     "pollMinutes": 60, "idleSeconds": 60, "packIds": ["fatong-district-x", "fatong-laws"] }
 */

const configSchema = z.object({
  sources: z
    .array(
      z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('folder'), path: z.string().min(1) }),
        z.object({ kind: z.literal('http'), url: z.string().url() }),
      ]),
    )
    .default([]),
  /** Extra trusted keys inline (PEM). */
  trustedKeys: z.array(z.string()).default([]),
  pollMinutes: z.number().positive().default(60),
  idleSeconds: z.number().nonnegative().default(60),
  packIds: z.array(z.string()).optional(),
});

export interface TerminalContentConfig {
  sources: SourceConfig[];
  trustedKeys: TrustedKey[];
  pollMinutes: number;
  idleSeconds: number;
  packIds?: string[];
  /** Problems reading the configuration (the kiosk keeps running with what it could read). */
  problems: string[];
}

export const CONTENT_CONFIG_FILE = 'content.json';
export const TRUSTED_KEYS_DIR = 'trusted-keys';

export function readTerminalContentConfig(configDir: string): TerminalContentConfig {
  const problems: string[] = [];
  const file = path.join(configDir, CONTENT_CONFIG_FILE);
  let parsed: z.infer<typeof configSchema> = configSchema.parse({});
  if (existsSync(file)) {
    try {
      const result = configSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (result.success) parsed = result.data;
      else problems.push(`${file}: ${result.error.issues[0]?.path.join('.') ?? ''}: ${result.error.issues[0]?.message ?? 'invalid'}`);
    } catch (error) {
      problems.push(`${file}: ${errorMessage(error)}`);
    }
  }
  const keys: TrustedKey[] = [];
  parsed.trustedKeys.forEach((pem, i) => {
    try {
      keys.push(publicKeyFromPem(pem, `${file} trustedKeys[${String(i)}]`));
    } catch (error) {
      problems.push(errorMessage(error));
    }
  });
  const keyDir = path.join(configDir, TRUSTED_KEYS_DIR);
  if (existsSync(keyDir)) {
    for (const name of readdirSync(keyDir)
      .filter((n) => n.endsWith('.pub'))
      .sort()) {
      try {
        keys.push(readPublicKey(path.join(keyDir, name)));
      } catch (error) {
        problems.push(errorMessage(error));
      }
    }
  }
  return {
    sources: parsed.sources,
    trustedKeys: keys,
    pollMinutes: parsed.pollMinutes,
    idleSeconds: parsed.idleSeconds,
    ...(parsed.packIds ? { packIds: parsed.packIds } : {}),
    problems,
  };
}
