import { startHttpLinkServer, type RunningHttpLinkServer } from '../http/http-link-server';
import { createFileLogger, type Logger } from '../system/logger';
import { imeDictionaryFileIn } from '../services/query-corrector-loader';
import { KioskHost } from './kiosk-host';
import type { TerminalSettings } from '../../common/config/terminal-settings';

export interface WebKioskOptions {
  dataDir: string;
  appVersion: string;
  /** Built renderer folder (dist/renderer). */
  staticDir: string;
  contentDir?: string;
  port?: number;
  logger?: Logger;
  /** Site and devices (printer, ID reader); default: an unprovisioned terminal. */
  terminal?: TerminalSettings;
}

export interface RunningWebKiosk {
  host: KioskHost;
  server: RunningHttpLinkServer;
  url: string;
  close(): Promise<void>;
}

/** The browser-mode kiosk: the host's services behind the loopback HTTP link. */
export async function startWebKiosk(options: WebKioskOptions): Promise<RunningWebKiosk> {
  const host = new KioskHost({
    dataDir: options.dataDir,
    appVersion: options.appVersion,
    ...(options.contentDir ? { contentDir: options.contentDir } : {}),
    ...(options.terminal ? { terminal: options.terminal } : {}),
    imeDictionaryFile: imeDictionaryFileIn(options.staticDir),
    logger: options.logger ?? createFileLogger({ dir: `${options.dataDir}/logs`, echo: true }),
  });
  const logger = options.logger ?? createFileLogger({ dir: host.dataDir.logs, echo: true });
  const server = await startHttpLinkServer({
    rpc: host.rpc,
    staticDir: options.staticDir,
    ...(options.port !== undefined ? { port: options.port } : {}),
    logger: logger.child('http'),
  });
  return {
    host,
    server,
    url: server.url,
    async close() {
      await server.close();
      await host.closeAsync();
    },
  };
}
