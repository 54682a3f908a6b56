import type { ReactNode } from 'react';
import disc from './disc.module.css';
import styles from './tile.module.css';

export interface TileProps {
  title: string;
  description: string;
  icon: ReactNode;
  onPress(): void;
}

/** A large entry on the home screen: the whole card is one button. */
export function Tile({ title, description, icon, onPress }: TileProps) {
  return (
    <button type="button" className={styles.tile} onClick={onPress}>
      <span className={`${disc.disc} ${styles.icon}`}>{icon}</span>
      <span className={styles.title}>{title}</span>
      <span className={styles.body}>{description}</span>
    </button>
  );
}
