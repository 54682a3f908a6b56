import { useT } from '../../i18n/I18nProvider';
import type { DailySeries } from './admin-view';
import layout from '../../components/ui/layout.module.css';
import styles from './admin.module.css';

const BAR = 10;
const GAP = 2;
const HEIGHT = 100;

/**
 * One metric's daily counts as plain inline SVG bars (no chart library). The SVG carries no text —
 * the name and the figures are HTML under it, at the screen's text size — and reads as one image
 * with the figures in its label. A day with no use shows a thin baseline mark, so gaps are visible.
 */
export function BarChart({ series, name }: { series: DailySeries; name: string }) {
  const t = useT();
  const width = series.points.length * (BAR + GAP) - GAP;
  const scale = series.max > 0 ? (HEIGHT - 4) / series.max : 0;
  return (
    <figure className={`${layout.stack} ${layout.gapTight} ${styles.chart}`} data-testid="admin-chart" data-metric={series.metric} data-total={series.total}>
      <svg
        className={styles.chartSvg}
        viewBox={`0 0 ${String(width)} ${String(HEIGHT)}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={t('admin.charts.label', { metric: name, total: series.total, max: series.max })}
      >
        {series.points.map((p, i) => {
          const h = p.count > 0 ? Math.max(3, p.count * scale) : 1;
          return <rect key={p.day} x={i * (BAR + GAP)} y={HEIGHT - h} width={BAR} height={h} className={p.count > 0 ? styles.bar : styles.barEmpty} />;
        })}
      </svg>
      <figcaption className={styles.chartCaption}>
        <span className={styles.chartName}>{name}</span>
        <span className={styles.detail}>{t('admin.charts.summary', { total: series.total, max: series.max })}</span>
      </figcaption>
    </figure>
  );
}
