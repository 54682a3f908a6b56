import { useT } from '../../i18n/I18nProvider';
import { useNavigation } from '../../lib/navigation';
import { HelpCard } from '../help/HelpCard';
import { Button } from '../ui/Button';
import { Card, SectionTitle } from '../ui/Card';
import { HomeIcon } from '../ui/icons';
import styles from './load-problem.module.css';

/**
 * Something could not be opened (the host did not answer, or the entry is gone): say so plainly,
 * offer to try again when that can help, a way home and people to ask. The way back is the top
 * bar's 返回 (one back control per screen).
 */
export function LoadProblem({ message, onRetry }: { message: string; onRetry?: (() => void) | undefined }) {
  const t = useT();
  const navigation = useNavigation();
  return (
    <Card data-testid="load-problem">
      <SectionTitle as="h1" tabIndex={-1} data-screen-heading>
        {message}
      </SectionTitle>
      <div className={styles.actions}>
        {onRetry && <Button onClick={onRetry}>{t('common.retry')}</Button>}
        <Button variant="secondary" icon={<HomeIcon />} onClick={navigation.home}>
          {t('preparing.backHome')}
        </Button>
      </div>
      <HelpCard />
    </Card>
  );
}
