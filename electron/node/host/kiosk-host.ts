import type { TerminalSettings } from '../../common/config/terminal-settings';
import { kioskContract } from '../../common/contract/kiosk-api';
import { errorMessage } from '../../common/errors/error-message';
import { activityMiddleware, RpcServer } from '../../common/rpc/rpc-server';
import { defaultContentDir } from '../../../kiosk-content/src/content-folder/node/load-content-folder';
import { HostAdmin } from '../provisioning/host-admin';
import { loadProvisioning } from '../provisioning/provisioned-terminal';
import { RecentErrors } from '../provisioning/recent-errors';
import { attractApi } from '../services/attract-service';
import { ContentGenerations } from '../services/content-generations';
import { ContentService, type ContentServiceOptions } from '../services/content-service';
import { DeviceStatusService } from '../services/device-status-service';
import type { IdCardService } from '../services/id-card-service';
import { printServiceFor } from '../services/print-service';
import { ReceiptService } from '../services/receipt-service';
import { SessionEvents } from '../services/session-events';
import { SqliteStatsService, type StatsService } from '../services/stats-service';
import { isKnownStep, withStatsRecording } from '../services/stats-recording';
import { queryCorrectorLoader } from '../services/query-corrector-loader';
import { systemApi } from '../services/system-info';
import { prepareDataDir, type DataDirLayout } from '../system/data-dir';
import type { Logger } from '../system/logger';
import { closeIdCardService, createIdCardService, idCardApi, toIdCardState } from './idcard-wiring';
import { createDocumentService } from './document-wiring';
import type { DocumentService } from '../services/document-service';

export interface KioskHostOptions {
  dataDir: string;
  /** Folder of the embedded default content (kiosk-content/default in the source tree). */
  contentDir?: string;
  appVersion: string;
  logger: Logger;
  /** Content sync settings instead of the provisioned ones or <dataDir>/config/content.json (tests). */
  contentConfig?: ContentServiceOptions['config'];
  contentHttp?: ContentServiceOptions['http'];
  /** Site and device settings; default: the provisioned <dataDir>/config/terminal.json (unprovisioned without one). */
  terminal?: TerminalSettings;
  /** The pinyin dictionary the renderer ships (generated/ime/dictionary.txt); search corrects misspelled terms with it. */
  imeDictionaryFile?: string;
}

/**
 * The composition root of the kiosk's main-process services in plain Node, shared by the Electron
 * shell, the browser-mode host and the integration tests: it builds each service once, hands each
 * the narrow parts of the others it needs, joins their `api()` parts into the contract's
 * implementation and their events to the RPC server. Nothing here imports Electron.
 */
export class KioskHost {
  readonly dataDir: DataDirLayout;
  readonly terminal: TerminalSettings;
  readonly devices = new DeviceStatusService();
  readonly rpc: RpcServer;
  readonly content: ContentService;
  /** The library and procedures of the content generation shown now. */
  readonly generations: ContentGenerations;
  readonly sessions: SessionEvents;
  /** Counts by day without personal data, in <dataDir>/db/stats.db. */
  readonly stats: StatsService;
  readonly idCard: IdCardService;
  readonly documents: DocumentService;
  readonly receipts: ReceiptService;
  /** Admin PIN, admin API and /metrics. */
  readonly admin: HostAdmin;
  private readonly disposers: Array<() => void> = [];
  private printerStopped: Promise<void> = Promise.resolve();

