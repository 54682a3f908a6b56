import type { DeviceState, DeviceStatus, KioskApiImpl } from '../../common/contract/kiosk-api';
import { Emitter, type Unsubscribe } from '../../common/events/emitter';

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
  private readonly changed = new Emitter<DeviceStatus>();

  getStatus(): DeviceStatus {
    return structuredClone(this.status);
  }

  report(device: keyof DeviceStatus, state: DeviceState): void {
    const previous = this.status[device];
    if (previous.state === state.state && previous.detail === state.detail) return;
    this.status = { ...this.status, [device]: state };
    this.changed.fire(this.getStatus());
  }

  onDidChange(listener: (status: DeviceStatus) => void): Unsubscribe {
    return this.changed.on(listener);
  }

  /** The `devices` part of the KioskApi. */
  api(): KioskApiImpl['devices'] {
    return { getStatus: () => this.getStatus() };
  }
}
