import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { ProcedureBundle } from '../../../../electron/common/contract/procedures-api';
import {
  answer,
  back,
  confirmSummary,
  currentView,
  isAnswerError,
  restart,
  startSession,
  type ProcedureContext,
  type ProcedureSession,
  type SummaryView,
} from '../../../../kiosk-content/src/procedures/common';
import { RemoteContent } from '../../components/remote/RemoteContent';
import { StepBackProvider, type StepBackHandler } from '../../components/steps/step-back';
import type { StepInput } from '../../components/steps/step-input';
import form from '../../components/steps/step-form.module.css';
import { Button } from '../../components/ui/Button';
import { PlainList } from '../../components/ui/Card';
import { Eyebrow, Screen, ScreenTitle } from '../../components/ui/Screen';
import { CONTENT_LANG } from '../../i18n/content-language';
import { useT } from '../../i18n/I18nProvider';
import { useNavigation, useScreenBack } from '../../lib/navigation';
import { useRemote } from '../../lib/use-remote';
import { useProcedureStats } from '../../lib/use-procedure-stats';
import { useGuidesApi } from './guides-client';
import { guidesLayout } from './guides-layout';
import { OutcomePanel } from './OutcomePanel';
import { recallProcedure, rememberProcedure } from './procedure-memory';
import { backToStep, localToday, progressShare } from './procedure-view';
import { StepForm } from './StepForm';
import progressBar from '../../components/ui/progress-bar.module.css';
import styles from './guides.module.css';

/** One guided procedure: loads it, then runs the engine on screen. `idCardStep` is the ID-card step's input (features/idcard, wired in app/screens.tsx). */
export function ProcedureScreen({ id, idCardStep }: { id: string; idCardStep: StepInput }) {
  const api = useGuidesApi();
  const [state, retry] = useRemote(() => api.procedures.get({ id }), [api, id]);
  return (
    <RemoteContent state={state} retry={retry} notFound="procedure.notFound" layout={guidesLayout}>
      {(bundle) => <ProcedureRun bundle={bundle} idCardStep={idCardStep} />}
    </RemoteContent>
  );
}

/**
 * One question per screen, then the summary to confirm, then the outcome. The session lives here
 * (and in procedure-memory while a cited article covers the screen); 首页 drops it.
 */
