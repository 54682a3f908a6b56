import type { DeviceState } from '../../../../electron/common/contract/kiosk-api';
import { Card } from '../../components/ui/Card';
import { BookIcon, DeviceIcon, GuideIcon, PhoneIcon, SearchIcon } from '../../components/ui/icons';
import { Screen, ScreenHeader, ScreenTitle } from '../../components/ui/Screen';
import { StatusBadge } from '../../components/ui/StatusBadge';
import { Tile } from '../../components/ui/Tile';
import { Message, Zh } from '../../i18n/content-language';
import { useT } from '../../i18n/I18nProvider';
import { useNavigation } from '../../lib/navigation';
import { useSystemInfo } from '../../lib/system-info';
import { deviceStateView } from './device-state-view';
import styles from './home-screen.module.css';
import { useDeviceStatus } from '../../lib/use-device-status';

export function HomeScreen() {
  const t = useT();
  const navigation = useNavigation();

  return (
    <Screen width="full" gap="loose" top="loose">
      <ScreenHeader>
        <ScreenTitle>{t('home.greeting')}</ScreenTitle>
        <p className={styles.hint}>{t('home.hint')}</p>
      </ScreenHeader>

      <div className={styles.tiles}>
        <Tile
          icon={<SearchIcon />}
          title={t('home.search.title')}
          description={t('home.search.body')}
          onPress={() => navigation.open('search')}
        />
        <Tile
          icon={<GuideIcon />}
          title={t('home.guides.title')}
          description={t('home.guides.body')}
          onPress={() => navigation.open('guides')}
        />
      </div>

      <section className={styles.info}>
        <HelpCard />
        <DevicesCard />
        <ContentCard />
      </section>
    </Screen>
  );
}

/** The home screen's own help card: a full-size card beside the device and content cards. */
function HelpCard() {
  const t = useT();
  const { hotlines } = useSystemInfo();
  return (
    <Card as="article">
      <h2 className={styles.cardTitle}>
        <PhoneIcon />
        {t('home.help.title')}
      </h2>
      {hotlines.map((hotline) => (
        <div key={hotline.phone}>
          <p className={styles.cardText}><Message id="home.help.hotline" values={{ name: <Zh>{hotline.name}</Zh> }} /></p>
          <p className={styles.phone}>{hotline.phone}</p>
        </div>
      ))}
      <p className={styles.cardText}>{t('home.help.staff')}</p>
    </Card>
  );
}

function DevicesCard() {
  const t = useT();
  const status = useDeviceStatus();
  const line = (device: 'device.printer' | 'device.idReader', state: DeviceState | undefined) => {
    const view = deviceStateView(state?.state);
    return <StatusBadge tone={view.tone}>{t('device.line', { device: t(device), state: t(view.label) })}</StatusBadge>;
  };
  return (
    <Card as="article">
      <h2 className={styles.cardTitle}>
        <DeviceIcon />
        {t('home.devices.title')}
      </h2>
      <div className={styles.badges} data-testid="device-status">
        {line('device.printer', status?.printer)}
        {line('device.idReader', status?.idReader)}
      </div>
    </Card>
  );
}

function ContentCard() {
  const t = useT();
  const { content } = useSystemInfo();
  // Say plainly what this terminal can answer from, so nobody mistakes a partial library for a complete one.
  const lines = content.lawLibraryInstalled
    ? [t('home.content.libraryInstalled'), ...(content.qaCount > 0 ? [t('home.content.qaCount', { count: content.qaCount })] : [])]
    : [content.qaCount > 0 ? t('home.content.noLibraryWithQa', { count: content.qaCount }) : t('home.content.noLibraryNoQa')];
  return (
    <Card as="article">
      <h2 className={styles.cardTitle}>
        <BookIcon />
        {t('home.content.title')}
      </h2>
      <div data-testid="content-notice">
        {lines.map((line) => (
          <p key={line} className={styles.cardText}>
            {line}
          </p>
        ))}
      </div>
    </Card>
  );
}
