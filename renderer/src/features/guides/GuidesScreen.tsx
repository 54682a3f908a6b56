import { ChevronIcon } from '../../components/ui/icons';
import { useT } from '../../i18n/I18nProvider';
import { useNavigation } from '../../lib/navigation';
import { HelpCard } from '../search/HelpCard';
import { LoadProblem } from '../search/LoadProblem';
import { useRemote } from '../search/use-remote';
import { useGuidesApi } from './guides-client';
import styles from './guides.module.css';

/** 办事指南: every guided procedure on this terminal as one large card each. */
export function GuidesScreen() {
  const t = useT();
  const api = useGuidesApi();
  const navigation = useNavigation();
  const [state, retry] = useRemote(() => api.procedures.list(), [api]);

  if (state.status === 'error') {
    return (
      <div className={styles.screen}>
        <LoadProblem message={t('common.error')} onRetry={retry} />
      </div>
    );
  }
  return (
    <div className={styles.screen} data-testid="guides-screen">
      <h1 className={styles.title} tabIndex={-1} data-screen-heading>
        {t('home.guides.title')}
      </h1>
      <p className={styles.lead}>{t('guides.lead')}</p>
      {state.status === 'loading' && (
        <p className={styles.status} role="status">
          {t('common.loading')}
        </p>
      )}
      {state.status === 'ready' && state.value.length === 0 && <p className={styles.notice}>{t('guides.empty')}</p>}
      {state.status === 'ready' && state.value.length > 0 && (
        <ul className={styles.guideList}>
          {state.value.map((item) => (
            <li key={item.id}>
              <button type="button" className={styles.guide} onClick={() => navigation.open('procedure', { id: item.id })} data-testid="guide" data-guide-id={item.id}>
                <span className={styles.guideEyebrow}>{t('guides.domain', { domain: item.domainLabel })}</span>
                <span className={styles.guideTitle}>{item.title}</span>
                <span className={styles.guideSummary}>{item.summary}</span>
                <ChevronIcon className={styles.guideChevron} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <HelpCard />
    </div>
  );
}
