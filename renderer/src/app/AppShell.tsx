import { useEffect, useRef } from 'react';
import { BackIcon, HomeIcon } from '../components/ui/icons';
import { Button } from '../components/ui/Button';
import { CONTENT_LANG } from '../i18n/content-language';
import { useT } from '../i18n/I18nProvider';
import { useBackAction, useNavigation } from '../lib/navigation';
import { useSystemInfo } from '../lib/system-info';
import { useAdminEntry } from '../features/admin/AdminEntry';
import topBar from '../components/ui/top-bar.module.css';
import styles from './app-shell.module.css';
import { CrashBoundary } from './CrashBoundary';
import { DisplayControls } from './display/DisplayControls';
import { renderScreen } from './screens';

/**
 * The frame around every screen: a top bar that never scrolls away (首页 is always one tap
 * away, 返回 whenever there is somewhere to go back to, and 大字模式), and the current screen.
 */
export function AppShell() {
  const t = useT();
  const navigation = useNavigation();
  const { siteName } = useSystemInfo();
  const main = useRef<HTMLElement>(null);
  const firstScreen = useRef(true);
  const { current } = navigation;
  // The technician's hidden way in: five quick taps on the site name (features/admin).
  const admin = useAdminEntry();
  const back = useBackAction();

  // A new screen starts at the top, and screen readers land on its heading.
  useEffect(() => {
    main.current?.scrollTo({ top: 0 });
    if (firstScreen.current) {
      firstScreen.current = false;
      return;
    }
    main.current?.querySelector<HTMLElement>('[data-screen-heading]')?.focus({ preventScroll: true });
  }, [current.key]);

  const onHome = current.id === 'home' && navigation.depth === 1;

  return (
    <div className={styles.shell}>
      <header className={`${topBar.bar} ${styles.bar}`}>
        <div className={styles.brand}>
          {/* The technician's five taps go to the name (and the provisioned site name), never to the tagline. */}
          <span className={styles.name} {...admin.gestureProps}>
            <span className={styles.mark}>{t('app.name')}</span>
            {/* A provisioned site name is content (Chinese in every language); the tagline is interface. */}
            {siteName !== undefined && siteName !== null && (
              <span className={styles.tagline} lang={CONTENT_LANG}>
                {siteName}
              </span>
            )}
          </span>
          {(siteName === undefined || siteName === null) && <span className={styles.tagline}>{t('app.tagline')}</span>}
        </div>
        <div className={styles.actions}>
          {navigation.depth > 1 && (
            <Button variant="bar" icon={<BackIcon />} onClick={back} data-testid="back-button">
              {t('shell.back')}
            </Button>
          )}
          <Button variant="barStrong" icon={<HomeIcon />} onClick={navigation.home} aria-current={onHome ? 'page' : undefined} data-testid="home-button">
            {t('shell.home')}
          </Button>
          <DisplayControls />
        </div>
      </header>
      <main className={styles.main} ref={main} data-screen={current.id}>
        <CrashBoundary key={current.key} onReset={navigation.home}>
          {renderScreen(current)}
        </CrashBoundary>
      </main>
      {admin.overlay}
    </div>
  );
}
