/**
 * DLE EOT replies (spec §6.1) → one printer condition with a plain message for the resident and the
 * exact bytes for the technician. Pure.
 */

export type PrinterCondition = 'ready' | 'paper-near-end' | 'paper-out' | 'cover-open' | 'offline' | 'error';

/** The replies to DLE EOT 1–4 that were read (null = not asked or no reply in time). */
export interface StatusBytes {
  readonly printer: number | null;
  readonly offlineCause: number | null;
  readonly errorCause: number | null;
  readonly paper: number | null;
}

export interface PrinterStatusReport {
  readonly condition: PrinterCondition;
  /** Can a job be sent now? (ready, or paper near its end but still there.) */
  readonly printable: boolean;
  /** Plain Chinese for the resident: what happened and what to do. */
  readonly residentMessage: string;
  /** Exact state for the technician: the bits that were set and the raw reply bytes. */
  readonly detail: string;
}

export const RESIDENT_MESSAGES: Record<PrinterCondition, string> = {
  ready: '打印机正常',
  'paper-near-end': '打印纸快用完了，可以继续打印，请告知工作人员换纸',
  'paper-out': '打印机缺纸，请联系工作人员',
  'cover-open': '打印机盖子没有关好，请联系工作人员',
  offline: '打印机暂时无法使用，请联系工作人员',
  error: '打印机出现故障，请联系工作人员',
};

/** Every DLE EOT reply has bit 0 = 0, bit 1 = 1, bit 4 = 1, bit 7 = 0 (§6.1); XON/XOFF and noise fail this. */
export function isStatusReply(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

const hex = (b: number | null): string => (b === null ? '--' : b.toString(16).toUpperCase().padStart(2, '0'));

/** The raw replies as the technician reads them off the spec: `DLE EOT 1=1A 2=32 3=-- 4=7E`. */
export function formatStatusBytes(bytes: StatusBytes): string {
  return `DLE EOT 1=${hex(bytes.printer)} 2=${hex(bytes.offlineCause)} 3=${hex(bytes.errorCause)} 4=${hex(bytes.paper)}`;
}

/**
 * Decides the condition from the replies. Precedence: no reply → offline; cover open; paper end;
 * error; offline without a known cause; near end; ready. Paper end is read from n=2 bit 5 or n=4
 * bits 5–6, so a printer that only answers one of them is still understood.
 */
export function describePrinterStatus(bytes: StatusBytes): PrinterStatusReport {
  const raw = formatStatusBytes(bytes);
  const make = (condition: PrinterCondition, why: string): PrinterStatusReport => ({
    condition,
    printable: condition === 'ready' || condition === 'paper-near-end',
    residentMessage: RESIDENT_MESSAGES[condition],
    detail: `${why} (${raw})`,
  });
  if (bytes.printer === null) return make('offline', 'no reply to DLE EOT 1 within the timeout: cable, power or baud rate');
  const offline = (bytes.printer & 0x08) !== 0;
  const offlineCause = bytes.offlineCause ?? 0;
  const errorCause = bytes.errorCause ?? 0;
  const paper = bytes.paper ?? 0;
  const paperEnd = (offlineCause & 0x20) !== 0 || (paper & 0x60) === 0x60;
  const nearEnd = (paper & 0x0c) === 0x0c;
  if ((offlineCause & 0x04) !== 0) return make('cover-open', 'cover open (DLE EOT 2 bit 2)');
  if (paperEnd) return make('paper-out', 'paper end: printing stopped (DLE EOT 2 bit 5 / DLE EOT 4 bits 5-6)');
  if ((offlineCause & 0x40) !== 0 || (errorCause & 0x6c) !== 0) {
    const causes: string[] = [];
    if (errorCause & 0x04) causes.push('recoverable/mechanical error (3.2)');
    if (errorCause & 0x08) causes.push('auto-cutter error (3.3)');
    if (errorCause & 0x20) causes.push('unrecoverable error (3.5)');
    if (errorCause & 0x40) causes.push('auto-recoverable error, e.g. head temperature (3.6)');
    return make('error', `error: ${causes.length ? causes.join(', ') : 'DLE EOT 2 bit 6, cause not reported'}`);
  }
  if (offline) return make('offline', 'printer reports offline (DLE EOT 1 bit 3) without a cover, paper or error cause');
  if (nearEnd) return make('paper-near-end', 'paper near end (DLE EOT 4 bits 2-3)');
  return make('ready', 'online, paper adequate');
}
