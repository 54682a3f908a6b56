import { useEffect, useRef, useState } from 'react';
import { Button } from '../../components/ui/Button';
import { useT } from '../../i18n/I18nProvider';
import { SESSION_NEUTRAL } from './session-neutral';
import styles from './session.module.css';

/**
 * 「还在使用吗？」 over the screen the resident was on, with the seconds left in big digits.
 * One tap anywhere continues (the big button says so); 结束使用 ends now.
 */
export function IdleCountdown({ endsAt, onContinue, onEnd }: { endsAt: number; onContinue(): void; onEnd(): void }) {
  const t = useT();
  const secondsLeft = (): number => Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
  const [left, setLeft] = useState(secondsLeft);
  const dialog = useRef<HTMLElement>(null);
  useEffect(() => {
    const tick = setInterval(() => setLeft(secondsLeft()), 250);
    return () => clearInterval(tick);
  });
  // The continue button takes the focus: a keyboard or a screen reader lands on the answer.
  useEffect(() => dialog.current?.querySelector<HTMLButtonElement>('[data-testid="idle-continue"]')?.focus(), []);

  return (
    <div
      className={styles.backdrop}
      {...{ [SESSION_NEUTRAL]: '' }}
      onClick={(event) => {
        if (event.target === event.currentTarget) onContinue();
      }}
      data-testid="idle-countdown"
    >
      <section ref={dialog} className={styles.dialog} role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-detail">
        <h2 id="idle-title" className={styles.dialogTitle}>
          {t('session.idle.title')}
        </h2>
        <p className={styles.seconds} aria-hidden="true" data-testid="idle-seconds">
          {left}
        </p>
        <p id="idle-detail" className={styles.dialogText} role="timer" aria-live="off">
          {t('session.idle.detail', { seconds: left })}
        </p>
        <div className={styles.dialogActions}>
          <Button size="huge" onClick={onContinue} data-testid="idle-continue">
            {t('session.idle.continue')}
          </Button>
          <Button variant="secondary" onClick={onEnd} data-testid="idle-end">
            {t('session.idle.end')}
          </Button>
        </div>
      </section>
    </div>
  );
}
