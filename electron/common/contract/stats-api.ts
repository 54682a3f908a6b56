import { z } from 'zod';
import { adminTokenSchema } from './admin-api';
import { method } from './define-contract';

/**
 * Usage statistics for the justice bureau, without personal data: counts by day only. The host
 * derives most of them from the calls it already answers (searches, Q&A, procedures opened, device
 * faults); the screen only reports what the host cannot see — which question of a procedure is on
 * screen, and the resident's one-tap rating. Both carry ids and enums the host checks, never text.
 */
export const satisfactionSchema = z.enum(['satisfied', 'neutral', 'unsatisfied']);
export type Satisfaction = z.infer<typeof satisfactionSchema>;

/** Optional reasons offered as chips after 基本满意 / 不满意. */
export const feedbackReasonSchema = z.enum(['not-found', 'hard-to-read', 'hard-to-use', 'device-problem', 'too-slow', 'other']);
export type FeedbackReason = z.infer<typeof feedbackReasonSchema>;

const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/);

export const statsEventSchema = z.discriminatedUnion('kind', [
  /** A procedure shows this step (or its outcome): the host keeps the last one per session to count abandonment. */
  z.object({ kind: z.literal('procedure-step'), procedureId: idSchema, stepId: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/) }),
  z.object({ kind: z.literal('procedure-finished'), procedureId: idSchema }),
  /** The one-tap rating (reasons may come with it, or one by one after it as 'feedback-reason'). */
  z.object({ kind: z.literal('feedback'), rating: satisfactionSchema, reasons: z.array(feedbackReasonSchema).max(6) }),
  z.object({ kind: z.literal('feedback-reason'), reason: feedbackReasonSchema }),
]);
export type StatsEvent = z.infer<typeof statsEventSchema>;

export const statsSummarySchema = z.object({
  from: z.string(),
  to: z.string(),
  /** One row per day and metric; `key` says which category / procedure / step / device. */
  rows: z.array(z.object({ day: z.string(), metric: z.string(), key: z.string(), count: z.number().int().nonnegative() })),
  /** Searches that found nothing, already stripped of anything personal, most frequent first. */
  noResult: z.array(z.object({ query: z.string(), count: z.number().int().positive(), lastDay: z.string() })),
});
export type StatsSummary = z.infer<typeof statsSummarySchema>;

const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const statsMethods = {
  'stats.record': method(statsEventSchema, z.undefined(), { activity: true }),
  /** Admin only (the admin screen's charts): the token from admin.unlock, like content.syncNow. */
  'stats.summary': method(adminTokenSchema.extend({ from: daySchema, to: daySchema }), statsSummarySchema, { activity: true }),
} as const;
