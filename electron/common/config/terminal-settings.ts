import type { ProcedureConfigView } from '../contract/procedures-api';
import { legalAidStandardFor, type RegionalData, type SiteOffice } from '../../../kiosk-content/src/regional/common/regional-data';

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
   * (法律援助法 第三十四条: each province sets it), set on this terminal; it wins over the content
   * pack's regional.yaml. Null/absent = take the pack's standard for the region, if any; never guessed.
   */
  legalAidIncomeThreshold?: number | null;
  /** The site's own offices (provisioning `offices:`): shown first; one with a pack office's id replaces it. */
  offices?: readonly SiteOffice[];
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
 *
 * The hardship standard: the terminal's own `legalAidIncomeThreshold` when provisioned, else the
 * content pack's regional.yaml standard for the region in force on `today` (YYYY-MM-DD), else null.
 */
export type TerminalView = ProcedureConfigView;

export function terminalView(terminal: TerminalSettings, regional?: RegionalData, today?: string): TerminalView {
  const own = terminal.legalAidIncomeThreshold ?? null;
  const standard = own === null && regional ? legalAidStandardFor(regional.legalAidStandards, terminal.region, today ?? localDate(new Date())) : null;
  return {
    legalAidIncomeThreshold: own ?? standard?.monthlyIncomePerPerson ?? null,
    legalAidStandardSource: own !== null ? '本机配置' : standard ? `${standard.source}，${standard.effective}起执行` : null,
    region: terminal.region,
    siteName: terminal.siteName,
  };
}

/** YYYY-MM-DD of the terminal's local calendar. */
export function localDate(now: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${String(now.getFullYear())}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
