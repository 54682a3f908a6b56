import { z } from 'zod';

/**
 * The attract loop the kiosk shows while nobody uses it: 普法 slides (one short legal fact each,
 * resting on the cited article) and the site's announcements. Authoring: kiosk-content/README.md.
 */
export const slideSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'kebab-case id'),
  /** One line, large. */
  title: z.string().min(2).max(16),
  /** What the law says, in plain words, read from across the room. */
  body: z.string().min(10).max(90),
  /** `<normalised title> 第…条`, as in Q&A; at least one. */
  cites: z.array(z.string().regex(/^\S+ 第[一二三四五六七八九十百千零]+条(?:之[一二三四五六七八九十]+)?$/, '<law title> 第…条')).min(1),
});
export type Slide = z.infer<typeof slideSchema>;

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const announcementSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'kebab-case id'),
  title: z.string().min(2).max(20),
  body: z.string().min(2).max(120),
  /** Shown from this day (inclusive) … */
  from: isoDay.optional(),
  /** … until this day (inclusive). */
  until: isoDay.optional(),
});
export type Announcement = z.infer<typeof announcementSchema>;

/** The announcements to show on `today` (YYYY-MM-DD). */
export function currentAnnouncements(all: readonly Announcement[], today: string): Announcement[] {
  return all.filter((a) => (a.from === undefined || a.from <= today) && (a.until === undefined || today <= a.until));
}
