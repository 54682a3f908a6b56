import { useEffect, useMemo, useState } from 'react';
import type { AdminStatus } from '../../../../electron/common/contract/admin-api';
import type { StatsSummary } from '../../../../electron/common/contract/stats-api';
import { useT } from '../../i18n/I18nProvider';
import { useKioskApi } from '../../platform/kiosk-api';
import { BarChart } from './BarChart';
import { errorMessage, useAdminSession } from './admin-session';
import { sameOrNew, USAGE_REFRESH_MS, usePolling } from './poll-schedule';
import { CHART_METRICS, dailySeries, isKnownMetric, lastDays, metricKey, orderedCounts, sortedNoResult } from './admin-view';
import card from '../../components/ui/card.module.css';
import layout from '../../components/ui/layout.module.css';
import styles from './admin.module.css';

const DAYS = 30;

/**
 * Today's counts (admin.status), a bar chart per metric over the last 30 days and the searches
 * that found nothing, most frequent first (stats.summary) — counts only, nothing personal.
 * Refreshed every USAGE_REFRESH_MS while the admin screen is open.
 */
export function UsagePanel({ status }: { status: AdminStatus | null }) {
  const t = useT();
  const api = useKioskApi();
  const admin = useAdminSession();
  const today = status?.counts.date ?? null;
  const days = useMemo(() => (today ? lastDays(today, DAYS) : []), [today]);
  const [summary, setSummary] = useState<StatsSummary | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const from = days[0];
    const to = days.at(-1);
    if (!from || !to) return;
    let current = true;
    admin
      .run((token) => api.stats.summary({ token, from, to }))
      .then(
        (value) => {
          if (current) setSummary(value);
        },
        (e: unknown) => {
          if (current) setError(errorMessage(e));
        },
      );
    return () => {
      current = false;
    };
  }, [admin, api, days]);
  // While the screen is open the charts and the no-result list follow new use (today's counts come
  // with admin.status, refreshed by AdminScreen). Unchanged data keeps its object: nothing redraws.
  usePolling(async () => {
    const from = days[0];
    const to = days.at(-1);
    if (!from || !to) return;
    const value = await admin.run((token) => api.stats.summary({ token, from, to }));
    setSummary((previous) => sameOrNew(previous, value));
    setError(null);
  }, USAGE_REFRESH_MS);

  const counts = status ? orderedCounts(status.counts.byMetric) : [];
  const noResult = summary ? sortedNoResult(summary.noResult) : [];

  return (
    <section className={`${styles.panel} ${styles.widePanel}`} aria-labelledby="admin-usage-title" data-testid="admin-usage">
      <h2 id="admin-usage-title" className={styles.panelTitle}>
        {t('admin.usage.title', { date: today ?? '…' })}
      </h2>
      <p className={styles.detail}>{t('admin.usage.live', { seconds: USAGE_REFRESH_MS / 1000 })}</p>
      {status && counts.length === 0 && <p className={styles.detail}>{t('admin.usage.none')}</p>}
      {counts.length > 0 && (
        <dl className={styles.counts} data-testid="admin-today-counts">
          {counts.map(({ metric, count }) => (
            <div key={metric} className={styles.countItem} data-metric={metric}>
              <dt className={styles.countLabel}>{isKnownMetric(metric) ? t(metricKey(metric)) : metric}</dt>
              <dd className={styles.countValue}>{count}</dd>
            </div>
          ))}
        </dl>
      )}

      {error && <p className={`${card.warning} ${styles.problem}`}>{t('admin.loadError', { message: error })}</p>}
      {summary && days.length > 0 && (
        <>
          <h3 className={styles.subTitle}>{t('admin.charts.title', { from: days[0] ?? '', to: days.at(-1) ?? '' })}</h3>
          <div className={`${layout.tileGrid} ${layout.gapWide}`} data-testid="admin-charts">
            {CHART_METRICS.map((metric) => (
              <BarChart key={metric} series={dailySeries(summary, metric, days)} name={t(metricKey(metric))} />
            ))}
          </div>
          <h3 className={styles.subTitle}>{t('admin.noResult.title')}</h3>
          <p className={styles.detail}>{t('admin.noResult.hint')}</p>
          {noResult.length === 0 ? (
            <p className={styles.detail} data-testid="admin-no-result-empty">
              {t('admin.noResult.none')}
            </p>
          ) : (
            <ol className={styles.noResult} data-testid="admin-no-result">
              {noResult.map((row) => (
                <li key={row.query} className={styles.noResultRow}>
                  <span className={styles.noResultQuery}>{row.query}</span>
                  <span className={styles.noResultCount}>{t('admin.noResult.count', { count: row.count })}</span>
                  <span className={styles.detail}>{t('admin.noResult.last', { day: row.lastDay })}</span>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
