import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileLogger, scrubPersonalData } from './logger';

describe('log scrubbing', () => {
  it('replaces ID-card numbers and mobile numbers, keeps ids, times and counts', () => {
    expect(scrubPersonalData('bad input 11010519491231002X here')).toBe('bad input [id-number] here');
    expect(scrubPersonalData('call 13912345678.')).toBe('call [phone].');
    const keep = '{"time":"2026-11-22T10:00:00.000Z","job":"j-20261122-0001","bytes":1014,"port":"/dev/ttyS1"}';
    expect(scrubPersonalData(keep)).toBe(keep);
  });

  it('applies to what the file logger writes', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fatong-log-'));
    try {
      createFileLogger({ dir }).log('error', 'x.failed', { error: 'no match for 110105194912310021 / 13912345678' });
      const text = readFileSync(path.join(dir, 'kiosk.log'), 'utf8');
      expect(text).toContain('[id-number]');
      expect(text).not.toMatch(/110105194912310021|13912345678/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
