import { z } from 'zod';
import { adminTokenSchema } from './admin-api';
import { method } from './define-contract';

/**
 * Content packs for the admin screen: which packs are active, the previous ones
 * kept for rollback, sync progress, "sync now" and "roll back". Messages here are for technicians
 * (one line, may be English); nothing in them is personal data.
 */

export const packRefSchema = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
});
export type PackRef = z.infer<typeof packRefSchema>;

export const contentSlotsSchema = z.object({
  /** The content pack (Q&A, procedures, glossary, directory); embedded = the default content shipped in the app. */
  content: packRefSchema.extend({ embedded: z.boolean() }),
  /** The law library pack; null = none installed from a pack (an import-laws library may still be present). */
  laws: packRefSchema.nullable(),
});

export const syncProgressSchema = z.object({
  phase: z.enum([
    'idle',
    'checking',
    'downloading',
    'verifying',
    'checking-content',
    'indexing',
    'switching',
    'waiting-for-idle',
    'done',
    'up-to-date',
    'failed',
  ]),
  /** Pack being worked on ('' when none). */
  packId: z.string(),
  version: z.string(),
  done: z.number().nonnegative(),
  total: z.number().nonnegative(),
  message: z.string().max(500),
});
export type SyncProgress = z.infer<typeof syncProgressSchema>;

export const contentStatusSchema = z.object({
  /** What residents see now. */
  showing: contentSlotsSchema,
  /** Installed and waiting for the next idle moment to be shown (null = nothing pending). */
  pending: contentSlotsSchema.nullable(),
  /** Kept for rollback (null = nothing to roll back to). */
  previous: contentSlotsSchema.nullable(),
  sources: z.array(z.object({ kind: z.enum(['folder', 'http']), location: z.string() })),
  trustedKeys: z.array(z.string()),
  syncing: z.boolean(),
  lastSync: z
    .object({
      at: z.string(),
      result: z.enum(['installed', 'up-to-date', 'failed', 'no-sources']),
      message: z.string().max(500),
    })
    .nullable(),
  progress: syncProgressSchema,
});
export type ContentStatus = z.infer<typeof contentStatusSchema>;

export const contentActionResultSchema = z.object({
  ok: z.boolean(),
  /** One line: what happened or why not. */
  message: z.string().max(500),
  status: contentStatusSchema,
});
export type ContentActionResult = z.infer<typeof contentActionResultSchema>;

export const contentMethods = {
  'content.status': method(z.undefined(), contentStatusSchema),
  /** Admin only: the token from admin.unlock. */
  'content.syncNow': method(adminTokenSchema, contentActionResultSchema),
  'content.rollback': method(adminTokenSchema, contentActionResultSchema),
};

export const contentEvents = {
  'content.onDidChangeSync': syncProgressSchema,
};
