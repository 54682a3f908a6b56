import { useState } from 'react';
import type { DocumentFormField } from '../../../../electron/common/contract/document-api';
import { OnScreenKeyboard } from '../../components/keyboard/OnScreenKeyboard';
import { Button } from '../../components/ui/Button';
import { CONTENT_LANG, Zh } from '../../i18n/content-language';
import { useT } from '../../i18n/I18nProvider';
import { initialDateParts, isoDate, pressAmountKey, stepDatePart, type AmountKey, type DateParts } from './document-form';
import { DateSteppers, type DateStepperLabels } from '../../components/steps/DateSteppers';
import form from '../../components/steps/step-form.module.css';
import layout from '../../components/ui/layout.module.css';
import keypad from '../../components/steps/keypad.module.css';
import styles from './documents.module.css';

export type AnswerValue = string | number | Record<string, string | boolean> | null;

export interface FieldInputProps {
  field: DocumentFormField;
  value: AnswerValue | undefined;
  today: string;
  /** Keeps the answer as it is typed (not yet checked). */
  onChange(value: AnswerValue): void;
  /** Check and move on; a choice passes the value just tapped. */
  onNext(chosen?: AnswerValue): void;
}

/** The input of one question, by its type; 继续 and 上一题 are the screen's. */
export function FieldInput(props: FieldInputProps) {
  switch (props.field.type) {
    case 'choice':
      return <ChoiceInput {...props} />;
    case 'amount':
      return <AmountInput key={props.field.id} {...props} />;
    case 'date':
      return <DateInput key={props.field.id} {...props} />;
    case 'text':
      return <TextInput {...props} />;
    case 'party':
      return null; // PartyInput, chosen by the screen
  }
}

function ChoiceInput({ field, value, onChange, onNext }: FieldInputProps) {
  return (
    <div className={layout.tileGrid} role="group">
      {(field.options ?? []).map((option) => (
        <button
          key={option.value}
          type="button"
          className={`${form.option} ${value === option.value ? form.optionChosen : ''}`}
          aria-pressed={value === option.value}
          onClick={() => {
            onChange(option.value);
            onNext(option.value);
          }}
          data-testid="doc-option"
          data-value={option.value}
        >
          <Zh>{option.label}</Zh>
        </button>
      ))}
    </div>
  );
}

const amountKeys: readonly AmountKey[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '.', '0', 'backspace'];

function AmountInput({ value, onChange }: FieldInputProps) {
  const t = useT();
  const [text, setText] = useState(typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '');
  const press = (key: AmountKey) => {
    const next = pressAmountKey(text, key);
    setText(next);
    onChange(next === '' ? null : next);
  };
  return (
    <div className={styles.amountArea}>
      <div className={styles.amountRow}>
        <output className={styles.amountBox} data-testid="doc-amount" aria-live="polite">
          {text === '' ? <span className={keypad.placeholder}>{t('documents.amount.empty')}</span> : text}
        </output>
        <span className={keypad.unit}>{t('documents.yuan')}</span>
      </div>
      <div className={styles.keypad} role="group">
        {amountKeys.map((key) => (
          <button key={key} type="button" className={`${keypad.key} ${keypad.keyRegular}`} onClick={() => press(key)} data-key={key}>
            {key === '.' ? t('documents.keypad.point') : key === 'backspace' ? t('documents.keypad.backspace') : key}
          </button>
        ))}
      </div>
    </div>
  );
}

const dateLabels: DateStepperLabels = {
  value: 'documents.date.value',
  year: 'documents.date.year',
  month: 'documents.date.month',
  day: 'documents.date.day',
  more: 'documents.date.more',
  less: 'documents.date.less',
};

/** Dates are picked with steppers, never typed; a past-only date cannot go after today. */
export function DatePicker({
  value,
  today,
  max,
  onPick,
  testId,
}: {
  value: unknown;
  today: string;
  max: string | null;
  onPick(iso: string): void;
  testId: string;
}) {
  const [parts, setParts] = useState(() => initialDateParts(value, today));
  const step = (part: keyof DateParts, delta: 1 | -1) => {
    const next = stepDatePart(parts, part, delta, max);
    setParts(next);
    onPick(isoDate(next));
  };
  return (
    <div className={styles.dateArea} data-testid={testId}>
      <DateSteppers date={parts} onStep={step} labels={dateLabels} testId={testId} keySize="regular" />
    </div>
  );
}

function DateInput({ field, value, today, onChange }: FieldInputProps) {
  // Until a stepper is pressed the date shown is today's; 继续 takes it as shown (the screen's nextValue).
  return <DatePicker value={value} today={today} max={field.past ? today : null} onPick={onChange} testId="doc-date" />;
}

/** The answer 继续 sends for this field: a date never touched is the one shown (today). */
export function shownValue(field: DocumentFormField, value: AnswerValue | undefined, today: string): AnswerValue | undefined {
  if (field.type === 'date' && (value === undefined || value === null)) return isoDate(initialDateParts(undefined, today));
  return value;
}

/** A text box with the on-screen keyboard (a connected keyboard types into it as well). */
export function TextBox({
  value,
  multiline,
  maxLength,
  onChange,
  onSubmit,
  testId,
  label,
}: {
  value: string;
  multiline: boolean;
  maxLength: number;
  onChange(v: string): void;
  onSubmit(): void;
  testId: string;
  label: string;
}) {
  const t = useT();
  const common = {
    value,
    maxLength,
    lang: CONTENT_LANG,
    'aria-label': label,
    placeholder: t('documents.text.placeholder'),
    'data-testid': testId,
    className: styles.textBox,
  };
  return multiline ? (
    <textarea {...common} rows={4} onChange={(e) => onChange(e.target.value)} />
  ) : (
    <input {...common} type="text" onChange={(e) => onChange(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && onSubmit()} />
  );
}

function TextInput({ field, value, onChange, onNext }: FieldInputProps) {
  const t = useT();
  const text = typeof value === 'string' ? value : '';
  return (
    <div className={styles.textArea}>
      <TextBox
        value={text}
        multiline={field.multiline ?? false}
        maxLength={field.maxLength ?? 200}
        onChange={onChange}
        onSubmit={() => onNext()}
        testId="doc-text"
        label={field.question}
      />
      <OnScreenKeyboard value={text} onChange={onChange} onSubmit={() => onNext()} submitLabel={t('documents.next')} />
    </div>
  );
}

export function SkipButton({ onSkip }: { onSkip(): void }) {
  const t = useT();
  return (
    <Button variant="secondary" onClick={onSkip} data-testid="doc-skip">
      {t('documents.skip')}
    </Button>
  );
}
