import { useEffect, useRef, useState } from 'react';
import type { ArticleView } from '../../../../electron/common/contract/library-api';
import { BackIcon, ChevronIcon } from '../../components/ui/icons';
import { Button } from '../../components/ui/Button';
import { useT } from '../../i18n/I18nProvider';
import { useNavigation } from '../../lib/navigation';
import { useLibraryApi } from '../search/library-client';
import { LoadProblem } from '../search/LoadProblem';
import { useRemote } from '../search/use-remote';
import styles from './article-screen.module.css';
import { lawDateParts } from './article-view';

/**
 * One article of a law in large type, where it sits (编/章/节), which version it is, and the
 * articles before and after it. Paging stays on this screen, so 返回 goes straight back to the
 * answer or the results the resident came from rather than through every article read.
 */
export function ArticleScreen({ articleKey }: { articleKey: string }) {
  const t = useT();
  const api = useLibraryApi();
  const [key, setKey] = useState(articleKey);
  const [state, retry] = useRemote(() => api.library.getArticle({ key }), [api, key]);

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
        <LoadProblem message={state.status === 'error' ? t('common.error') : t('article.notFound')} onRetry={state.status === 'error' ? retry : undefined} />
      </div>
    );
  }
  return <ArticleContent article={state.value} paged={key !== articleKey} onOpen={setKey} />;
}

function ArticleContent({ article, paged, onOpen }: { article: ArticleView; paged: boolean; onOpen(key: string): void }) {
  const navigation = useNavigation();
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);

  // After 上一条 / 下一条, start reading at the top of the new article.
  useEffect(() => {
    if (paged) heading.current?.focus();
  }, [article.key, paged]);

  const date = (iso: string): string => {
    const parts = lawDateParts(iso);
    return parts ? t('article.date', { ...parts }) : iso;
  };

  return (
    <article className={styles.screen} data-testid="article-screen" data-article-key={article.key}>
      <header className={styles.header}>
        <p className={styles.lawTitle}>{article.lawTitle}</p>
        {article.headings.length > 0 && (
          <nav aria-label={t('article.breadcrumb')}>
            <ol className={styles.breadcrumb} data-testid="article-headings">
              {article.headings.map((part, index) => (
                <li key={`${index}-${part}`}>{part}</li>
              ))}
            </ol>
          </nav>
        )}
        <h1 ref={heading} className={styles.label} tabIndex={-1} data-screen-heading>
          {article.label}
        </h1>
      </header>

      {!article.isCurrent && (
        <p className={styles.notice} data-testid="article-not-current">
          {t('article.notCurrent')}
        </p>
      )}

      <div className={styles.text} data-testid="article-text">
        {article.paragraphs.map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
      </div>

      {(article.versionDate !== null || article.effectiveDate !== null) && (
        <p className={styles.meta} data-testid="article-dates">
          {article.versionDate !== null && <span>{t('article.versionDate', { date: date(article.versionDate) })}</span>}
          {article.effectiveDate !== null && <span>{t('article.effectiveDate', { date: date(article.effectiveDate) })}</span>}
        </p>
      )}

      {article.relatedQa.length > 0 && (
        <section className={styles.related} aria-labelledby="article-related" data-testid="article-related">
          <h2 id="article-related" className={styles.relatedTitle}>
            {t('article.relatedQa')}
          </h2>
          <ul className={styles.relatedList}>
            {article.relatedQa.map((qa) => (
              <li key={qa.id}>
                <Button variant="secondary" className={styles.relatedButton} onClick={() => navigation.open('qa', { id: qa.id })}>
                  {qa.question}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}

      <nav className={styles.pager}>
        {article.previousKey !== null && (
          <Button variant="secondary" icon={<BackIcon />} onClick={() => onOpen(article.previousKey ?? article.key)} data-testid="article-previous">
            {t('article.previous')}
          </Button>
        )}
        {article.nextKey !== null && (
          <Button variant="secondary" className={styles.next} onClick={() => onOpen(article.nextKey ?? article.key)} data-testid="article-next">
            {t('article.next')}
            <ChevronIcon className={styles.nextIcon} />
          </Button>
        )}
      </nav>
    </article>
  );
}
