import { useEffect, useState, type ReactNode } from 'react';
import type { SystemInfo } from '../../../electron/common/contract/kiosk-api';
import { useT } from '../i18n/I18nProvider';
import { SystemInfoProvider } from '../lib/system-info';
import { useKioskApi } from '../platform/kiosk-api';
import message from './message-screen.module.css';
import styles from './startup-screen.module.css';

/** Wait this long before showing the waiting message, so a quick start does not flash it. */
const SHOW_AFTER_MS = 400;
/** After this long, also tell the resident who can help. */
const SLOW_AFTER_MS = 30_000;
/** A host that accepts the connection but never answers counts as not answering. */
const ATTEMPT_TIMEOUT_MS = 5_000;
const retryDelay = (attempt: number): number => Math.min(1_000 * attempt, 5_000);

/**
 * Screens need the host (system info, devices). While it is starting — or restarting after a
 * crash — residents see a calm full-screen message and the app retries by itself; nothing throws.
 */
export function StartupGate({ children }: { children: ReactNode }) {
  const api = useKioskApi();
  const [info, setInfo] = useState<SystemInfo | null>(null);
  const [visible, setVisible] = useState(false);
  const [slow, setSlow] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;

    const tryOnce = (): void => {
      attempt += 1;
      let attemptTimer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        attemptTimer = setTimeout(() => reject(new Error('timeout')), ATTEMPT_TIMEOUT_MS);
      });
      Promise.race([api.system.getInfo(), timeout])
        .then(
          (value) => {
            if (!cancelled) setInfo(value);
          },
          () => {
            if (!cancelled) retryTimer = setTimeout(tryOnce, retryDelay(attempt));
          },
        )
        .finally(() => clearTimeout(attemptTimer));
    };

    tryOnce();
    const showTimer = setTimeout(() => setVisible(true), SHOW_AFTER_MS);
    const slowTimer = setTimeout(() => setSlow(true), SLOW_AFTER_MS);
    return () => {
      cancelled = true;
      clearTimeout(retryTimer);
      clearTimeout(showTimer);
      clearTimeout(slowTimer);
    };
  }, [api]);

  if (info) return <SystemInfoProvider info={info}>{children}</SystemInfoProvider>;
  return <StartupScreen visible={visible} slow={slow} />;
}

function StartupScreen({ visible, slow }: { visible: boolean; slow: boolean }) {
  const t = useT();
  return (
    <main className={`${message.screen} ${styles.page} ${visible ? '' : styles.hidden}`} aria-busy="true" data-testid="startup-screen">
      <p className={styles.mark}>{t('app.name')}</p>
      <div className={styles.spinner} aria-hidden="true" />
      <h1 className={message.title}>{t('startup.title')}</h1>
      <p className={`${message.detail} ${styles.muted}`}>{t('startup.detail')}</p>
      {slow && <p className={`${message.detail} ${styles.muted}`}>{t('startup.slow')}</p>}
    </main>
  );
}