function ProcedureRun({ bundle, idCardStep }: { bundle: ProcedureBundle; idCardStep: StepInput }) {
  const navigation = useNavigation();
  const { procedure } = bundle;
  const entryKey = navigation.current.key;
  const [restored] = useState(() => recallProcedure(entryKey));
  const [session, setSession] = useState<ProcedureSession>(() =>
    restored && restored.session.procedureId === procedure.id ? restored.session : startSession(procedure),
  );
  const [previewOpen, setPreviewOpen] = useState(restored?.previewOpen ?? false);
  const [error, setError] = useState<string | null>(null);
  // Today is read once per screen: a session that passes midnight keeps one date.
  const context = useMemo<ProcedureContext>(
    () => ({ config: bundle.config, today: localToday(new Date()), calendar: bundle.calendar }),
    [bundle.config, bundle.calendar],
  );
  const view = useMemo(() => currentView(procedure, session, context), [procedure, session, context]);
  const heading = useRef<HTMLHeadingElement>(null);

  const latest = useRef({ session, previewOpen });
  latest.current = { session, previewOpen };
  useEffect(() => () => rememberProcedure(entryKey, latest.current), [entryKey]);

  // Each new question starts at the top with the heading focused (as a new screen does).
  const viewKey = view.kind === 'step' ? `step:${view.stepId}` : view.kind;
  useProcedureStats(procedure.id, view.kind === 'step' ? view.stepId : view.kind);
  const firstView = useRef(true);
  useEffect(() => {
    if (firstView.current) {
      firstView.current = false;
      return;
    }
    heading.current?.closest('main')?.scrollTo({ top: 0 });
    heading.current?.focus({ preventScroll: true });
  }, [viewKey]);

  const move = (next: ProcedureSession): void => {
    setError(null);
    setPreviewOpen(false);
    setSession(next);
  };
  const onAnswer = (value: unknown): void => {
    const next = answer(procedure, session, value, context);
    if (isAnswerError(next)) setError(next.message);
    else move(next);
  };
  // A step with screens of its own goes back within itself first (components/steps/step-back.tsx).
  const stepBack = useRef<StepBackHandler | null>(null);
  // The top bar's one 返回: within the step, then the previous question; at the first question
  // there is no earlier one, so it goes to the previous screen (the list).
  useScreenBack(() => {
    if (view.kind === 'step' && stepBack.current?.()) return;
    if (view.kind === 'step' && !view.canGoBack) navigation.back();
    else move(back(procedure, session));
  });

  return (
    <Screen
      {...guidesLayout}
      // The outcome uses the whole width of a landscape screen (two columns); questions keep the reading width.
      width={view.kind === 'outcome' ? 'full' : (guidesLayout.width ?? 'reading')}
      className={styles.procedureScreen}
      data-testid="procedure-screen"
      data-view={view.kind}
      data-step={view.kind === 'step' ? view.stepId : undefined}
    >
      <header className={styles.procedureHeader}>
        <div className={styles.procedureTitle}>
          <Eyebrow id="procedure-title" lang={CONTENT_LANG}>
            {procedure.title}
          </Eyebrow>
          {view.kind === 'step' && <Progress stepNumber={view.stepNumber} totalSteps={view.totalSteps} />}
        </div>
      </header>

      {view.kind === 'step' && (
        <section className={styles.question}>
          <ScreenTitle ref={heading} lang={CONTENT_LANG} data-testid="question">
            {view.title}
          </ScreenTitle>
          {view.help && (
            <p className={styles.help} lang={CONTENT_LANG}>
              {view.help}
            </p>
          )}
          <StepBackProvider slot={stepBack}>
            <StepForm view={view} today={context.today} onAnswer={onAnswer} idCardStep={idCardStep} />
          </StepBackProvider>
          {error && (
            // The procedure engine words its messages from the content (「请填写1到20之间的数（单位：人）。」).
            <p className={styles.error} role="alert" lang={CONTENT_LANG} data-testid="answer-error">
              {error}
            </p>
          )}
        </section>
      )}

      {view.kind === 'summary' && (
        <Summary
          view={view}
          headingRef={heading}
          onEdit={(stepId) => move(backToStep(procedure, session, stepId, context))}
          onConfirm={() => move(confirmSummary(session))}
        />
      )}

      {view.kind === 'outcome' && (
        <OutcomePanel
          procedure={procedure}
          view={view}
          offices={bundle.offices}
          lawNotices={bundle.lawNotices}
          headingRef={heading}
          previewOpen={previewOpen}
          onPreview={setPreviewOpen}
          onRestart={() => move(restart(procedure))}
        />
      )}
    </Screen>
  );
}

/**
 * 第 n 步 and a bar. Paths differ in length, so no 共 m 步 that could shrink: the bar shows the
 * share done against the longest way on from here, which only ever grows (each answer adds one
 * done step and takes at least one off the longest remaining way).
 */
function Progress({ stepNumber, totalSteps }: { stepNumber: number; totalSteps: number }) {
  const t = useT();
  const share = progressShare(stepNumber, totalSteps);
  return (
    <div className={styles.progress} data-testid="progress" data-step-number={stepNumber} data-share={share.toFixed(4)}>
      <span>{t('procedure.progress', { n: stepNumber })}</span>
      <span
        className={`${progressBar.track} ${styles.progressBar}`}
        role="progressbar"
        aria-label={t('procedure.progress', { n: stepNumber })}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(share * 100)}
      >
        <span className={progressBar.fill} style={{ width: `${share * 100}%` }} />
      </span>
    </div>
  );
}

function Summary({
  view,
  headingRef,
  onEdit,
  onConfirm,
}: {
  view: SummaryView;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onEdit(stepId: string): void;
  onConfirm(): void;
}) {
  const t = useT();
  return (
    <section className={styles.question} data-testid="summary">
      <ScreenTitle ref={headingRef}>{t('procedure.summary.title')}</ScreenTitle>
      <p className={styles.help}>{t('procedure.summary.lead')}</p>
      <PlainList>
        {view.rows.map((row) => (
          <li key={row.stepId} className={styles.summaryRow} data-testid="summary-row">
            <div className={styles.summaryText} lang={CONTENT_LANG}>
              <span className={styles.summaryQuestion}>{row.question}</span>
              <span className={styles.summaryAnswer}>{row.answerText}</span>
            </div>
            <Button variant="secondary" onClick={() => onEdit(row.stepId)} data-testid="summary-edit" data-step={row.stepId}>
              {t('procedure.summary.edit')}
            </Button>
          </li>
        ))}
      </PlainList>
      <div className={form.formActions}>
        <Button size="large" onClick={onConfirm} data-testid="summary-confirm">
          {t('procedure.summary.confirm')}
        </Button>
      </div>
    </section>
  );
}
