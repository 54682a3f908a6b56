import type { ButtonHTMLAttributes, ReactNode } from 'react';
import styles from './button.module.css';

export type ButtonVariant = 'primary' | 'secondary' | 'bar' | 'barStrong';

export interface ButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'> {
  variant?: ButtonVariant;
  icon?: ReactNode;
  children: ReactNode;
}

/** Every tappable thing is at least 60 × 60 px and says in words what it does. */
export function Button({ variant = 'primary', icon, children, className, ...rest }: ButtonProps) {
  return (
    <button type="button" className={[styles.button, styles[variant], className].filter(Boolean).join(' ')} {...rest}>
      {icon}
      <span>{children}</span>
    </button>
  );
}
