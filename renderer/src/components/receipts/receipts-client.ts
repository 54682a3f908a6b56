import type { ServicesOf } from '../../../../electron/common/contract/define-contract';
import type { receiptMethods } from '../../../../electron/common/contract/receipt-api';
import { useKioskApi } from '../../platform/kiosk-api';

/** The part of the KioskApi the print panels use. */
export type ReceiptsApi = ServicesOf<typeof receiptMethods>;

export function useReceiptsApi(): ReceiptsApi {
  return useKioskApi();
}
