import { useCallback, useEffect, useState } from 'react';
import type { A4PrintState, DocumentAnswerProblem, DocumentForm, DocumentLayoutView } from '../../../../electron/common/contract/document-api';
import type { ReceiptTarget } from '../../../../electron/common/contract/receipt-api';
import { PrintPanel } from '../../components/receipts/PrintPanel';
import { LoadProblem } from '../../components/remote/LoadProblem';
import { Button } from '../../components/ui/Button';
import { Screen, ScreenHeader, ScreenTitle } from '../../components/ui/Screen';
import { Zh } from '../../i18n/content-language';
import { useT } from '../../i18n/I18nProvider';
import { useKioskApi } from '../../platform/kiosk-api';
import { DocumentPreview } from './DocumentPreview';
import { FieldInput, shownValue, SkipButton, type AnswerValue } from './FieldInput';
import { nextFieldId, previousFieldId } from './document-form';
import { PartyInput } from './PartyInput';
import styles from './documents.module.css';

type Answers = Record<string, AnswerValue>;
type Stage = { kind: 'ask'; fieldId: string } | { kind: 'preview'; layout: DocumentLayoutView | null } | { kind: 'print'; state: A4PrintState };

function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(now.getFullYear())}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * 帮我填写…: one question per screen, checked by the host as the resident goes; then the preview
 * drawn from the document itself, then printing on the A4 printer with its state in plain words.
 * The answers live only in this screen's state (the session remounts it) and in the host's
 * memory while a call runs.
 */
