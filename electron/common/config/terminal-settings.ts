import type { ProcedureConfigView } from '../contract/procedures-api';

/**
 * What the host needs to know about the terminal it runs on: who it is and where its devices are.
 * Production reads it from the provisioned configuration under KIOSK_DATA_DIR/config/terminal.json;
 * tests and the CLI pass it directly. Null fields mean "not provisioned": the kiosk still runs, the device
 * line says 未配置 and the site shows 「请咨询现场工作人员」.
 */
export interface TerminalSettings {
  terminalId: string | null;
  siteName: string | null;
  /** Six-digit administrative division code (selects regional thresholds and offices). */
  region: string | null;
  /**
   * The province's legal-aid economic-hardship standard as monthly income per person in yuan
   * (法律援助法 第三十四条: each province sets it); null = not provisioned, never guessed.
   */
  legalAidIncomeThreshold?: number | null;
  printer: PrinterSettings | null;
  idReader: IdReaderSettings | null;
  /** The CUPS queue of the A4 printer; absent or null = none installed. */
  a4Printer?: { queue: string } | null;
  /** Inactivity timeouts; absent = the renderer's defaults. Passed to the screen in system.getInfo. */
  idle?: { homeSeconds: number; procedureSeconds: number };
  /** 模糊音 on the pinyin keyboard; null or absent = from the region. Passed to the screen in system.getInfo. */
  fuzzyPinyin?: boolean | null;
}

export interface PrinterSettings {
  port: string;
  baudRate: number;
  width: 58 | 80;
  flowControl: 'none' | 'rtscts' | 'xonxoff';
}

export interface IdReaderSettings {
  port: string;
  /** Null = auto-detect at the usual rates. */
  baudRate: number | null;
}

export const unprovisionedTerminal: TerminalSettings = {
  terminalId: null,
  siteName: null,
  region: null,
  printer: null,
  idReader: null,
};

/**
 * Region, site and the legal-aid standard of this terminal: what procedures read as `config.…` in
 * their YAML, what receipts and the screen print as the site. The one view of these values every
 * service takes, so none of them reads a field the others do not see.
 */
export type TerminalView = ProcedureConfigView;

export function terminalView(terminal: TerminalSettings): TerminalView {
  return {
    legalAidIncomeThreshold: terminal.legalAidIncomeThreshold ?? null,
    region: terminal.region,
    siteName: terminal.siteName,
  };
}
