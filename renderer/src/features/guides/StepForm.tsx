import { useEffect, useRef, useState } from 'react';
import type { StepView } from '../../../../kiosk-content/src/procedures/common';
import { Button } from '../../components/ui/Button';
import type { StepInput } from '../../components/steps/step-input';
import { DateSteppers, type DateStepperLabels } from '../../components/steps/DateSteppers';
import form from '../../components/steps/step-form.module.css';
import layout from '../../components/ui/layout.module.css';
import keypad from '../../components/steps/keypad.module.css';
import { Card } from '../../components/ui/Card';
import { CONTENT_LANG, Zh } from '../../i18n/content-language';
import { useT } from '../../i18n/I18nProvider';
import { initialDate, numberText, pressKey, stepDate, toIsoDate, type KeypadKey } from './procedure-view';
import styles from './guides.module.css';

export interface StepFormProps {
  view: StepView;
  today: string;
  onAnswer(value: unknown): void;
  /** The ID-card step's input (features/idcard, handed in through app/screens.tsx). */
  idCardStep: StepInput;
}

/** The input for one question, by its type. Each answer goes to the engine, which checks it. */
export function StepForm({ view, today, onAnswer, idCardStep: IdCardStep }: StepFormProps) {
  // Each question gets its own form state (key), pre-filled from an earlier answer after 返回.
  switch (view.type) {
    case 'single':
      return <SingleChoice key={view.stepId} view={view} onAnswer={onAnswer} />;
    case 'multi':
      return <MultiChoice key={view.stepId} view={view} onAnswer={onAnswer} />;
    case 'yesno':
      return <YesNo key={view.stepId} view={view} onAnswer={onAnswer} />;
    case 'number':
      return <NumberInput key={view.stepId} view={view} onAnswer={onAnswer} />;
    case 'date':
      return <DateInput key={view.stepId} view={view} today={today} onAnswer={onAnswer} />;
    case 'info':
      return <InfoPage key={view.stepId} view={view} onAnswer={onAnswer} />;
    case 'idcard':
      return <IdCardStep key={view.stepId} view={view} onAnswer={onAnswer} />;
  }
}

type FormProps = Omit<StepFormProps, 'today' | 'idCardStep'>;

/** How long a tapped answer shows as chosen before the next question comes: long enough to see, short enough not to wait. */
export const ANSWER_CONFIRM_MS = 300;

/**
 * One tap answers: the tapped button turns chosen at once (the confirmation), the answer goes to
 * the engine a moment later, and further taps in that moment are ignored (no double answers).
 */
function useOneTapAnswer<T>(earlier: unknown, onAnswer: (value: T) => void): { chosen: unknown; choose(value: T): void } {
  const [tapped, setTapped] = useState<{ value: T } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return {
    chosen: tapped ? tapped.value : earlier,
    choose(value: T) {
      if (tapped) return;
      setTapped({ value });
      timer.current = setTimeout(() => {
        // The next question replaces this form; if the engine refused the answer, tapping works again.
        setTapped(null);
        onAnswer(value);
      }, ANSWER_CONFIRM_MS);
    },
  };
}

function SingleChoice({ view, onAnswer }: FormProps) {
  const { chosen, choose } = useOneTapAnswer<string>(view.value, onAnswer);
  return (
    <div className={layout.tileGrid} role="group">
      {(view.options ?? []).map((option) => (
        <button
          key={option.value}
          type="button"
          className={`${form.option} ${chosen === option.value ? form.optionChosen : ''}`}
          aria-pressed={chosen === option.value}
          onClick={() => choose(option.value)}
          data-testid="option"
          data-value={option.value}
        >
          <Zh>{option.label}</Zh>
        </button>
      ))}
    </div>
  );
}

function MultiChoice({ view, onAnswer }: FormProps) {
  const t = useT();
  const [picked, setPicked] = useState<string[]>(Array.isArray(view.value) ? view.value : []);
  const toggle = (value: string): void => setPicked((now) => (now.includes(value) ? now.filter((v) => v !== value) : [...now, value]));
  return (
    <>
      <p className={form.hint}>{t('procedure.multi.hint')}</p>
      <div className={layout.tileGrid} role="group">
        {(view.options ?? []).map((option) => {
          const on = picked.includes(option.value);
          return (
            <button
              key={option.value}
              type="button"
              className={`${form.option} ${on ? form.optionChosen : ''}`}
              aria-pressed={on}
              onClick={() => toggle(option.value)}
              data-testid="option"
              data-value={option.value}
            >
              <span className={`${styles.checkbox} ${on ? styles.checkboxOn : ''}`} aria-hidden="true" />
              <Zh>{option.label}</Zh>
            </button>
          );
        })}
      </div>
      <div className={form.formActions}>
        <Button size="large" onClick={() => onAnswer(picked)} data-testid="next">
          {t('procedure.next')}
        </Button>
      </div>
    </>
  );
}

