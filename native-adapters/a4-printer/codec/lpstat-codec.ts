/**
 * Parsing of what the CUPS command-line tools print (lp, lpstat) in the C locale. Pure text in,
 * values out; the commands themselves run in ../node. Formats as CUPS 2.x prints them:
 *   lp:            "request id is PDF-12 (1 file(s))"
 *   lpstat -v:     "device for PDF: cups-pdf:/"
 *   lpstat -p -l:  "printer PDF is idle.  enabled since …" / "printer PDF disabled since … -"
 *                  followed by tab-indented lines: the state message, "Alerts: media-empty-error …"
 *   lpstat -o:     "PDF-12   root   45056   Mon Dec  7 09:20:04 2026"
 */
export interface QueueDevice {
  queue: string;
  device: string;
}

export type PrinterActivity = 'idle' | 'printing' | 'disabled';

export interface PrinterStatus {
  queue: string;
  activity: PrinterActivity;
  /** The printer-state-message (the indented line after the state), '' when none. */
  message: string;
  /** printer-state-reasons from the Alerts line ("none" → []). */
  reasons: string[];
}

/** Why a printer cannot print now, as the resident's screen says it; null = it can. */
export type PrinterProblem = 'paper-out' | 'offline' | 'paused' | 'jammed' | 'door-open' | 'toner-out';

export function parseRequestId(lpOutput: string): string | null {
  const match = /request id is (\S+-\d+)/.exec(lpOutput);
  return match?.[1] ?? null;
}

export function parseDevices(output: string): QueueDevice[] {
  const out: QueueDevice[] = [];
  for (const line of output.split('\n')) {
    const match = /^device for (\S+): (.+)$/.exec(line.trim());
    if (match?.[1] && match[2]) out.push({ queue: match[1], device: match[2].trim() });
  }
  return out;
}

export function parsePrinterStatuses(output: string): PrinterStatus[] {
  const out: PrinterStatus[] = [];
  let current: PrinterStatus | null = null;
  /** The state message is the line right after the printer's line, if that is not a "Key: value" line. */
  let afterHeader = false;
  for (const raw of output.split('\n')) {
    const head = /^printer (\S+) (?:is (idle)|now (printing)|(disabled))/.exec(raw);
    if (head?.[1]) {
      current = { queue: head[1], activity: head[2] ? 'idle' : head[3] ? 'printing' : 'disabled', message: '', reasons: [] };
      out.push(current);
      afterHeader = true;
      continue;
    }
    const first = afterHeader;
    afterHeader = false;
    if (!current || !/^\s/.test(raw)) continue;
    const line = raw.trim();
    const alerts = /^Alerts:\s*(.*)$/.exec(line);
    if (alerts) {
      current.reasons = (alerts[1] ?? '').split(/\s+/).filter((r) => r !== '' && r !== 'none');
    } else if (first && line !== '' && !/^[A-Z][A-Za-z ]+:/.test(line)) {
      current.message = line;
    }
  }
  return out;
}

/** Job ids ("PDF-12") of an `lpstat -o` listing. */
export function parseJobIds(output: string): string[] {
  const out: string[] = [];
  for (const line of output.split('\n')) {
    const match = /^(\S+-\d+)\s/.exec(line);
    if (match?.[1]) out.push(match[1]);
  }
  return out;
}

/** printer-state-reasons (RFC 8011 §5.4.12, PWG 5100.9) and the disabled state → the resident's terms. */
export function printerProblem(status: PrinterStatus): PrinterProblem | null {
  const has = (prefix: string) => status.reasons.some((r) => r === prefix || r.startsWith(`${prefix}-`));
  if (has('media-empty') || has('media-needed')) return 'paper-out';
  if (has('media-jam')) return 'jammed';
  if (has('door-open') || has('cover-open')) return 'door-open';
  if (has('toner-empty') || has('marker-supply-empty')) return 'toner-out';
  if (has('offline') || has('connecting-to-device') || has('shutdown')) return 'offline';
  if (status.activity === 'disabled') return /paper|media/i.test(status.message) ? 'paper-out' : 'paused';
  return null;
}
