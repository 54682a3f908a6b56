import { Component, type ErrorInfo, type ReactNode } from 'react';
import { HomeIcon } from '../components/ui/icons';
import { Button } from '../components/ui/Button';
import { useT } from '../i18n/I18nProvider';
import styles from './message-screen.module.css';

interface Props {
  /** Called by the 回到首页 button; the boundary clears its error first. */
  onReset(): void;
  children: ReactNode;
}

/** A screen that throws shows a calm way home instead of a blank page. */
export class CrashBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // The technician's console; residents only see the plain message.
    console.error('Screen crashed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <CrashMessage
        onHome={() => {
          this.setState({ failed: false });
          this.props.onReset();
        }}
      />
    );
  }
}

function CrashMessage({ onHome }: { onHome(): void }) {
  const t = useT();
  return (
    <div className={styles.screen} role="alert">
      <h1 className={styles.title} tabIndex={-1} data-screen-heading>
        {t('crash.title')}
      </h1>
      <p className={styles.detail}>{t('crash.detail')}</p>
      <Button icon={<HomeIcon />} onClick={onHome}>
        {t('crash.home')}
      </Button>
    </div>
  );
}