  constructor(private readonly options: KioskHostOptions) {
    const { appVersion } = options;
    this.dataDir = prepareDataDir(options.dataDir);
    const recentErrors = new RecentErrors();
    const log = recentErrors.tap(options.logger);
    const provisioning = loadProvisioning(this.dataDir.config, log);
    const terminal = (this.terminal = options.terminal ?? provisioning.terminal);
    const contentConfig = options.contentConfig ?? provisioning.contentConfig;
    const content: ContentService = (this.content = new ContentService({
      dataDir: this.dataDir,
      appVersion,
      defaultContentDir: options.contentDir ?? defaultContentDir,
      logger: log.child('content'),
      ...(contentConfig ? { config: contentConfig } : {}),
      ...(options.contentHttp ? { http: options.contentHttp } : {}),
      requestSwitch: () => generations.switchWhenIdle(),
      showing: () => generations.showing,
    }));
    const generations: ContentGenerations = (this.generations = new ContentGenerations({
      dataDir: this.dataDir,
      defaultContentDir: options.contentDir ?? defaultContentDir,
      terminal,
      logger: options.logger,
      active: () => content.store.active(),
      idleMs: () => content.idleSeconds * 1000,
      hold: (generation) => content.store.hold(`kiosk-${String(process.pid)}`, generation),
      queryCorrector: queryCorrectorLoader(options.imeDictionaryFile, log.child('search')).corrector,
    }));
    const { devices } = this;
    const printer = printServiceFor(terminal, { dataDir: this.dataDir.root, devices, logger: log.child('receipts') });
    const stats = (this.stats = new SqliteStatsService({ dbDir: this.dataDir.db, isKnownStep: (p, step) => isKnownStep(generations.procedures, p, step) }));
    const idCard = (this.idCard = createIdCardService(terminal, devices, log));
    const documents = (this.documents = createDocumentService(terminal, idCard, log, () => generations.current.content.dir));
    const receipts = (this.receipts = new ReceiptService({
      terminal,
      printer,
      logger: log.child('receipts'),
      procedures: () => generations.procedures,
      library: () => generations.library,
      documents,
    }));
    const admin = (this.admin = new HostAdmin({
      terminal,
      devices,
      content,
      stats,
      printer,
      idCard,
      dataDir: this.dataDir,
      appVersion,
      logger: log.child('admin'),
      config: provisioning.config,
      configProblems: provisioning.problems,
      recentErrors,
    }));
    const sessions = (this.sessions = new SessionEvents(options.logger));

    const impl = {
      system: systemApi(appVersion, terminal, generations),
      devices: devices.api(),
      ...generations.api(),
      receipts: receipts.api(),
      content: content.api(admin.gate),
      idcard: idCardApi(idCard),
      documents: documents.api(),
      admin: admin.api(),
      attract: attractApi(() => generations.current.content.dir),
      session: sessions.api(),
    };
    const statsError = (error: unknown) => log.log('error', 'stats.failed', { error: errorMessage(error) });
    const rpc = (this.rpc = new RpcServer(kioskContract, withStatsRecording(impl, stats, statsError, admin.gate), {
      middleware: [activityMiddleware(() => generations.touch())],
      onInternalError: (method, error) => log.log('error', 'api.internal-error', { method, error: errorMessage(error) }),
    }));

    this.disposers.push(
      devices.onDidChange((status) => rpc.emit('devices.onDidChangeStatus', status)),
      devices.onDidChange((status) => stats.deviceStatus(status)),
      content.onDidChangeSync((progress) => rpc.emit('content.onDidChangeSync', progress)),
      generations.onDidSwitch((progress) => rpc.emit('content.onDidChangeSync', progress)),
      printer.onDidChange((status) => rpc.emit('receipts.onDidChange', status)),
      printer.onDidChange((status) => stats.printStatus(status)),
      idCard.onDidChangeState((state) => rpc.emit('idcard.onDidChangeState', toIdCardState(state))),
      admin.onDidRequest((request) => rpc.emit('admin.onDidRequest', request)),
      // Services that hold anything of the resident drop it when the session ends.
      sessions.onEnd((reason) => stats.endSession(reason)),
      sessions.onEnd(() => receipts.endSession()),
      sessions.onEnd(() => idCard.wipe()),
      sessions.onEnd(() => documents.wipe()),
    );
    for (const service of [printer, idCard, content]) service.start();
    void admin.startSupervision();
    log.log('info', 'host.started', { appVersion, contentVersion: generations.current.content.meta.version, generation: generations.showing });
  }

  /** close() and wait until the printer's port is released (tests, and a shell that can wait). */
  async closeAsync(): Promise<void> {
    this.close();
    await this.printerStopped;
  }

  close(): void {
    const log = this.options.logger;
    // The printer finishes its current exchange before the port closes; close() stays synchronous for its callers.
    this.printerStopped = this.receipts.printer.stop().catch((error: unknown) => log.log('error', 'receipts.stop-failed', { error: errorMessage(error) }));
    for (const dispose of this.disposers.splice(0)) dispose();
    this.content.close();
    this.admin.close();
    closeIdCardService(this.idCard, log);
    this.generations.close();
    this.stats.close();
    log.log('info', 'host.stopped');
  }
}
