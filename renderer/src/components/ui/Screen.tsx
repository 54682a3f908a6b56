import type { HTMLAttributes, ReactNode, Ref } from 'react';
import layout from './layout.module.css';
import styles from './screen.module.css';

export type ScreenWidth = 'reading' | 'wide' | 'full';
export type ScreenSpace = 'tight' | 'regular' | 'loose';

export interface ScreenLayout {
  /** How wide the column may grow: 1200 px for reading, 1400 px for result lists, the full content width. */
  width?: ScreenWidth;
  /** Space between the blocks of the screen. */
  gap?: ScreenSpace;
  /** Space above the first block. */
  top?: ScreenSpace;
}

export interface ScreenProps extends ScreenLayout, HTMLAttributes<HTMLElement> {
  as?: 'div' | 'article';
  children: ReactNode;
}

const cx = (...names: (string | false | undefined)[]): string => names.filter(Boolean).join(' ');

/** The page frame of one screen below the top bar. */
export function Screen({ as: Tag = 'div', width = 'reading', gap = 'regular', top = 'regular', className, children, ...rest }: ScreenProps) {
  return (
    <Tag className={cx(styles.screen, styles[`width-${width}`], styles[`gap-${gap}`], styles[`top-${top}`], className)} {...rest}>
      {children}
    </Tag>
  );
}

/** What the screen is about, above its title: a tight column. */
export function ScreenHeader({ className, ...rest }: HTMLAttributes<HTMLElement>) {
  return <header className={cx(layout.stack, layout.gapTight, className)} {...rest} />;
}

/**
 * The screen's heading. The shell focuses the element marked data-screen-heading when a screen
 * opens (tabIndex −1 makes it focusable without putting it in the tab order).
 */
export function ScreenTitle({ ref, className, ...rest }: HTMLAttributes<HTMLHeadingElement> & { ref?: Ref<HTMLHeadingElement> }) {
  return <h1 ref={ref} className={cx(styles.title, className)} tabIndex={-1} data-screen-heading {...rest} />;
}

export function Eyebrow({ className, ...rest }: HTMLAttributes<HTMLParagraphElement>) {
  return <p className={cx(styles.eyebrow, className)} {...rest} />;
}

/**
 * One line saying what is happening (正在查询…). Announced to screen readers unless `live` is
 * false (where a panel already announces its own state).
 */
export function StatusLine({ live = true, className, ...rest }: HTMLAttributes<HTMLParagraphElement> & { live?: boolean }) {
  return <p className={cx(styles.status, className)} role={live ? 'status' : undefined} {...rest} />;
}
