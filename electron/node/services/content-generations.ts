import type { KioskApiImpl } from '../../common/contract/kiosk-api';
import type { QueryCorrector } from '../../common/ime/query-correction';
import type { SyncProgress } from '../../common/contract/content-api';
import { terminalView, type TerminalSettings } from '../../common/config/terminal-settings';
import { errorMessage } from '../../common/errors/error-message';
import { Emitter, type Unsubscribe } from '../../common/events/emitter';
import { loadContentFolder, type ContentFolder } from '../../../kiosk-content/src/content-folder/node/load-content-folder';
import type { ActiveContent } from '../../../kiosk-content/src/packs/node/content-store';
import type { DataDirLayout } from '../system/data-dir';
import type { Logger } from '../system/logger';
import { IdleSwitcher } from './content-service';
import { LibraryService } from './library-service';
import { ProcedureService } from './procedure-service';

export interface ContentGenerationsOptions {
  dataDir: DataDirLayout;
  /** The embedded default content folder (shown when no generation is installed or it cannot be opened). */
  defaultContentDir: string;
  /** Procedures read region, site and the legal-aid standard from it (terminalView). */
  terminal: TerminalSettings;
  logger: Logger;
  /** The installed generation the content store calls active (may throw when its pointer is damaged). */
  active: () => ActiveContent | null;
  /** How long the kiosk must go without a resident's call before another generation is shown. */
  idleMs: () => number;
  /** 「您是不是要找」 correctors for each generation's library (given its glossary terms and law titles). */
  queryCorrector?: (knownTerms: Iterable<string>) => QueryCorrector | null;
}

/** The services of one content generation, swapped as a whole. */
export interface ContentView {
  /** Null = the embedded default content. */
  generation: string | null;
  content: ContentFolder;
  library: LibraryService;
  procedures: ProcedureService;
}

/**
 * The content the kiosk shows: the library and procedures of one generation at a time. A newly
 * installed generation is opened at the next idle moment (no resident's call for idleMs) and
 * replaces the old services in one assignment; the old ones keep answering until then, and a
 * generation that cannot be opened leaves the current one showing.
 */
export class ContentGenerations {
  private view: ContentView;
  private readonly idle: IdleSwitcher;
  private readonly switched = new Emitter<SyncProgress>();

  constructor(private readonly options: ContentGenerationsOptions) {
    this.idle = new IdleSwitcher(options.idleMs);
    this.view = this.openStartContent();
  }

  get current(): ContentView {
    return this.view;
  }

  get library(): LibraryService {
    return this.view.library;
  }

  get procedures(): ProcedureService {
    return this.view.procedures;
  }

  /** The installed content generation the kiosk shows (null = embedded default content). */
  get showing(): string | null {
    return this.view.generation;
  }

  /** A resident's call: the kiosk is not idle now. */
  touch(): void {
    this.idle.touch();
  }

  /** After a switch: the progress line the admin screen shows ("now showing the new content"). */
  onDidSwitch(listener: (progress: SyncProgress) => void): Unsubscribe {
    return this.switched.on(listener);
  }

  /** Shows the active generation at the next idle moment. */
  switchWhenIdle(): void {
    this.idle.switchWhenIdle(() => {
      const active = this.readActive();
      if ((active?.generation ?? null) === this.view.generation) return;
      const log = this.options.logger;
      try {
        const next = this.open(active);
        const old = this.view;
        this.view = next;
        old.library.close();
        log.log('info', 'content.switched', { generation: next.generation, version: next.content.meta.version });
        const meta = next.content.meta;
        this.switched.fire({ phase: 'done', packId: meta.id, version: meta.version, done: 1, total: 1, message: 'now showing the new content' });
      } catch (error) {
        log.log('error', 'content.switch-failed', { error: errorMessage(error) });
      }
    });
  }

  /** The `search`, `library`, `qa` and `procedures` parts of the KioskApi, always on the content shown now. */
  api(): Pick<KioskApiImpl, 'search' | 'library' | 'qa' | 'procedures'> {
    return {
      search: {
        query: ({ text, limit, exact }) => this.library.query(text, limit, exact),
        suggest: ({ text }) => this.library.suggest(text),
      },
      library: { getArticle: ({ key }) => this.library.getArticle(key) },
      qa: { get: ({ id }) => this.library.getQa(id) },
      procedures: {
        list: () => this.procedures.list(),
        get: ({ id }) => this.procedures.get(id),
      },
    };
  }

  close(): void {
    this.idle.close();
    this.view.library.close();
    this.switched.clear();
  }

  /** The active generation, unless it cannot be read (then the embedded default content). */
  private readActive(): ActiveContent | null {
    try {
      return this.options.active();
    } catch (error) {
      this.options.logger.log('error', 'content.active-unreadable', { error: errorMessage(error) });
      return null;
    }
  }

  /** The active generation at start; if it cannot be opened (damaged by hand), the embedded default content. */
  private openStartContent(): ContentView {
    const active = this.readActive();
    if (!active) return this.open(null);
    try {
      return this.open(active);
    } catch (error) {
      this.options.logger.log('error', 'content.open-failed', { generation: active.generation, error: errorMessage(error) });
      return this.open(null);
    }
  }

  /** Services for one content generation (or the embedded default content with the imported library). */
  private open(active: ActiveContent | null): ContentView {
    const { logger: log, terminal, dataDir } = this.options;
    const content = loadContentFolder(active?.contentDir ?? this.options.defaultContentDir);
    const procedures = new ProcedureService({
      contentDir: content.dir,
      offices: content.directory.offices,
      config: terminalView(terminal),
      paper: terminal.printer?.width === 80 ? '80mm' : '58mm',
      logger: log,
    });
    const library = new LibraryService({
      // A law-library pack lives in its generation folder; otherwise the import-laws library in db/.
      dataDir: active?.laws ? { ...dataDir, db: active.dir } : dataDir,
      contentDir: content.dir,
      logger: log,
      procedureSearch: (text, terms) => procedures.search(text, terms),
      ...(this.options.queryCorrector ? { queryCorrector: this.options.queryCorrector } : {}),
    });
    return { generation: active?.generation ?? null, content, library, procedures };
  }
}