export function DocumentScreen({ typeId }: { typeId: string }) {
  const t = useT();
  const api = useKioskApi();
  const [form, setForm] = useState<DocumentForm | null>(null);
  const [failed, setFailed] = useState(false);
  const [answers, setAnswers] = useState<Answers>({});
  const [visible, setVisible] = useState<string[]>([]);
  const [stage, setStage] = useState<Stage | null>(null);
  const [problems, setProblems] = useState<DocumentAnswerProblem[]>([]);
  const today = localToday();

  useEffect(() => {
    let live = true;
    api.documents
      .getForm({ typeId })
      .then((f) => {
        if (!live) return;
        setForm(f);
        const asked = f.fields.filter((x) => !x.conditional).map((x) => x.id);
        setVisible(asked);
        if (asked[0]) setStage({ kind: 'ask', fieldId: asked[0] });
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [api, typeId]);

  const change = useCallback((fieldId: string, value: AnswerValue) => setAnswers((now) => ({ ...now, [fieldId]: value })), []);

  const goPreview = async (all: Answers) => {
    setStage({ kind: 'preview', layout: null });
    const result = await api.documents.preview({ typeId, answers: all as never });
    if (result.problems.length > 0 || !result.layout) {
      setProblems(result.problems);
      const first = result.problems[0]?.field.split('.')[0];
      setStage({ kind: 'ask', fieldId: first && visible.includes(first) ? first : (visible[0] ?? '') });
      return;
    }
    setProblems([]);
    setStage({ kind: 'preview', layout: result.layout });
  };

  const next = async (fieldId: string, override?: Answers) => {
    const all = override ?? answers;
    const result = await api.documents.check({ typeId, answers: all as never, upTo: fieldId });
    setVisible(result.visibleFieldIds);
    if (result.problems.length > 0) {
      setProblems(result.problems);
      return;
    }
    setProblems([]);
    const following = nextFieldId(result.visibleFieldIds, fieldId);
    if (following) setStage({ kind: 'ask', fieldId: following });
    else await goPreview(all);
  };

  const print = async () => {
    const result = await api.documents.print({ typeId, answers: answers as never });
    if (result.problems.length > 0) {
      setProblems(result.problems);
      return;
    }
    setStage({ kind: 'print', state: result.state });
  };

  // Follows the job while it runs.
  const printing = stage?.kind === 'print' && (stage.state.state === 'checking' || stage.state.state === 'printing');
  useEffect(() => {
    if (!printing) return;
    const timer = setInterval(() => {
      void api.documents.getPrintState().then((state) => setStage({ kind: 'print', state }));
    }, 500);
    return () => clearInterval(timer);
  }, [api, printing]);

  if (failed) return <LoadProblem message={t('common.error')} />;
  if (!form || !stage) return <Screen aria-busy="true">{null}</Screen>;

  if (stage.kind === 'preview' || stage.kind === 'print') {
    const layout = stage.kind === 'preview' ? stage.layout : null;
    return (
      <Screen width="wide" data-testid="doc-preview-screen">
        <ScreenHeader>
          <ScreenTitle data-screen-heading tabIndex={-1}>
            {t('documents.preview.title')}
          </ScreenTitle>
          <p className={styles.lead}>{t('documents.preview.lead')}</p>
        </ScreenHeader>
        {stage.kind === 'print' ? (
          <PrintStatus
            state={stage.state}
            labels={form.fields.filter((f) => visible.includes(f.id)).map((f) => f.label)}
            slip={{ kind: 'document', typeId, answers: answers as never }}
            onAgain={() => void print()}
            onEdit={() => setStage({ kind: 'ask', fieldId: visible[0] ?? '' })}
          />
        ) : (
          <div className={styles.actions}>
            <Button onClick={() => void print()} disabled={!layout} data-testid="doc-print">
              {t('documents.preview.print')}
            </Button>
            <Button variant="secondary" onClick={() => setStage({ kind: 'ask', fieldId: visible[0] ?? '' })} data-testid="doc-edit">
              {t('documents.preview.edit')}
            </Button>
          </div>
        )}
        {problems.length > 0 && <Problems problems={problems} />}
        {layout ? <DocumentPreview layout={layout} /> : stage.kind === 'preview' && <p className={styles.lead}>{t('documents.preview.making')}</p>}
      </Screen>
    );
  }

  const field = form.fields.find((f) => f.id === stage.fieldId) ?? form.fields[0];
  if (!field) return <LoadProblem message={t('common.error')} />;
  const position = visible.indexOf(field.id) + 1;
  const value = answers[field.id];
  const back = previousFieldId(visible, field.id);
  return (
    <Screen data-testid="doc-question" data-field={field.id}>
      <ScreenHeader>
        <p className={styles.progress}>
          <Zh>{form.type.name}</Zh> · {t('documents.progress', { current: position, total: visible.length })}
        </p>
        <ScreenTitle data-screen-heading tabIndex={-1} key={field.id}>
          <Zh>{field.question}</Zh>
        </ScreenTitle>
        {field.help && (
          <p className={styles.help}>
            <Zh>{field.help}</Zh>
          </p>
        )}
        {!field.required && <p className={styles.help}>{t('documents.optional')}</p>}
      </ScreenHeader>
      {problems.length > 0 && <Problems problems={problems} />}
      {field.type === 'party' ? (
        <PartyInput key={field.id} field={field} value={value} today={today} onChange={(v) => change(field.id, v)} />
      ) : (
        <FieldInput
          key={field.id}
          field={field}
          value={value}
          today={today}
          onChange={(v) => change(field.id, v)}
          onNext={(chosen) => void next(field.id, chosen === undefined ? undefined : { ...answers, [field.id]: chosen })}
        />
      )}
      <div className={styles.actions}>
        {field.type !== 'choice' && (
          <Button
            onClick={() => {
              const sent = shownValue(field, value, today);
              if (sent === value) return void next(field.id);
              change(field.id, sent ?? null);
              void next(field.id, { ...answers, [field.id]: sent ?? null });
            }}
            data-testid="doc-next"
          >
            {t('documents.next')}
          </Button>
        )}
        {!field.required && (
          <SkipButton
            onSkip={() => {
              const rest = { ...answers };
              delete rest[field.id];
              setAnswers(rest);
              void next(field.id, rest);
            }}
          />
        )}
        {back && (
          <Button
            variant="secondary"
            onClick={() => {
              setProblems([]);
              setStage({ kind: 'ask', fieldId: back });
            }}
            data-testid="doc-back"
          >
            {t('documents.back')}
          </Button>
        )}
      </div>
    </Screen>
  );
}

function Problems({ problems }: { problems: DocumentAnswerProblem[] }) {
  const t = useT();
  return (
    <div className={styles.error} role="alert" data-testid="doc-problems">
      <p>{t('documents.problems')}</p>
      <ul>
        {problems.map((p) => (
          <li key={`${p.field}:${p.reason}`}>
            <Zh>{p.reason}</Zh>
          </li>
        ))}
      </ul>
    </div>
  );
}

function PrintStatus({
  state,
  labels,
  slip,
  onAgain,
  onEdit,
}: {
  state: A4PrintState;
  labels: string[];
  /** The 手写提示 slip on the receipt printer, offered when there is no A4 printer. */
  slip: ReceiptTarget;
  onAgain(): void;
  onEdit(): void;
}) {
  const t = useT();
  const [slipOpen, setSlipOpen] = useState(false);
  const finished = state.state === 'done' || state.state === 'failed';
  return (
    <div
      className={state.state === 'failed' ? styles.error : styles.notice}
      role="status"
      aria-live="polite"
      data-testid="doc-print-state"
      data-state={state.state}
      data-reason={state.reason ?? ''}
    >
      <p className={styles.printMessage}>
        <Zh>{state.message}</Zh>
      </p>
      {/* No A4 printer here: the resident fills the form at the service window; these are its rows. */}
      {state.reason === 'no-printer' && <p data-testid="doc-hand-fill">{t('documents.print.noPrinterSlip', { labels: labels.join('、') })}</p>}
      {state.reason === 'no-printer' && slipOpen && <PrintPanel target={slip} onClose={() => setSlipOpen(false)} />}
      {finished && (
        <div className={styles.actions}>
          {state.reason === 'no-printer' && !slipOpen && (
            <Button onClick={() => setSlipOpen(true)} data-testid="doc-hand-fill-slip">
              {t('documents.print.handFillSlip')}
            </Button>
          )}
          {state.reason !== 'no-printer' && (
            <Button variant="secondary" onClick={onAgain} data-testid="doc-print-again">
              {t('documents.print.again')}
            </Button>
          )}
          <Button variant="secondary" onClick={onEdit}>
            {t('documents.preview.edit')}
          </Button>
        </div>
      )}
    </div>
  );
}
