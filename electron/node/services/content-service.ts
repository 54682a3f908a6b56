import path from 'node:path';
import type { ContentActionResult, ContentStatus, PackRef, SyncProgress } from '../../common/contract/content-api';
import { loadContentFolder } from '../../../kiosk-content/src/content-folder/node/load-content-folder';
import { ContentStore, type ActiveContent, type GenerationState, type PackRecord } from '../../../kiosk-content/src/packs/node/content-store';
import { syncOnce, type SyncProgress as PackSyncProgress } from '../../../kiosk-content/src/packs/node/pack-sync';
import type { HttpOptions } from '../../../kiosk-content/src/packs/node/pack-sources';
import { readTerminalContentConfig, type TerminalContentConfig } from '../../../kiosk-content/src/packs/node/terminal-content-config';
import type { DataDirLayout } from '../system/data-dir';
import type { KioskApiImpl } from '../../common/contract/kiosk-api';
import { Emitter, type Unsubscribe } from '../../common/events/emitter';
import type { Logger } from '../system/logger';
import { errorMessage } from '../../common/errors/error-message';

export interface ContentServiceOptions {
  dataDir: DataDirLayout;
  appVersion: string;
  /** The embedded default content folder. */
  defaultContentDir: string;
  logger: Logger;
  /** Overrides <dataDir>/config/content.json (tests, provisioning). */
  config?: Partial<Omit<TerminalContentConfig, 'problems'>>;
  http?: HttpOptions;
  /**
   * Called after an install or rollback changed the active generation: the host shows it at the
   * next idle moment (ContentGenerations.switchWhenIdle).
   */
  requestSwitch: () => void;
  /** Which generation the host shows now (null = embedded default / legacy library). */
  showing: () => string | null;
  now?: () => Date;
}

const idle: SyncProgress = { phase: 'idle', packId: '', version: '', done: 0, total: 0, message: '' };

const ref = (r: PackRecord): PackRef => ({ id: r.id, version: r.version, title: r.title });

/**
 * Content packs on the terminal: the sources and trusted keys it is provisioned with, sync on a
 * schedule and on demand (with progress events for the admin screen), rollback. Installing and
 * switching are separate: an install only flips the `active` pointer on disk; the host starts
 * showing it when no resident is using the kiosk.
 */
export class ContentService {
  readonly store: ContentStore;
  private config: TerminalContentConfig;
  private readonly syncChanged = new Emitter<SyncProgress>();
  private progress: SyncProgress = idle;
  private running: Promise<ContentActionResult> | null = null;
  private lastSync: ContentStatus['lastSync'] = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly embedded: PackRef;
  private readonly now: () => Date;

  constructor(private readonly options: ContentServiceOptions) {
    this.store = new ContentStore({
      root: path.join(options.dataDir.root, 'content'),
      appVersion: options.appVersion,
      defaultContentDir: options.defaultContentDir,
    });
    const read = readTerminalContentConfig(options.dataDir.config);
    this.config = { ...read, ...options.config, problems: read.problems };
    for (const problem of read.problems) options.logger.log('warn', 'content.config-problem', { problem });
    const meta = loadContentFolder(options.defaultContentDir).meta;
    this.embedded = { id: meta.id, version: meta.version, title: meta.title };
    this.now = options.now ?? (() => new Date());
  }

  get idleSeconds(): number {
    return this.config.idleSeconds;
  }

