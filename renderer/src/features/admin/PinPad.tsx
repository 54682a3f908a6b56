import { useEffect, useRef, useState } from 'react';
import { Button } from '../../components/ui/Button';
import { useT } from '../../i18n/I18nProvider';
import { useKioskApi } from '../../platform/kiosk-api';
import { formatCountdown, lockPhase, MAX_PIN_DIGITS, nextCountdownTick, pinNoticeOf, pinNoticeOfState, type PinNotice } from './admin-view';
import styles from './admin.module.css';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/**
 * The admin PIN on a large on-screen pad. The digits are never shown — one dot per digit typed —
 * and never leave this component except in the one admin.unlock call (nothing is logged or kept:
 * the PIN is cleared right after it is sent). Wrong PINs show the attempts left; a locked pad —
 * from the 5th wrong PIN's answer, or admin.pinState when the pad opens during a lockout — counts
 * down each second to the moment the host accepts a PIN again, with its keys disabled.
 */
export function PinPad({ initialNotice, onUnlocked, onCancel }: { initialNotice: PinNotice; onUnlocked(token: string): void; onCancel(): void }) {
  const t = useT();
  const api = useKioskApi();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<PinNotice>(initialNotice);
  const [now, setNow] = useState(() => Date.now());
  const heading = useRef<HTMLHeadingElement>(null);

  const phase = lockPhase(notice, now);
  const locked = phase === 'locked';
  // The countdown re-renders exactly when its shown second changes, and stops at zero (keys back on).
  useEffect(() => {
    if (notice.kind !== 'locked') return;
    const delay = nextCountdownTick(notice.until - now);
    if (delay === null) return;
    const timer = setTimeout(() => setNow(Date.now()), delay);
    return () => clearTimeout(timer);
  }, [notice, now]);
  useEffect(() => heading.current?.focus(), []);

  // A lockout already running (the pad reopened after the 5th wrong PIN, or the kiosk restarted)
  // shows its countdown at once instead of after the next attempt. A PIN answer beats this one.
  const answered = useRef(false);
  useEffect(() => {
    let current = true;
    api.admin.pinState().then(
      (state) => {
        const opening = pinNoticeOfState(state, Date.now());
        if (!current || answered.current || !opening) return;
        setNow(Date.now());
        setNotice(opening);
      },
      () => undefined, // the first PIN answer says the same
    );
    return () => {
      current = false;
    };
  }, [api]);

  const press = (digit: string) => setPin((p) => (p.length >= MAX_PIN_DIGITS ? p : p + digit));
  const submit = () => {
    if (pin.length === 0 || busy || locked) return;
    const sent = pin;
    setPin('');
    setBusy(true);
    answered.current = true;
    api.admin.unlock({ pin: sent }).then(
      (result) => {
        setBusy(false);
        if (result.ok) onUnlocked(result.token);
        else {
          setNow(Date.now());
          setNotice(pinNoticeOf(result, Date.now()));
        }
      },
      () => {
        setBusy(false);
        setNotice({ kind: 'error' });
      },
    );
  };

  const message = (() => {
    if (busy) return t('admin.pin.checking');
    switch (notice.kind) {
      case 'wrong':
        return t('admin.pin.wrong', { count: notice.attemptsLeft });
      case 'locked':
        return locked ? t('admin.pin.locked', { time: formatCountdown(notice.until - now) }) : t('admin.pin.lockOver');
      case 'not-provisioned':
        return t('admin.pin.notProvisioned');
      case 'expired':
        return t('admin.pin.expired');
      case 'error':
        return t('admin.pin.error');
      case 'none':
        return '';
    }
  })();
  const keysDisabled = busy || locked || notice.kind === 'not-provisioned';

  return (
    <div className={styles.pinScreen} data-testid="admin-pin">
      <h1 ref={heading} tabIndex={-1} className={styles.pinTitle} id="admin-dialog-title">
        {t('admin.pin.title')}
      </h1>
      <p className={styles.pinPrompt}>{t('admin.pin.prompt')}</p>
      <div
        className={styles.dots}
        role="img"
        aria-label={pin.length > 0 ? t('admin.pin.entered', { count: pin.length }) : t('admin.pin.empty')}
        data-testid="pin-dots"
        data-count={pin.length}
      >
        {Array.from({ length: pin.length }, (_, i) => (
          <span key={i} className={styles.dot} />
        ))}
      </div>
      <p
        className={`${styles.pinMessage} ${locked || notice.kind === 'wrong' ? styles.pinWarn : ''}`}
        role="status"
        data-testid="pin-message"
        data-kind={phase === 'over' ? 'lock-over' : notice.kind}
      >
        {message}
      </p>
      <div className={styles.pinGrid}>
        {DIGITS.map((d) => (
          <Button
            key={d}
            variant="secondary"
            className={styles.pinKey}
            onClick={() => press(d)}
            disabled={keysDisabled}
            aria-label={t('admin.pin.digit', { digit: d })}
            data-key={d}
          >
            {d}
          </Button>
        ))}
        <Button
          variant="secondary"
          className={styles.pinKey}
          onClick={() => setPin((p) => p.slice(0, -1))}
          disabled={keysDisabled || pin.length === 0}
          data-key="delete"
        >
          {t('admin.pin.delete')}
        </Button>
        <Button
          variant="secondary"
          className={styles.pinKey}
          onClick={() => press('0')}
          disabled={keysDisabled}
          aria-label={t('admin.pin.digit', { digit: '0' })}
          data-key="0"
        >
          0
        </Button>
        <Button className={styles.pinKey} onClick={submit} disabled={keysDisabled || pin.length === 0} data-key="submit">
          {t('admin.pin.submit')}
        </Button>
      </div>
      <Button variant="secondary" className={styles.pinCancel} onClick={onCancel} data-testid="admin-pin-cancel">
        {t('admin.pin.cancel')}
      </Button>
    </div>
  );
}
