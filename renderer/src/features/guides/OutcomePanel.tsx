import { DocumentOffers } from '../../components/documents/DocumentOffers';
import type { RefObject } from 'react';
import type { OfficeView } from '../../../../electron/common/contract/procedures-api';
import type { OutcomeView, Procedure } from '../../../../kiosk-content/src/procedures/common';
import { HelpCard } from '../../components/help/HelpCard';
import { PrintPanel } from '../../components/receipts/PrintPanel';
import { receiptApplicant } from '../../components/receipts/receipt-applicant';
import { Button } from '../../components/ui/Button';
import { Card, Notice, PlainList, SectionTitle } from '../../components/ui/Card';
import { Fold } from '../../components/ui/Fold';
import { BookIcon } from '../../components/ui/icons';
import { LinkRow, PlainRow } from '../../components/ui/LinkRow';
import { Eyebrow, ScreenTitle } from '../../components/ui/Screen';
import { CONTENT_LANG, Message, Zh } from '../../i18n/content-language';
import { useT } from '../../i18n/I18nProvider';
import { useSession } from '../../app/session/SessionProvider';
import { useNavigation } from '../../lib/navigation';
import { useRemote } from '../../lib/use-remote';
import { useKioskApi } from '../../platform/kiosk-api';
import { citeKey, officeLines, officesFor } from './procedure-view';
import disc from '../../components/ui/disc.module.css';
import styles from './guides.module.css';

export interface OutcomePanelProps {
  procedure: Procedure;
  view: OutcomeView;
  offices: readonly OfficeView[];
  /** Laws the procedure cites that were revised after the library snapshot, with their notice. */
  lawNotices: readonly { law: string; notice: string }[];
  headingRef: RefObject<HTMLHeadingElement | null>;
  previewOpen: boolean;
  onPreview(open: boolean): void;
  onRestart(): void;
}

