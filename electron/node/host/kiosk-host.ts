import { kioskContract, type KioskApiImpl } from '../../common/contract/kiosk-api';
import { RpcServer } from '../../common/rpc/rpc-server';
import { loadContentFolder } from '../../../kiosk-content/src/node/load-content-folder';
import { LibraryService } from '../services/library-service';
import { ProcedureService } from '../services/procedure-service';
import { DeviceStatusService } from '../services/device-status-service';
import { prepareDataDir, type DataDirLayout } from '../system/data-dir';
import type { Logger } from '../system/logger';

export interface KioskHostOptions {
  dataDir: string;
  /** Folder of the embedded default content (kiosk-content/default in the source tree). */
  contentDir?: string;
  appVersion: string;
  logger: Logger;
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
  readonly library: LibraryService;
  readonly procedures: ProcedureService;
  private readonly disposers: Array<() => void> = [];

  constructor(private readonly options: KioskHostOptions) {
    this.dataDir = prepareDataDir(options.dataDir);
    const content = loadContentFolder(options.contentDir);
    const log = options.logger;
    this.procedures = new ProcedureService({ contentDir: content.dir, offices: content.directory.offices, logger: log });
    const procedures = this.procedures;
    this.library = new LibraryService({
      dataDir: this.dataDir,
      contentDir: content.dir,
      logger: log,
      procedureSearch: (text, terms) => procedures.search(text, terms),
    });
    const library = this.library;

    const impl: KioskApiImpl = {
      system: {
        getInfo: () => ({
          appName: '法通',
          appVersion: options.appVersion,
          siteName: null,
          terminalId: null,
          content: {
            packId: content.meta.id,
            version: content.meta.version,
            qaCount: library.qaCount,
            lawLibraryInstalled: library.libraryInstalled,
          },
          hotlines: content.directory.hotlines.map(({ name, phone }) => ({ name, phone })),
        }),
      },
      devices: {
        getStatus: () => this.devices.getStatus(),
      },
      search: {
        query: ({ text, limit }) => library.query(text, limit),
        suggest: ({ text }) => library.suggest(text),
      },
      library: {
        getArticle: ({ key }) => library.getArticle(key),
      },
      qa: {
        get: ({ id }) => library.getQa(id),
      },
      procedures: {
        list: () => procedures.list(),
        get: ({ id }) => procedures.get(id),
      },
      receipts: {
        previewOutcome: ({ procedureId, outcomeId, reasons }) => procedures.previewOutcome(procedureId, outcomeId, reasons),
      },
    };

    this.rpc = new RpcServer(kioskContract, impl, {
      onInternalError: (methodName, error) =>
        log.log('error', 'api.internal-error', {
          method: methodName,
          error: error instanceof Error ? error.message : String(error),
        }),
    });
    this.disposers.push(this.devices.onDidChange((status) => this.rpc.emit('devices.onDidChangeStatus', status)));
    log.log('info', 'host.started', { appVersion: options.appVersion, contentVersion: content.meta.version });
  }

  close(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
    this.library.close();
    this.options.logger.log('info', 'host.stopped');
  }
}
