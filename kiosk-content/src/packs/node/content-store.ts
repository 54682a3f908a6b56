import { createHash } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  cpSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { formatContentProblem } from '../../procedures/common/procedure-types';
import { installRefusal, slotOf, type PackKind, type PackManifest, type PackSlot } from '../common/pack-manifest';
import { lintContentFolder } from '../../content-lint/node/lint-content-folder';
import { LawRepository } from '../../library-db/node/law-repository';
import { openContentDb } from '../../library-db/node/open-content-db';
import { loadContentFolder } from '../../content-folder/node/load-content-folder';
import { contentStamp, searchContentOf, searchModelMismatch, storeSearchIndex } from '../../search/node/persisted-index';
import { defaultPackLimits, PackRejectedError, readPack, type PackLimits } from './pack-archive';
import type { TrustedKey } from './pack-keys';
import { isLeftoverOf, writeFileAtomic } from '../../../../native-adapters/node/atomic-file';

/**
 * The terminal's installed content, under <dataDir>/content/:
 *
 *   active                    {"active": "g-…", "previous": "g-…" | null, "blocked": […]} — replaced by
 *                             an atomic rename (written to a temp file + fsync first, then the folder fsync'd)
 *   generations/g-…/          one complete, immutable content generation:
 *     state.json              which packs it holds (content slot, law slot)
 *     content/                the content folder (Q&A, procedures …) when a content pack is installed
 *     content.manifest.json   that pack's manifest;  laws.manifest.json the law pack's
 *     content.db              the law library (if any) + the search index built for this content
 *   staging/                  generations being built (deleted at the next install)
 *   holds/<holder>.json       {"generation": "g-…", "pid": n}: a generation a running kiosk shows;
 *                             kept (with active and previous) until the holder lets go or dies
 *   install.lock              one install at a time (pid; a dead holder's lock is taken over)
 *
 * An install builds a whole new generation in staging/, fsyncs it, renames it into generations/,
 * then flips `active`. A crash (kill -9, power) at any point leaves `active` naming either the old
 * generation or the new, complete one; nothing in an active generation is ever written again.
 */

export const GENERATION_FORMAT = 'fatong-content-generation/1';

export interface PackRecord {
  id: string;
  version: string;
  title: string;
  kinds: PackKind[];
  created: string;
  minAppVersion: string;
  /** Signer's key id; null when installed without a signature check (never by sync). */
  keyId: string | null;
  manifestSha256: string;
  installedAt: string;
}

export interface GenerationState {
  format: typeof GENERATION_FORMAT;
  generation: string;
  createdAt: string;
  content: PackRecord | null;
  laws: PackRecord | null;
}

/** The pointer's name for "no installed generation": the embedded default content. */
export const EMBEDDED = 'embedded';

interface ActivePointer {
  /** A generation, or EMBEDDED after rolling back the first install. */
  active: string;
  /** What rollback returns to: a generation, EMBEDDED, or null (nothing). */
  previous: string | null;
  /** Pack versions rolled back from: sync does not install them again (an explicit install may). */
  blocked: Array<{ id: string; version: string }>;
}

export interface ActiveContent extends GenerationState {
  dir: string;
  /** The generation's content folder; null = the embedded default content. */
  contentDir: string | null;
  dbFile: string;
  previous: string | null;
}

export interface InstallProgress {
  phase: 'verifying' | 'checking' | 'indexing' | 'switching' | 'done';
  packId: string;
  version: string;
  done: number;
  total: number;
  message: string;
}

export interface InstallResult {
  status: 'installed' | 'already-installed';
  slot: PackSlot;
  record: PackRecord;
  generation: string;
  previous: string | null;
  ms: number;
}

export interface ContentStoreOptions {
  /** <dataDir>/content */
  root: string;
  appVersion: string;
  /** The embedded default content (its pack.yaml is the content slot's baseline for downgrades). */
  defaultContentDir: string;
  limits?: PackLimits;
  now?: () => Date;
}

