import { z } from 'zod';
import { method } from './define-contract';

/**
 * The technician's admin screen. It opens with a hidden gesture and the admin PIN;
 * `admin.unlock` trades the PIN for a short-lived token that every other admin method (and
 * content.syncNow / content.rollback) requires. After 5 wrong PINs the PIN pad locks with
 * back-off; the lockout survives a restart. The PIN is never echoed, logged or stored in clear.
 * Messages are for technicians (one line, may be English); nothing here is personal data.
 */

export const adminTokenSchema = z.object({ token: z.string().min(1).max(200) });

export const unlockResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    token: z.string(),
    /** ISO time; every admin call moves it forward (idle admin sessions end by themselves). */
    expiresAt: z.string(),
  }),
  z.object({
    ok: z.literal(false),
    /** not-provisioned: no admin PIN on this terminal (run `provision`). */
    reason: z.enum(['wrong-pin', 'locked', 'not-provisioned']),
    /** Wrong PINs left before the next lockout. */
    attemptsLeft: z.number().int().nonnegative(),
    /** While locked: seconds until a PIN is accepted again. */
    retryAfterSeconds: z.number().int().nonnegative(),
  }),
]);
export type UnlockResult = z.infer<typeof unlockResultSchema>;

/**
 * The PIN pad's state without trying a PIN, asked when the pad opens so a lockout that is already
 * running shows its countdown at once (not only after the next attempt). Nothing secret: whether
 * PINs are accepted now, and for how long they are not.
 */
export const pinStateSchema = z.strictObject({
  /** ready: a PIN is checked; locked: refused until the countdown ends; not-provisioned: no admin PIN. */
  state: z.enum(['ready', 'locked', 'not-provisioned']),
  /** Wrong PINs left before the next lockout (1 right after a lockout: the next wrong one locks for longer). */
  attemptsLeft: z.number().int().nonnegative(),
  /** While locked: seconds until a PIN is accepted again (relative, so the screen's clock need not match the host's). */
  retryAfterSeconds: z.number().int().nonnegative(),
});
export type PinState = z.infer<typeof pinStateSchema>;

export const adminStatusSchema = z.object({
  terminalId: z.string().nullable(),
  siteName: z.string().nullable(),
  region: z.string().nullable(),
  appVersion: z.string(),
  /** Ports as provisioned (technician detail). Live device lines: devices.getStatus and its event. */
  ports: z.object({ printer: z.string().nullable(), idReader: z.string().nullable() }),
  content: z.object({ packId: z.string(), version: z.string(), lawsVersion: z.string().nullable() }),
  /**
   * Today's usage counts (local day) from the statistics store: totals per metric (session,
   * search, receipt-printed, device-error …). No personal data.
   */
  counts: z.object({ date: z.string(), byMetric: z.record(z.string(), z.number().int().nonnegative()) }),
  /** The latest warnings/errors of the host log (event names and technical fields only). */
  lastErrors: z.array(z.object({ time: z.string(), level: z.enum(['warn', 'error']), event: z.string(), detail: z.string().max(300) })).max(20),
  /** The provisioned configuration is missing or invalid: why (empty when fine). */
  configProblems: z.array(z.string()),
  uptimeSeconds: z.number().nonnegative(),
});
export type AdminStatus = z.infer<typeof adminStatusSchema>;

export const adminActionResultSchema = z.object({
  ok: z.boolean(),
  /** One line for the technician: what happened or why not. */
  message: z.string().max(500),
});
export type AdminActionResult = z.infer<typeof adminActionResultSchema>;

export const testCardResultSchema = adminActionResultSchema.extend({
  /** Masked only: never a full name or number on the admin screen. */
  card: z.object({ cardType: z.string(), maskedName: z.string(), maskedIdNumber: z.string(), numberValid: z.boolean() }).nullable(),
});
export type TestCardResult = z.infer<typeof testCardResultSchema>;

export const adminRequestSchema = z.object({ action: z.enum(['restart', 'exit-kiosk']) });
export type AdminRequest = z.infer<typeof adminRequestSchema>;

export const adminMethods = {
  'admin.unlock': method(z.object({ pin: z.string().max(32) }), unlockResultSchema, { activity: true }),
  /** No token (the pad is not unlocked yet): is a lockout running, and for how long? */
  'admin.pinState': method(z.undefined(), pinStateSchema, { activity: true }),
  /** Ends the admin session now (leaving the admin screen). */
  'admin.lock': method(adminTokenSchema, z.undefined(), { activity: true }),
  'admin.status': method(adminTokenSchema, adminStatusSchema, { activity: true }),
  'admin.printTestPage': method(adminTokenSchema, adminActionResultSchema, { activity: true }),
  /** Waits up to ~10 s for a card on the reader; returns masked fields only. */
  'admin.readTestCard': method(adminTokenSchema, testCardResultSchema, { activity: true }),
  /** The shell restarts the kiosk (systemd / the start script handle the exit). */
  'admin.restart': method(adminTokenSchema, adminActionResultSchema, { activity: true }),
  /** The shell leaves kiosk mode so the technician reaches the desktop. */
  'admin.exitKiosk': method(adminTokenSchema, adminActionResultSchema, { activity: true }),
};

export const adminEvents = {
  /** The host is about to restart or leave kiosk mode (the screen can say so). */
  'admin.onDidRequest': adminRequestSchema,
};
