import type { DeviceState } from '../../../../electron/common/contract/kiosk-api';
import type { StatusTone } from '../../components/ui/StatusBadge';
import type { MessageKey } from '../../i18n/zh-cn';

/**
 * How a device state reads to a resident. Nothing here is alarming: a printer that is not set
 * up is normal on a fresh terminal, and anything needing hands goes to the on-site staff.
 */
export function deviceStateView(state: DeviceState['state'] | undefined): { label: MessageKey; tone: StatusTone } {
  switch (state) {
    case undefined:
      return { label: 'device.state.unknown', tone: 'neutral' };
    case 'not-configured':
      return { label: 'device.state.not-configured', tone: 'neutral' };
    case 'connecting':
      return { label: 'device.state.connecting', tone: 'neutral' };
    case 'ready':
      return { label: 'device.state.ready', tone: 'ok' };
    case 'attention':
      return { label: 'device.state.attention', tone: 'warn' };
    case 'offline':
      return { label: 'device.state.offline', tone: 'warn' };
  }
}
