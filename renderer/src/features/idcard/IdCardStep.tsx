import { useEffect, useRef, useState } from 'react';
import type { IdCardResult } from '../../../../electron/common/contract/idcard-api';
import type { IdCardField } from '../../../../kiosk-content/src/procedures/common';
import { useStepBack } from '../../components/steps/step-back';
import type { StepInputProps } from '../../components/steps/step-input';
import form from '../../components/steps/step-form.module.css';
import layout from '../../components/ui/layout.module.css';
import textField from '../../components/ui/text-field.module.css';
import { Button } from '../../components/ui/Button';
import { Card, Notice, PlainList } from '../../components/ui/Card';
import { useT } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/zh-cn';
import { useKioskApi } from '../../platform/kiosk-api';
import { CardReaderPicture } from './CardReaderPicture';
import { answerFieldsFrom, missingFields, readerFieldsFor, readerLine, readerUsable } from './id-card-view';
import { useIdCardState } from './use-id-card';
import styles from './idcard.module.css';

type Fields = Partial<Record<IdCardField, string>>;
type Mode = 'intro' | 'reading' | 'confirm' | 'manual';

const willReadKey: Record<IdCardField, MessageKey> = {
  name: 'idcard.field.name',
  idNumber: 'idcard.field.idNumber',
  gender: 'idcard.field.gender',
  ageBracket: 'idcard.field.ageBracket',
  region: 'idcard.field.region',
};
const labelKey: Record<IdCardField, MessageKey> = {
  name: 'procedure.idcard.name',
  idNumber: 'idcard.label.idNumber',
  gender: 'procedure.idcard.gender',
  ageBracket: 'procedure.idcard.ageBracket',
  region: 'procedure.idcard.region',
};
const genderChoices: readonly { value: string; label: MessageKey }[] = [
  { value: 'male', label: 'procedure.gender.male' },
  { value: 'female', label: 'procedure.gender.female' },
];
const ageChoices: readonly { value: string; label: MessageKey }[] = [
  { value: 'under-18', label: 'procedure.age.under-18' },
  { value: '18-59', label: 'procedure.age.18-59' },
  { value: '60-plus', label: 'procedure.age.60-plus' },
];

/**
 * The procedure's ID-card step: first what will be read and why, then 读取身份证 (place the card,
 * live state, the masked result to confirm) or 手动填写 (the few declared fields by hand), or 跳过
 * when the step is optional. Only masked/derived values ever reach this screen; the host forgets
 * its copy as soon as the resident has them.
 */
