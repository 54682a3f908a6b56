import { PhoneIcon } from '../../components/ui/icons';
import { useT } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/zh-cn';
import { useSystemInfo } from '../../lib/system-info';
import styles from './search-screen.module.css';

/**
 * People who can help: the hotlines this terminal knows (national ones and what the technician
 * provisioned — never numbers made up here) and the on-site staff. Ends every dead end.
 */
export function HelpCard({ titleKey = 'home.help.title' }: { titleKey?: MessageKey }) {
  const t = useT();
  const { hotlines } = useSystemInfo();
  return (
    <aside className={styles.helpCard} data-testid="help-card">
      <h2 className={styles.helpTitle}>
        <PhoneIcon />
        {t(titleKey)}
      </h2>
      {hotlines.map((hotline) => (
        <div key={hotline.phone}>
          <p>{t('home.help.hotline', { name: hotline.name })}</p>
          <p className={styles.phone}>{hotline.phone}</p>
        </div>
      ))}
      <p>{t('home.help.staff')}</p>
    </aside>
  );
}
