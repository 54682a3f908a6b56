import styles from './status-badge.module.css';

export type StatusTone = 'ok' | 'neutral' | 'warn';

/** A calm, read-only status line. The words carry the meaning; the colour only supports them. */
export function StatusBadge({ tone, children }: { tone: StatusTone; children: string }) {
  return (
    <span className={`${styles.badge} ${styles[tone]}`} role="status">
      <span className={styles.dot} aria-hidden="true" />
      {children}
    </span>
  );
}
