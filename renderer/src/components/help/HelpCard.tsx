import { Message, Zh } from '../../i18n/content-language';
import { useT } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/zh-cn';
import { useSystemInfo } from '../../lib/system-info';
import { Card } from '../ui/Card';
import { PhoneIcon } from '../ui/icons';
import styles from './help-card.module.css';

/**
 * People who can help: the hotlines this terminal knows (national ones and what the technician
 * provisioned — never numbers made up here) and the on-site staff. Ends every dead end.
 */
export function HelpCard({ titleKey = 'home.help.title' }: { titleKey?: MessageKey }) {
  const t = useT();
  const { hotlines } = useSystemInfo();
  return (
    <Card as="aside" compact data-testid="help-card">
      <h2 className={styles.title}>
        <PhoneIcon />
        {t(titleKey)}
      </h2>
      {hotlines.map((hotline) => (
        <div key={hotline.phone}>
          <p>
            <Message id="home.help.hotline" values={{ name: <Zh>{hotline.name}</Zh> }} />
          </p>
          <p className={styles.phone}>{hotline.phone}</p>
        </div>
      ))}
      <p>{t('home.help.staff')}</p>
    </Card>
  );
}