/** The plan: conclusion, what to bring, where to go, 打印; then (folded) steps, time limits, the law, related Q&A. */
export function OutcomePanel({ procedure, view, offices, lawNotices, headingRef, previewOpen, onPreview, onRestart }: OutcomePanelProps) {
  const t = useT();
  const api = useKioskApi();
  const navigation = useNavigation();
  const session = useSession();
  const { outcome } = view;
  const here = officesFor(outcome.office, offices);

  // Which citations this terminal can open (only with the law library installed).
  const [available] = useRemote(
    () =>
      Promise.all(
        outcome.cites.map((cite) =>
          api.library.getArticle({ key: citeKey(cite) }).then(
            (a) => a !== null,
            () => false,
          ),
        ),
      ),
    [api, outcome.id],
  );
  const [related] = useRemote(
    () =>
      Promise.all(
        outcome.related.map((id) =>
          api.qa.get({ id }).then(
            (qa) => (qa ? { id, question: qa.question } : null),
            () => null,
          ),
        ),
      ).then((list) => list.filter((item): item is { id: string; question: string } => item !== null)),
    [api, outcome.id],
  );
  const citeOpen = (index: number): boolean => available.status === 'ready' && available.value[index] === true;
  const anyClosed = available.status === 'ready' && available.value.some((open) => !open);

  // First screen: the result, what to bring, where to go and 打印 (the slip keeps everything).
  // The steps, time limits, the law and related answers are folded, one tap each.
  return (
    <section className={styles.outcome} data-testid="outcome" data-outcome={view.outcomeId}>
      <div className={styles.outcomeTop}>
        <div className={styles.outcomeLead}>
          <div className={`${styles.conclusionCard} ${styles[`kind-${outcome.kind}`] ?? ''}`} data-testid="outcome-result">
            <Eyebrow>{t('procedure.outcome.eyebrow')}</Eyebrow>
            <ScreenTitle ref={headingRef} lang={CONTENT_LANG} data-testid="conclusion">
              {outcome.conclusion}
            </ScreenTitle>
            {view.reasons.length > 0 && (
              <div className={styles.reasons} data-testid="reasons">
                <h2 className={styles.reasonsTitle}>{t('procedure.outcome.reasons')}</h2>
                {view.reasons.map((reason, index) => (
                  <p key={index} lang={CONTENT_LANG}>
                    {reason}
                  </p>
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
            {/* 完成 ends the resident's session: answers, previews and ID-card fields are forgotten. */}
            <Button variant="secondary" onClick={() => session.end('finish')} data-testid="finish">
              {t('procedure.outcome.finish')}
            </Button>
          </div>

          {previewOpen && (
            <PrintPanel
              target={{
                kind: 'outcome',
                procedureId: procedure.id,
                outcomeId: view.outcomeId,
                reasons: [...view.reasons],
                fills: { ...view.fills },
                ...receiptApplicant(view.applicant),
              }}
              onClose={() => onPreview(false)}
            />
          )}
        </div>

        <div className={styles.outcomeEssentials}>
          {outcome.materials.length > 0 && (
            <Card data-testid="outcome-materials">
              <SectionTitle>{t('procedure.outcome.materials')}</SectionTitle>
              <PlainList className={styles.checklist}>
                {outcome.materials.map((material, index) => (
                  <li key={index}>
                    <span className={styles.checkbox} aria-hidden="true" />
                    <span lang={CONTENT_LANG}>{material}</span>
                  </li>
                ))}
              </PlainList>
            </Card>
          )}

          <Card data-testid="outcome-office">
            <SectionTitle>{t('procedure.outcome.office')}</SectionTitle>
            {here.length > 0 ? (
              here.map((office) => (
                <div key={office.id} data-testid="office" data-office-id={office.id}>
                  <p className={styles.officeName} lang={CONTENT_LANG}>
                    {office.name}
                  </p>
                  {officeLines(office).map((line) => (
                    <p key={line.field}>
                      <Message
                        id={`procedure.outcome.${line.field}`}
                        values={{ value: line.value === null ? t('procedure.outcome.askStaff') : <Zh>{line.value}</Zh> }}
                      />
                    </p>
                  ))}
                </div>
              ))
            ) : (
              <p>{t('procedure.outcome.askStaff')}</p>
            )}
          </Card>
        </div>
      </div>

      {/* Papers this outcome can help write: below the first screen's essentials, above the folds. */}
      <DocumentOffers filter={(d) => d.offeredBy.includes(`${procedure.id}/${view.outcomeId}`)} />

      {lawNotices
        .filter((n) => outcome.cites.some((c) => c.law === n.law) || outcome.deadlines.some((d) => d.cite.law === n.law))
        .map((n) => (
          <Notice key={n.law} data-testid="outcome-vintage" lang={CONTENT_LANG}>
            {n.notice}。
          </Notice>
        ))}

      <div className={styles.folds}>
        <Fold title={t('procedure.outcome.steps')} data-testid="outcome-steps-fold">
          <PlainList as="ol" className={styles.numbered} data-testid="outcome-steps">
            {outcome.steps.map((step, index) => (
              <li key={index}>
                <span className={`${disc.disc} ${styles.number}`}>{index + 1}</span>
                <span lang={CONTENT_LANG}>{step}</span>
              </li>
            ))}
          </PlainList>
        </Fold>

        {outcome.deadlines.length > 0 && (
          <Fold title={t('procedure.outcome.deadlines')} data-testid="outcome-deadlines-fold">
            <PlainList className={styles.bullets} data-testid="outcome-deadlines">
              {outcome.deadlines.map((deadline, index) => (
                <li key={index} lang={CONTENT_LANG}>
                  {deadline.text}
                  <span className={styles.deadlineCite}>
                    （{deadline.cite.law}
                    {deadline.cite.label}）
                  </span>
                </li>
              ))}
            </PlainList>
          </Fold>
        )}

        <Fold title={t('procedure.outcome.cites')} data-testid="outcome-cites-fold">
          <PlainList className={styles.lead} data-testid="outcome-cites">
            {outcome.cites.map((cite, index) => (
              <li key={citeKey(cite)}>
                {citeOpen(index) ? (
                  <LinkRow
                    icon={<BookIcon />}
                    title={
                      <Zh>
                        {cite.law}
                        {cite.label}
                      </Zh>
                    }
                    hint={t('procedure.outcome.citeOpen')}
                    onClick={() => navigation.open('article', { key: citeKey(cite) })}
                    data-testid="outcome-cite"
                  />
                ) : (
                  <PlainRow icon={<BookIcon />} lang={CONTENT_LANG} data-testid="outcome-cite-plain">
                    {cite.law}
                    {cite.label}
                  </PlainRow>
                )}
              </li>
            ))}
          </PlainList>
          {anyClosed && <p className={styles.note}>{t('procedure.outcome.citesUnavailable')}</p>}
        </Fold>

        {related.status === 'ready' && related.value.length > 0 && (
          <Fold title={t('procedure.outcome.related')} data-testid="outcome-related">
            <PlainList className={styles.lead}>
              {related.value.map((qa) => (
                <li key={qa.id}>
                  <LinkRow title={<Zh>{qa.question}</Zh>} onClick={() => navigation.open('qa', { id: qa.id })} data-testid="outcome-related-qa" />
                </li>
              ))}
            </PlainList>
          </Fold>
        )}
      </div>

      <p className={styles.disclaimer} data-testid="disclaimer">
        {t('procedure.outcome.disclaimer')}
      </p>
      <HelpCard />
    </section>
  );
}
