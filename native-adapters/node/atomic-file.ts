import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes a file so that a power cut leaves either the old or the new content, never a mix:
 * temporary file in the same folder, fsync, rename, fsync the folder. Mode 0600 by default
 * (configuration holds the admin PIN hash, the print queue holds slips). The one atomic writer of
 * the host, the device adapters and the content store; it lives here because the device adapters
 * import nothing outside native-adapters, while the host and kiosk-content/src/<topic>/node may
 * import this folder.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array, mode = 0o600): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${String(process.pid)}.tmp`);
  try {
    const fd = openSync(tmp, 'w', mode);
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      for (let at = 0; at < bytes.byteLength;) at += writeSync(fd, bytes, at, bytes.byteLength - at);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  try {
    const dir = openSync(path.dirname(file), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  } catch {
    // Directory fsync is not supported everywhere (Windows); the rename is still atomic.
  }
}

/** True for the name of a temporary file that writeFileAtomic (of any process) left beside `file` when cut off. */
export function isLeftoverOf(file: string, name: string): boolean {
  return name.startsWith(`.${path.basename(file)}.`) && name.endsWith('.tmp');
}