function YesNo({ view, onAnswer }: FormProps) {
  const t = useT();
  const { chosen, choose } = useOneTapAnswer<boolean>(view.value, onAnswer);
  return (
    <div className={form.yesNo} role="group">
      {([true, false] as const).map((value) => (
        <button
          key={String(value)}
          type="button"
          className={`${form.option} ${form.yesNoButton} ${chosen === value ? form.optionChosen : ''}`}
          aria-pressed={chosen === value}
          onClick={() => choose(value)}
          data-testid={value ? 'answer-yes' : 'answer-no'}
        >
          {value ? t('procedure.yes') : t('procedure.no')}
        </button>
      ))}
    </div>
  );
}

const keypadRows: readonly (readonly KeypadKey[])[] = [
  ['1', '2', '3'],
  ['4', '5', '6'],
  ['7', '8', '9'],
];

function NumberInput({ view, onAnswer }: FormProps) {
  const t = useT();
  const [text, setText] = useState(numberText(view.value));
  const press = (key: KeypadKey): void => setText((now) => pressKey(now, key, { integer: view.integer }));
  // Digits large; the keys with a word on them (清除, 小数点, 退格) at the reading size.
  const key = (k: KeypadKey, label: string = k, size = keypad.keyLarge) => (
    <button key={k} type="button" className={`${keypad.key} ${size}`} onClick={() => press(k)} data-key={k}>
      {label}
    </button>
  );
  return (
    <>
      <div className={styles.numberRow}>
        <output className={styles.numberBox} data-testid="number-value" aria-live="polite">
          {text === '' ? <span className={keypad.placeholder}>{t('procedure.number.empty')}</span> : text}
        </output>
        {view.unit && (
          <span className={keypad.unit} lang={CONTENT_LANG}>
            {view.unit}
          </span>
        )}
      </div>
      {/* 继续 sits beside the keys so it is on screen without scrolling at 1280 × 800. */}
      <div className={styles.keypadArea}>
        <div className={styles.keypad} role="group" aria-label={t('procedure.keypad.label')} data-testid="keypad">
          {keypadRows.map((row) => row.map((k) => key(k)))}
          {view.integer ? key('clear', t('procedure.keypad.clear'), keypad.keyRegular) : key('.', t('procedure.keypad.point'), keypad.keyRegular)}
          {key('0')}
          {key('backspace', t('procedure.keypad.backspace'), keypad.keyRegular)}
        </div>
        <div className={form.formActions}>
          <Button size="large" onClick={() => onAnswer(text === '' ? null : text)} data-testid="next">
            {t('procedure.next')}
          </Button>
          {!view.integer && (
            <Button variant="secondary" onClick={() => setText('')}>
              {t('procedure.keypad.clear')}
            </Button>
          )}
        </div>
      </div>
    </>
  );
}

const dateLabels: DateStepperLabels = {
  value: 'procedure.date.value',
  year: 'procedure.date.year',
  month: 'procedure.date.month',
  day: 'procedure.date.day',
  more: 'procedure.date.more',
  less: 'procedure.date.less',
};

function DateInput({ view, today, onAnswer }: FormProps & { today: string }) {
  const t = useT();
  const [parts, setParts] = useState(() => initialDate(view.value, view.maxDate, today));
  return (
    <>
      <DateSteppers
        date={parts}
        onStep={(part, delta) => setParts((p) => stepDate(p, part, delta, view.maxDate))}
        labels={dateLabels}
        testId="date"
        keySize="large"
      />
      <div className={form.formActions}>
        <Button size="large" onClick={() => onAnswer({ date: toIsoDate(parts) })} data-testid="next">
          {t('procedure.next')}
        </Button>
      </div>
    </>
  );
}

function InfoPage({ view, onAnswer }: FormProps) {
  const t = useT();
  return (
    <>
      <Card as="div" className={styles.infoBody} lang={CONTENT_LANG}>
        {(view.body ?? '')
          .split(/\n+/)
          .filter((p) => p.trim() !== '')
          .map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
      </Card>
      <div className={form.formActions}>
        <Button size="large" onClick={() => onAnswer(true)} data-testid="next">
          {t('procedure.next')}
        </Button>
      </div>
    </>
  );
}
