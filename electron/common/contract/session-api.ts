import { z } from 'zod';
import { method } from './define-contract';

/**
 * A resident's session: it starts at the first touch and ends at 首页/完成 or after inactivity
 * (the renderer owns the timing). Ending it tells the host to forget everything that
 * belongs to that resident (ID-card fields, previews) — the renderer forgets its own side.
 */
export const sessionEndReasonSchema = z.enum(['home', 'finish', 'idle', 'admin']);
export type SessionEndReason = z.infer<typeof sessionEndReasonSchema>;

export const sessionMethods = {
  'session.end': method(z.object({ reason: sessionEndReasonSchema }), z.undefined(), { activity: true }),
} as const;
