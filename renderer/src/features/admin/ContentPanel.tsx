import { useCallback, useEffect, useState } from 'react';
import type { ContentStatus, SyncProgress } from '../../../../electron/common/contract/content-api';
import { Button } from '../../components/ui/Button';
import { useT } from '../../i18n/I18nProvider';
import { useSystemInfo } from '../../lib/system-info';
import { useKioskApi } from '../../platform/kiosk-api';
import { errorMessage, useAdminSession } from './admin-session';
import { isSyncRunning, shortTime, syncPercent } from './admin-view';
import card from '../../components/ui/card.module.css';
import progressBar from '../../components/ui/progress-bar.module.css';
import styles from './admin.module.css';

type Slots = NonNullable<ContentStatus['pending']>;
type Result = { ok: boolean; text: string } | null;

/**
 * Content versions (showing / pending / previous), 立即同步 with a progress bar fed by the host's
 * sync events, and 回滚 behind a confirm step. Without any content source it says so plainly
 * instead of pretending to sync.
 */
export function ContentPanel({ onChanged }: { onChanged(): void }) {
  const t = useT();
  const api = useKioskApi();
  const admin = useAdminSession();
  const [status, setStatus] = useState<ContentStatus | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const [busy, setBusy] = useState<'sync' | 'rollback' | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<Result>(null);

  const load = useCallback(() => {
    api.content.status().then(
      (value) => {
        setStatus(value);
        setLoadError(null);
      },
      (error: unknown) => setLoadError(errorMessage(error)),
    );
  }, [api]);
  useEffect(load, [load]);
  useEffect(
    () =>
      api.events.on('content.onDidChangeSync', (next) => {
        setProgress(next);
        if (!isSyncRunning(next.phase)) load();
      }),
    [api, load],
  );

  const finish = (r: { ok: boolean; message: string; status: ContentStatus }) => {
    setStatus(r.status);
    const noSources = r.status.sources.length === 0;
    setResult({ ok: r.ok, text: noSources ? t('admin.content.noSources') : r.message });
    setBusy(null);
    onChanged();
  };
  const fail = (error: unknown) => {
    setResult({ ok: false, text: errorMessage(error) });
    setBusy(null);
  };

  const syncNow = () => {
    setBusy('sync');
    setResult(null);
    setProgress(null);
    admin.run((token) => api.content.syncNow({ token })).then(finish, fail);
  };
  const rollback = () => {
    setConfirming(false);
    setBusy('rollback');
    setResult(null);
    admin.run((token) => api.content.rollback({ token })).then(finish, fail);
  };

  const shown = progress ?? (status?.syncing ? status.progress : null);
  const percent = shown ? syncPercent(shown) : null;
  const previous = status?.previous ?? null;

  return (
    <section className={styles.panel} aria-labelledby="admin-content-title" data-testid="admin-content">
      <h2 id="admin-content-title" className={styles.panelTitle}>
        {t('admin.content.title')}
      </h2>
      <LibraryStatus />
      {loadError && <p className={`${card.warning} ${styles.problem}`}>{t('admin.loadError', { message: loadError })}</p>}
      {status && (
        <>
          <SlotBlock label={t('admin.content.showing')} slots={status.showing} testId="admin-content-showing" />
          <SlotBlock label={t('admin.content.pending')} slots={status.pending} testId="admin-content-pending" />
          <SlotBlock label={t('admin.content.previous')} slots={previous} testId="admin-content-previous" />
          <p className={styles.detail}>
            {status.sources.length > 0
              ? t('admin.content.sources', { count: status.sources.length, keys: status.trustedKeys.length })
              : t('admin.content.noSources')}
          </p>
          <p className={styles.detail} data-testid="admin-content-last-sync">
            {status.lastSync
              ? t('admin.content.lastSync', { time: shortTime(status.lastSync.at), result: t(`admin.content.result.${status.lastSync.result}`) })
              : t('admin.content.neverSynced')}
          </p>
        </>
      )}
      <div className={styles.actionRow}>
        <Button onClick={syncNow} disabled={busy !== null} data-testid="admin-sync">
          {t('admin.content.syncNow')}
        </Button>
        {shown && (
          <div className={styles.progressLine} data-testid="admin-sync-progress" data-phase={shown.phase}>
            <div
              className={`${progressBar.track} ${styles.progressTrack}`}
              role="progressbar"
              aria-label={t('admin.content.progress')}
              aria-valuemin={0}
              aria-valuemax={100}
              {...(percent !== null ? { 'aria-valuenow': percent } : {})}
            >
              <div className={`${progressBar.fill} ${styles.progressFill}`} style={{ width: `${String(percent ?? 8)}%` }} />
            </div>
            <p className={styles.detail}>
              {t(`admin.content.phase.${shown.phase}`)}
              {percent !== null ? ` ${String(percent)}%` : ''}
              {shown.packId ? ` · ${shown.packId} ${shown.version}` : ''}
            </p>
          </div>
        )}
      </div>
      {result && (
        <p className={styles.result} role="status" data-testid="admin-content-result" data-ok={String(result.ok)}>
          {t(result.ok ? 'admin.ok' : 'admin.failed', { message: result.text })}
        </p>
      )}
      <div className={styles.actionRow}>
        {confirming && previous ? (
          <div className={styles.confirm} role="group" aria-labelledby="admin-rollback-question" data-testid="admin-rollback-confirm">
            <p id="admin-rollback-question" className={styles.confirmText}>
              {t('admin.content.rollbackConfirm', { version: `${previous.content.id} ${previous.content.version}` })}
            </p>
            <div className={styles.confirmButtons}>
              <Button onClick={rollback} data-testid="admin-rollback-yes">
                {t('admin.confirmYes')}
              </Button>
              <Button variant="secondary" onClick={() => setConfirming(false)} data-testid="admin-rollback-no">
                {t('admin.confirmNo')}
              </Button>
            </div>
          </div>
        ) : (
          <>
            <Button variant="secondary" onClick={() => setConfirming(true)} disabled={busy !== null || !previous} data-testid="admin-rollback">
              {t('admin.content.rollback')}
            </Button>
            {!previous && <p className={styles.detail}>{t('admin.content.noPrevious')}</p>}
          </>
        )}
      </div>
    </section>
  );
}

