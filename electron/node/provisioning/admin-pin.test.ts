import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AdminPinGuard, FREE_ATTEMPTS, hashAdminPin, verifyAdminPin } from './admin-pin';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'fatong-pin-'));
  dirs.push(d);
  return d;
};

describe('admin PIN hash', () => {
  it('stores a salted scrypt hash that verifies only the right PIN', () => {
    const a = hashAdminPin('583920');
    const b = hashAdminPin('583920');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toContain('583920');
    expect(a).not.toBe(b);
    expect(verifyAdminPin('583920', a)).toBe(true);
    expect(verifyAdminPin('583921', a)).toBe(false);
    expect(verifyAdminPin('583920', 'plain')).toBe(false);
  });
});

describe('PIN lockout', () => {
  const hash = hashAdminPin('583920');

  it('locks after 5 wrong PINs, backs off, survives a restart, and resets on the right PIN', () => {
    const dir = tempDir();
    let now = 1_000_000;
    const guard = new AdminPinGuard(
      dir,
      () => hash,
      () => now,
    );
    for (let i = 1; i < FREE_ATTEMPTS; i++) expect(guard.attempt('000001')).toMatchObject({ ok: false, reason: 'wrong-pin', attemptsLeft: FREE_ATTEMPTS - i });
    expect(guard.attempt('000001')).toMatchObject({ ok: false, reason: 'locked', retryAfterSeconds: 60 });
    // Locked: even the right PIN is not checked.
    expect(guard.attempt('583920')).toMatchObject({ ok: false, reason: 'locked' });

    // A restart (new guard on the same folder) keeps the lock.
    now += 30_000;
    const restarted = new AdminPinGuard(
      dir,
      () => hash,
      () => now,
    );
    expect(restarted.attempt('583920')).toMatchObject({ ok: false, reason: 'locked', retryAfterSeconds: 30 });

    // After the lock, one more wrong PIN locks again for twice as long.
    now += 31_000;
    expect(restarted.attempt('000002')).toMatchObject({ ok: false, reason: 'locked', retryAfterSeconds: 120 });
    now += 121_000;
    expect(restarted.attempt('000003')).toMatchObject({ ok: false, reason: 'locked', retryAfterSeconds: 240 });
    now += 241_000;
    expect(restarted.attempt('583920')).toMatchObject({ ok: true });
    expect(restarted.attempt('000004')).toMatchObject({ ok: false, reason: 'wrong-pin', attemptsLeft: FREE_ATTEMPTS - 1 });
    // The PIN attempts never reach the disk.
    const state = readFileSync(path.join(dir, 'admin-lockout.json'), 'utf8');
    expect(state).not.toMatch(/58392|00000/);
  });

  it('caps the back-off at one hour', () => {
    const dir = tempDir();
    let now = 0;
    const guard = new AdminPinGuard(
      dir,
      () => hash,
      () => now,
    );
    let last = 0;
    for (let i = 0; i < 20; i++) {
      const r = guard.attempt('000001');
      now += r.retryAfterSeconds * 1000 + 1;
      last = r.retryAfterSeconds;
    }
    expect(last).toBe(3600);
  });

  it('says not-provisioned when there is no PIN', () => {
    expect(new AdminPinGuard(tempDir(), () => null).attempt('583920')).toMatchObject({ ok: false, reason: 'not-provisioned' });
  });
});

describe('admin PIN hash parameters', () => {
  it('verifies only hashes with the parameters the provisioner writes, without throwing or running a costly scrypt', () => {
    const salt = Buffer.alloc(16, 1).toString('base64');
    const key = Buffer.alloc(32, 2).toString('base64');
    for (const hostile of [
      'scrypt$3$8$1$AAAA$AAAA',
      `scrypt$1048576$64$1$${salt}$${key}`,
      `scrypt$16384$8$2$${salt}$${key}`,
      `scrypt$16384$8$1$AAAA$${key}`,
      `scrypt$16384$8$1$${salt}$AAAA`,
    ]) {
      expect(() => verifyAdminPin('583920', hostile), hostile).not.toThrow();
      expect(verifyAdminPin('583920', hostile), hostile).toBe(false);
    }
  });
});
