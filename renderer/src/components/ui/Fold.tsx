import type { HTMLAttributes, ReactNode } from 'react';
import { ChevronIcon } from './icons';
import styles from './fold.module.css';

export interface FoldProps extends Omit<HTMLAttributes<HTMLDetailsElement>, 'title'> {
  /** The line that is always shown; one tap on it opens or closes the section. */
  title: ReactNode;
  children: ReactNode;
}

/**
 * A section folded under one full-width line (法律依据, 相关问答 …): what a resident needs first
 * stays on the first screen, the rest is one tap away. A native <details>, so screen readers and
 * keyboards know it as a disclosure without any script.
 */
export function Fold({ title, children, className, ...rest }: FoldProps) {
  return (
    <details className={`${styles.fold} ${className ?? ''}`} {...rest}>
      <summary className={styles.summary}>
        <span className={styles.title}>{title}</span>
        <ChevronIcon className={styles.chevron} aria-hidden="true" />
      </summary>
      <div className={styles.body}>{children}</div>
    </details>
  );
}
