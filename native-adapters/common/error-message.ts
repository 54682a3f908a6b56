/**
 * The text of anything thrown. The device adapters depend on nothing outside native-adapters (as
 * serialport's packages depend only on each other), so they keep this one-liner themselves; the rest
 * of the kiosk uses kiosk-content/src/errors/common/error-message.ts.
 */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
