import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileLogger } from './logger';

describe('the file logger', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('writes one JSON object per line with time, level, scope and event', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fatong-log-'));
    dirs.push(dir);
    createFileLogger({ dir }).child('printer').log('warn', 'printer.paper-end', { port: '/dev/ttyS0' });
    const [line] = readFileSync(path.join(dir, 'kiosk.log'), 'utf8').trim().split('\n');
    expect(JSON.parse(line ?? '')).toMatchObject({ level: 'warn', scope: 'kiosk.printer', event: 'printer.paper-end', port: '/dev/ttyS0' });
  });

  it('rotates by size and keeps a bounded number of files', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fatong-log-'));
    dirs.push(dir);
    const log = createFileLogger({ dir, maxBytes: 200, keepFiles: 2 });
    for (let i = 0; i < 40; i++) log.log('info', 'tick', { i });
    expect(existsSync(path.join(dir, 'kiosk.log.1'))).toBe(true);
    expect(existsSync(path.join(dir, 'kiosk.log.2'))).toBe(true);
    expect(existsSync(path.join(dir, 'kiosk.log.3'))).toBe(false);
    expect(readFileSync(path.join(dir, 'kiosk.log'), 'utf8')).toContain('"i":39');
  });
});
