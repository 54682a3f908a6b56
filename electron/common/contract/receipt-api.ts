import { z } from 'zod';
import type { ReceiptLayout as AdapterReceiptLayout } from '../../../native-adapters/thermal-printer/receipt/layout-receipt';
import { method } from './define-contract';

/**
 * Receipts: the host lays a receipt out (native-adapters/thermal-printer/receipt) and hands the
 * layout to the screen, which draws exactly those lines — the preview is what prints.
 * Printing itself (receipts.print) comes with the printer.
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

export const receiptMethods = {
  /** The receipt of one outcome of a procedure, laid out for this terminal's paper. */
  'receipts.previewOutcome': method(
    z.object({
      procedureId: z.string().min(1).max(100),
      outcomeId: z.string().min(1).max(100),
      /** The engine's plain-Chinese reasons for this outcome (OutcomeView.reasons), printed under the conclusion. */
      reasons: z.array(z.string().max(120)).max(8).optional(),
    }),
    receiptPreviewSchema.nullable(),
  ),
} as const;
