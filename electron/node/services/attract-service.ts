import type { AttractContent } from '../../common/contract/attract-api';
import type { KioskApiImpl } from '../../common/contract/kiosk-api';
import { currentAnnouncements } from '../../../kiosk-content/src/attract/common/attract';
import { loadAttractFolder } from '../../../kiosk-content/src/attract/node/load-attract-folder';
import { localDay } from '../../common/domain/query-redaction';

/** attract.get: the slides and today's announcements of the content folder shown now (read on each call: a handful of small files). */
export function attractApi(contentDir: () => string, now: () => Date = () => new Date()): KioskApiImpl['attract'] {
  return {
    get: (): AttractContent => {
      const { slides, announcements } = loadAttractFolder(contentDir());
      return { slides, announcements: currentAnnouncements(announcements, localDay(now())) };
    },
  };
}
