import type { DeviceStatus } from '../../../electron/common/contract/kiosk-api';
import { useLiveValue } from '../platform/use-live-value';

/** Live device status; `null` until the first answer (the badges say 「正在查询」 meanwhile). */
export function useDeviceStatus(): DeviceStatus | null {
  return useLiveValue('devices.onDidChangeStatus', (api) => api.devices.getStatus());
}
