import type { DeviceState, DeviceStatus } from '../../common/contract/kiosk-api';

/**
 * Holds the live state of the terminal's devices and tells subscribers when it changes.
 * Device adapters (printer, ID reader) report into it; until a port is provisioned a device
 * is `not-configured`, which the home screen shows calmly rather than as an error.
 */
export class DeviceStatusService {
  private status: DeviceStatus = {
    printer: { state: 'not-configured' },
    idReader: { state: 'not-configured' },
  };
  private readonly listeners = new Set<(status: DeviceStatus) => void>();

  getStatus(): DeviceStatus {
    return structuredClone(this.status);
  }

  report(device: keyof DeviceStatus, state: DeviceState): void {
    const previous = this.status[device];
    if (previous.state === state.state && previous.detail === state.detail) return;
    this.status = { ...this.status, [device]: state };
    for (const listener of this.listeners) listener(this.getStatus());
  }

  onDidChange(listener: (status: DeviceStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
