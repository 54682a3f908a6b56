import type { IdCardState } from '../../common/contract/idcard-api';
import type { KioskApiImpl } from '../../common/contract/kiosk-api';
import { IdCardService, type IdCardReadState } from '../services/id-card-service';
import type { DeviceStatusService } from '../services/device-status-service';
import type { Logger } from '../system/logger';
import type { TerminalSettings } from '../../common/config/terminal-settings';
import { errorMessage } from '../../common/errors/error-message';

/**
 * The ID-card reader as KioskHost wires it: one IdCardService on the provisioned port (none →
 * not-configured), its methods on the contract, and its state mapped to the contract's shape.
 * Kept out of kiosk-host.ts so the composition root only gains a few lines.
 */
export function createIdCardService(terminal: TerminalSettings, devices: DeviceStatusService, logger: Logger): IdCardService {
  return new IdCardService({ port: terminal.idReader?.port ?? null, baudRate: terminal.idReader?.baudRate ?? null, devices, logger });
}

/** Only the masked/derived projection travels; the contract's output schema drops anything else. */
export function toIdCardState(state: IdCardReadState): IdCardState {
  const out: IdCardState = { state: state.state };
  if ('hint' in state && state.hint) out.hint = state.hint;
  if ('reason' in state) out.reason = state.reason;
  if ('detail' in state) out.detail = state.detail.slice(0, 200);
  if (state.result) {
    const { maskedName, maskedIdNumber, gender, ageBracket, region, cardType, numberValid } = state.result;
    out.result = {
      ...(maskedName !== undefined ? { maskedName } : {}),
      ...(maskedIdNumber !== undefined ? { maskedIdNumber } : {}),
      ...(gender !== undefined ? { gender } : {}),
      ...(ageBracket !== undefined ? { ageBracket } : {}),
      ...(region !== undefined ? { region } : {}),
      ...(cardType !== undefined ? { cardType } : {}),
      ...(numberValid !== undefined ? { numberValid } : {}),
    };
  }
  return out;
}

export function idCardApi(service: IdCardService): KioskApiImpl['idcard'] {
  return {
    getState: () => toIdCardState(service.getState()),
    startRead: ({ fields }) => {
      service.startRead(fields);
      return toIdCardState(service.getState());
    },
    cancel: () => {
      service.cancel();
      return undefined;
    },
    wipe: () => {
      service.wipe();
      return undefined;
    },
  };
}

/** KioskHost.close() is synchronous; the reader's port closes in the background and never throws. */
export function closeIdCardService(service: IdCardService, logger: Logger): void {
  service.close().catch((error: unknown) => {
    logger.log('warn', 'idcard.close-failed', { error: errorMessage(error) });
  });
}
