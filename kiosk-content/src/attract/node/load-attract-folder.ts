import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { announcementSchema, slideSchema, type Announcement, type Slide } from '../common/attract';
import { errorMessage } from '../../errors/common/error-message';

export interface AttractContent {
  slides: Slide[];
  announcements: Announcement[];
  /** `file: message` for every file that was skipped. */
  problems: string[];
}

function readFolder<T>(dir: string, schema: z.ZodType<T>, problems: string[]): T[] {
  if (!existsSync(dir)) return [];
  const items: T[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()) {
    const file = path.join(dir, name);
    try {
      const parsed = schema.safeParse(parse(readFileSync(file, 'utf8')));
      if (parsed.success) items.push(parsed.data);
      else problems.push(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
    } catch (error) {
      problems.push(`${file}: ${errorMessage(error)}`);
    }
  }
  return items;
}

/** slides/*.yaml and announcements/*.yaml of a content folder; a bad file is skipped and reported, never fatal. */
export function loadAttractFolder(contentDir: string): AttractContent {
  const problems: string[] = [];
  const slides = readFolder(path.join(contentDir, 'slides'), slideSchema, problems);
  const announcements = readFolder(path.join(contentDir, 'announcements'), announcementSchema, problems);
  return { slides, announcements, problems };
}
