import type { ButtonHTMLAttributes, ReactNode } from 'react';
import styles from './button.module.css';

export type ButtonVariant = 'primary' | 'secondary' | 'bar' | 'barStrong';

/**
 * `large`: the one main action of a step or panel (继续, 打印凭条); `huge`: the attract loop's start
 * and the idle countdown's 继续使用, which are read from a step away.
 */
export type ButtonSize = 'large' | 'huge';

export interface ButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'> {
  variant?: ButtonVariant;
  size?: ButtonSize | undefined;
  icon?: ReactNode;
  children: ReactNode;
}

/** Every tappable thing is at least 60 × 60 px and says in words what it does. */
export function Button({ variant = 'primary', size, icon, children, className, ...rest }: ButtonProps) {
  return (
    <button type="button" className={[styles.button, styles[variant], size && styles[size], className].filter(Boolean).join(' ')} {...rest}>
      {icon}
      <span>{children}</span>
    </button>
  );
}
