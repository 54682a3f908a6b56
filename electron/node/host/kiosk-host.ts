import { fuzzyPinyinEnabled } from '../../common/ime/fuzzy-pinyin';
import { queryCorrectorLoader } from '../services/query-corrector-loader';
import { kioskContract, type KioskApiImpl } from '../../common/contract/kiosk-api';
import { RpcServer } from '../../common/rpc/rpc-server';
import { defaultContentDir, loadContentFolder, type ContentFolder } from '../../../kiosk-content/src/node/load-content-folder';
import type { ActiveContent } from '../../../kiosk-content/src/node/packs/content-store';
import { ContentService, IdleSwitcher } from '../services/content-service';
import { LibraryService } from '../services/library-service';
import { ProcedureService } from '../services/procedure-service';
import { DeviceStatusService } from '../services/device-status-service';
import { SqliteStatsService, type StatsService } from '../services/stats-service';
import { isKnownStep, withStatsRecording } from '../services/stats-recording';
import { attractApi } from '../services/attract-service';
import { ReceiptService } from '../services/receipt-service';
import { prepareDataDir, type DataDirLayout } from '../system/data-dir';
import type { Logger } from '../system/logger';
import type { SessionEndReason } from '../../common/contract/session-api';
import type { TerminalSettings } from './terminal-settings';
import { HostAdmin } from '../provisioning/host-admin';
import { loadProvisioning } from '../provisioning/provisioned-terminal';
import { RecentErrors } from '../provisioning/recent-errors';
import type { IdCardService } from '../services/id-card-service';
import { closeIdCardService, createIdCardService, idCardApi, toIdCardState } from './idcard-wiring';

export interface KioskHostOptions {
  dataDir: string;
  /** Folder of the embedded default content (kiosk-content/default in the source tree). */
  contentDir?: string;
  appVersion: string;
  logger: Logger;
  /** Content sync settings instead of <dataDir>/config/content.json (tests). */
  contentConfig?: ConstructorParameters<typeof ContentService>[0]['config'];
  contentHttp?: ConstructorParameters<typeof ContentService>[0]['http'];
  /** Site and device settings; defaults to an unprovisioned terminal (issue 8 reads the provisioned file). */
  terminal?: TerminalSettings;
  /** The pinyin dictionary the renderer ships (generated/ime/dictionary.txt); search corrects misspelled terms with it. */
  imeDictionaryFile?: string;
}

/**
 * The kiosk's main-process services in plain Node: the composition root shared by the
 * Electron shell, the browser-mode host and the integration tests. Nothing here imports
 * Electron, so everything can be exercised without it.
 */
export class KioskHost {
  readonly dataDir: DataDirLayout;
  readonly devices = new DeviceStatusService();
  readonly rpc: RpcServer;
  readonly content: ContentService;
  readonly terminal: TerminalSettings;
  /** Counts by day without personal data (issue 9), in <dataDir>/db/stats.db. */
  readonly stats: StatsService;
  readonly idCard: IdCardService;
  /** Receipt previews and the printer (issue 5). */
  readonly receipts: ReceiptService;
  /** Admin PIN, admin API, heartbeat and /metrics (issue 8). */
  readonly admin: HostAdmin;
  private receiptsStopped: Promise<void> = Promise.resolve();
  private readonly idle: IdleSwitcher;
  private view: ContentView;
  private readonly disposers: Array<() => void> = [];
  private readonly sessionEndHandlers = new Set<(reason: SessionEndReason) => void>();
  /** 「您是不是要找」 correctors from the renderer's pinyin dictionary, read once. */
  private readonly correctors: ReturnType<typeof queryCorrectorLoader>;

  get library(): LibraryService {
    return this.view.library;
  }

  get procedures(): ProcedureService {
    return this.view.procedures;
  }

  /** The installed content generation the kiosk shows (null = embedded default content). */
  get showingGeneration(): string | null {
    return this.view.generation;
  }

