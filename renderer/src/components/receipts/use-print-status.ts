import type { PrintStatus } from '../../../../electron/common/contract/receipt-api';
import { useLiveValue } from '../../platform/use-live-value';

/** The printer and its jobs, live. The fetch also makes the host ask the printer now; until it answers the panel says it is checking. */
export function usePrintStatus(): PrintStatus | null {
  return useLiveValue('receipts.onDidChange', (api) => api.receipts.getStatus());
}
