import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileJobStore } from './file-job-store';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function file(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fatong-jobs-'));
  dirs.push(dir);
  return path.join(dir, 'printer', 'jobs.json');
}

describe('FileJobStore', () => {
  it('round-trips jobs (bytes as base64) through an atomic rename, leaving no temporary file', () => {
    const target = file();
    const store = new FileJobStore(target);
    expect(store.load()).toEqual([]);
    const bytes = Uint8Array.of(0x1b, 0x40, 0x1c, 0x26, 0xd6, 0xd0, 0x0a);
    store.save([{ id: 'a', title: '法条', bytes, state: 'printing', createdAt: 1, updatedAt: 2, sends: 1 }]);
    expect(readdirSync(path.dirname(target))).toEqual(['jobs.json']);
    const stored = JSON.parse(readFileSync(target, 'utf8')) as { jobs: Array<Record<string, unknown>> };
    expect(Object.keys(stored.jobs[0] ?? {}).sort()).toEqual(['bytes', 'createdAt', 'id', 'sends', 'state', 'title', 'updatedAt']);
    const [job] = new FileJobStore(target).load();
    expect(job).toMatchObject({ id: 'a', title: '法条', state: 'printing', sends: 1 });
    expect([...(job?.bytes ?? [])]).toEqual([...bytes]);
  });

  it('sets a corrupt queue aside instead of crashing the kiosk', () => {
    const target = file();
    new FileJobStore(target).save([]);
    writeFileSync(target, '{"jobs": [');
    expect(new FileJobStore(target).load()).toEqual([]);
    expect(readdirSync(path.dirname(target)).some((f) => f.startsWith('jobs.json.corrupt-'))).toBe(true);
  });
});
