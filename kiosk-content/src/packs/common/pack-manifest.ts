import { z } from 'zod';

/**
 * A content pack's manifest (`manifest.json`, the first entry of the archive). It is what the
 * editor signs: every file's SHA-256 and size are in it, so one signature covers the whole pack
 * and a terminal can refuse a single changed byte (The Update Framework's "signed metadata").
 * Pure: no Node, no crypto — hashing and signatures live in src/node/packs.
 */

export const PACK_FORMAT = 'fatong-pack/1';
export const PACK_INDEX_FORMAT = 'fatong-pack-index/1';

/** What a pack can hold. `laws` = the compiled law library (content.db); the rest are content folders. */
export const packKinds = ['qa', 'glossary', 'procedures', 'calendar', 'directory', 'announcements', 'slides', 'laws'] as const;
export type PackKind = (typeof packKinds)[number];

const semverPattern = /^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$/;
export const semverSchema = z.string().regex(semverPattern, 'a version such as 1.2.3');

/** Longest path inside a pack; ustar stores up to 255 bytes. */
export const MAX_PACK_PATH_BYTES = 240;

/** UTF-8 byte length without TextEncoder (not in the pure projects' lib). */
function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/**
 * Why a path may not appear in a pack, or null when it is safe: relative, `/`-separated, no `.`
 * or `..` segments, no empty segments, no backslashes, drive letters or control characters. The
 * archive reader applies the same rule to every entry, so nothing can be written outside the
 * folder it extracts into.
 */
export function unsafePathReason(p: string): string | null {
  if (p.length === 0) return 'empty path';
  if (p.startsWith('/')) return `absolute path "${p}"`;
  if (/^[a-zA-Z]:/.test(p)) return `absolute path "${p}"`;
  if (p.includes('\\')) return `backslash in path "${p}"`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(p)) return 'control character in path';
  const segments = p.split('/');
  if (segments.some((s) => s === '..')) return `".." in path "${p}"`;
  if (segments.some((s) => s === '.' || s === '')) return `empty or "." segment in path "${p}"`;
  if (utf8Length(p) > MAX_PACK_PATH_BYTES) return `path longer than ${String(MAX_PACK_PATH_BYTES)} bytes`;
  return null;
}

export const packFileSchema = z.object({
  path: z.string().refine((p) => unsafePathReason(p) === null, { message: 'unsafe path' }),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'lower-case hex SHA-256'),
  size: z.number().int().nonnegative(),
});
export type PackFile = z.infer<typeof packFileSchema>;

export const packManifestSchema = z
  .object({
    format: z.literal(PACK_FORMAT),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'lower-case letters, digits and dashes'),
    version: semverSchema,
    title: z.string().min(1).max(200),
    /** ISO 8601, when the pack was built. */
    created: z.string().datetime({ offset: true }),
    /** The oldest app that can use this pack. */
    minAppVersion: semverSchema,
    kinds: z.array(z.enum(packKinds)).min(1),
    files: z.array(packFileSchema).min(1),
  })
  .superRefine((m, ctx) => {
    const seen = new Set<string>();
    for (const f of m.files) {
      if (seen.has(f.path)) ctx.addIssue({ code: 'custom', message: `file listed twice: ${f.path}` });
      seen.add(f.path);
    }
    if (m.kinds.includes('laws') && m.kinds.length > 1) ctx.addIssue({ code: 'custom', message: 'a law-library pack holds only the kind "laws"' });
  });
export type PackManifest = z.infer<typeof packManifestSchema>;

/** `manifest.sig`: the Ed25519 signature over the exact bytes of manifest.json. */
export const packSignatureSchema = z.object({
  alg: z.literal('ed25519'),
  /** First 16 hex digits of SHA-256 over the public key (SPKI DER). */
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  signature: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/),
});
export type PackSignature = z.infer<typeof packSignatureSchema>;

/** The index a content server or USB stick offers: the latest signed packs. */
export const packIndexSchema = z.object({
  format: z.literal(PACK_INDEX_FORMAT),
  packs: z
    .array(
      z.object({
        id: z.string().min(1),
        version: semverSchema,
        kinds: z.array(z.enum(packKinds)).min(1),
        /** Relative to the index (URL or folder). */
        file: z.string().refine((p) => unsafePathReason(p) === null, { message: 'unsafe path' }),
        size: z.number().int().positive(),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
      }),
    )
    .max(1000),
});
export type PackIndex = z.infer<typeof packIndexSchema>;
export type PackIndexEntry = PackIndex['packs'][number];

export type Semver = readonly [number, number, number];

export function parseSemver(v: string): Semver | null {
  const m = semverPattern.exec(v);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** <0, 0, >0 like a comparator; throws for something that is not a version. */
export function compareVersions(a: string, b: string): number {
  const pa = parseSemver(a);
  const pb = parseSemver(b);
  if (!pa || !pb) throw new Error(`not a version: ${!pa ? a : b}`);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Which slot a pack fills on a terminal: the law library, or the content folder (Q&A, procedures …). */
export type PackSlot = 'laws' | 'content';
export const slotOf = (kinds: readonly PackKind[]): PackSlot => (kinds.includes('laws') ? 'laws' : 'content');

export interface ManifestDiff {
  added: PackFile[];
  removed: PackFile[];
  changed: Array<{ path: string; before: PackFile; after: PackFile }>;
  unchanged: number;
  /** Header fields that differ (id, version, title, minAppVersion, kinds). */
  header: Array<{ field: string; before: string; after: string }>;
}

/** What an editor reviews before publishing: files added, changed and removed between two packs. */
export function diffManifests(before: PackManifest, after: PackManifest): ManifestDiff {
  const old = new Map(before.files.map((f) => [f.path, f]));
  const now = new Map(after.files.map((f) => [f.path, f]));
  const added = after.files.filter((f) => !old.has(f.path));
  const removed = before.files.filter((f) => !now.has(f.path));
  const changed: ManifestDiff['changed'] = [];
  let unchanged = 0;
  for (const f of after.files) {
    const prev = old.get(f.path);
    if (!prev) continue;
    if (prev.sha256 !== f.sha256) changed.push({ path: f.path, before: prev, after: f });
    else unchanged++;
  }
  const header: ManifestDiff['header'] = [];
  for (const field of ['id', 'version', 'title', 'minAppVersion'] as const) {
    if (before[field] !== after[field]) header.push({ field, before: before[field], after: after[field] });
  }
  if (before.kinds.join(',') !== after.kinds.join(',')) header.push({ field: 'kinds', before: before.kinds.join(','), after: after.kinds.join(',') });
  const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return { added: added.sort(byPath), removed: removed.sort(byPath), changed: changed.sort(byPath), unchanged, header };
}

/**
 * Whether a terminal may install `incoming` over what is active in the same slot: never an older
 * version of the same pack (no downgrade), never one that needs a newer app. Returns the refusal
 * in one line, 'same' when exactly this version is already active, or null.
 */
export function installRefusal(
  incoming: Pick<PackManifest, 'id' | 'version' | 'minAppVersion'>,
  active: { id: string; version: string } | null,
  appVersion: string,
): string | 'same' | null {
  if (compareVersions(incoming.minAppVersion, appVersion) > 0) {
    return `pack ${incoming.id} ${incoming.version} needs app version ${incoming.minAppVersion} or newer (this is ${appVersion})`;
  }
  if (active && active.id === incoming.id) {
    const d = compareVersions(incoming.version, active.version);
    if (d < 0) return `downgrade refused: ${incoming.id} ${incoming.version} is older than the active ${active.version}`;
    if (d === 0) return 'same';
  }
  return null;
}
