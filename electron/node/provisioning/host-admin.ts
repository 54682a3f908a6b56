import { randomBytes } from 'node:crypto';
import { statfsSync } from 'node:fs';
import type { AdminActionResult, AdminRequest, AdminStatus, PinState, TestCardResult, UnlockResult } from '../../common/contract/admin-api';
import { KioskError } from '../../common/contract/kiosk-error';
import type { KioskApiImpl } from '../../common/contract/kiosk-api';
import { localDay } from '../../common/domain/query-redaction';
import type { StoredTerminalConfig } from '../../common/config/terminal-config';
import { buildSelfTestPage } from '../../../native-adapters/thermal-printer/node/printer-node';
import type { ContentService } from '../services/content-service';
import type { DeviceStatusService } from '../services/device-status-service';
import { DEFAULT_RECEIPT_SITE } from '../services/procedure-service';
import type { IdCardService } from '../services/id-card-service';
import type { PrintService } from '../services/print-service';
import type { StatsService } from '../services/stats-service';
import { terminalView, type TerminalSettings } from '../../common/config/terminal-settings';
import { errorMessage } from '../../common/errors/error-message';
import { Emitter, type Unsubscribe } from '../../common/events/emitter';
import type { Logger } from '../system/logger';
import { AdminPinGuard } from './admin-pin';
import { startMetricsServer } from './metrics-server';
import { createTerminalMetrics, PRINT_OUTCOMES, type PrintOutcome, type TerminalMetricsSource } from './terminal-metrics';
import type { RecentErrors } from './recent-errors';

export interface HostAdminOptions {
  terminal: TerminalSettings;
  devices: Pick<DeviceStatusService, 'getStatus'>;
  /** What the terminal shows (for the status page and /metrics; the store for the packs' build times). */
  content: Pick<ContentService, 'status' | 'store'>;
  /** Today's counts. */
  stats: Pick<StatsService, 'summary'>;
  /** The receipt printer, for the test page and /metrics. */
  printer: PrintService;
  /** The ID-card reader, for the test card. */
  idCard: IdCardService;
  dataDir: { root: string; config: string };
  appVersion: string;
  logger: Logger;
  /** The provisioned configuration (null = not provisioned: the PIN pad says so, no /metrics). */
  config: StoredTerminalConfig | null;
  configProblems: string[];
  recentErrors: RecentErrors;
  /** Idle admin sessions end after this long (default 5 minutes). */
  sessionMs?: number;
  now?: () => number;
}

const ADMIN_REQUIRED = '需要管理员密码 (admin PIN required)';

/**
 * The admin side of the host: PIN unlock with lockout (AdminPinGuard), one short-lived session
 * token, the admin methods of the contract, the gate for content sync/rollback, restart and
 * exit-kiosk requests for the shell, and the terminal's Prometheus metrics on loopback (what the
 * agent remote-writes to the district).
 */
export class HostAdmin {
  readonly guard: AdminPinGuard;
  private session: { token: string; expiresAt: number } | null = null;
  /** The shell (start script, Electron main) acts on these, after the screen got its reply. */
  private readonly shellRequests = new Emitter<AdminRequest>();
  /** The screen hears of a request at once (admin.onDidRequest). */
  private readonly screenRequests = new Emitter<AdminRequest>();
  private readonly now: () => number;
  private readonly startedAt: number;
  private metrics: { close(): Promise<void>; port: number } | null = null;
  private readonly printOutcomes = new Map<string, PrintOutcome>();
  private readonly printCounts: Record<PrintOutcome, number> = { done: 0, failed: 0, cancelled: 0 };
  private lastSuccessfulSync: string | null = null;
  private stopWatchingPrints: Unsubscribe | null = null;

  constructor(private readonly options: HostAdminOptions) {
    this.now = options.now ?? (() => Date.now());
    this.startedAt = this.now();
    this.guard = new AdminPinGuard(options.dataDir.config, () => options.config?.adminPinHash ?? null, this.now);
  }

