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

/**
 * An office residents are sent to by a procedure outcome. Address, hours and phone differ per
 * site and are filled in by provisioning; null is shown as 「请咨询现场工作人员」 — never guessed.
 */
export const officeSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'kebab-case id'),
  name: z.string().min(1),
  /** What residents go there for, in their words. */
  handles: z.array(z.string().min(1)),
  address: z.string().min(1).nullable(),
  hours: z.string().min(1).nullable(),
  phone: z
    .string()
    .regex(/^[0-9-]{3,20}$/, 'digits and dashes only')
    .nullable(),
});
export type Office = z.infer<typeof officeSchema>;

export const directorySchema = z.object({
  hotlines: z.array(hotlineSchema),
  offices: z.array(officeSchema).default([]),
});
export type Directory = z.infer<typeof directorySchema>;