export function IdCardStep({ view, onAnswer }: StepInputProps) {
  const t = useT();
  const api = useKioskApi();
  const reader = useIdCardState();
  const fields = view.fields ?? [];
  const earlier: Fields = typeof view.value === 'object' && view.value !== null && 'fields' in view.value ? view.value.fields : {};
  const [mode, setMode] = useState<Mode>(Object.keys(earlier).length > 0 ? 'manual' : 'intro');
  const [read, setRead] = useState<{ fields: Fields; numberValid: boolean } | null>(null);
  const [prefill, setPrefill] = useState<Fields>(earlier);
  const reading = useRef(false);

  // Leaving the step (answer, 返回, 首页) while the reader is polling stops it.
  useEffect(
    () => () => {
      if (reading.current) void api.idcard.cancel().catch(() => undefined);
    },
    [api],
  );

  // The result arrives with the state event; take it, then let the host drop its copy at once.
  const result: IdCardResult | undefined = mode === 'reading' ? reader?.result : undefined;
  useEffect(() => {
    if (!result) return;
    setRead({ fields: answerFieldsFrom(result, fields), numberValid: result.numberValid !== false });
    setMode('confirm');
    reading.current = false;
    void api.idcard.cancel().catch(() => undefined);
  }, [result, fields, api]);

  const startReading = (): void => {
    setRead(null);
    setMode('reading');
    reading.current = true;
    api.idcard.startRead({ fields: readerFieldsFor(fields) }).catch(() => undefined);
  };
  const stopReading = (next: Mode): void => {
    if (reading.current) void api.idcard.cancel().catch(() => undefined);
    reading.current = false;
    setMode(next);
  };

  // 返回 from placing the card, the masked result or the form goes back to the first screen of the step.
  useStepBack(
    mode === 'intro'
      ? null
      : () => {
          stopReading('intro');
          return true;
        },
  );

  if (mode === 'reading') {
    const line = readerLine(reader);
    // Reader gone or card unreadable: the line says 请手动填写, so placing the card is no longer asked for and 手动填写 leads.
    const unavailable = line.tone === 'unavailable';
    return (
      <section className={styles.place} data-testid="idcard-reading" data-reader={reader?.state ?? 'unknown'}>
        <h2 className={styles.placeTitle}>{t(unavailable ? 'idcard.place.titleFailed' : 'idcard.place.title')}</h2>
        <div className={styles.placeBody}>
          <CardReaderPicture label={t('idcard.picture')} active={line.tone === 'progress'} />
          <div className={styles.placeText}>
            {!unavailable && <p>{t('idcard.place.lead')}</p>}
            <p
              className={`${styles.readerLine} ${styles[`tone-${line.tone}`] ?? ''}`}
              role="status"
              aria-live="polite"
              data-testid="idcard-state"
              data-tone={line.tone}
            >
              {t(line.key)}
            </p>
          </div>
        </div>
        <div className={form.formActions}>
          <Button
            variant={unavailable ? 'primary' : 'secondary'}
            size={unavailable ? 'large' : undefined}
            onClick={() => stopReading('manual')}
            data-testid="idcard-manual"
          >
            {t('idcard.manual')}
          </Button>
          <Button variant="secondary" onClick={() => stopReading('intro')} data-testid="idcard-cancel">
            {t('idcard.cancel')}
          </Button>
        </div>
      </section>
    );
  }

  if (mode === 'confirm' && read) {
    const missing = missingFields(fields, read.fields);
    return (
      <section className={styles.confirm} data-testid="idcard-confirm">
        <p className={`${styles.readerLine} ${styles['tone-ok'] ?? ''}`} role="status" data-testid="idcard-state" data-tone="ok">
          {t('idcard.state.ok')}
        </p>
        <h2 className={styles.placeTitle}>{t('idcard.confirm.title')}</h2>
        <p>{t('idcard.confirm.lead')}</p>
        <Card as="div">
          <dl className={styles.resultList}>
            {fields
              .filter((f) => read.fields[f] !== undefined)
              .map((f) => (
                <div key={f} className={styles.resultRow}>
                  <dt>{t(labelKey[f])}</dt>
                  <dd data-testid={`idcard-result-${f}`}>{shown(f, read.fields[f] ?? '', t)}</dd>
                </div>
              ))}
          </dl>
        </Card>
        {!read.numberValid && <Notice data-testid="idcard-number-invalid">{t('idcard.confirm.numberInvalid')}</Notice>}
        <p className={form.hint}>{t('idcard.removeCard')}</p>
        <div className={form.formActions}>
          <Button
            size="large"
            onClick={() => {
              if (missing.length === 0) onAnswer({ fields: read.fields });
              else {
                setPrefill(read.fields);
                setMode('manual');
              }
            }}
            data-testid="idcard-confirm-ok"
          >
            {t('idcard.confirm.ok')}
          </Button>
          <Button variant="secondary" onClick={startReading} data-testid="idcard-read-again">
            {t('idcard.confirm.again')}
          </Button>
          <Button variant="secondary" onClick={() => setMode('manual')} data-testid="idcard-manual">
            {t('idcard.manual')}
          </Button>
        </div>
      </section>
    );
  }

  if (mode === 'manual') {
    return <ManualEntry fields={fields} prefill={prefill} optional={view.optional} onAnswer={onAnswer} onRead={readerUsable(reader) ? startReading : null} />;
  }

  // intro: what will be read and why, before anything is read.
  const usable = readerUsable(reader);
  return (
    <section className={styles.intro} data-testid="idcard-intro">
      <Card as="div">
        <p className={styles.introLead}>{t('idcard.willRead')}</p>
        <PlainList className={styles.willRead}>
          {fields.map((f) => (
            <li key={f} data-testid="idcard-will-read">
              {t(willReadKey[f])}
            </li>
          ))}
        </PlainList>
        <p>{t('idcard.why')}</p>
      </Card>
      {/* A reader that is set up but not working is news to the resident; a terminal without one
          simply offers 手动填写 (its state is the technician's, on the admin screen). */}
      {reader && !usable && reader.state !== 'not-configured' && <Notice data-testid="idcard-not-connected">{t(readerLine(reader).key)}</Notice>}
      <div className={form.formActions}>
        {usable && (
          <Button size="large" onClick={startReading} data-testid="idcard-read">
            {t('idcard.read')}
          </Button>
        )}
        <Button variant={usable ? 'secondary' : 'primary'} size={usable ? undefined : 'large'} onClick={() => setMode('manual')} data-testid="idcard-manual">
          {t('idcard.manual')}
        </Button>
        {view.optional && (
          <Button variant="secondary" onClick={() => onAnswer(null)} data-testid="idcard-skip">
            {t('procedure.idcard.skip')}
          </Button>
        )}
      </div>
    </section>
  );
}

