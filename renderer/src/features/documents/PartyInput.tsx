import { useEffect, useState } from 'react';
import type { DocumentFormField } from '../../../../electron/common/contract/document-api';
import { organisationParts, partyPartLabels, personParts } from '../../../../kiosk-content/src/documents/common/document-types';
import type { IdCardState } from '../../../../electron/common/contract/idcard-api';
import { Button } from '../../components/ui/Button';
import { useT } from '../../i18n/I18nProvider';
import { useKioskApi } from '../../platform/kiosk-api';
import { useLiveValue } from '../../platform/use-live-value';
import { DatePicker, TextBox, type AnswerValue } from './FieldInput';
import form from '../../components/steps/step-form.module.css';
import styles from './documents.module.css';

type Party = Record<string, string | boolean>;

const partLabels = partyPartLabels;
/** Where the birth-date steppers start. */
const SHOWN_BIRTH_DATE = '1980-01-01';

export interface PartyInputProps {
  field: DocumentFormField;
  value: AnswerValue | undefined;
  today: string;
  onChange(value: AnswerValue): void;
}

/**
 * One party on one screen: the applicant may be read from the ID card (the clear values stay in
 * the host; this screen sees the masked name and number) or typed; the other party is typed.
 */
export function PartyInput({ field, value, today, onChange }: PartyInputProps) {
  const t = useT();
  const party: Party = value && typeof value === 'object' ? value : {};
  const kinds = field.kinds ?? ['person'];
  const kind = (typeof party.kind === 'string' ? party.kind : kinds[0]) as 'person' | 'organisation';
  const [mode, setMode] = useState<'choose' | 'card' | 'typed'>(party.fromIdCard ? 'card' : field.idcard && !party.name ? 'choose' : 'typed');
  // A birth date never touched is the one the steppers show.
  const withShownDate = (p: Party): Party =>
    (field.parts ?? []).includes('birthDate') && kind === 'person' && typeof p.birthDate !== 'string' ? { ...p, birthDate: SHOWN_BIRTH_DATE } : p;
  const set = (part: string, v: string) => onChange(withShownDate({ ...party, kind, [part]: v }));

  if (field.idcard && mode === 'choose') {
    return (
      <div className={styles.partyChoice}>
        <Button onClick={() => setMode('card')} data-testid="doc-read-card">
          {t('documents.party.readCard')}
        </Button>
        <Button variant="secondary" onClick={() => setMode('typed')} data-testid="doc-manual">
          {t('documents.party.manual')}
        </Button>
      </div>
    );
  }
  if (mode === 'card') return <CardParty party={party} onChange={onChange} onManual={() => setMode('typed')} />;

  const parts = (kind === 'person' ? personParts : organisationParts).filter((p) => (field.parts ?? []).includes(p) || p === 'phone');
  return (
    <div className={styles.partyForm}>
      {kinds.length > 1 && (
        <div className={styles.kindRow} role="group">
          {kinds.map((k) => (
            <button
              key={k}
              type="button"
              className={`${form.option} ${k === kind ? form.optionChosen : ''}`}
              aria-pressed={k === kind}
              onClick={() => onChange({ kind: k })}
              data-testid={`doc-kind-${k}`}
            >
              {t(k === 'person' ? 'documents.party.person' : 'documents.party.organisation')}
            </button>
          ))}
        </div>
      )}
      {parts.map((part) => {
        const label = partLabels[kind][part] ?? part;
        const current = typeof party[part] === 'string' ? party[part] : '';
        return (
          <div key={part} className={styles.partRow}>
            <span className={styles.partLabel}>{label}</span>
            {part === 'gender' ? (
              <div className={styles.kindRow} role="group" aria-label={label}>
                {(['男', '女'] as const).map((g) => (
                  <button
                    key={g}
                    type="button"
                    className={`${form.option} ${current === g ? form.optionChosen : ''}`}
                    aria-pressed={current === g}
                    onClick={() => set('gender', g)}
                    data-testid={`doc-gender-${g === '男' ? 'male' : 'female'}`}
                  >
                    {t(g === '男' ? 'documents.party.male' : 'documents.party.female')}
                  </button>
                ))}
              </div>
            ) : part === 'birthDate' ? (
              <DatePicker value={current || SHOWN_BIRTH_DATE} today={today} max={today} onPick={(iso) => set('birthDate', iso)} testId="doc-birth" />
            ) : (
              <TextBox
                value={current}
                multiline={false}
                maxLength={part === 'address' ? 80 : 40}
                onChange={(v) => set(part, v)}
                onSubmit={() => undefined}
                testId={`doc-part-${part}`}
                label={label}
              />
            )}
          </div>
        );
      })}
    </div>
  );
}

function CardParty({ party, onChange, onManual }: { party: Party; onChange(value: AnswerValue): void; onManual(): void }) {
  const t = useT();
  const api = useKioskApi();
  const state = useLiveValue('idcard.onDidChangeState', (a) => a.idcard.getState());
  const [started, setStarted] = useState(false);
  useEffect(() => {
    if (started) return;
    setStarted(true);
    void api.documents.readIdCard();
  }, [api, started]);
  const read = state?.state === 'read-ok' && state.result ? state.result : null;
  useEffect(() => {
    if (read && !party.fromIdCard) onChange({ kind: 'person', fromIdCard: true, ...(typeof party.phone === 'string' ? { phone: party.phone } : {}) });
  }, [read, party, onChange]);
  // Leaving this screen stops the reader polling.
  useEffect(() => () => void api.idcard.cancel(), [api]);

  if (!read) {
    return (
      <div className={styles.cardWait}>
        <p className={styles.cardMessage} data-testid="doc-card-state" aria-live="polite">
          {cardMessage(state, t)}
        </p>
        <Button variant="secondary" onClick={onManual} data-testid="doc-manual">
          {t('documents.party.manual')}
        </Button>
      </div>
    );
  }
  return (
    <div className={styles.partyForm}>
      <p className={styles.cardMessage} data-testid="doc-card-read">
        {t('documents.party.fromCard', { name: read.maskedName ?? '', number: read.maskedIdNumber ?? '' })}
      </p>
      <div className={styles.partRow}>
        <span className={styles.partLabel}>{partLabels.person.phone}</span>
        <TextBox
          value={typeof party.phone === 'string' ? party.phone : ''}
          multiline={false}
          maxLength={20}
          onChange={(v) => onChange({ kind: 'person', fromIdCard: true, phone: v })}
          onSubmit={() => undefined}
          testId="doc-part-phone"
          label={partLabels.person.phone ?? ''}
        />
      </div>
    </div>
  );
}

function cardMessage(state: IdCardState | null, t: ReturnType<typeof useT>): string {
  switch (state?.state) {
    case 'reading':
      return t('documents.party.reading');
    case 'retry-placement':
      return t('documents.party.readFailed');
    case 'not-configured':
    case 'reader-offline':
      return t('documents.party.noReader');
    default:
      return t('documents.party.placeCard');
  }
}