  unlock(pin: string): UnlockResult {
    const decision = this.guard.attempt(pin);
    // The PIN itself is never logged; only the outcome.
    this.options.logger.log(decision.ok ? 'info' : 'warn', 'admin.unlock', {
      result: decision.ok ? 'ok' : (decision.reason ?? 'failed'),
      attemptsLeft: decision.attemptsLeft,
    });
    if (!decision.ok)
      return { ok: false, reason: decision.reason ?? 'wrong-pin', attemptsLeft: decision.attemptsLeft, retryAfterSeconds: decision.retryAfterSeconds };
    const token = randomBytes(24).toString('base64url');
    this.session = { token, expiresAt: this.now() + this.sessionMs };
    return { ok: true, token, expiresAt: new Date(this.session.expiresAt).toISOString() };
  }

  /** The PIN pad's state on opening (AdminPinGuard.peek): a running lockout and its seconds left. */
  pinState(): PinState {
    if (!this.options.config?.adminPinHash) return { state: 'not-provisioned', attemptsLeft: 0, retryAfterSeconds: 0 };
    const peek = this.guard.peek();
    return { state: peek.reason === 'locked' ? 'locked' : 'ready', attemptsLeft: peek.attemptsLeft, retryAfterSeconds: peek.retryAfterSeconds };
  }

  private get sessionMs(): number {
    return this.options.sessionMs ?? 5 * 60_000;
  }

  /** Throws unless `token` is the current, unexpired admin session; extends it. */
  require(token: string): void {
    const s = this.session;
    if (!s || s.expiresAt <= this.now() || token.length !== s.token.length || token !== s.token) {
      if (s && s.expiresAt <= this.now()) this.session = null;
      throw new KioskError('admin-required', ADMIN_REQUIRED);
    }
    s.expiresAt = this.now() + this.sessionMs;
  }

  /** Runs `action` only within the admin session `token` names (a property, so it can be handed on). */
  readonly gate = <T>(token: string, action: () => T): T => {
    this.require(token);
    return action();
  };

  lock(): void {
    this.session = null;
  }

  /** Restart / exit-kiosk requests: the shell (start script, Electron main) decides how. */
  onRequest(listener: (request: AdminRequest) => void): Unsubscribe {
    return this.shellRequests.on(listener);
  }

  /** The same requests as they are made, for the screen (the composition root forwards them as admin.onDidRequest). */
  onDidRequest(listener: (request: AdminRequest) => void): Unsubscribe {
    return this.screenRequests.on(listener);
  }

  private request(action: AdminRequest['action']): AdminActionResult {
    this.options.logger.log('info', 'admin.request', { action });
    if (this.shellRequests.size === 0) return { ok: false, message: `no shell handles ${action} here (tests or a bare host)` };
    this.screenRequests.fire({ action });
    // Let the reply reach the screen first.
    setTimeout(() => this.shellRequests.fire({ action }), 200).unref();
    return { ok: true, message: action === 'restart' ? 'restarting the kiosk' : 'leaving kiosk mode' };
  }

  todayCounts(): { date: string; byMetric: Record<string, number> } {
    const date = localDay(new Date(this.now()));
    const byMetric: Record<string, number> = {};
    try {
      for (const row of this.options.stats.summary(date, date).rows) byMetric[row.metric] = (byMetric[row.metric] ?? 0) + row.count;
    } catch (error) {
      this.options.logger.log('warn', 'admin.counts-unavailable', { error: errorMessage(error) });
    }
    return { date, byMetric };
  }

