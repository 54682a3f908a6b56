import { useId, useState } from 'react';
import type { PrintJob, ReceiptTarget } from '../../../../electron/common/contract/receipt-api';
import { useT } from '../../i18n/I18nProvider';
import { useRemote } from '../../lib/use-remote';
import { Button } from '../ui/Button';
import { Notice, SectionTitle } from '../ui/Card';
import { StatusLine } from '../ui/Screen';
import { canPrint, jobPhase, jobView, printerNotice } from './print-view';
import { ReceiptPaper } from './ReceiptPaper';
import { useReceiptsApi } from './receipts-client';
import { usePrintStatus } from './use-print-status';
import styles from './print-panel.module.css';

export interface PrintPanelProps {
  /** What to print; the host builds the slip from its own content. */
  target: ReceiptTarget;
  onClose(): void;
}

/**
 * 打印: the slip exactly as the host laid it out, the printer's state in plain words, and the
 * resident's job from 打印 to 取走纸条. A job waits for paper on its own (取消 stops it); after an
 * interruption it is offered again (重新打印), never reprinted automatically. The kiosk keeps working
 * whatever the printer does.
 */
export function PrintPanel({ target, onClose }: PrintPanelProps) {
  const t = useT();
  const api = useReceiptsApi();
  const status = usePrintStatus();
  const titleId = useId();
  const targetKey = JSON.stringify(target);
  const [preview, reload] = useRemote(() => {
    switch (target.kind) {
      case 'outcome':
        return api.receipts.previewOutcome({
          procedureId: target.procedureId,
          outcomeId: target.outcomeId,
          ...(target.reasons ? { reasons: [...target.reasons] } : {}),
          ...(target.fills ? { fills: { ...target.fills } } : {}),
          ...(target.applicant ? { applicant: target.applicant } : {}),
        });
      case 'article':
        return api.receipts.previewArticle({ key: target.key });
      case 'qa':
        return api.receipts.previewQa({ id: target.id });
      case 'document':
        return api.receipts.previewDocument({ typeId: target.typeId, answers: target.answers });
    }
  }, [api, targetKey]);
  const [sent, setSent] = useState<{ job: PrintJob; reference: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  const printer = status?.printer.state ?? null;
  const notice = printerNotice(printer);
  // The latest word on our job comes with the status events; until then, what print answered.
  const job = sent ? (status?.jobs.find((j) => j.id === sent.job.id) ?? sent.job) : null;
  const phase = job ? jobPhase(job, printer) : null;
  const view = phase ? jobView(phase) : null;

  const act = async (run: () => Promise<unknown>): Promise<void> => {
    setBusy(true);
    setFailed(false);
    try {
      await run();
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  const print = (reference?: string) =>
    act(async () => {
      const result = await api.receipts.print({ target, ...(reference !== undefined ? { reference } : {}) });
      if (!result) throw new Error('nothing to print');
      setSent(result);
    });

  const offerPrint = canPrint(printer) && preview.status === 'ready' && preview.value !== null && (phase === null || phase === 'cancelled');

  return (
    <section className={styles.panel} data-testid="receipt-preview-panel" aria-labelledby={titleId}>
      <SectionTitle id={titleId}>{t('receipt.title')}</SectionTitle>

      {notice.problem ? (
        <Notice role="status" data-testid="printer-state" data-printer={printer ?? 'unknown'}>
          {t(notice.key)}
          {printer !== 'not-configured' && <span className={styles.keepsWorking}>{t('receipt.keepsWorking')}</span>}
        </Notice>
      ) : (
        <StatusLine data-testid="printer-state" data-printer={printer ?? 'unknown'}>
          {t(notice.key)}
        </StatusLine>
      )}

      {job && view && (
        <div className={view.problem ? styles.jobProblem : styles.job} role="status" data-testid="print-job" data-phase={phase} data-job-state={job.state}>
          <p>{t(view.key)}</p>
          {sent && phase !== 'cancelled' && <p>{t('receipt.reference', { reference: sent.reference })}</p>}
          {(view.cancel || view.reprint) && (
            <div className={styles.actions}>
              {view.reprint === 'retry' && (
                <Button disabled={busy} onClick={() => void act(() => api.receipts.retry({ id: job.id }))} data-testid="print-retry">
                  {t('receipt.reprint')}
                </Button>
              )}
              {view.reprint === 'again' && (
                <Button disabled={busy} onClick={() => void print()} data-testid="print-again">
                  {t('receipt.reprint')}
                </Button>
              )}
              {view.cancel && (
                <Button variant="secondary" disabled={busy} onClick={() => void act(() => api.receipts.cancel({ id: job.id }))} data-testid="print-cancel">
                  {t('receipt.cancel')}
                </Button>
              )}
            </div>
          )}
        </div>
      )}
      {failed && <Notice data-testid="print-error">{t('receipt.printError')}</Notice>}

      <div className={styles.actions}>
        {offerPrint && preview.status === 'ready' && preview.value && (
          <Button
            className={styles.printButton}
            disabled={busy}
            onClick={() => void print(phase === 'cancelled' ? undefined : preview.value?.reference)}
            data-testid="receipt-print"
          >
            {t('receipt.print')}
          </Button>
        )}
        <Button variant="secondary" onClick={onClose} data-testid="receipt-close">
          {t('receipt.close')}
        </Button>
      </div>

      {preview.status === 'loading' && <StatusLine live={false}>{t('receipt.loading')}</StatusLine>}
      {(preview.status === 'error' || (preview.status === 'ready' && preview.value === null)) && (
        <div className={styles.actions}>
          <p>{t('receipt.error')}</p>
          <Button onClick={reload}>{t('common.retry')}</Button>
        </div>
      )}
      {preview.status === 'ready' && preview.value && (
        <>
          <p>{t('receipt.lead')}</p>
          {preview.value.layout.issues.length > 0 && <Notice>{t('receipt.issues')}</Notice>}
          <ReceiptPaper layout={preview.value.layout} />
        </>
      )}
    </section>
  );
}
