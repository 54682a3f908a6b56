import type { PrinterState, PrintJob } from '../../../../electron/common/contract/receipt-api';
import type { MessageKey } from '../../i18n/zh-cn';

/**
 * What the print panel says and offers, from the printer's state and the resident's own job.
 * Pure, so every state is tested without a printer.
 */

/** The printer line of the panel: plain words for each state (the technician's detail stays on the host). */
export function printerNotice(state: PrinterState | null): { key: MessageKey; problem: boolean } {
  switch (state) {
    case null:
      return { key: 'receipt.printer.checking', problem: false };
    case 'not-configured':
      return { key: 'receipt.printer.notConfigured', problem: true };
    case 'connecting':
      return { key: 'receipt.printer.connecting', problem: false };
    case 'ready':
      return { key: 'receipt.printer.ready', problem: false };
    case 'paper-near-end':
      return { key: 'receipt.printer.paperNearEnd', problem: false };
    case 'paper-out':
      return { key: 'receipt.printer.paperOut', problem: true };
    case 'cover-open':
      return { key: 'receipt.printer.coverOpen', problem: true };
    case 'offline':
      return { key: 'receipt.printer.offline', problem: true };
    case 'error':
      return { key: 'receipt.printer.error', problem: true };
  }
}

/** Whether 打印 is offered at all: only a terminal with a printer (a job waits for paper, so problems do not hide it). */
export function canPrint(state: PrinterState | null): boolean {
  return state !== null && state !== 'not-configured';
}

/** Whether the printer takes a job now. */
export function printable(state: PrinterState | null): boolean {
  return state === 'ready' || state === 'paper-near-end';
}

export type JobPhase = 'printing' | 'waiting' | 'stopped' | 'done' | 'resumed' | 'failed' | 'cancelled';

export function jobPhase(job: PrintJob, printer: PrinterState | null): JobPhase {
  switch (job.state) {
    case 'pending':
      return printable(printer) ? 'printing' : 'waiting';
    case 'printing':
      return job.waitingForPrinter ? 'stopped' : 'printing';
    case 'done':
      return job.resumedAfter !== undefined ? 'resumed' : 'done';
    case 'failed':
      return 'failed';
    case 'cancelled':
      return 'cancelled';
  }
}

export interface JobView {
  key: MessageKey;
  /** Something went wrong or waits (shown as a notice), rather than progress. */
  problem: boolean;
  /** 取消: only before anything reached the paper, or after a failure. */
  cancel: boolean;
  /** 重新打印: `retry` re-sends the failed job; `again` queues a new copy (the old one finished, maybe incomplete). */
  reprint: 'retry' | 'again' | null;
}

export function jobView(phase: JobPhase): JobView {
  switch (phase) {
    case 'printing':
      return { key: 'receipt.job.printing', problem: false, cancel: false, reprint: null };
    case 'waiting':
      return { key: 'receipt.job.waiting', problem: true, cancel: true, reprint: null };
    case 'stopped':
      return { key: 'receipt.job.stopped', problem: true, cancel: false, reprint: null };
    case 'done':
      return { key: 'receipt.job.done', problem: false, cancel: false, reprint: null };
    case 'resumed':
      return { key: 'receipt.job.resumed', problem: true, cancel: false, reprint: 'again' };
    case 'failed':
      return { key: 'receipt.job.failed', problem: true, cancel: true, reprint: 'retry' };
    case 'cancelled':
      return { key: 'receipt.job.cancelled', problem: false, cancel: false, reprint: null };
  }
}
