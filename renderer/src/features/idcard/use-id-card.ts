import type { IdCardState } from '../../../../electron/common/contract/idcard-api';
import { useLiveValue } from '../../platform/use-live-value';

/** The reader's live state; `null` until the first answer (the screen keeps 「正在连接读卡器」 and offers 手动填写). */
export function useIdCardState(): IdCardState | null {
  return useLiveValue('idcard.onDidChangeState', (api) => api.idcard.getState());
}
