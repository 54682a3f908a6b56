/** The message of anything thrown: an Error's message, anything else as text (for logs and technicians). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
