import { useEffect, useState } from 'react';
import type { FeedbackReason, Satisfaction } from '../../../../electron/common/contract/stats-api';
import { useLocale, useT } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/zh-cn';
import { useKioskApi } from '../../platform/kiosk-api';
import { SESSION_NEUTRAL } from './session-neutral';
import chip from '../../components/ui/chip.module.css';
import styles from './session.module.css';
import './feedback-space.css';

/** The bar goes away by itself after this long without a tap: it never stands in the way. */
export const FEEDBACK_MS = 30_000;

const ratings: Array<[Satisfaction, MessageKey]> = [
  ['satisfied', 'feedback.satisfied'],
  ['neutral', 'feedback.neutral'],
  ['unsatisfied', 'feedback.unsatisfied'],
];
const reasons: Array<[FeedbackReason, MessageKey]> = [
  ['not-found', 'feedback.reason.notFound'],
  ['hard-to-read', 'feedback.reason.hardToRead'],
  ['hard-to-use', 'feedback.reason.hardToUse'],
  ['device-problem', 'feedback.reason.device'],
  ['too-slow', 'feedback.reason.slow'],
];

/**
 * After 首页 / 完成: 「这次服务您满意吗？」 with three one-tap answers at the bottom of the home
 * screen. Below 满意, optional reason chips. Nothing is required, nothing is typed, nothing blocks.
 */
export function FeedbackBar({ largeText = false, onDone }: { largeText?: boolean; onDone(): void }) {
  const t = useT();
  const locale = useLocale();
  const api = useKioskApi();
  const [rating, setRating] = useState<Satisfaction | null>(null);
  const [given, setGiven] = useState<FeedbackReason[]>([]);
  const [lastTap, setLastTap] = useState(0);

  useEffect(() => {
    document.documentElement.classList.add('feedback-open');
    return () => document.documentElement.classList.remove('feedback-open');
  }, []);

  useEffect(() => {
    const timer = setTimeout(onDone, FEEDBACK_MS);
    return () => clearTimeout(timer);
  }, [onDone, lastTap]);

  const send = (event: Parameters<typeof api.stats.record>[0]): void => {
    api.stats.record(event).catch(() => {
      // A rating that does not arrive is lost; the resident is never told to try again.
    });
  };

  const rate = (value: Satisfaction): void => {
    if (rating) return;
    setRating(value);
    setLastTap((n) => n + 1);
    send({ kind: 'feedback', rating: value, reasons: [] });
    if (value === 'satisfied') setTimeout(onDone, 4_000);
  };
  const giveReason = (reason: FeedbackReason): void => {
    if (given.includes(reason)) return;
    setGiven([...given, reason]);
    setLastTap((n) => n + 1);
    send({ kind: 'feedback-reason', reason });
  };

  return (
    <aside
      className={largeText ? `${styles.feedback} ${styles.feedbackLarge}` : styles.feedback}
      lang={locale}
      {...{ [SESSION_NEUTRAL]: '' }}
      aria-labelledby="feedback-title"
      data-testid="feedback-bar"
    >
      <h2 id="feedback-title" className={styles.feedbackTitle}>
        {rating ? t('feedback.thanks') : t('feedback.question')}
      </h2>
      {!rating && (
        <div className={styles.feedbackRow}>
          {ratings.map(([value, key]) => (
            <button key={value} type="button" className={styles.feedbackButton} onClick={() => rate(value)} data-rating={value}>
              {t(key)}
            </button>
          ))}
        </div>
      )}
      {rating && rating !== 'satisfied' && (
        <div className={styles.feedbackRow}>
          <p className={styles.feedbackHint}>{t('feedback.reasons')}</p>
          {reasons.map(([value, key]) => (
            <button
              key={value}
              type="button"
              className={`${chip.chip} ${styles.chip}`}
              aria-pressed={given.includes(value)}
              onClick={() => giveReason(value)}
              data-reason={value}
            >
              {t(key)}
            </button>
          ))}
        </div>
      )}
      <button type="button" className={`${chip.chip} ${styles.chip}`} onClick={onDone} data-testid="feedback-close">
        {t('feedback.close')}
      </button>
    </aside>
  );
}
