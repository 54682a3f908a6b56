import { z } from 'zod';
import type { ReceiptLayout as AdapterReceiptLayout } from '../../../native-adapters/thermal-printer/receipt/layout-receipt';
import { method } from './define-contract';
import { documentAnswersSchema } from './document-api';
import { receiptApplicantSchema } from './idcard-api';

/**
 * Receipts: the host lays a receipt out (native-adapters/thermal-printer/receipt) and hands the
 * layout to the screen, which draws exactly those lines — the preview is what prints.
 * receipts.print names what to print (an outcome, an article, an answer, a document's 手写提示), never bytes: the host
 * builds the receipt from its own content, so the screen cannot put anything else on paper.
 */

const lineStyleSchema = z.object({
  bold: z.boolean(),
  width: z.union([z.literal(1), z.literal(2)]),
  height: z.union([z.literal(1), z.literal(2)]),
});

export const layoutLineSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    /** Blank cells before the text; alignment is already applied. */
    indent: z.number().int().nonnegative(),
    /** Exactly the characters that print (〓 where one was unprintable). */
    text: z.string(),
    /** Width of the text in cells (ASCII 1, others 2, × style.width). */
    columns: z.number().int().nonnegative(),
    style: lineStyleSchema,
  }),
  z.object({
    kind: z.literal('qr'),
    payload: z.string(),
    payloadBytes: z.number().int().nonnegative(),
    errorLevel: z.literal('M'),
    version: z.number().int().positive(),
    moduleSize: z.number().int().positive(),
    sizeDots: z.number().int().positive(),
  }),
  z.object({ kind: z.literal('cut') }),
]);
export type LayoutLine = z.infer<typeof layoutLineSchema>;

/** Substituted characters / cut words / QR too long: the receipt should be flagged for staff. */
export const layoutIssueSchema = z.union([
  z.object({
    kind: z.enum(['four-byte', 'private-use', 'unencodable', 'control']),
    char: z.string(),
    codePoint: z.number().int(),
    replacement: z.string(),
    block: z.number().int(),
  }),
  z.object({ kind: z.literal('forced-split'), block: z.number().int(), text: z.string() }),
  z.object({ kind: z.literal('qr-too-long'), block: z.number().int(), payloadBytes: z.number().int() }),
]);

export const receiptLayoutSchema = z.object({
  /** Font-A cells per line: 32 (58 mm) or 48 (80 mm). */
  columns: z.number().int().min(16),
  /** columns × 12: the print width in printer dots. */
  dots: z.number().int().positive(),
  lines: z.array(layoutLineSchema).readonly(),
  issues: z.array(layoutIssueSchema).readonly(),
});
export type ReceiptLayout = z.infer<typeof receiptLayoutSchema>;

// The schema mirrors the adapter's interface: a layout from layoutReceipt() must pass through unchanged.
type Assert<T extends true> = T;
export type LayoutMirrorsAdapter = Assert<AdapterReceiptLayout extends z.input<typeof receiptLayoutSchema> ? true : false>;

export const receiptPreviewSchema = z.object({
  layout: receiptLayoutSchema,
  /** Printed on the receipt so staff can find the session. */
  reference: z.string(),
});
export type ReceiptPreview = z.infer<typeof receiptPreviewSchema>;

const outcomeTargetSchema = z.object({
  procedureId: z.string().min(1).max(100),
  outcomeId: z.string().min(1).max(100),
  /** The engine's plain-Chinese reasons for this outcome (OutcomeView.reasons), printed under the conclusion. */
  reasons: z.array(z.string().max(120)).max(8).optional(),
  /** What the placeholders of the outcome's texts became on the way taken (OutcomeView.fills): {applyEnd} → 2026年7月1日（星期三）. */
  fills: z
    .record(
      z
        .string()
        .regex(/^(?:config\.)?[A-Za-z_][A-Za-z0-9_-]*$/)
        .max(60),
      z.string().max(60),
    )
    .refine((fills) => Object.keys(fills).length <= 16, 'at most 16 placeholders')
    .optional(),
  /** The applicant from the procedure's ID-card step, masked only (the schema refuses anything else). */
  applicant: receiptApplicantSchema.optional(),
});
const articleTargetSchema = z.object({ key: z.string().min(3).max(200) });
const qaTargetSchema = z.object({ id: z.string().min(1).max(100) });
/**
 * A document this terminal cannot print on A4: the slip lists its rows with the answers to copy by
 * hand (ID-card values masked; the host resolves `fromIdCard` from its session memory).
 */
