import type { DocumentSummary } from '../../../../electron/common/contract/document-api';
import { CONTENT_LANG, Message, Zh } from '../../i18n/content-language';
import { useNavigation } from '../../lib/navigation';
import { useRemote } from '../../lib/use-remote';
import { useKioskApi } from '../../platform/kiosk-api';
import layout from '../ui/layout.module.css';
import styles from './document-offers.module.css';

/**
 * 「帮我填写…」: the documents that fit where the resident is (an outcome, a search, the guide
 * list), each opening the one-question-per-screen form. Shows nothing when none fits or the list
 * cannot be loaded — it is an offer, never in the way.
 */
export function DocumentOffers({ filter, title }: { filter: (document: DocumentSummary) => boolean; title?: string }) {
  const api = useKioskApi();
  const navigation = useNavigation();
  const [state] = useRemote(() => api.documents.list(), [api]);
  if (state.status !== 'ready') return null;
  const offered = state.value.filter(filter);
  if (offered.length === 0) return null;
  return (
    <section className={layout.stack} data-testid="document-offers">
      {title && <h2 className={styles.title}>{title}</h2>}
      <div className={`${layout.tileGrid} ${layout.tilesWide}`}>
        {offered.map((d) => (
          <button
            key={d.id}
            type="button"
            className={`${layout.stack} ${layout.gapTight} ${styles.offer}`}
            onClick={() => navigation.open('document', { typeId: d.id })}
            data-testid="document-offer"
            data-document={d.id}
          >
            {/* The interface words in the screen's language, the document's name (content) marked Chinese. */}
            <span className={styles.offerName}>
              <Message id="documents.offer" values={{ name: <Zh>{d.name}</Zh> }} />
            </span>
            <span className={styles.offerSummary} lang={CONTENT_LANG}>
              {d.summary}
            </span>
          </button>
        ))}
      </div>
    </section>
  );
}

/** Document types a search query names (by keyword or name). */
export function documentMatchesQuery(document: DocumentSummary, query: string): boolean {
  const q = query.replace(/\s+/g, '');
  if (q.length < 2) return false;
  return [document.name, ...document.keywords].some((k) => q.includes(k) || k.includes(q));
}
