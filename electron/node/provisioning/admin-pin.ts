import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../../native-adapters/node/atomic-file';

/**
 * The admin PIN exists on the terminal only as a scrypt hash (`scrypt$N$r$p$salt$hash`, base64).
 * Verification is constant-time. Nothing here logs or returns the PIN.
 */
const N = 16_384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

export function hashAdminPin(pin: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(pin.normalize('NFKC'), salt, KEY_LENGTH, { N, r: R, p: P });
  return `scrypt$${String(N)}$${String(R)}$${String(P)}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifyAdminPin(pin: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  if (!n || !r || !p || n > 1 << 20 || expected.length === 0) return false;
  const actual = scryptSync(pin.normalize('NFKC'), salt, expected.length, { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 });
  return timingSafeEqual(actual, expected);
}

export interface UnlockDecision {
  ok: boolean;
  reason?: 'wrong-pin' | 'locked' | 'not-provisioned';
  /** Wrong PINs left before the next lockout. */
  attemptsLeft: number;
  /** While locked: seconds until a PIN is accepted again. */
  retryAfterSeconds: number;
}

interface LockoutState {
  failures: number;
  lockedUntil: number;
  lockouts: number;
}

export const FREE_ATTEMPTS = 5;
const BASE_LOCK_MS = 60_000;
const MAX_LOCK_MS = 60 * 60_000;

/**
 * PIN checks with lockout and back-off: after 5 wrong PINs in a row the PIN pad is locked for
 * 1 minute, then each further wrong PIN locks it again for twice as long (2, 4, 8 … 60 min).
 * While locked, no PIN is even checked. The counter is kept on disk so a restart (or pulling the
 * plug) does not give an attacker fresh attempts. A right PIN resets it.
 */
export class AdminPinGuard {
  private readonly file: string;

  constructor(
    configDir: string,
    private readonly pinHash: () => string | null,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.file = path.join(configDir, 'admin-lockout.json');
  }

  private read(): LockoutState {
    try {
      if (existsSync(this.file)) {
        const raw = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<LockoutState>;
        return { failures: Number(raw.failures) || 0, lockedUntil: Number(raw.lockedUntil) || 0, lockouts: Number(raw.lockouts) || 0 };
      }
    } catch {
      // A damaged counter file must not unlock anything: treat it as a fresh lockout.
      return { failures: FREE_ATTEMPTS, lockedUntil: this.now() + BASE_LOCK_MS, lockouts: 1 };
    }
    return { failures: 0, lockedUntil: 0, lockouts: 0 };
  }

  private write(state: LockoutState): void {
    writeFileAtomic(this.file, `${JSON.stringify(state)}\n`);
  }

  /** The state without trying a PIN (for the admin screen's PIN pad). */
  peek(): UnlockDecision {
    const state = this.read();
    const wait = Math.max(0, state.lockedUntil - this.now());
    if (wait > 0) return { ok: false, reason: 'locked', attemptsLeft: 0, retryAfterSeconds: Math.ceil(wait / 1000) };
    return { ok: false, attemptsLeft: Math.max(state.lockouts > 0 ? 1 : 0, FREE_ATTEMPTS - state.failures), retryAfterSeconds: 0 };
  }

  attempt(pin: string): UnlockDecision {
    const hash = this.pinHash();
    if (!hash) return { ok: false, reason: 'not-provisioned', attemptsLeft: 0, retryAfterSeconds: 0 };
    const state = this.read();
    const now = this.now();
    if (state.lockedUntil > now) return { ok: false, reason: 'locked', attemptsLeft: 0, retryAfterSeconds: Math.ceil((state.lockedUntil - now) / 1000) };
    if (verifyAdminPin(pin, hash)) {
      if (state.failures > 0 || state.lockouts > 0) this.write({ failures: 0, lockedUntil: 0, lockouts: 0 });
      return { ok: true, attemptsLeft: FREE_ATTEMPTS, retryAfterSeconds: 0 };
    }
    const failures = state.failures + 1;
    if (failures >= FREE_ATTEMPTS) {
      const lockMs = Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** state.lockouts);
      this.write({ failures, lockedUntil: now + lockMs, lockouts: state.lockouts + 1 });
      return { ok: false, reason: 'locked', attemptsLeft: 0, retryAfterSeconds: Math.ceil(lockMs / 1000) };
    }
    this.write({ failures, lockedUntil: 0, lockouts: state.lockouts });
    return { ok: false, reason: 'wrong-pin', attemptsLeft: FREE_ATTEMPTS - failures, retryAfterSeconds: 0 };
  }
}
