import { useState } from 'react';
import type { AdminActionResult, AdminStatus } from '../../../../electron/common/contract/admin-api';
import { Button } from '../../components/ui/Button';
import { PlainList } from '../../components/ui/Card';
import { useT } from '../../i18n/I18nProvider';
import { useKioskApi } from '../../platform/kiosk-api';
import type { Loaded } from './AdminScreen';
import { errorMessage, useAdminSession } from './admin-session';
import { shortTime, uptimeParts } from './admin-view';
import card from '../../components/ui/card.module.css';
import styles from './admin.module.css';

type Action = 'restart' | 'exit';

/**
 * The terminal itself: version, uptime, configuration problems, the latest errors of the host log,
 * and 重启 / 退出自助模式 — each behind a confirm step, since both take the kiosk away from residents.
 */
export function SystemPanel({ status, onReload }: { status: Loaded<AdminStatus>; onReload(): void }) {
  const t = useT();
  const api = useKioskApi();
  const admin = useAdminSession();
  const [confirming, setConfirming] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const info = status.status === 'ready' ? status.value : null;

  const run = (action: Action) => {
    setConfirming(null);
    setBusy(true);
    setResult(null);
    const call = (token: string): Promise<AdminActionResult> => (action === 'restart' ? api.admin.restart({ token }) : api.admin.exitKiosk({ token }));
    admin.run(call).then(
      (r) => {
        setBusy(false);
        setResult({ ok: r.ok, text: r.message });
      },
      (error: unknown) => {
        setBusy(false);
        setResult({ ok: false, text: errorMessage(error) });
      },
    );
  };

  const uptime = info ? uptimeParts(info.uptimeSeconds) : null;

  return (
    <>
      <section className={styles.panel} aria-labelledby="admin-errors-title" data-testid="admin-errors">
        <h2 id="admin-errors-title" className={styles.panelTitle}>
          {t('admin.errors.title')}
        </h2>
        {info && info.configProblems.length > 0 && (
          <div className={`${card.warning} ${styles.problem}`} data-testid="admin-config-problems">
            <p>{t('admin.config.problems')}</p>
            <ul className={styles.plainList}>
              {info.configProblems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        )}
        {info && info.lastErrors.length === 0 && <p className={styles.detail}>{t('admin.errors.none')}</p>}
        {info && info.lastErrors.length > 0 && (
          <PlainList as="ol">
            {info.lastErrors.map((e, i) => (
              <li key={`${e.time}-${String(i)}`} className={styles.errorItem}>
                <p className={styles.errorHead}>
                  <span className={e.level === 'error' ? styles.levelError : styles.levelWarn}>
                    {t(e.level === 'error' ? 'admin.errors.error' : 'admin.errors.warn')}
                  </span>{' '}
                  {shortTime(e.time)} <code className={styles.code}>{e.event}</code>
                </p>
                {e.detail && <p className={`${styles.detail} ${styles.breakAll}`}>{e.detail}</p>}
              </li>
            ))}
          </PlainList>
        )}
        <div className={styles.actionRow}>
          <Button variant="secondary" onClick={onReload} data-testid="admin-reload">
            {t('admin.retry')}
          </Button>
        </div>
      </section>

      <section className={styles.panel} aria-labelledby="admin-system-title" data-testid="admin-system">
        <h2 id="admin-system-title" className={styles.panelTitle}>
          {t('admin.system.title')}
        </h2>
        {info && uptime && (
          <p className={styles.detail}>
            {t('admin.system.info', {
              version: info.appVersion,
              uptime: t('admin.system.uptime', { hours: uptime.hours, minutes: uptime.minutes }),
              region: info.region ?? t('admin.notSet'),
            })}
          </p>
        )}
        {confirming ? (
          <div className={styles.confirm} role="group" aria-labelledby="admin-system-question" data-testid="admin-system-confirm">
            <p id="admin-system-question" className={styles.confirmText}>
              {t(confirming === 'restart' ? 'admin.system.confirmRestart' : 'admin.system.confirmExit')}
            </p>
            <div className={styles.confirmButtons}>
              <Button onClick={() => run(confirming)} data-testid="admin-system-yes">
                {t('admin.confirmYes')}
              </Button>
              <Button variant="secondary" onClick={() => setConfirming(null)} data-testid="admin-system-no">
                {t('admin.confirmNo')}
              </Button>
            </div>
          </div>
        ) : (
          <div className={styles.actionRow}>
            <Button variant="secondary" onClick={() => setConfirming('restart')} disabled={busy} data-testid="admin-restart">
              {t('admin.system.restart')}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming('exit')} disabled={busy} data-testid="admin-exit">
              {t('admin.system.exit')}
            </Button>
          </div>
        )}
        {result && (
          <p className={styles.result} role="status" data-testid="admin-system-result" data-ok={String(result.ok)}>
            {t(result.ok ? 'admin.ok' : 'admin.failed', { message: result.text })}
          </p>
        )}
      </section>
    </>
  );
}
