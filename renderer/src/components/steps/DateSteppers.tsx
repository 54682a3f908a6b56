import type { MessageKey } from '../../i18n/zh-cn';
import { useT } from '../../i18n/I18nProvider';
import keypad from './keypad.module.css';
import styles from './date-steppers.module.css';

export interface DateStepperParts {
  year: number;
  month: number;
  day: number;
}

/** The words of one screen's date steppers (a procedure question and a document field have their own). */
export interface DateStepperLabels {
  /** The whole date, with {year} {month} {day}. */
  value: MessageKey;
  year: MessageKey;
  month: MessageKey;
  day: MessageKey;
  /** The ＋ and － buttons' names, with {part}. */
  more: MessageKey;
  less: MessageKey;
}

const parts = ['year', 'month', 'day'] as const;

/**
 * A date picked with ＋/－ for year, month and day, never typed: the date in words above (read out
 * when it changes), then one stepper per part. What a step does (wrapping, limits) is the caller's
 * rule, in `onStep`. Test ids: `<testId>-value`, `<testId>-<part>-up` and `-down`.
 */
export function DateSteppers(props: {
  date: DateStepperParts;
  onStep(part: keyof DateStepperParts, delta: 1 | -1): void;
  labels: DateStepperLabels;
  testId: string;
  /** Large ＋/－ in a procedure question, the reading size in a document field. */
  keySize: 'large' | 'regular';
}) {
  const t = useT();
  const { date, onStep, labels, testId } = props;
  const keyClass = `${keypad.key} ${props.keySize === 'large' ? keypad.keyLarge : keypad.keyRegular}`;
  return (
    <>
      <p className={styles.dateValue} data-testid={`${testId}-value`} aria-live="polite">
        {t(labels.value, { year: date.year, month: date.month, day: date.day })}
      </p>
      <div className={styles.steppers}>
        {parts.map((part) => (
          <div key={part} className={styles.stepper} role="group" aria-label={t(labels[part])}>
            <button
              type="button"
              className={keyClass}
              onClick={() => onStep(part, 1)}
              aria-label={t(labels.more, { part: t(labels[part]) })}
              data-testid={`${testId}-${part}-up`}
            >
              ＋
            </button>
            <span className={styles.stepperValue}>
              {date[part]}
              <span className={styles.stepperUnit}>{t(labels[part])}</span>
            </span>
            <button
              type="button"
              className={keyClass}
              onClick={() => onStep(part, -1)}
              aria-label={t(labels.less, { part: t(labels[part]) })}
              data-testid={`${testId}-${part}-down`}
            >
              －
            </button>
          </div>
        ))}
      </div>
    </>
  );
}
