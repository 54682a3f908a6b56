/** DLE EOT 1 (printer status, spec §6.1): bit 3 = offline. Enough to say "this is a printer and it is/isn't online". */
export function describeStatusByte(byte: number): string {
  const hex = byte.toString(16).toUpperCase().padStart(2, '0');
  return `ESC/POS printer, DLE EOT 1=${hex} (${(byte & 0x08) !== 0 ? 'offline: paper, cover or error' : 'online'})`;
}
