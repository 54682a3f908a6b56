import type { RefObject } from 'react';
import type { OfficeView } from '../../../../electron/common/contract/procedures-api';
import type { OutcomeView, Procedure } from '../../../../kiosk-content/src/common/procedures';
import { BookIcon, ChevronIcon } from '../../components/ui/icons';
import { Button } from '../../components/ui/Button';
import { useT } from '../../i18n/I18nProvider';
import { useNavigation } from '../../lib/navigation';
import { useKioskApi } from '../../platform/kiosk-api';
import { HelpCard } from '../search/HelpCard';
import { useRemote } from '../search/use-remote';
import { citeKey, officeFor, officeLines } from './procedure-view';
import { ReceiptPreviewPanel } from './ReceiptPreview';
import styles from './guides.module.css';

export interface OutcomePanelProps {
  procedure: Procedure;
  view: OutcomeView;
  offices: readonly OfficeView[];
  headingRef: RefObject<HTMLHeadingElement | null>;
  previewOpen: boolean;
  onPreview(open: boolean): void;
  onRestart(): void;
}

/** The plan: conclusion, steps, what to bring, where to go, time limits, the law, related Q&A. */
export function OutcomePanel({ procedure, view, offices, headingRef, previewOpen, onPreview, onRestart }: OutcomePanelProps) {
  const t = useT();
  const api = useKioskApi();
  const navigation = useNavigation();
  const { outcome } = view;
  const office = officeFor(outcome.office, offices);

  // Which citations this terminal can open (only with the law library installed).
  const [available] = useRemote(
    () => Promise.all(outcome.cites.map((cite) => api.library.getArticle({ key: citeKey(cite) }).then((a) => a !== null, () => false))),
    [api, outcome.id],
  );
  const [related] = useRemote(
    () =>
      Promise.all(outcome.related.map((id) => api.qa.get({ id }).then((qa) => (qa ? { id, question: qa.question } : null), () => null))).then((list) =>
        list.filter((item): item is { id: string; question: string } => item !== null),
      ),
    [api, outcome.id],
  );
  const citeOpen = (index: number): boolean => available.status === 'ready' && available.value[index] === true;
  const anyClosed = available.status === 'ready' && available.value.some((open) => !open);

  return (
    <section className={styles.outcome} data-testid="outcome" data-outcome={view.outcomeId}>
      <div className={`${styles.conclusionCard} ${styles[`kind-${outcome.kind}`] ?? ''}`}>
        <p className={styles.eyebrow}>{t('procedure.outcome.eyebrow')}</p>
        <h1 className={styles.conclusion} ref={headingRef} tabIndex={-1} data-screen-heading data-testid="conclusion">
          {outcome.conclusion}
        </h1>
        {view.reasons.length > 0 && (
          <div className={styles.reasons} data-testid="reasons">
            <h2 className={styles.reasonsTitle}>{t('procedure.outcome.reasons')}</h2>
            {view.reasons.map((reason, index) => (
              <p key={index}>{reason}</p>
            ))}
          </div>
        )}
      </div>

      <div className={styles.outcomeActions}>
        <Button onClick={() => onPreview(true)} data-testid="print">
          {t('procedure.outcome.print')}
        </Button>
        <Button variant="secondary" onClick={onRestart} data-testid="restart">
          {t('procedure.outcome.restart')}
        </Button>
      </div>

      {previewOpen && <ReceiptPreviewPanel procedureId={procedure.id} outcomeId={view.outcomeId} reasons={view.reasons} onClose={() => onPreview(false)} />}

      <section className={styles.card} data-testid="outcome-steps">
        <h2 className={styles.sectionTitle}>{t('procedure.outcome.steps')}</h2>
        <ol className={styles.numbered}>
          {outcome.steps.map((step, index) => (
            <li key={index}>
              <span className={styles.number}>{index + 1}</span>
              <span>{step}</span>
            </li>
          ))}
        </ol>
      </section>

      {outcome.materials.length > 0 && (
        <section className={styles.card} data-testid="outcome-materials">
          <h2 className={styles.sectionTitle}>{t('procedure.outcome.materials')}</h2>
          <ul className={styles.checklist}>
            {outcome.materials.map((material, index) => (
              <li key={index}>
                <span className={styles.checkbox} aria-hidden="true" />
                <span>{material}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className={styles.card} data-testid="outcome-office">
        <h2 className={styles.sectionTitle}>{t('procedure.outcome.office')}</h2>
        {office ? (
          <>
            <p className={styles.officeName}>{office.name}</p>
            {officeLines(office).map((line) => (
              <p key={line.field}>{t(`procedure.outcome.${line.field}`, { value: line.value ?? t('procedure.outcome.askStaff') })}</p>
            ))}
          </>
        ) : (
          <p>{t('procedure.outcome.askStaff')}</p>
        )}
      </section>

      {outcome.deadlines.length > 0 && (
        <section className={styles.card} data-testid="outcome-deadlines">
          <h2 className={styles.sectionTitle}>{t('procedure.outcome.deadlines')}</h2>
          <ul className={styles.bullets}>
            {outcome.deadlines.map((deadline, index) => (
              <li key={index}>
                {deadline.text}
                <span className={styles.deadlineCite}>
                  （{deadline.cite.law}
                  {deadline.cite.label}）
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className={styles.card} data-testid="outcome-cites">
        <h2 className={styles.sectionTitle}>{t('procedure.outcome.cites')}</h2>
        <ul className={styles.citeList}>
          {outcome.cites.map((cite, index) => (
            <li key={citeKey(cite)}>
              {citeOpen(index) ? (
                <button type="button" className={styles.cite} onClick={() => navigation.open('article', { key: citeKey(cite) })} data-testid="outcome-cite">
                  <BookIcon className={styles.citeIcon} />
                  <span className={styles.citeText}>
                    <span className={styles.citeTitle}>
                      {cite.law}
                      {cite.label}
                    </span>
                    <span className={styles.citeHint}>{t('procedure.outcome.citeOpen')}</span>
                  </span>
                  <ChevronIcon className={styles.citeIcon} />
                </button>
              ) : (
                <p className={styles.citePlain} data-testid="outcome-cite-plain">
                  <BookIcon className={styles.citeIcon} />
                  {cite.law}
                  {cite.label}
                </p>
              )}
            </li>
          ))}
        </ul>
        {anyClosed && <p className={styles.note}>{t('procedure.outcome.citesUnavailable')}</p>}
      </section>

      {related.status === 'ready' && related.value.length > 0 && (
        <section className={styles.card} data-testid="outcome-related">
          <h2 className={styles.sectionTitle}>{t('procedure.outcome.related')}</h2>
          <ul className={styles.citeList}>
            {related.value.map((qa) => (
              <li key={qa.id}>
                <button type="button" className={styles.cite} onClick={() => navigation.open('qa', { id: qa.id })} data-testid="outcome-related-qa">
                  <span className={styles.citeText}>{qa.question}</span>
                  <ChevronIcon className={styles.citeIcon} />
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      <p className={styles.disclaimer} data-testid="disclaimer">
        {t('procedure.outcome.disclaimer')}
      </p>
      <HelpCard />
    </section>
  );
}