const documentTargetSchema = z.object({ typeId: z.string().min(1).max(60), answers: documentAnswersSchema });

/** What a receipt is of: the host builds it from its own content. */
export const receiptTargetSchema = z.discriminatedUnion('kind', [
  outcomeTargetSchema.extend({ kind: z.literal('outcome') }),
  articleTargetSchema.extend({ kind: z.literal('article') }),
  qaTargetSchema.extend({ kind: z.literal('qa') }),
  documentTargetSchema.extend({ kind: z.literal('document') }),
]);
export type ReceiptTarget = z.infer<typeof receiptTargetSchema>;

/** The printer as the resident's screen sees it (states of the ESC/POS DLE EOT reading). */
export const printerStateSchema = z.enum(['not-configured', 'connecting', 'ready', 'paper-near-end', 'paper-out', 'cover-open', 'offline', 'error']);
export type PrinterState = z.infer<typeof printerStateSchema>;

export const printJobSchema = z.object({
  id: z.string(),
  /** e.g. 「办事指南：法律援助申请预审」 — what the job is, never its contents. */
  title: z.string(),
  state: z.enum(['pending', 'printing', 'done', 'failed', 'cancelled']),
  /** Times the receipt was sent (more than 1 only after a person chose 重新打印). */
  sends: z.number().int().nonnegative(),
  problem: z.enum(['interrupted', 'send-failed']).optional(),
  /** The printer stopped mid-job (paper, cover) and finished it from its buffer: the paper may be incomplete. */
  resumedAfter: z.string().optional(),
  /** Failed: a person decides 重新打印 or 取消; it is never printed again on its own. */
  needsDecision: z.boolean(),
  /** Stopped mid-job; the printer finishes it once the paper or cover is fixed. */
  waitingForPrinter: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type PrintJob = z.infer<typeof printJobSchema>;

export const printStatusSchema = z.object({
  printer: z.object({
    state: printerStateSchema,
    /** Plain Chinese for the resident, e.g. 「打印机缺纸，请联系工作人员」. */
    residentMessage: z.string(),
    /** The exact reading for a technician (decoded bits, raw DLE EOT replies). */
    detail: z.string(),
    /** When the printer last answered (ms since the epoch); null before the first check. */
    checkedAt: z.number().nullable(),
  }),
  /** The queue and the last finished jobs: titles and states only, no receipt bytes. */
  jobs: z.array(printJobSchema),
});
export type PrintStatus = z.infer<typeof printStatusSchema>;

export const printResultSchema = z.object({
  job: printJobSchema,
  /** The reference printed on this receipt. */
  reference: z.string(),
});
export type PrintResult = z.infer<typeof printResultSchema>;

export const receiptMethods = {
  /** The receipt of one outcome of a procedure, laid out for this terminal's paper. */
  'receipts.previewOutcome': method(outcomeTargetSchema, receiptPreviewSchema.nullable(), { activity: true }),
  /** One law article as a receipt (null when this terminal has no such article). */
  'receipts.previewArticle': method(articleTargetSchema, receiptPreviewSchema.nullable(), { activity: true }),
  /** One Q&A answer as a receipt. */
  'receipts.previewQa': method(qaTargetSchema, receiptPreviewSchema.nullable(), { activity: true }),
  /** The 手写提示 slip of a document when there is no A4 printer (null when there is no such document). */
  'receipts.previewDocument': method(documentTargetSchema, receiptPreviewSchema.nullable(), { activity: true }),
  /**
   * Queues the receipt of `target`. With the `reference` of a preview of the same target the exact
   * previewed slip prints; otherwise a fresh one. Null when the target does not exist; `unavailable`
   * when no printer is set up. The job prints once, when the printer is ready (it waits for paper).
   */
  'receipts.print': method(z.object({ target: receiptTargetSchema, reference: z.string().min(1).max(20).optional() }), printResultSchema.nullable(), {
    activity: true,
  }),
  'receipts.getStatus': method(z.undefined(), printStatusSchema, { activity: true }),
  /** The resident gives up on a job that has not reached the paper (waiting or failed). False otherwise. */
  'receipts.cancel': method(z.object({ id: z.string().min(1).max(60) }), z.boolean(), { activity: true }),
  /** 重新打印 a failed (interrupted) job — only ever on a person's request. */
  'receipts.retry': method(z.object({ id: z.string().min(1).max(60) }), z.boolean(), { activity: true }),
} as const;

export const receiptEvents = {
  /** The printer's state or any job changed. */
  'receipts.onDidChange': printStatusSchema,
} as const;
