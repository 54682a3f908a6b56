/**
 * Errors that cross the API boundary. `message` is plain Chinese a resident can read;
 * anything technical stays in the host's log, never in the reply.
 */
export const kioskErrorCodes = ['invalid-input', 'not-found', 'unavailable', 'internal', 'admin-required'] as const;
export type KioskErrorCode = (typeof kioskErrorCodes)[number];

export interface SerializedKioskError {
  code: KioskErrorCode;
  message: string;
}

export class KioskError extends Error {
  readonly code: KioskErrorCode;
  constructor(code: KioskErrorCode, message: string) {
    super(message);
    this.name = 'KioskError';
    this.code = code;
  }

  toJSON(): SerializedKioskError {
    return { code: this.code, message: this.message };
  }

  static fromSerialized(value: unknown): KioskError {
    if (typeof value === 'object' && value !== null) {
      const { code, message } = value as Record<string, unknown>;
      if (typeof message === 'string' && kioskErrorCodes.includes(code as KioskErrorCode)) {
        return new KioskError(code as KioskErrorCode, message);
      }
    }
    return new KioskError('internal', '系统暂时出了点问题，请稍后再试');
  }
}