  constructor(private readonly options: KioskHostOptions) {
    this.dataDir = prepareDataDir(options.dataDir);
    // Provisioned terminal (issue 8): KIOSK_DATA_DIR/config/terminal.json unless the caller passes one.
    const recentErrors = new RecentErrors();
    const log = recentErrors.tap(options.logger);
    this.correctors = queryCorrectorLoader(options.imeDictionaryFile, log.child('search'));
    const provisioning = loadProvisioning(this.dataDir.config, log);
    this.terminal = options.terminal ?? provisioning.terminal;
    this.idCard = createIdCardService(this.terminal, this.devices, log);
    this.content = new ContentService({
      dataDir: this.dataDir,
      appVersion: options.appVersion,
      defaultContentDir: options.contentDir ?? defaultContentDir,
      logger: log.child('content'),
      ...(options.contentConfig ? { config: options.contentConfig } : provisioning.contentConfig ? { config: provisioning.contentConfig } : {}),
      ...(options.contentHttp ? { http: options.contentHttp } : {}),
      requestSwitch: () => this.switchWhenIdle(),
      showing: () => this.view.generation,
    });
    this.idle = new IdleSwitcher(() => this.content.idleSeconds * 1000);
    this.view = this.openStartContent();
    const content = () => this.view.content;
    // The services of the content shown now (replaced by switchWhenIdle).
    const library = () => this.view.library;
    const procedures = () => this.view.procedures;
    this.stats = new SqliteStatsService({ dbDir: this.dataDir.db, isKnownStep: (p, step) => isKnownStep(procedures(), p, step) });
    this.receipts = new ReceiptService({ terminal: this.terminal, dataDir: this.dataDir.root, devices: this.devices, logger: log.child('receipts'), procedures, library });
    this.admin = new HostAdmin(this, { dataDir: this.dataDir, appVersion: options.appVersion, logger: log.child('admin'), config: provisioning.config, configProblems: provisioning.problems, recentErrors });

    const impl: Omit<KioskApiImpl, 'stats'> = {
      system: {
        getInfo: () => ({
          appName: '法通',
          appVersion: options.appVersion,
          siteName: this.terminal.siteName,
          terminalId: this.terminal.terminalId,
          content: {
            packId: content().meta.id,
            version: content().meta.version,
            qaCount: library().qaCount,
            lawLibraryInstalled: library().libraryInstalled,
          },
          hotlines: content().directory.hotlines.map(({ name, phone }) => ({ name, phone })),
          ...(this.terminal.idle ? { idle: this.terminal.idle } : {}),
          input: { fuzzyPinyin: fuzzyPinyinEnabled(this.terminal.fuzzyPinyin, this.terminal.region) },
        }),
      },
      devices: {
        getStatus: () => this.devices.getStatus(),
      },
      search: {
        query: ({ text, limit, exact }) => library().query(text, limit, exact),
        suggest: ({ text }) => library().suggest(text),
      },
      library: {
        getArticle: ({ key }) => library().getArticle(key),
      },
      qa: {
        get: ({ id }) => library().getQa(id),
      },
      procedures: {
        list: () => procedures().list(),
        get: ({ id }) => procedures().get(id),
      },
      receipts: { ...this.receipts.api() },
      content: {
        status: () => this.content.status(),
        syncNow: ({ token }) => this.admin.gate(token, () => this.content.syncNow()),
        rollback: ({ token }) => this.admin.gate(token, () => this.content.rollback()),
      },
      idcard: idCardApi(this.idCard),
      admin: this.admin.api(),
      attract: attractApi(() => this.view.content.dir),
      session: {
        end: ({ reason }) => {
          this.endSession(reason);
          return undefined;
        },
      },
    };

    const statsError = (error: unknown) => log.log('error', 'stats.failed', { error: error instanceof Error ? error.message : String(error) });
    const recorded = withStatsRecording(impl, this.stats, statsError);
    // The statistics are for the admin screen only: stats.summary needs the token from admin.unlock.
    const gated: KioskApiImpl = { ...recorded, stats: { ...recorded.stats, summary: (input) => this.admin.gate(input.token, () => recorded.stats.summary(input)) } };
    this.rpc = new RpcServer(kioskContract, trackActivity(gated, () => this.idle.touch()), {
      onInternalError: (methodName, error) =>
        log.log('error', 'api.internal-error', {
          method: methodName,
          error: error instanceof Error ? error.message : String(error),
        }),
    });
    this.disposers.push(this.devices.onDidChange((status) => this.rpc.emit('devices.onDidChangeStatus', status)));
    this.disposers.push(this.devices.onDidChange((status) => this.stats.deviceStatus(status)));
    this.disposers.push(this.onSessionEnd((reason) => this.stats.endSession(reason)));
    this.disposers.push(this.content.onDidChangeSync((progress) => this.rpc.emit('content.onDidChangeSync', progress)));
    this.disposers.push(this.receipts.onDidChange((status) => this.rpc.emit('receipts.onDidChange', status)));
    this.disposers.push(this.receipts.onDidChange((status) => this.stats.printStatus(status)));
    this.disposers.push(
      this.onSessionEnd(() => {
        this.receipts.forgetPreviews();
        this.receipts.cancelStranded();
      }),
    );
    this.receipts.start();
    this.disposers.push(this.idCard.onDidChangeState((state) => this.rpc.emit('idcard.onDidChangeState', toIdCardState(state))));
    this.disposers.push(this.onSessionEnd(() => this.idCard.wipe()));
    this.idCard.start();
    this.content.start();
    void this.admin.startSupervision();
    log.log('info', 'host.started', { appVersion: options.appVersion, contentVersion: this.view.content.meta.version, generation: this.view.generation });
  }

