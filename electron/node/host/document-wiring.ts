import { existsSync } from 'node:fs';
import path from 'node:path';
import type { DocumentType } from '../../../kiosk-content/src/documents/common/document-types';
import { defaultDocumentsDir, loadDocumentFolder } from '../../../kiosk-content/src/documents/node/load-document-types';
import { systemA4Clock, systemCupsCommands } from '../../../native-adapters/a4-printer/node/cups-commands';
import { A4PrinterService } from '../../../native-adapters/a4-printer/service/a4-printer-service';
import { DocumentService } from '../services/document-service';
import type { IdCardService } from '../services/id-card-service';
import type { Logger } from '../system/logger';
import type { TerminalSettings } from '../../common/config/terminal-settings';

/**
 * The document service as KioskHost wires it: document types from the content shown (its
 * documents/ folder, else the shipped one), the provisioned A4 queue, CUPS through lp/lpstat.
 * Kept out of kiosk-host.ts so the composition root only gains a few lines.
 */
export function createDocumentService(terminal: TerminalSettings, idCard: IdCardService, logger: Logger, contentDir: () => string): DocumentService {
  const log = logger.child('a4printer');
  const printer = new A4PrinterService({
    commands: systemCupsCommands(),
    clock: systemA4Clock,
    log: (event, fields) => log.log(event === 'job.failed' ? 'warn' : 'info', event, fields),
  });
  let cached: { dir: string; types: DocumentType[] } | null = null;
  const types = (): DocumentType[] => {
    const shown = path.join(contentDir(), 'documents');
    const dir = existsSync(shown) ? shown : defaultDocumentsDir;
    if (cached?.dir !== dir) {
      const folder = loadDocumentFolder(dir);
      for (const p of folder.problems) logger.log('error', 'documents.content-problem', { file: p.file, line: p.line, message: p.message });
      cached = { dir, types: folder.types };
    }
    return cached.types;
  };
  return new DocumentService({ types, a4Queue: terminal.a4Printer?.queue ?? null, printer, idCard, logger });
}