export interface InstallOptions {
  /** Keys whose signatures are accepted. Empty = refuse (unless allowUnsigned). */
  trustedKeys: readonly TrustedKey[];
  /** For editors' local previews only; never used by sync. */
  allowUnsigned?: boolean;
  onProgress?: (progress: InstallProgress) => void;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

function fsyncPath(p: string): void {
  const fd = openSync(p, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** fsync every file and folder below (and including) dir, so a rename after it publishes durable data. */
function fsyncTree(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) fsyncTree(p);
    else if (entry.isFile()) fsyncPath(p);
  }
  fsyncPath(dir);
}

/** The store's small files (active pointer, holds, sync state) hold nothing secret: readable by every user. */
export const STORE_FILE_MODE = 0o644;

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
};

function errorReason(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOSPC') return 'not enough disk space to install the pack (ENOSPC); the old content is kept';
  if (code === 'SQLITE_FULL') return 'not enough disk space to build the search index (SQLITE_FULL); the old content is kept';
  if (code === 'EDQUOT') return 'disk quota exceeded while installing the pack; the old content is kept';
  return error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : String(error);
}

export class ContentStore {
  readonly root: string;
  private readonly generationsDir: string;
  private readonly stagingDir: string;
  private readonly pointerFile: string;
  private readonly lockFile: string;
  private readonly holdsDir: string;
  private readonly now: () => Date;

