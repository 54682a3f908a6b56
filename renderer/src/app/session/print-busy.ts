import type { PrintStatus } from '../../../../electron/common/contract/receipt-api';

/**
 * A receipt is on its way to the paper: the session must not end under it (the resident would
 * leave without their slip, or the next one would take it). A job waiting for paper or for a
 * person's decision does not hold the session: that can last until staff come.
 */
export function isPrinting(status: PrintStatus): boolean {
  return status.jobs.some((job) => job.state === 'printing' || (job.state === 'pending' && !job.waitingForPrinter && !job.needsDecision));
}
