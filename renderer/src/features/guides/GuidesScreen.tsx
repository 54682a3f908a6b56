import { DocumentOffers } from '../../components/documents/DocumentOffers';
import { HelpCard } from '../../components/help/HelpCard';
import { LoadProblem } from '../../components/remote/LoadProblem';
import { Notice } from '../../components/ui/Card';
import { ChevronIcon } from '../../components/ui/icons';
import { Screen, ScreenTitle, StatusLine } from '../../components/ui/Screen';
import { CONTENT_LANG } from '../../i18n/content-language';
import { useT } from '../../i18n/I18nProvider';
import { useNavigation } from '../../lib/navigation';
import { useRemote } from '../../lib/use-remote';
import { useGuidesApi } from './guides-client';
import { guidesLayout } from './guides-layout';
import styles from './guides.module.css';

/** The catch-all domain of kiosk-content/src/legal-domains/common/legal-domains.ts (「其他」). */
const GENERAL_DOMAIN = 'general';

/** 办事指南: every guided procedure on this terminal as one large card each. */
export function GuidesScreen() {
  const t = useT();
  const api = useGuidesApi();
  const navigation = useNavigation();
  const [state, retry] = useRemote(() => api.procedures.list(), [api]);

  if (state.status === 'error') {
    return (
      <Screen {...guidesLayout}>
        <LoadProblem message={t('common.error')} onRetry={retry} />
      </Screen>
    );
  }
  return (
    <Screen {...guidesLayout} data-testid="guides-screen">
      <ScreenTitle>{t('home.guides.title')}</ScreenTitle>
      <p className={styles.lead}>{t('guides.lead')}</p>
      {state.status === 'loading' && <StatusLine>{t('common.loading')}</StatusLine>}
      {state.status === 'ready' && state.value.length === 0 && <Notice>{t('guides.empty')}</Notice>}
      {state.status === 'ready' && state.value.length > 0 && (
        <ul className={styles.guideList}>
          {state.value.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                className={styles.guide}
                onClick={() => navigation.open('procedure', { id: item.id })}
                data-testid="guide"
                data-guide-id={item.id}
              >
                {/* The area of law as a plain label; 「其他」 (general) says nothing, so it is left out. */}
                {item.domain !== GENERAL_DOMAIN && (
                  <span className={styles.guideEyebrow} lang={CONTENT_LANG}>
                    {item.domainLabel}
                  </span>
                )}
                <span className={styles.guideTitle} lang={CONTENT_LANG}>
                  {item.title}
                </span>
                <span className={styles.guideSummary} lang={CONTENT_LANG}>
                  {item.summary}
                </span>
                <ChevronIcon className={styles.guideChevron} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <DocumentOffers filter={() => true} title={t('documents.title')} />
      <HelpCard />
    </Screen>
  );
}
