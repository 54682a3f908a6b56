import { appendFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
/** Only structured, non-personal fields: ids, states, counts, error codes. Never resident input. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  log(level: LogLevel, event: string, fields?: LogFields): void;
  child(scope: string): Logger;
}

export interface FileLoggerOptions {
  dir: string;
  fileName?: string;
  maxBytes?: number;
  keepFiles?: number;
  /** Mirror warnings and errors to stderr (useful for a technician watching the console). */
  echo?: boolean;
}

/** JSON-lines log rotated by size: kiosk.log → kiosk.log.1 → … → kiosk.log.N. */
export function createFileLogger(options: FileLoggerOptions, scope = 'kiosk'): Logger {
  const file = path.join(options.dir, options.fileName ?? 'kiosk.log');
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const keep = options.keepFiles ?? 5;

  const rotateIfNeeded = (): void => {
    if (!existsSync(file) || statSync(file).size < maxBytes) return;
    rmSync(`${file}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) {
      if (existsSync(`${file}.${i}`)) renameSync(`${file}.${i}`, `${file}.${i + 1}`);
    }
    renameSync(file, `${file}.1`);
  };

  const make = (currentScope: string): Logger => ({
    log(level, event, fields = {}) {
      const line = scrubPersonalData(JSON.stringify({ time: new Date().toISOString(), level, scope: currentScope, event, ...fields }));
      try {
        rotateIfNeeded();
        appendFileSync(file, `${line}\n`, { mode: 0o640 });
      } catch {
        // A full or read-only disk must never take the kiosk down; the console still gets errors.
      }
      if (options.echo && (level === 'warn' || level === 'error')) process.stderr.write(`${line}\n`);
    },
    child(childScope) {
      return make(`${currentScope}.${childScope}`);
    },
  });
  return make(scope);
}

/**
 * Last line of defence: callers only log ids, states and counts, but an error message
 * from a library could still carry an ID-card number or a mobile number a resident typed. Both
 * shapes are replaced before the line reaches the disk.
 */
export function scrubPersonalData(line: string): string {
  return line
    .replace(/(?<![0-9A-Za-z])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g, '[id-number]')
    .replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, '[phone]');
}

/** For unit tests and tools that must not write files. */
export function createMemoryLogger(): Logger & { lines: Array<{ level: LogLevel; event: string; fields: LogFields }> } {
  const lines: Array<{ level: LogLevel; event: string; fields: LogFields }> = [];
  const make = (): Logger => ({
    log(level, event, fields = {}) {
      lines.push({ level, event, fields });
    },
    child() {
      return make();
    },
  });
  return Object.assign(make(), { lines });
}
