import type { HTMLAttributes, ReactNode } from 'react';
import layout from './layout.module.css';
import styles from './card.module.css';

const cx = (...names: (string | false | undefined)[]): string => names.filter(Boolean).join(' ');

export interface CardProps extends HTMLAttributes<HTMLElement> {
  as?: 'section' | 'article' | 'aside' | 'div';
  /** Less padding and space, for a card that sits beside the main content. */
  compact?: boolean;
  children: ReactNode;
}

/** One topic of a screen on a white panel. */
export function Card({ as: Tag = 'section', compact = false, className, children, ...rest }: CardProps) {
  return (
    <Tag className={cx(styles.card, compact && styles.compact, className)} {...rest}>
      {children}
    </Tag>
  );
}

/** The heading of a card or of a block of a screen (h2 unless the outline needs another level). */
export function SectionTitle({ as: Tag = 'h2', className, ...rest }: HTMLAttributes<HTMLHeadingElement> & { as?: 'h1' | 'h2' | 'h3' }) {
  return <Tag className={cx(styles.sectionTitle, className)} {...rest} />;
}

/** A list whose items stand on their own (buttons, rows): no bullets, even spacing. */
export function PlainList({ as: Tag = 'ul', className, ...rest }: HTMLAttributes<HTMLElement> & { as?: 'ul' | 'ol' }) {
  return <Tag className={cx(layout.stack, styles.list, className)} {...rest} />;
}

export interface NoticeProps extends HTMLAttributes<HTMLElement> {
  as?: 'p' | 'section' | 'div';
  /** Several lines inside (a message, a button, the help card) rather than one bold sentence. */
  panel?: boolean;
}

/** Something the resident must not miss, on a warm background with a border (never colour alone). */
export function Notice({ as: Tag = 'p', panel = false, className, ...rest }: NoticeProps) {
  return <Tag className={cx(styles.warning, styles.notice, panel && styles.noticePanel, className)} {...rest} />;
}
