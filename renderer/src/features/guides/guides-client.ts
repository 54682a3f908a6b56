import type { ServicesOf } from '../../../../electron/common/contract/define-contract';
import type { proceduresMethods } from '../../../../electron/common/contract/procedures-api';
import type { receiptMethods } from '../../../../electron/common/contract/receipt-api';
import { useKioskApi } from '../../platform/kiosk-api';

/** The part of the KioskApi the 办事指南 screens use. */
export type GuidesApi = ServicesOf<typeof proceduresMethods & typeof receiptMethods>;

export function useGuidesApi(): GuidesApi {
  return useKioskApi();
}
