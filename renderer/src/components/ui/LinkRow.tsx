import type { ButtonHTMLAttributes, HTMLAttributes, ReactNode } from 'react';
import { ChevronIcon } from './icons';
import styles from './link-row.module.css';

export interface LinkRowProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'title'> {
  /** An icon before the text (e.g. a book for a law article). */
  icon?: ReactNode;
  title: ReactNode;
  /** A second, plain line saying what tapping does (点击查看条文). */
  hint?: string;
}

/** A full-width row that opens something, with a chevron saying so. */
export function LinkRow({ icon, title, hint, className, ...rest }: LinkRowProps) {
  return (
    <button type="button" className={[styles.row, className].filter(Boolean).join(' ')} {...rest}>
      {icon}
      <span className={styles.text}>
        {hint === undefined ? (
          title
        ) : (
          <>
            <span className={styles.title}>{title}</span>
            <span className={styles.hint}>{hint}</span>
          </>
        )}
      </span>
      <ChevronIcon />
    </button>
  );
}

/** What a LinkRow shows when there is nothing to open: the same row, dashed and not tappable. */
export function PlainRow({ icon, children, ...rest }: HTMLAttributes<HTMLParagraphElement> & { icon?: ReactNode }) {
  return (
    <p className={styles.plain} {...rest}>
      {icon}
      {children}
    </p>
  );
}
