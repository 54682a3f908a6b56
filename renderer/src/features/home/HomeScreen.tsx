import { HelpCard } from '../../components/help/HelpCard';
import { GuideIcon, SearchIcon } from '../../components/ui/icons';
import { Screen, ScreenHeader, ScreenTitle } from '../../components/ui/Screen';
import { Tile } from '../../components/ui/Tile';
import { useT } from '../../i18n/I18nProvider';
import { useNavigation } from '../../lib/navigation';
import styles from './home-screen.module.css';

/**
 * The resident's home: a greeting, the two doors and who can help. Nothing about the machine
 * itself (printer, card reader, law library): that is the technician's, on the admin screen; a
 * resident hears about a device only where it matters (打印, the ID-card step).
 */
export function HomeScreen() {
  const t = useT();
  const navigation = useNavigation();

  return (
    <Screen width="full" gap="loose" top="loose" className={styles.home} data-testid="home-screen">
      <ScreenHeader>
        <ScreenTitle>{t('home.greeting')}</ScreenTitle>
        <p className={styles.hint}>{t('home.hint')}</p>
      </ScreenHeader>

      {/* The doors sit in the middle band of the screen, where a standing person's hand goes. */}
      <div className={styles.tiles} data-testid="home-tiles">
        <Tile icon={<SearchIcon />} title={t('home.search.title')} description={t('home.search.body')} onPress={() => navigation.open('search')} />
        <Tile icon={<GuideIcon />} title={t('home.guides.title')} description={t('home.guides.body')} onPress={() => navigation.open('guides')} />
      </div>

      <HelpCard />
    </Screen>
  );
}
