/**
 * For specs that need a kiosk of their own (a provisioned terminal, devices on pseudo-terminals)
 * instead of the shared one from global-setup: the browser-mode host on a free loopback port, its
 * log under the spec's data dir, and a printer simulator on a socat pty pair.
 */
import path from 'node:path';
import type { TerminalSettings } from '../../../electron/common/config/terminal-settings';
import { startWebKiosk, type RunningWebKiosk } from '../../../electron/node/host/start-web-kiosk';
import { createFileLogger } from '../../../electron/node/system/logger';
import { PrinterSimulator, type PrinterSimulatorOptions } from '../../../native-adapters/thermal-printer/simulator/printer-simulator';
import { SerialTransport } from '../../../native-adapters/transport/serial/serial-transport';
import { appVersion, defaultContentDir, rendererDist } from '../../../scripts/lib/repo-paths';
import { openPtyPair } from '../../../native-adapters/transport/pty/socat-pty-pair';

/** The kiosk on `dataDir` (terminal settings as given, else whatever is provisioned there). */
export function startSpecKiosk(dataDir: string, terminal?: TerminalSettings): Promise<RunningWebKiosk> {
  return startWebKiosk({
    dataDir,
    appVersion: appVersion(),
    staticDir: rendererDist,
    contentDir: defaultContentDir,
    port: 0,
    logger: createFileLogger({ dir: path.join(dataDir, 'logs') }),
    ...(terminal ? { terminal } : {}),
  });
}

export interface SimulatedPrinter {
  /** The kiosk's end of the pty pair: give it as `printer.port`. */
  port: string;
  simulator: PrinterSimulator;
  close(): Promise<void>;
}

/** The printer SIMULATOR on one end of a fresh socat pty pair, at 115200 baud. */
export async function startSimulatedPrinter(options: PrinterSimulatorOptions = {}): Promise<SimulatedPrinter> {
  const pair = await openPtyPair();
  const end = new SerialTransport({ path: pair.b, baudRate: 115200 });
  await end.open();
  const simulator = new PrinterSimulator(end, { paperWidth: 58, ...options });
  simulator.start();
  return {
    port: pair.a,
    simulator,
    async close() {
      simulator.stop();
      await end.close();
      await pair.close();
    },
  };
}
