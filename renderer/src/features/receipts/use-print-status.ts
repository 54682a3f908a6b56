import { useEffect, useState } from 'react';
import type { PrintStatus } from '../../../../electron/common/contract/receipt-api';
import { useKioskApi } from '../../platform/kiosk-api';

/** The printer and its jobs, live: one fetch (which also makes the host ask the printer now), then change events. */
export function usePrintStatus(): PrintStatus | null {
  const api = useKioskApi();
  const [status, setStatus] = useState<PrintStatus | null>(null);

  useEffect(() => {
    let active = true;
    // Subscribe first, so a change during the fetch is not lost; a pushed status is newer than any reply.
    const unsubscribe = api.events.on('receipts.onDidChange', (next) => {
      active = false;
      setStatus(next);
    });
    api.receipts.getStatus().then(
      (initial) => {
        if (active) setStatus(initial);
      },
      () => {
        // Unreachable for a moment: the panel keeps saying it is checking; the next event updates it.
      },
    );
    return () => {
      active = false;
      unsubscribe();
    };
  }, [api]);

  return status;
}
