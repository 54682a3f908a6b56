import { HomeIcon } from '../components/ui/icons';
import { Button } from '../components/ui/Button';
import { useT } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-cn';
import { useNavigation } from '../lib/navigation';
import { useSystemInfo } from '../lib/system-info';
import styles from './preparing-screen.module.css';

/**
 * Stands in for a feature that is not on this build yet: says so plainly, points to people who
 * can help now, and leads back home. Replaced in screens.tsx when the feature lands.
 */
export function PreparingScreen({ titleKey }: { titleKey: MessageKey }) {
  const t = useT();
  const navigation = useNavigation();
  const { hotlines } = useSystemInfo();
  return (
    <div className={styles.screen}>
      <h1 className={styles.title} tabIndex={-1} data-screen-heading>
        {t(titleKey)}
      </h1>
      <section className={styles.card}>
        <p className={styles.lead}>{t('preparing.body')}</p>
        <div className={styles.help}>
          <h2 className={styles.helpTitle}>{t('preparing.helpTitle')}</h2>
          {hotlines.map((hotline) => (
            <div key={hotline.phone}>
              <p>{t('home.help.hotline', { name: hotline.name })}</p>
              <p className={styles.phone}>{hotline.phone}</p>
            </div>
          ))}
          <p>{t('preparing.staff')}</p>
        </div>
        <div className={styles.actions}>
          <Button icon={<HomeIcon />} onClick={navigation.home}>
            {t('preparing.backHome')}
          </Button>
        </div>
      </section>
    </div>
  );
}
