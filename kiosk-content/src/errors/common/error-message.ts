/**
 * The text of anything thrown: an Error's message, otherwise its string form. Pure, so content
 * code, device adapters and the host can all use it for problem lists and log lines.
 */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
