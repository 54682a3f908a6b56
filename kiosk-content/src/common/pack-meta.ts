import { z } from 'zod';

/** `pack.yaml` at the top of a content folder. */
export const packMetaSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'lower-case letters, digits and dashes'),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'semantic version such as 1.2.3'),
  title: z.string().min(1),
});
export type PackMeta = z.infer<typeof packMetaSchema>;

export const hotlineSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  phone: z.string().regex(/^[0-9-]{3,20}$/, 'digits and dashes only'),
});

export const directorySchema = z.object({
  hotlines: z.array(hotlineSchema),
});
export type Directory = z.infer<typeof directorySchema>;
