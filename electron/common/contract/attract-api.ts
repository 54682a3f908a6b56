import { z } from 'zod';
import { announcementSchema, slideSchema } from '../../../kiosk-content/src/attract/common/attract';
import { method } from './define-contract';

/**
 * The attract loop shown while the kiosk is idle: 普法 slides and the announcements current today,
 * from the content shown now. Asking for them is not resident activity (the host does not count it).
 */
export const attractContentSchema = z.object({
  slides: z.array(slideSchema),
  announcements: z.array(announcementSchema),
});
export type AttractContent = z.infer<typeof attractContentSchema>;

export const attractMethods = {
  'attract.get': method(z.undefined(), attractContentSchema),
} as const;
