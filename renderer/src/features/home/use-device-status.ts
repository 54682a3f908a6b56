import { useEffect, useState } from 'react';
import type { DeviceStatus } from '../../../../electron/common/contract/kiosk-api';
import { useKioskApi } from '../../platform/kiosk-api';

/** Live device status: one fetch, then the host's change events. `null` until the first answer. */
export function useDeviceStatus(): DeviceStatus | null {
  const api = useKioskApi();
  const [status, setStatus] = useState<DeviceStatus | null>(null);

  useEffect(() => {
    let active = true;
    // Subscribe first, so a change that happens while the fetch is in flight is not lost.
    const unsubscribe = api.events.on('devices.onDidChangeStatus', (next) => {
      active = false; // a pushed status is newer than any reply still on its way
      setStatus(next);
    });
    api.devices.getStatus().then(
      (initial) => {
        if (active) setStatus(initial);
      },
      () => {
        // Unreachable for a moment: the badges keep saying 「正在查询」 and the next event updates them.
      },
    );
    return () => {
      active = false;
      unsubscribe();
    };
  }, [api]);

  return status;
}