  constructor(private readonly options: ContentStoreOptions) {
    this.root = path.resolve(options.root);
    this.generationsDir = path.join(this.root, 'generations');
    this.stagingDir = path.join(this.root, 'staging');
    this.pointerFile = path.join(this.root, 'active');
    this.lockFile = path.join(this.root, 'install.lock');
    this.holdsDir = path.join(this.root, 'holds');
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Marks the generation a running kiosk shows (null: it shows the embedded content or stops), so
   * no install removes the folder it serves while a switch waits for an idle moment. One hold per
   * holder, replaced atomically; a hold of a process that is gone counts for nothing.
   */
  hold(holder: string, generation: string | null): void {
    if (!/^[a-z0-9-]{1,64}$/.test(holder)) throw new Error(`bad holder name ${holder}`);
    const file = path.join(this.holdsDir, `${holder}.json`);
    if (generation === null || generation === EMBEDDED) {
      rmSync(file, { force: true });
      return;
    }
    mkdirSync(this.holdsDir, { recursive: true });
    writeFileAtomic(file, JSON.stringify({ generation, pid: process.pid }), STORE_FILE_MODE);
  }

  /** Generations held by a live process. */
  private held(): Set<string> {
    const out = new Set<string>();
    if (!existsSync(this.holdsDir)) return out;
    for (const name of readdirSync(this.holdsDir)) {
      if (!name.endsWith('.json')) continue;
      try {
        const hold = readJson<{ generation?: unknown; pid?: unknown }>(path.join(this.holdsDir, name));
        if (typeof hold.generation === 'string' && typeof hold.pid === 'number' && (hold.pid === process.pid || isAlive(hold.pid))) out.add(hold.generation);
      } catch {
        // Half-written by a holder that died: it holds nothing.
      }
    }
    return out;
  }

  /** An installed generation by name (active, previous or held), or null. */
  generation(name: string): GenerationState | null {
    return this.readGeneration(name);
  }

  private readPointer(): ActivePointer | null {
    if (!existsSync(this.pointerFile)) return null;
    try {
      const p = readJson<ActivePointer>(this.pointerFile);
      return typeof p.active === 'string' ? { active: p.active, previous: p.previous ?? null, blocked: p.blocked ?? [] } : null;
    } catch {
      return null;
    }
  }

  private readGeneration(name: string): GenerationState | null {
    if (!/^g-[0-9a-z-]+$/.test(name)) return null;
    const file = path.join(this.generationsDir, name, 'state.json');
    try {
      const state = readJson<GenerationState>(file);
      return state.format === GENERATION_FORMAT && state.generation === name ? state : null;
    } catch {
      return null;
    }
  }

  private toActive(state: GenerationState, previous: string | null): ActiveContent {
    const dir = path.join(this.generationsDir, state.generation);
    return { ...state, dir, contentDir: state.content ? path.join(dir, 'content') : null, dbFile: path.join(dir, 'content.db'), previous };
  }

  /** The installed generation the kiosk should show, or null (embedded default content). */
  active(): ActiveContent | null {
    const pointer = this.readPointer();
    if (!pointer) return null;
    const state = this.readGeneration(pointer.active);
    if (!state) return null;
    const previous = pointer.previous === EMBEDDED || (pointer.previous && this.readGeneration(pointer.previous)) ? pointer.previous : null;
    return this.toActive(state, previous);
  }

  /** What rollback would return to (content null = the embedded default content), or null. */
  previous(): GenerationState | null {
    const active = this.active();
    if (active?.previous === EMBEDDED) return { format: GENERATION_FORMAT, generation: EMBEDDED, createdAt: '', content: null, laws: null };
    return active?.previous ? this.readGeneration(active.previous) : null;
  }

  /** Pack versions sync must not reinstall (rolled back from). */
  blocked(): Array<{ id: string; version: string }> {
    return this.readPointer()?.blocked ?? [];
  }

  /** The pack active in a slot (the embedded default for content when nothing is installed). */
  activeInSlot(slot: PackSlot): { id: string; version: string } | null {
    const active = this.active();
    if (slot === 'laws') return active?.laws ?? null;
    if (active?.content) return active.content;
    const meta = loadContentFolder(this.options.defaultContentDir).meta;
    return { id: meta.id, version: meta.version };
  }

  private withLock<T>(fn: () => Promise<T>): Promise<T> {
    mkdirSync(this.root, { recursive: true });
    for (let attempt = 0; ; attempt++) {
      try {
        writeFileSync(this.lockFile, String(process.pid), { flag: 'wx' });
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== 'EEXIST' || attempt > 0) throw new PackRejectedError(`another install is running (${this.lockFile})`);
        const holder = Number(readFileSync(this.lockFile, 'utf8').trim());
        if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder))
          throw new PackRejectedError(`another install is running (process ${String(holder)})`);
        // The holder died (kill -9, power cut): its staging folder is garbage, the lock is ours.
        rmSync(this.lockFile, { force: true });
      }
    }
    return fn().finally(() => rmSync(this.lockFile, { force: true }));
  }

  /** Removes staging leftovers and generations that nothing refers to: not active, previous or held by a running kiosk. */
  private collectGarbage(): void {
    rmSync(this.stagingDir, { recursive: true, force: true });
    const pointer = this.readPointer();
    const keep = new Set([pointer?.active, pointer?.previous, ...this.held()].filter((g): g is string => typeof g === 'string'));
    if (!existsSync(this.generationsDir)) return;
    for (const name of readdirSync(this.generationsDir)) if (!keep.has(name)) rmSync(path.join(this.generationsDir, name), { recursive: true, force: true });
    for (const name of readdirSync(this.root)) if (isLeftoverOf(this.pointerFile, name)) rmSync(path.join(this.root, name), { force: true });
  }

  private newGenerationName(): string {
    const stamp = this.now()
      .toISOString()
      .replace(/[-:.TZ]/g, '')
      .toLowerCase();
    return `g-${stamp}-${createHash('sha256')
      .update(`${String(process.pid)}-${String(Math.random())}`)
      .digest('hex')
      .slice(0, 8)}`;
  }

  /**
   * Verifies and installs a pack: signature against the trusted keys, every file's hash, no
   * downgrade, app new enough, content lint (content packs) or schema + integrity (law packs),
   * search index built in the staging database, then the atomic switch. Throws PackRejectedError
   * with a one-line reason; the active content is untouched then.
   */
  install(packFile: string, options: InstallOptions): Promise<InstallResult> {
    return this.withLock(async () => {
      const started = performance.now();
      this.collectGarbage();
      const before = this.active();
      const name = this.newGenerationName();
      const staging = path.join(this.stagingDir, name);
      const extracted = path.join(staging, 'pack');
      mkdirSync(staging, { recursive: true });
      let manifest: PackManifest | null = null;
      const progress = (phase: InstallProgress['phase'], done: number, total: number, message: string) =>
        options.onProgress?.({ phase, packId: manifest?.id ?? '', version: manifest?.version ?? '', done, total, message });
      try {
        if (!options.allowUnsigned && options.trustedKeys.length === 0)
          throw new PackRejectedError('no trusted public key is configured to check the signature');
        let same = false;
        const read = await readPack(packFile, {
          limits: this.options.limits ?? defaultPackLimits,
          ...(options.allowUnsigned ? {} : { trustedKeys: options.trustedKeys }),
          extractTo: extracted,
          fsync: true,
          beforeFiles: (m) => {
            manifest = m;
            const refusal = installRefusal(m, this.activeInSlot(slotOf(m.kinds)), this.options.appVersion);
            if (refusal === 'same') same = true;
            else if (refusal) throw new PackRejectedError(refusal);
          },
          onProgress: (done, total) => progress('verifying', done, total, 'verifying the signature and every file'),
        });
        const m = read.manifest;
        const slot = slotOf(m.kinds);
        const record: PackRecord = {
          id: m.id,
          version: m.version,
          title: m.title,
          kinds: m.kinds,
          created: m.created,
          minAppVersion: m.minAppVersion,
          keyId: read.signature?.keyId ?? null,
          manifestSha256: createHash('sha256').update(read.manifestBytes).digest('hex'),
          installedAt: this.now().toISOString(),
        };
        if (same) {
          rmSync(staging, { recursive: true, force: true });
          return {
            status: 'already-installed',
            slot,
            record,
            generation: before?.generation ?? '',
            previous: before?.previous ?? null,
            ms: performance.now() - started,
          };
        }

        const genDir = staging;
        const state: GenerationState = {
          format: GENERATION_FORMAT,
          generation: name,
          createdAt: record.installedAt,
          content: before?.content ?? null,
          laws: before?.laws ?? null,
        };
        // The content slot: the new pack's folder, or the active generation's (copied).
        if (slot === 'content') {
          progress('checking', 0, 1, 'checking the content (content lint)');
          renameSync(extracted, path.join(genDir, 'content'));
          const meta = (() => {
            try {
              return loadContentFolder(path.join(genDir, 'content')).meta;
            } catch (error) {
              throw new PackRejectedError(`the pack's content is invalid: ${errorReason(error)}`);
            }
          })();
          if (meta.id !== m.id || meta.version !== m.version)
            throw new PackRejectedError(`pack.yaml says ${meta.id} ${meta.version} but the manifest says ${m.id} ${m.version}`);
          const lint = lintContentFolder(path.join(genDir, 'content'));
          if (lint.problems.length > 0) {
            const first = lint.problems[0];
            throw new PackRejectedError(`the content has ${String(lint.problems.length)} problem(s); first: ${first ? formatContentProblem(first) : ''}`);
          }
          writeFileSync(path.join(genDir, 'content.manifest.json'), read.manifestBytes);
          state.content = record;
          if (before?.laws) {
            copyFileSync(path.join(before.dir, 'content.db'), path.join(genDir, 'content.db'));
            copyFileSync(path.join(before.dir, 'laws.manifest.json'), path.join(genDir, 'laws.manifest.json'));
          }
        } else {
          progress('checking', 0, 1, 'checking the law library');
          renameSync(path.join(extracted, 'content.db'), path.join(genDir, 'content.db'));
          rmSync(extracted, { recursive: true, force: true });
          writeFileSync(path.join(genDir, 'laws.manifest.json'), read.manifestBytes);
          state.laws = record;
          if (before?.content) {
            cpSync(path.join(before.dir, 'content'), path.join(genDir, 'content'), { recursive: true });
            copyFileSync(path.join(before.dir, 'content.manifest.json'), path.join(genDir, 'content.manifest.json'));
          }
        }
        rmSync(extracted, { recursive: true, force: true });

        progress('indexing', 0, 1, 'building the search index');
        const contentDir = state.content ? path.join(genDir, 'content') : this.options.defaultContentDir;
        let db;
        try {
          db = openContentDb(path.join(genDir, 'content.db'));
        } catch (error) {
          throw new PackRejectedError(`the law library cannot be opened: ${errorReason(error)}`);
        }
        try {
          const integrity = db.pragma('integrity_check', { simple: true }) as string;
          if (integrity !== 'ok') throw new PackRejectedError(`the law library is damaged (integrity_check: ${integrity})`);
          if (slot === 'laws' && !new LawRepository(db).stats().installed) throw new PackRejectedError('the law-library pack holds no laws');
          const modelProblem = searchModelMismatch(db);
          if (modelProblem) throw new PackRejectedError(modelProblem);
          storeSearchIndex(db, searchContentOf(db, { contentDir }), { stamp: contentStamp(db, contentDir), now: this.now });
          db.pragma('wal_checkpoint(TRUNCATE)');
          db.pragma('journal_mode = DELETE');
        } finally {
          db.close();
        }
        writeFileSync(path.join(genDir, 'state.json'), `${JSON.stringify(state, null, 2)}\n`);

        progress('switching', 0, 1, 'switching to the new content');
        fsyncTree(genDir);
        mkdirSync(this.generationsDir, { recursive: true });
        renameSync(genDir, path.join(this.generationsDir, name));
        fsyncPath(this.generationsDir);
        const pointer = this.readPointer();
        writeFileAtomic(
          this.pointerFile,
          JSON.stringify({
            active: name,
            previous: before?.generation ?? EMBEDDED,
            blocked: (pointer?.blocked ?? []).filter((b) => b.id !== m.id),
          } satisfies ActivePointer),
          STORE_FILE_MODE,
        );
        this.collectGarbage();
        progress('done', 1, 1, `installed ${m.id} ${m.version}`);
        return { status: 'installed', slot, record, generation: name, previous: before?.generation ?? EMBEDDED, ms: performance.now() - started };
      } catch (error) {
        rmSync(staging, { recursive: true, force: true });
        if (error instanceof PackRejectedError) throw error;
        throw new PackRejectedError(errorReason(error));
      }
    });
  }

  /** Makes the previous generation active again; its newer versions are not reinstalled by sync. */
  rollback(): Promise<GenerationState> {
    return this.withLock(() => {
      const active = this.active();
      if (!active) return Promise.reject(new PackRejectedError('nothing to roll back: no pack is installed'));
      if (!active.previous) return Promise.reject(new PackRejectedError('nothing to roll back to: there is no previous content'));
      const previous = active.previous === EMBEDDED ? this.previous() : this.readGeneration(active.previous);
      if (!previous) return Promise.reject(new PackRejectedError('the previous content is missing or damaged'));
      const pointer = this.readPointer();
      const blocked = [...(pointer?.blocked ?? [])];
      for (const slot of ['content', 'laws'] as const) {
        const now = active[slot];
        if (now && (previous[slot]?.id !== now.id || previous[slot]?.version !== now.version)) blocked.push({ id: now.id, version: now.version });
      }
      writeFileAtomic(
        this.pointerFile,
        JSON.stringify({ active: previous.generation, previous: active.generation, blocked } satisfies ActivePointer),
        STORE_FILE_MODE,
      );
      return Promise.resolve(previous);
    });
  }

  /**
   * Checks a generation end to end (used at start-up by tests and `content status --check`): every
   * file its manifests list exists with the right hash, and the database passes integrity_check.
   */
  checkGeneration(active: ActiveContent): string[] {
    const problems: string[] = [];
    if (active.content) {
      const m = readJson<PackManifest>(path.join(active.dir, 'content.manifest.json'));
      for (const f of m.files) {
        const file = path.join(active.dir, 'content', ...f.path.split('/'));
        if (!existsSync(file)) problems.push(`missing ${f.path}`);
        else if (statSync(file).size !== f.size || createHash('sha256').update(readFileSync(file)).digest('hex') !== f.sha256)
          problems.push(`changed ${f.path}`);
      }
    }
    if (!existsSync(active.dbFile)) problems.push('missing content.db');
    else {
      const db = openContentDb(active.dbFile, { readonly: true });
      try {
        const integrity = db.pragma('integrity_check', { simple: true }) as string;
        if (integrity !== 'ok') problems.push(`content.db integrity_check: ${integrity}`);
      } finally {
        db.close();
      }
    }
    return problems;
  }
}