function shown(field: IdCardField, value: string, t: ReturnType<typeof useT>): string {
  if (field === 'gender') return t(genderChoices.find((c) => c.value === value)?.label ?? 'procedure.gender.male');
  if (field === 'ageBracket') return t(ageChoices.find((c) => c.value === value)?.label ?? 'procedure.age.18-59');
  return value;
}

/**
 * 手动填写: the declared fields except the number (it only ever comes masked from the reader).
 * The engine stores the name masked (张*三), so a typed full name goes no further than this form.
 */
function ManualEntry({
  fields,
  prefill,
  optional,
  onAnswer,
  onRead,
}: {
  fields: readonly IdCardField[];
  prefill: Fields;
  optional: boolean;
  onAnswer(value: unknown): void;
  onRead: (() => void) | null;
}) {
  const t = useT();
  const [values, setValues] = useState<Fields>(prefill);
  const set = (name: IdCardField, value: string): void => setValues((now) => ({ ...now, [name]: value }));
  const typed = fields.filter((f) => f !== 'idNumber');
  const choices = (name: IdCardField, list: readonly { value: string; label: MessageKey }[]) => (
    <div className={form.yesNo} role="group" aria-labelledby={`idcard-${name}-label`}>
      {list.map((choice) => (
        <button
          key={choice.value}
          type="button"
          className={`${form.option} ${values[name] === choice.value ? form.optionChosen : ''}`}
          aria-pressed={values[name] === choice.value}
          onClick={() => set(name, choice.value)}
          data-testid={`idcard-${name}-${choice.value}`}
        >
          {t(choice.label)}
        </button>
      ))}
    </div>
  );
  const wantsTyping = typed.some((f) => f === 'name' || f === 'region');
  return (
    <section className={styles.manual} data-testid="idcard-manual-form">
      <p className={form.hint}>{t('procedure.idcard.manual')}</p>
      {wantsTyping && <p className={form.hint}>{t('procedure.idcard.typeHint')}</p>}
      {typed.map((name) => (
        <div key={name} className={`${layout.stack} ${layout.gapTight}`}>
          {name === 'gender' || name === 'ageBracket' ? (
            <span className={layout.leadHeading} id={`idcard-${name}-label`}>
              {t(labelKey[name])}
            </span>
          ) : (
            <label className={layout.leadHeading} htmlFor={`idcard-${name}`}>
              {t(labelKey[name])}
            </label>
          )}
          {name === 'gender' ? (
            choices(name, genderChoices)
          ) : name === 'ageBracket' ? (
            choices(name, ageChoices)
          ) : (
            <input
              id={`idcard-${name}`}
              className={textField.textField}
              value={values[name] ?? ''}
              onChange={(event) => set(name, event.target.value)}
              autoComplete="off"
              data-testid={`idcard-${name}`}
            />
          )}
          {name === 'name' && <p className={form.hint}>{t('idcard.manual.maskNote')}</p>}
        </div>
      ))}
      <div className={form.formActions}>
        <Button size="large" onClick={() => onAnswer({ fields: values })} data-testid="next">
          {t('procedure.next')}
        </Button>
        {onRead && (
          <Button variant="secondary" onClick={onRead} data-testid="idcard-read">
            {t('idcard.read')}
          </Button>
        )}
        {optional && (
          <Button variant="secondary" onClick={() => onAnswer(null)} data-testid="idcard-skip">
            {t('procedure.idcard.skip')}
          </Button>
        )}
      </div>
    </section>
  );
}
