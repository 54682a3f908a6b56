import type { KioskApiImpl } from '../../common/contract/kiosk-api';
import { KioskError } from '../../common/contract/kiosk-error';
import type { PrintResult, PrintStatus, ReceiptPreview, ReceiptTarget } from '../../common/contract/receipt-api';
import { createGb18030Encoder } from '../../../native-adapters/thermal-printer/node/gb18030';
import { encodeReceipt } from '../../../native-adapters/thermal-printer/receipt/encode-receipt';
import { layoutReceipt, PAPER_COLUMNS, type ReceiptLayout } from '../../../native-adapters/thermal-printer/receipt/layout-receipt';
import { buildHandFillReceipt, buildLawArticleReceipt, buildOutcomeReceipt, buildQaReceipt } from '../../common/receipts/receipt-builders';
import { formatIssuedAt, type ReceiptDocument, type ReceiptHeader } from '../../../native-adapters/thermal-printer/receipt/receipt-document';
import { terminalView, type TerminalSettings } from '../../common/config/terminal-settings';
import type { Logger } from '../system/logger';
import type { DocumentService } from './document-service';
import type { LibraryService } from './library-service';
import type { PrintService } from './print-service';
import { DEFAULT_RECEIPT_SITE, randomReference, type ProcedureService } from './procedure-service';

export interface ReceiptServiceOptions {
  terminal: TerminalSettings;
  /** The terminal's printer and its queue (built by the composition root, shared with the admin side). */
  printer: PrintService;
  logger: Logger;
  /** The services of the content shown now (they are replaced when new content is switched in). */
  procedures: () => ProcedureService;
  library: () => LibraryService;
  /** The documents (the 手写提示 slip when there is no A4 printer); absent → no such slips. */
  documents?: Pick<DocumentService, 'handFill'>;
  /** Tests: the receipt's time and reference. */
  now?: () => Date;
  reference?: () => string;
}

/** A preview handed to the screen, kept so that 打印 puts exactly that slip on paper. */
interface IssuedPreview {
  target: string;
  title: string;
  layout: ReceiptLayout;
  issuedAt: number;
}

/** Previews are remembered this long and this many (a resident prints within minutes of looking). */
const PREVIEW_TTL_MS = 30 * 60_000;
const PREVIEW_LIMIT = 16;

/** Shown to the resident when the terminal has no printer (the screen also says so before 打印). */
const NO_PRINTER = '本机没有连接打印机，暂时不能打印。可以请现场工作人员帮忙。';

/**
 * Receipts on the host: lays out a procedure outcome, a law article, a Q&A answer or the 手写提示
 * slip of a document this terminal cannot print on A4 for this
 * terminal's paper with the terminal's header (site, time, reference; the general-guidance footer
 * is added by the layout), hands the layout to the screen as the preview, and prints it through
 * PrintService. The screen names what to print, never bytes: everything on paper comes from the
 * host's own content.
 */
export class ReceiptService {
  readonly printer: PrintService;
  private readonly encode = createGb18030Encoder();
  private readonly columns: number;
  private readonly siteName: string;
  private readonly now: () => Date;
  private readonly reference: () => string;
  private readonly previews = new Map<string, IssuedPreview>();

  constructor(private readonly options: ReceiptServiceOptions) {
    this.columns = options.terminal.printer?.width === 80 ? PAPER_COLUMNS['80mm'] : PAPER_COLUMNS['58mm'];
    // Unprovisioned: the product's own name, never an invented site.
    this.siteName = terminalView(options.terminal).siteName ?? DEFAULT_RECEIPT_SITE;
    this.now = options.now ?? (() => new Date());
    this.reference = options.reference ?? (() => randomReference());
    this.printer = options.printer;
  }

  onDidChange(listener: (status: PrintStatus) => void): () => void {
    return this.printer.onDidChange(listener);
  }

  /** The resident left: their previews and the slips that cannot print now go. */
  endSession(): void {
    this.forgetPreviews();
    this.cancelStranded();
  }

  /** The resident left: previews may hold their answers (the reasons under an outcome). */
  forgetPreviews(): void {
    this.previews.clear();
  }

  /** The resident left: slips that cannot print now are cancelled (PrintService.cancelStranded). */
  cancelStranded(): string[] {
    const cancelled = this.printer.cancelStranded();
    if (cancelled.length > 0) this.options.logger.log('info', 'receipt.cancelled-at-session-end', { jobs: cancelled.length });
    return cancelled;
  }

  preview(target: ReceiptTarget): ReceiptPreview | null {
    const built = this.build(target);
    if (!built) return null;
    this.remember(built.reference, { target: targetKey(target), title: built.title, layout: built.layout, issuedAt: this.now().getTime() });
    return { layout: built.layout, reference: built.reference };
  }

  print(target: ReceiptTarget, reference?: string): PrintResult | null {
    if (this.printer.status().printer.state === 'not-configured') throw new KioskError('unavailable', NO_PRINTER);
    const shown = reference === undefined ? undefined : this.previews.get(reference);
    const fresh = shown && shown.target === targetKey(target) && this.now().getTime() - shown.issuedAt <= PREVIEW_TTL_MS;
    let slip: { title: string; layout: ReceiptLayout; reference: string };
    if (shown && fresh && reference !== undefined) {
      // Exactly the slip the resident looked at.
      slip = { title: shown.title, layout: shown.layout, reference };
      this.previews.delete(reference);
    } else {
      const built = this.build(target);
      if (!built) return null;
      slip = built;
    }
    const job = this.printer.print({ title: slip.title, bytes: encodeReceipt(slip.layout, this.encode).bytes });
    this.options.logger.log('info', 'receipt.queued', { job: job.id, kind: target.kind, reference: slip.reference });
    return { job, reference: slip.reference };
  }

