import { HomeIcon } from '../../components/ui/icons';
import { Button } from '../../components/ui/Button';
import { useT } from '../../i18n/I18nProvider';
import { useNavigation } from '../../lib/navigation';
import { HelpCard } from './HelpCard';
import styles from './search-screen.module.css';

/**
 * Something could not be opened (the host did not answer, or the entry is gone): say so plainly,
 * offer to try again when that can help, and always a way back and people to ask.
 */
export function LoadProblem({ message, onRetry }: { message: string; onRetry?: (() => void) | undefined }) {
  const t = useT();
  const navigation = useNavigation();
  return (
    <section className={styles.empty} data-testid="load-problem">
      <h1 className={styles.emptyTitle} tabIndex={-1} data-screen-heading>
        {message}
      </h1>
      <div className={styles.chips}>
        {onRetry && <Button onClick={onRetry}>{t('common.retry')}</Button>}
        {navigation.depth > 1 && (
          <Button variant="secondary" onClick={navigation.back}>
            {t('shell.back')}
          </Button>
        )}
        <Button variant="secondary" icon={<HomeIcon />} onClick={navigation.home}>
          {t('preparing.backHome')}
        </Button>
      </div>
      <HelpCard />
    </section>
  );
}