  status(): AdminStatus {
    const showing = this.options.content.status().showing;
    const t = this.options.terminal;
    return {
      terminalId: t.terminalId,
      siteName: t.siteName,
      region: t.region,
      appVersion: this.options.appVersion,
      ports: { printer: t.printer?.port ?? null, idReader: t.idReader?.port ?? null },
      content: { packId: showing.content.id, version: showing.content.version, lawsVersion: showing.laws?.version ?? null },
      counts: this.todayCounts(),
      lastErrors: this.options.recentErrors.list(),
      configProblems: this.options.configProblems,
      uptimeSeconds: Math.round((this.now() - this.startedAt) / 1000),
    };
  }

  async printTestPage(): Promise<AdminActionResult> {
    const printer = this.options.printer;
    const before = printer.status().printer;
    if (before.state === 'not-configured') return { ok: false, message: 'no printer is provisioned (printer.port)' };
    const t = this.options.terminal;
    const page = buildSelfTestPage({
      siteName: terminalView(t).siteName ?? DEFAULT_RECEIPT_SITE,
      columns: printer.columns,
      connection: t.printer ? `${t.printer.port}，${String(t.printer.baudRate)} 波特` : '',
      status: before,
      reference: randomBytes(3).toString('hex').toUpperCase(),
    });
    const job = printer.print({ title: '打印机自检页', bytes: page.bytes });
    const final = await new Promise<string>((resolve) => {
      const check = (): boolean => {
        const current = printer.status().jobs.find((j) => j.id === job.id);
        if (!current || current.state === 'done' || current.state === 'failed' || current.state === 'cancelled') {
          resolve(current?.state ?? 'gone');
          return true;
        }
        return false;
      };
      if (check()) return;
      const timer = setTimeout(() => {
        stop();
        resolve('waiting');
      }, 20_000);
      const unsubscribe = printer.onDidChange(() => {
        if (check()) stop();
      });
      const stop = () => {
        clearTimeout(timer);
        unsubscribe();
      };
    });
    const state = printer.status().printer;
    if (final === 'done') return { ok: true, message: `test page printed; printer ${state.state}` };
    return { ok: false, message: `test page ${final}: printer ${state.state} — ${state.detail}`.slice(0, 500) };
  }

  async readTestCard(timeoutMs = 10_000): Promise<TestCardResult> {
    const reader = this.options.idCard;
    if (reader.getState().state === 'not-configured') return { ok: false, message: 'no ID-card reader is provisioned (idReader.port)', card: null };
    reader.startRead(['cardType', 'maskedName', 'maskedIdNumber', 'numberValid']);
    try {
      return await new Promise<TestCardResult>((resolve) => {
        const settle = (): boolean => {
          const s = reader.getState();
          if (s.result) {
            resolve({
              ok: true,
              message: 'card read (masked)',
              card: {
                cardType: s.result.cardType ?? '',
                maskedName: s.result.maskedName ?? '',
                maskedIdNumber: s.result.maskedIdNumber ?? '',
                numberValid: s.result.numberValid ?? false,
              },
            });
            return true;
          }
          if (s.state === 'reader-offline') resolve({ ok: false, message: `reader offline: ${s.detail}`.slice(0, 500), card: null });
          else if (s.state === 'retry-placement' && s.reason !== 'moved') resolve({ ok: false, message: `card not readable: ${s.reason}`, card: null });
          else return false;
          return true;
        };
        if (settle()) return;
        const timer = setTimeout(() => {
          unsubscribe();
          resolve({ ok: false, message: `no card read within ${String(timeoutMs / 1000)} s (state ${reader.getState().state})`, card: null });
        }, timeoutMs);
        const unsubscribe = reader.onDidChangeState(() => {
          if (!settle()) return;
          clearTimeout(timer);
          unsubscribe();
        });
      });
    } finally {
      // The test card is somebody's card: nothing of it stays in the host.
      reader.wipe();
    }
  }

