import { useEffect, useState } from 'react';
import type { IdCardState } from '../../../../electron/common/contract/idcard-api';
import { useKioskApi } from '../../platform/kiosk-api';

/** The reader's live state: one fetch, then the host's events. `null` until the first answer. */
export function useIdCardState(): IdCardState | null {
  const api = useKioskApi();
  const [state, setState] = useState<IdCardState | null>(null);
  useEffect(() => {
    let fresh = true;
    // Subscribe first, so a change while the fetch is in flight is not lost.
    const unsubscribe = api.events.on('idcard.onDidChangeState', (next) => {
      fresh = false;
      setState(next);
    });
    api.idcard.getState().then(
      (initial) => {
        if (fresh) setState(initial);
      },
      () => {
        // Host unreachable for a moment: the screen keeps 「正在连接读卡器」 and offers 手动填写.
      },
    );
    return () => {
      fresh = false;
      unsubscribe();
    };
  }, [api]);
  return state;
}
