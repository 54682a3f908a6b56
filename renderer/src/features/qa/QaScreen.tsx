import { useState } from 'react';
import type { QaView } from '../../../../electron/common/contract/library-api';
import { HelpCard } from '../../components/help/HelpCard';
import { RemoteContent } from '../../components/remote/RemoteContent';
import { Button } from '../../components/ui/Button';
import { Card, Notice, PlainList, SectionTitle } from '../../components/ui/Card';
import { BookIcon } from '../../components/ui/icons';
import { LinkRow, PlainRow } from '../../components/ui/LinkRow';
import { Eyebrow, Screen, ScreenHeader, ScreenTitle } from '../../components/ui/Screen';
import { CONTENT_LANG, Message, Zh } from '../../i18n/content-language';
import { useT } from '../../i18n/I18nProvider';
import { useNavigation } from '../../lib/navigation';
import { useRemote } from '../../lib/use-remote';
import { PrintPanel } from '../../components/receipts/PrintPanel';
import { useLibraryApi } from '../../lib/library-client';
import styles from './qa-screen.module.css';

/** One plain-language answer: the question, the answer, the law it rests on, related questions. */
export function QaScreen({ id }: { id: string }) {
  const api = useLibraryApi();
  const [state, retry] = useRemote(() => api.qa.get({ id }), [api, id]);
  return (
    <RemoteContent state={state} retry={retry} notFound="qa.notFound">
      {(qa) => <QaContent qa={qa} />}
    </RemoteContent>
  );
}

function QaContent({ qa }: { qa: QaView }) {
  const t = useT();
  const navigation = useNavigation();
  const anyUnavailable = qa.cites.some((cite) => !cite.available);
  const [printing, setPrinting] = useState<string | null>(null);

  return (
    <Screen as="article" data-testid="qa-screen">
      <ScreenHeader>
        <Eyebrow>
          <Message id="qa.domain" values={{ domain: <Zh>{qa.domainLabel}</Zh> }} />
        </Eyebrow>
        <ScreenTitle lang={CONTENT_LANG}>{qa.question}</ScreenTitle>
      </ScreenHeader>

      <Card aria-labelledby="qa-answer">
        <SectionTitle id="qa-answer">{t('qa.answer.title')}</SectionTitle>
        <div className={styles.answer} lang={CONTENT_LANG} data-testid="qa-answer">
          {qa.answer.map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
        </div>
        <p className={styles.muted}>{t('qa.disclaimer')}</p>
      </Card>

      {printing === qa.id ? (
        <PrintPanel target={{ kind: 'qa', id: qa.id }} onClose={() => setPrinting(null)} />
      ) : (
        <div>
          <Button onClick={() => setPrinting(qa.id)} data-testid="qa-print">
            {t('receipt.open')}
          </Button>
        </div>
      )}

      {qa.vintageNotices.map((notice) => (
        <Notice key={notice} data-testid="qa-vintage" lang={CONTENT_LANG}>
          {notice}。
        </Notice>
      ))}

      {qa.cites.length > 0 && (
        <Card aria-labelledby="qa-cites" data-testid="qa-cites">
          <SectionTitle id="qa-cites">{t('qa.cites.title')}</SectionTitle>
          <PlainList>
            {qa.cites.map((cite) => (
              <li key={cite.key}>
                {cite.available ? (
                  <LinkRow
                    icon={<BookIcon />}
                    title={<Zh>{cite.display}</Zh>}
                    hint={t('qa.cites.open')}
                    onClick={() => navigation.open('article', { key: cite.key })}
                    data-testid="qa-cite"
                  />
                ) : (
                  <PlainRow icon={<BookIcon />} lang={CONTENT_LANG} data-testid="qa-cite-unavailable">
                    {cite.display}
                  </PlainRow>
                )}
              </li>
            ))}
          </PlainList>
          {anyUnavailable && <p className={styles.muted}>{t('qa.cites.unavailable')}</p>}
        </Card>
      )}

      {qa.related.length > 0 && (
        <Card aria-labelledby="qa-related">
          <SectionTitle id="qa-related">{t('qa.related.title')}</SectionTitle>
          <PlainList>
            {qa.related.map((related) => (
              <li key={related.id}>
                <LinkRow title={<Zh>{related.question}</Zh>} onClick={() => navigation.open('qa', { id: related.id })} data-testid="qa-related" />
              </li>
            ))}
          </PlainList>
        </Card>
      )}

      <HelpCard />
    </Screen>
  );
}