  /** The active installed generation, unless it cannot be read (then the embedded default content). */
  private readActive(): ActiveContent | null {
    try {
      return this.content.store.active();
    } catch (error) {
      this.options.logger.log('error', 'content.active-unreadable', { error: error instanceof Error ? error.message : String(error) });
      return null;
    }
  }

  /** The active generation at start; if it cannot be opened (damaged by hand), the embedded default content. */
  private openStartContent(): ContentView {
    const active = this.readActive();
    if (!active) return this.openContent(null);
    try {
      return this.openContent(active);
    } catch (error) {
      this.options.logger.log('error', 'content.open-failed', { generation: active.generation, error: error instanceof Error ? error.message : String(error) });
      return this.openContent(null);
    }
  }

  /** Services for one content generation (or the embedded default content with the imported library). */
  private openContent(active: ActiveContent | null): ContentView {
    const log = this.options.logger;
    const contentDir = active?.contentDir ?? this.options.contentDir;
    const content = loadContentFolder(contentDir);
    const procedures = new ProcedureService({ contentDir: content.dir, offices: content.directory.offices, logger: log });
    const library = new LibraryService({
      // A law-library pack lives in its generation folder; otherwise the import-laws library in db/.
      dataDir: active?.laws ? { ...this.dataDir, db: active.dir } : this.dataDir,
      contentDir: content.dir,
      logger: log,
      procedureSearch: (text, terms) => procedures.search(text, terms),
      queryCorrector: (terms) => this.correctors.corrector(terms),
    });
    return { generation: active?.generation ?? null, content, library, procedures };
  }

  /**
   * Shows the active generation at the next idle moment (no API call for idleSeconds; issue 9
   * brings real idle detection). The old services keep answering until the new ones are ready.
   */
  switchWhenIdle(): void {
    this.idle.switchWhenIdle(() => {
      const active = this.readActive();
      if ((active?.generation ?? null) === this.view.generation) return;
      const log = this.options.logger;
      try {
        const next = this.openContent(active);
        const old = this.view;
        this.view = next;
        old.library.close();
        log.log('info', 'content.switched', { generation: next.generation, version: next.content.meta.version });
        this.rpc.emit('content.onDidChangeSync', { phase: 'done', packId: next.content.meta.id, version: next.content.meta.version, done: 1, total: 1, message: 'now showing the new content' });
      } catch (error) {
        log.log('error', 'content.switch-failed', { error: error instanceof Error ? error.message : String(error) });
      }
    });
  }

  /** Runs when a resident's session ends: services that hold anything of that resident drop it here. */
  onSessionEnd(handler: (reason: SessionEndReason) => void): () => void {
    this.sessionEndHandlers.add(handler);
    return () => this.sessionEndHandlers.delete(handler);
  }

  endSession(reason: SessionEndReason): void {
    for (const handler of this.sessionEndHandlers) {
      try {
        handler(reason);
      } catch (error) {
        this.options.logger.log('error', 'session.end-handler-failed', { error: error instanceof Error ? error.message : String(error) });
      }
    }
    this.options.logger.log('info', 'session.ended', { reason });
  }

  /** close() and wait until the printer's port is released (tests, and a shell that can wait). */
  async closeAsync(): Promise<void> {
    this.close();
    await this.receiptsStopped;
  }

  close(): void {
    // The printer finishes its current exchange before the port closes; close() stays synchronous for its callers.
    this.receiptsStopped = this.receipts.stop().catch((error: unknown) =>
      this.options.logger.log('error', 'receipts.stop-failed', { error: error instanceof Error ? error.message : String(error) }),
    );
    for (const dispose of this.disposers.splice(0)) dispose();
    this.content.close();
    this.admin.close();
    closeIdCardService(this.idCard, this.options.logger);
    this.idle.close();
    this.view.library.close();
    this.stats.close();
    this.options.logger.log('info', 'host.stopped');
  }
}

interface ContentView {
  generation: string | null;
  content: ContentFolder;
  library: LibraryService;
  procedures: ProcedureService;
}

/** Wraps the implementation so every resident-facing call counts as activity (content.* does not: the admin screen polls it). */
function trackActivity(impl: KioskApiImpl, touch: () => void): KioskApiImpl {
  const wrapped: Record<string, Record<string, unknown>> = {};
  for (const [service, methods] of Object.entries(impl as unknown as Record<string, Record<string, unknown>>)) {
    wrapped[service] = {};
    for (const [name, fn] of Object.entries(methods)) {
      const target = wrapped[service];
      if (typeof fn !== 'function' || service === 'content' || service === 'attract') target[name] = fn;
      else
        target[name] = (input: unknown) => {
          touch();
          return (fn as (i: unknown) => unknown).call(methods, input);
        };
    }
  }
  return wrapped as unknown as KioskApiImpl;
}