  status(): PrintStatus {
    // Ask the printer now: the screen that asks is about to tell the resident whether it can print.
    this.printer.refresh();
    return this.printer.status();
  }

  /** The `receipts` part of the KioskApi. */
  api(): KioskApiImpl['receipts'] {
    return {
      previewOutcome: (input) => this.preview({ kind: 'outcome', ...input }),
      previewArticle: ({ key }) => this.preview({ kind: 'article', key }),
      previewQa: ({ id }) => this.preview({ kind: 'qa', id }),
      previewDocument: ({ typeId, answers }) => this.preview({ kind: 'document', typeId, answers }),
      print: ({ target, reference }) => this.print(target, reference),
      getStatus: () => this.status(),
      cancel: ({ id }) => this.printer.cancel(id),
      retry: ({ id }) => this.printer.retry(id),
    };
  }

  private remember(reference: string, preview: IssuedPreview): void {
    const now = this.now().getTime();
    for (const [ref, old] of this.previews) if (now - old.issuedAt > PREVIEW_TTL_MS) this.previews.delete(ref);
    this.previews.set(reference, preview);
    while (this.previews.size > PREVIEW_LIMIT) {
      const oldest = this.previews.keys().next().value;
      if (oldest === undefined) break;
      this.previews.delete(oldest);
    }
  }

  private build(target: ReceiptTarget): { title: string; layout: ReceiptLayout; reference: string } | null {
    const reference = this.reference();
    const header: ReceiptHeader = { siteName: this.siteName, issuedAt: formatIssuedAt(this.now()), reference };
    const made = this.document(target, header);
    if (!made) return null;
    return { title: made.title, layout: layoutReceipt(made.document, { columns: this.columns, encode: this.encode }), reference };
  }

  private document(target: ReceiptTarget, header: ReceiptHeader): { title: string; document: ReceiptDocument } | null {
    switch (target.kind) {
      case 'outcome': {
        const input = this.options.procedures().outcomeReceiptInput(target.procedureId, target.outcomeId, target.reasons ?? [], target.fills ?? {});
        // The applicant (masked, validated by the contract) prints on the slip; the job title never names them.
        const withApplicant = input && target.applicant ? { ...input, applicant: target.applicant } : input;
        return withApplicant ? { title: `办事指南：${withApplicant.title}`, document: buildOutcomeReceipt(header, withApplicant) } : null;
      }
      case 'article': {
        const article = this.options.library().getArticle(target.key);
        if (!article) return null;
        const lawTitle = article.lawTitle.replace(/^《|》$/g, '');
        const validity = [
          ...(article.isCurrent ? [] : ['请注意：这不是现在有效的版本。']),
          ...(article.vintageNotice !== null ? [`请注意：${article.vintageNotice}。`] : []),
          ...(article.effectiveDate !== null ? [`施行日期：${chineseDate(article.effectiveDate)}`] : []),
        ];
        return {
          title: `法条：《${lawTitle}》${article.label}`,
          document: buildLawArticleReceipt(header, {
            lawTitle,
            articleLabel: article.label,
            paragraphs: article.paragraphs,
            ...(validity.length > 0 ? { validity: validity.join('\n') } : {}),
          }),
        };
      }
      case 'qa': {
        const qa = this.options.library().getQa(target.id);
        if (!qa) return null;
        return {
          title: `问答：${qa.question}`,
          document: buildQaReceipt(header, {
            question: qa.question,
            answer: qa.answer.join('\n'),
            cites: qa.cites.map((cite) => citeLine(cite.key, cite.display)),
            notices: qa.vintageNotices,
          }),
        };
      }
      case 'document': {
        const made = this.options.documents?.handFill(target.typeId, target.answers, (offeredBy) => this.materialsOf(offeredBy));
        // The job title names the document type, never the resident or the other party.
        return made ? { title: `文书填写提示：${made.name}`, document: buildHandFillReceipt(header, made.slip) } : null;
      }
    }
  }

  /** What to bring: the materials of the first outcome that offers the document (the procedure's own list). */
  private materialsOf(offeredBy: readonly string[]): readonly string[] {
    for (const ref of offeredBy) {
      const [procedureId, outcomeId] = ref.split('/');
      if (!procedureId || !outcomeId) continue;
      const input = this.options.procedures().outcomeReceiptInput(procedureId, outcomeId);
      if (input) return input.materials;
    }
    return [];
  }
}

function targetKey(target: ReceiptTarget): string {
  switch (target.kind) {
    case 'outcome':
      return JSON.stringify(['outcome', target.procedureId, target.outcomeId, target.reasons ?? [], target.applicant ?? null]);
    case 'article':
      return JSON.stringify(['article', target.key]);
    case 'qa':
      return JSON.stringify(['qa', target.id]);
    case 'document':
      return JSON.stringify(['document', target.typeId, target.answers]);
  }
}

/** 「2008-01-01」 → 「2008年1月1日」; anything else is printed as it came. */
export function chineseDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[1]}年${Number(match[2])}月${Number(match[3])}日` : iso;
}

/** `劳动合同法|第四十七条` → 「《劳动合同法》第四十七条」, as outcome receipts cite. */
function citeLine(key: string, display: string): string {
  const [law, label] = key.split('|');
  return law && label ? `《${law.replace(/^《|》$/g, '')}》${label}` : display;
}
