import { useEffect, useRef, useState } from 'react';
import type { ArticleView } from '../../../../electron/common/contract/library-api';
import { RemoteContent } from '../../components/remote/RemoteContent';
import { Button } from '../../components/ui/Button';
import { Notice, PlainList, SectionTitle } from '../../components/ui/Card';
import { BackIcon, ChevronIcon } from '../../components/ui/icons';
import { Screen, ScreenHeader, ScreenTitle } from '../../components/ui/Screen';
import { CONTENT_LANG, Zh } from '../../i18n/content-language';
import { useT } from '../../i18n/I18nProvider';
import { useNavigation } from '../../lib/navigation';
import { useRemote } from '../../lib/use-remote';
import { PrintPanel } from '../../components/receipts/PrintPanel';
import { useLibraryApi } from '../../lib/library-client';
import styles from './article-screen.module.css';
import { lawDateParts } from './article-view';

/**
 * One article of a law in large type, where it sits (编/章/节), which version it is, and the
 * articles before and after it. Paging stays on this screen, so 返回 goes straight back to the
 * answer or the results the resident came from rather than through every article read.
 */
export function ArticleScreen({ articleKey }: { articleKey: string }) {
  const api = useLibraryApi();
  const [key, setKey] = useState(articleKey);
  const [state, retry] = useRemote(() => api.library.getArticle({ key }), [api, key]);
  return (
    <RemoteContent state={state} retry={retry} notFound="article.notFound">
      {(article) => <ArticleContent article={article} paged={key !== articleKey} onOpen={setKey} />}
    </RemoteContent>
  );
}

function ArticleContent({ article, paged, onOpen }: { article: ArticleView; paged: boolean; onOpen(key: string): void }) {
  const navigation = useNavigation();
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  // The print panel belongs to one article: paging on closes it.
  const [printing, setPrinting] = useState<string | null>(null);

  // After 上一条 / 下一条, start reading at the top of the new article.
  useEffect(() => {
    if (paged) heading.current?.focus();
  }, [article.key, paged]);

  const date = (iso: string): string => {
    const parts = lawDateParts(iso);
    return parts ? t('article.date', { ...parts }) : iso;
  };

  return (
    <Screen as="article" data-testid="article-screen" data-article-key={article.key}>
      <ScreenHeader>
        <p className={styles.lawTitle} lang={CONTENT_LANG}>
          {article.lawTitle}
        </p>
        {article.headings.length > 0 && (
          <nav aria-label={t('article.breadcrumb')}>
            <ol className={styles.breadcrumb} data-testid="article-headings">
              {article.headings.map((part, index) => (
                <li key={`${index}-${part}`} lang={CONTENT_LANG}>
                  {part}
                </li>
              ))}
            </ol>
          </nav>
        )}
        <ScreenTitle ref={heading} lang={CONTENT_LANG}>
          {article.label}
        </ScreenTitle>
      </ScreenHeader>

      {!article.isCurrent && <Notice data-testid="article-not-current">{t('article.notCurrent')}</Notice>}
      {article.vintageNotice !== null && (
        <Notice data-testid="article-vintage" lang={CONTENT_LANG}>
          {article.vintageNotice}。
        </Notice>
      )}

      <div className={styles.text} lang={CONTENT_LANG} data-testid="article-text">
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

      {printing === article.key ? (
        <PrintPanel target={{ kind: 'article', key: article.key }} onClose={() => setPrinting(null)} />
      ) : (
        <div>
          <Button onClick={() => setPrinting(article.key)} data-testid="article-print">
            {t('receipt.open')}
          </Button>
        </div>
      )}

      {article.relatedQa.length > 0 && (
        <section className={styles.related} aria-labelledby="article-related" data-testid="article-related">
          <SectionTitle id="article-related">{t('article.relatedQa')}</SectionTitle>
          <PlainList>
            {article.relatedQa.map((qa) => (
              <li key={qa.id}>
                <Button variant="secondary" className={styles.relatedButton} onClick={() => navigation.open('qa', { id: qa.id })}>
                  <Zh>{qa.question}</Zh>
                </Button>
              </li>
            ))}
          </PlainList>
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
    </Screen>
  );
}
