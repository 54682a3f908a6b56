import { useCallback, useEffect, useRef, useState } from 'react';
import type { AdminStatus } from '../../../../electron/common/contract/admin-api';
import { Button } from '../../components/ui/Button';
import { HomeIcon } from '../../components/ui/icons';
import { useT } from '../../i18n/I18nProvider';
import { useKioskApi } from '../../platform/kiosk-api';
import { ContentPanel } from './ContentPanel';
import { DevicesPanel } from './DevicesPanel';
import { SystemPanel } from './SystemPanel';
import { UsagePanel } from './UsagePanel';
import { errorMessage, useAdminSession } from './admin-session';
import { USAGE_REFRESH_MS, usePolling } from './poll-schedule';
import topBar from '../../components/ui/top-bar.module.css';
import card from '../../components/ui/card.module.css';
import styles from './admin.module.css';

export type Loaded<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; message: string };

/**
 * The technician's admin screen: a bar that never scrolls away (title, terminal, 关闭), then the
 * panels — devices, content versions, usage and statistics, system (errors, restart, exit).
 */
export function AdminScreen({ onClose, idleSeconds }: { onClose(): void; idleSeconds: number }) {
  const t = useT();
  const api = useKioskApi();
  const admin = useAdminSession();
  const [status, setStatus] = useState<Loaded<AdminStatus>>({ status: 'loading' });
  const heading = useRef<HTMLHeadingElement>(null);

  const reload = useCallback(() => {
    admin
      .run((token) => api.admin.status({ token }))
      .then(
        (value) => setStatus({ status: 'ready', value }),
        (error: unknown) => setStatus({ status: 'error', message: errorMessage(error) }),
      );
  }, [admin, api]);
  useEffect(reload, [reload]);
  useEffect(() => heading.current?.focus(), []);
  // Today's counts, errors and uptime stay live while the screen is open. A failed refresh keeps
  // what is shown (no error flash); the loading state is never shown again, so nothing flickers.
  usePolling(
    () =>
      admin
        .run((token) => api.admin.status({ token }))
        .then((value) => {
          setStatus({ status: 'ready', value });
        }),
    USAGE_REFRESH_MS,
  );

  const info = status.status === 'ready' ? status.value : null;

  return (
    <div className={styles.adminScreen} data-testid="admin-screen" data-status={status.status}>
      <header className={`${topBar.bar} ${styles.adminBar}`}>
        <div className={styles.adminBarText}>
          <h1 ref={heading} tabIndex={-1} className={styles.adminTitle} id="admin-dialog-title">
            {t('admin.title')}
          </h1>
          <p className={styles.adminBarLine}>
            {t('admin.terminal', { terminal: info?.terminalId ?? t('admin.notSet'), site: info?.siteName ?? t('admin.notSet') })}
            {'　'}
            {t('admin.autolock', { seconds: idleSeconds })}
          </p>
        </div>
        <Button variant="barStrong" icon={<HomeIcon />} onClick={onClose} data-testid="admin-close">
          {t('admin.close')}
        </Button>
      </header>
      <div className={styles.adminBody}>
        {status.status === 'error' && (
          <p className={`${card.warning} ${styles.problem}`} role="alert">
            {t('admin.loadError', { message: status.message })}{' '}
            <Button variant="secondary" onClick={reload}>
              {t('admin.retry')}
            </Button>
          </p>
        )}
        <div className={styles.panels}>
          <DevicesPanel status={info} />
          <ContentPanel onChanged={reload} />
          <UsagePanel status={info} />
          <SystemPanel status={status} onReload={reload} />
        </div>
      </div>
    </div>
  );
}
