import type { QaView } from '../../../../electron/common/contract/library-api';
import { BookIcon, ChevronIcon } from '../../components/ui/icons';
import { useT } from '../../i18n/I18nProvider';
import { useNavigation } from '../../lib/navigation';
import { HelpCard } from '../search/HelpCard';
import { useLibraryApi } from '../search/library-client';
import { LoadProblem } from '../search/LoadProblem';
import { useRemote } from '../search/use-remote';
import styles from './qa-screen.module.css';

/** One plain-language answer: the question, the answer, the law it rests on, related questions. */
export function QaScreen({ id }: { id: string }) {
  const t = useT();
  const api = useLibraryApi();
  const [state, retry] = useRemote(() => api.qa.get({ id }), [api, id]);

  if (state.status === 'loading') {
    return (
      <div className={styles.screen}>
        <p className={styles.status} role="status" tabIndex={-1} data-screen-heading>
          {t('common.loading')}
        </p>
      </div>
    );
  }
  if (state.status === 'error' || state.value === null) {
    return (
      <div className={styles.screen}>
        <LoadProblem message={state.status === 'error' ? t('common.error') : t('qa.notFound')} onRetry={state.status === 'error' ? retry : undefined} />
      </div>
    );
  }
  return <QaContent qa={state.value} />;
}

function QaContent({ qa }: { qa: QaView }) {
  const t = useT();
  const navigation = useNavigation();
  const anyUnavailable = qa.cites.some((cite) => !cite.available);

  return (
    <article className={styles.screen} data-testid="qa-screen">
      <header className={styles.header}>
        <p className={styles.eyebrow}>{t('qa.domain', { domain: qa.domainLabel })}</p>
        <h1 className={styles.question} tabIndex={-1} data-screen-heading>
          {qa.question}
        </h1>
      </header>

      <section className={styles.card} aria-labelledby="qa-answer">
        <h2 id="qa-answer" className={styles.sectionTitle}>
          {t('qa.answer.title')}
        </h2>
        <div className={styles.answer} data-testid="qa-answer">
          {qa.answer.map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
        </div>
        <p className={styles.disclaimer}>{t('qa.disclaimer')}</p>
      </section>

      {qa.cites.length > 0 && (
        <section className={styles.card} aria-labelledby="qa-cites" data-testid="qa-cites">
          <h2 id="qa-cites" className={styles.sectionTitle}>
            {t('qa.cites.title')}
          </h2>
          <ul className={styles.list}>
            {qa.cites.map((cite) => (
              <li key={cite.key}>
                {cite.available ? (
                  <button type="button" className={styles.cite} onClick={() => navigation.open('article', { key: cite.key })} data-testid="qa-cite">
                    <BookIcon className={styles.citeIcon} />
                    <span className={styles.citeText}>
                      <span className={styles.citeTitle}>{cite.display}</span>
                      <span className={styles.citeHint}>{t('qa.cites.open')}</span>
                    </span>
                    <ChevronIcon className={styles.citeIcon} />
                  </button>
                ) : (
                  <p className={styles.citePlain} data-testid="qa-cite-unavailable">
                    <BookIcon className={styles.citeIcon} />
                    {cite.display}
                  </p>
                )}
              </li>
            ))}
          </ul>
          {anyUnavailable && <p className={styles.note}>{t('qa.cites.unavailable')}</p>}
        </section>
      )}

      {qa.related.length > 0 && (
        <section className={styles.card} aria-labelledby="qa-related">
          <h2 id="qa-related" className={styles.sectionTitle}>
            {t('qa.related.title')}
          </h2>
          <ul className={styles.list}>
            {qa.related.map((related) => (
              <li key={related.id}>
                <button type="button" className={styles.related} onClick={() => navigation.open('qa', { id: related.id })} data-testid="qa-related">
                  <span>{related.question}</span>
                  <ChevronIcon className={styles.citeIcon} />
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      <HelpCard />
    </article>
  );
}