function SlotBlock({ label, slots, testId }: { label: string; slots: Slots | null; testId: string }) {
  const t = useT();
  return (
    <div className={styles.slot} data-testid={testId}>
      <p className={styles.slotLabel}>{label}</p>
      {slots ? (
        <>
          <p className={styles.slotLine}>
            {t(slots.content.embedded ? 'admin.content.embedded' : 'admin.content.pack', { id: slots.content.id, version: slots.content.version })}
          </p>
          <p className={styles.slotLine}>
            {slots.laws ? t('admin.content.laws', { id: slots.laws.id, version: slots.laws.version }) : t('admin.content.noLaws')}
          </p>
        </>
      ) : (
        <p className={styles.slotLine}>{t('admin.content.none')}</p>
      )}
    </div>
  );
}

/**
 * What this terminal can answer from: the law library (imported with `npm run cli -- import-laws`)
 * and the built-in Q&A. The technician's information, so it lives here and not on the residents' home.
 */
function LibraryStatus() {
  const t = useT();
  const { content } = useSystemInfo();
  const lines = content.lawLibraryInstalled
    ? [t('library.status.libraryInstalled'), ...(content.qaCount > 0 ? [t('library.status.qaCount', { count: content.qaCount })] : [])]
    : [content.qaCount > 0 ? t('library.status.noLibraryWithQa', { count: content.qaCount }) : t('library.status.noLibraryNoQa')];
  return (
    <div data-testid="admin-library" data-installed={String(content.lawLibraryInstalled)}>
      {lines.map((line) => (
        <p key={line} className={styles.detail}>
          {line}
        </p>
      ))}
    </div>
  );
}