  /** The `admin` part of the KioskApi. */
  api(): KioskApiImpl['admin'] {
    return {
      unlock: ({ pin }) => this.unlock(pin),
      pinState: () => this.pinState(),
      lock: ({ token }) => {
        this.require(token);
        this.lock();
        return undefined;
      },
      status: ({ token }) => this.gate(token, () => this.status()),
      printTestPage: ({ token }) => this.gate(token, () => this.printTestPage()),
      readTestCard: ({ token }) => this.gate(token, () => this.readTestCard()),
      restart: ({ token }) => this.gate(token, () => this.request('restart')),
      exitKiosk: ({ token }) => this.gate(token, () => this.request('exit-kiosk')),
    };
  }

  /** What /metrics reads at each scrape. */
  metricsSource(): TerminalMetricsSource {
    return {
      appVersion: this.options.appVersion,
      startedAt: this.startedAt,
      now: this.now,
      content: () => {
        const status = this.options.content.status();
        if (status.lastSync && (status.lastSync.result === 'installed' || status.lastSync.result === 'up-to-date'))
          this.lastSuccessfulSync = status.lastSync.at;
        const showing = status.showing;
        const active = this.activeGeneration();
        const created = (id: string, version: string, record: { id: string; version: string; created: string } | null | undefined): string | null =>
          record && record.id === id && record.version === version ? record.created : null;
        return {
          content: {
            id: showing.content.id,
            version: showing.content.version,
            created: showing.content.embedded ? null : created(showing.content.id, showing.content.version, active?.content),
          },
          laws: showing.laws
            ? { id: showing.laws.id, version: showing.laws.version, created: created(showing.laws.id, showing.laws.version, active?.laws) }
            : null,
          lastSuccessfulSync: this.lastSuccessfulSync,
        };
      },
      devices: () => this.options.devices.getStatus(),
      printerState: () => this.options.printer.status().printer.state,
      usageTotals: () => this.options.stats.summary('0000-01-01', '9999-12-31').rows,
      problemCounts: () => this.options.recentErrors.counts(),
      printJobs: () => {
        this.countPrintJobs();
        return { ...this.printCounts };
      },
      disk: () => {
        try {
          const fs = statfsSync(this.options.dataDir.root);
          return { freeBytes: fs.bavail * fs.bsize, sizeBytes: fs.blocks * fs.bsize };
        } catch {
          return null;
        }
      },
    };
  }

  /** The installed generation (for the packs' build times), null when there is none or it cannot be read. */
  private activeGeneration(): ReturnType<ContentService['store']['active']> {
    try {
      return this.options.content.store.active();
    } catch {
      return null;
    }
  }

  /** Counts each job once when it reaches done, failed or cancelled (the status lists the last finished jobs). */
  private countPrintJobs(): void {
    for (const job of this.options.printer.status().jobs) {
      if (!(PRINT_OUTCOMES as readonly string[]).includes(job.state)) continue;
      const outcome = job.state as PrintOutcome;
      if (this.printOutcomes.get(job.id) === outcome) continue;
      this.printOutcomes.set(job.id, outcome);
      this.printCounts[outcome]++;
    }
    if (this.printOutcomes.size > 1000) for (const id of [...this.printOutcomes.keys()].slice(0, 500)) this.printOutcomes.delete(id);
  }

  /** /metrics on loopback as provisioned (nothing when not provisioned). */
  async startSupervision(): Promise<void> {
    const config = this.options.config;
    if (!config?.metrics) return;
    this.stopWatchingPrints = this.options.printer.onDidChange(() => this.countPrintJobs());
    try {
      this.metrics = await startMetricsServer(config.metrics.port, createTerminalMetrics(this.metricsSource()));
      this.options.logger.log('info', 'metrics.listening', { port: this.metrics.port });
    } catch (error) {
      this.options.logger.log('error', 'metrics.listen-failed', { port: config.metrics.port, error: errorMessage(error) });
    }
  }

  close(): void {
    this.stopWatchingPrints?.();
    this.stopWatchingPrints = null;
    void this.metrics?.close();
    this.metrics = null;
    this.session = null;
  }
}