  /** Starts polling the sources every pollMinutes (first check after one interval). */
  start(): void {
    if (this.timer || this.config.sources.length === 0) return;
    this.timer = setInterval(() => void this.syncNow(), this.config.pollMinutes * 60_000);
    this.timer.unref();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  onDidChangeSync(listener: (p: SyncProgress) => void): Unsubscribe {
    return this.syncChanged.on(listener);
  }

  /** The `content` part of the KioskApi; sync and rollback need an admin session (`gate` checks its token). */
  api(gate: <T>(token: string, action: () => T) => T): KioskApiImpl['content'] {
    return {
      status: () => this.status(),
      syncNow: ({ token }) => gate(token, () => this.syncNow()),
      rollback: ({ token }) => gate(token, () => this.rollback()),
    };
  }

  private report(p: SyncProgress): void {
    this.progress = p;
    this.syncChanged.fire(p);
  }

  private slots(state: GenerationState | null): ContentStatus['showing'] {
    return {
      content: state?.content ? { ...ref(state.content), embedded: false } : { ...this.embedded, embedded: true },
      laws: state?.laws ? ref(state.laws) : null,
    };
  }

  status(): ContentStatus {
    const active: ActiveContent | null = this.store.active();
    const showing = this.options.showing();
    const showingState = showing === active?.generation ? active : showing ? this.generationState(showing) : null;
    const previous = this.store.previous();
    return {
      showing: this.slots(showingState),
      pending: (active?.generation ?? null) !== showing ? this.slots(active) : null,
      previous: previous ? this.slots(previous) : null,
      sources: this.config.sources.map((s) => (s.kind === 'http' ? { kind: 'http' as const, location: s.url } : { kind: 'folder' as const, location: s.path })),
      trustedKeys: this.config.trustedKeys.map((k) => k.keyId),
      syncing: this.running !== null,
      lastSync: this.lastSync,
      progress: this.progress,
    };
  }

  /** Any installed generation by name: the one on screen may be neither active nor previous while a switch waits. */
  private generationState(name: string): GenerationState | null {
    return this.store.generation(name);
  }

  /** One sync pass now; a second call while one runs returns the same result. */
  syncNow(): Promise<ContentActionResult> {
    this.running ??= this.runSync().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runSync(): Promise<ContentActionResult> {
    const log = this.options.logger;
    if (this.config.sources.length === 0) {
      this.lastSync = { at: this.now().toISOString(), result: 'no-sources', message: 'no content source is configured' };
      return { ok: false, message: 'no content source is configured', status: this.status() };
    }
    const results = await syncOnce(this.store, {
      sources: this.config.sources,
      trustedKeys: this.config.trustedKeys,
      ...(this.config.packIds ? { packIds: this.config.packIds } : {}),
      ...(this.options.http ? { http: this.options.http } : {}),
      onProgress: (p: PackSyncProgress) =>
        this.report({
          phase: p.phase === 'checking' && p.packId !== '' ? 'checking-content' : p.phase,
          packId: p.packId,
          version: p.version,
          done: p.done,
          total: p.total,
          message: p.message.slice(0, 500),
        }),
    });
    const installed = results.flatMap((r) => r.installed.filter((i) => i.status === 'installed'));
    const failed = results.filter((r) => r.status === 'failed');
    for (const r of failed) log.log('warn', 'content.sync-failed', { source: r.source, error: r.error ?? '' });
    for (const i of installed)
      log.log('info', 'content.installed', { id: i.record.id, version: i.record.version, generation: i.generation, ms: Math.round(i.ms) });
    if (installed.length > 0) {
      this.options.requestSwitch();
      this.report({
        phase: 'waiting-for-idle',
        packId: installed[0]?.record.id ?? '',
        version: installed[0]?.record.version ?? '',
        done: 1,
        total: 1,
        message: 'installed; shown at the next idle moment',
      });
    } else if (failed.length === 0) this.report({ ...idle, phase: 'up-to-date', message: 'up to date' });
    const message =
      [...installed.map((i) => `installed ${i.record.id} ${i.record.version}`), ...failed.map((r) => `${r.source}: ${r.error ?? 'failed'}`)].join('; ') ||
      'up to date';
    this.lastSync = {
      at: this.now().toISOString(),
      result: installed.length > 0 ? 'installed' : failed.length > 0 ? 'failed' : 'up-to-date',
      message: message.slice(0, 500),
    };
    return { ok: failed.length === 0, message: message.slice(0, 500), status: this.status() };
  }

  async rollback(): Promise<ContentActionResult> {
    try {
      const active = await this.store.rollback();
      this.options.logger.log('info', 'content.rolled-back', { generation: active.generation });
      this.options.requestSwitch();
      return { ok: true, message: 'rolled back; shown at the next idle moment', status: this.status() };
    } catch (error) {
      return { ok: false, message: errorMessage(error).slice(0, 500), status: this.status() };
    }
  }
}

/**
 * Counts API calls as activity and runs a pending content switch once none has arrived for
 * `idleSeconds` — a resident in the middle of a procedure keeps the content they started with.
 * Issue 9 replaces the "no call for N seconds" rule with real idle detection (attract loop);
 * switchWhenIdle stays the hook.
 */
export class IdleSwitcher {
  private lastActivity: number;
  private pending: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly idleMs: () => number,
    private readonly clock: () => number = () => Date.now(),
    private readonly checkEveryMs = 1000,
  ) {
    this.lastActivity = clock();
  }

  touch(): void {
    this.lastActivity = this.clock();
  }

  hasPending(): boolean {
    return this.pending !== null;
  }

  /** Runs `apply` at the next idle moment (replacing an earlier pending switch). */
  switchWhenIdle(apply: () => void): void {
    this.pending = apply;
    // The first check waits one turn of the event loop: preparing the new content (indexing) can
    // block it for seconds, and calls a resident made meanwhile are queued, not yet counted.
    setImmediate(() => this.check());
    if (!this.timer) {
      this.timer = setInterval(() => this.check(), this.checkEveryMs);
      this.timer.unref();
    }
  }

  check(): void {
    if (!this.pending || this.clock() - this.lastActivity < this.idleMs()) return;
    const apply = this.pending;
    this.pending = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    apply();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.pending = null;
  }
}
