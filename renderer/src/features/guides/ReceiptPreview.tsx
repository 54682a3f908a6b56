import type { CSSProperties } from 'react';
import type { ReceiptLayout } from '../../../../electron/common/contract/receipt-api';
import { Button } from '../../components/ui/Button';
import { Notice, SectionTitle } from '../../components/ui/Card';
import { StatusLine } from '../../components/ui/Screen';
import { useT } from '../../i18n/I18nProvider';
import { useRemote } from '../../lib/use-remote';
import { useDeviceStatus } from '../home/use-device-status';
import { useGuidesApi } from './guides-client';
import { DOTS_PER_CELL, previewRows } from './procedure-view';
import styles from './guides.module.css';

/** Screen pixels per printer dot: a CJK cell pair (24 dots) is drawn 30 px wide, above the 24 px text minimum. */
const PX_PER_DOT = 1.25;

/**
 * 打印: the slip exactly as the host laid it out, and the printer's state in plain words. Printing
 * itself arrives with the printer (receipts.print): until then this says it cannot print — never a
 * pretend success.
 */
export function ReceiptPreviewPanel({ procedureId, outcomeId, reasons, onClose }: { procedureId: string; outcomeId: string; reasons: readonly string[]; onClose(): void }) {
  const t = useT();
  const api = useGuidesApi();
  const devices = useDeviceStatus();
  const [state, retry] = useRemote(() => api.receipts.previewOutcome({ procedureId, outcomeId, reasons: [...reasons] }), [api, procedureId, outcomeId, reasons.join('\n')]);
  const printer = devices?.printer.state;

  return (
    <section className={styles.previewPanel} data-testid="receipt-preview-panel" aria-labelledby="receipt-title">
      <SectionTitle id="receipt-title">{t('receipt.title')}</SectionTitle>
      <Notice role="status" data-testid="printer-state" data-printer={printer ?? 'unknown'}>
        {printer === 'not-configured' ? t('receipt.printer.notConfigured') : t('receipt.printer.unavailable')}
      </Notice>
      {/* The printer line above is the live region of this panel. */}
      {state.status === 'loading' && <StatusLine live={false}>{t('receipt.loading')}</StatusLine>}
      {(state.status === 'error' || (state.status === 'ready' && state.value === null)) && (
        <div className={styles.formActions}>
          <p>{t('receipt.error')}</p>
          <Button onClick={retry}>{t('common.retry')}</Button>
        </div>
      )}
      {state.status === 'ready' && state.value && (
        <>
          <p>{t('receipt.lead')}</p>
          {state.value.layout.issues.length > 0 && <Notice>{t('receipt.issues')}</Notice>}
          <ReceiptPaper layout={state.value.layout} />
        </>
      )}
      <div className={styles.formActions}>
        <Button variant="secondary" onClick={onClose} data-testid="receipt-close">
          {t('receipt.close')}
        </Button>
      </div>
    </section>
  );
}

/** The layout on a grid of 12-dot cells, each glyph placed on its own cells (no font metrics involved). */
export function ReceiptPaper({ layout }: { layout: ReceiptLayout }) {
  const { rows, heightDots } = previewRows(layout);
  const px = (dots: number): string => `${dots * PX_PER_DOT}px`;
  const cellPx = DOTS_PER_CELL * PX_PER_DOT;
  return (
    <div className={styles.paperWrap}>
      <div
        className={styles.paper}
        style={{ width: px(layout.dots), height: px(heightDots) }}
        data-testid="receipt-preview"
        data-columns={layout.columns}
        role="img"
        aria-label={layout.lines.map((l) => (l.kind === 'text' ? l.text : '')).join(' ')}
      >
        {rows.map((row, index) => {
          if (row.kind === 'text') {
            return (
              <div
                key={index}
                className={`${styles.paperLine} ${row.bold ? styles.paperBold : ''}`}
                style={{ top: px(row.top), height: px(row.height) }}
                data-line={index}
                data-text={row.glyphs.map((g) => g.char).join('')}
              >
                {row.glyphs.map((glyph, g) => (
                  <span
                    key={g}
                    className={styles.glyph}
                    style={
                      {
                        left: `${glyph.cell * cellPx}px`,
                        width: `${glyph.cells * cellPx}px`,
                        '--glyph-scale-x': row.widthScale,
                        '--glyph-scale-y': row.heightScale,
                      } as CSSProperties
                    }
                  >
                    {glyph.char}
                  </span>
                ))}
              </div>
            );
          }
          if (row.kind === 'qr') {
            return <div key={index} className={styles.paperQr} style={{ top: px(row.top), left: px(row.left), width: px(row.size), height: px(row.size) }} data-qr={row.payload} />;
          }
          return <div key={index} className={styles.paperCut} style={{ top: px(row.top + row.height / 2) }} data-cut />;
        })}
      </div>
    </div>
  );
}
