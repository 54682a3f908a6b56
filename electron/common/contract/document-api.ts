import { z } from 'zod';
import { method } from './define-contract';
import { idCardStateSchema } from './idcard-api';

/**
 * Documents residents fill and take away on A4 (起诉状, 仲裁申请书, 法律援助申请表, 人身安全保护令申请书).
 * The screen asks one question at a time from the form the host sends, the host checks every
 * answer, lays the document out (the preview draws that layout) and prints it through CUPS.
 * The applicant read from the ID card stays in the host: the screen sends `{ fromIdCard: true }`
 * for that party and sees the clear values only drawn on the preview. Everything is forgotten at
 * session.end.
 */
const text = z.string().max(2000);

export const documentSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string(),
  subtitle: z.string().nullable(),
  summary: z.string(),
  /** `procedure-id/outcome-id` of the outcomes that offer it. */
  offeredBy: z.array(z.string()),
  keywords: z.array(z.string()),
});
export type DocumentSummary = z.infer<typeof documentSummarySchema>;

export const partyPartSchema = z.enum(['name', 'gender', 'birthDate', 'ethnicity', 'address', 'idNumber', 'phone', 'representative', 'position']);
export type DocumentPartyPart = z.infer<typeof partyPartSchema>;

export const documentFieldSchema = z.object({
  id: z.string(),
  type: z.enum(['party', 'text', 'amount', 'date', 'choice']),
  label: z.string(),
  question: z.string(),
  help: z.string().nullable(),
  required: z.boolean(),
  /** Earlier answers decide whether the field is asked: the host returns visibleFieldIds with each check. */
  conditional: z.boolean(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
  kinds: z.array(z.enum(['person', 'organisation'])).optional(),
  idcard: z.boolean().optional(),
  parts: z.array(partyPartSchema).optional(),
  multiline: z.boolean().optional(),
  maxLength: z.number().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  past: z.boolean().optional(),
});
export type DocumentFormField = z.infer<typeof documentFieldSchema>;

export const documentFormSchema = z.object({ type: documentSummarySchema, fields: z.array(documentFieldSchema), a4PrinterInstalled: z.boolean() });
export type DocumentForm = z.infer<typeof documentFormSchema>;

/** A typed party, or the applicant from the ID card (`fromIdCard`) with what the card does not hold (phone). */
export const partyAnswerSchema = z.object({
  kind: z.enum(['person', 'organisation']).optional(),
  fromIdCard: z.boolean().optional(),
  name: z.string().max(80).optional(),
  gender: z.string().max(4).optional(),
  birthDate: z.string().max(10).optional(),
  ethnicity: z.string().max(20).optional(),
  address: z.string().max(120).optional(),
  idNumber: z.string().max(18).optional(),
  phone: z.string().max(20).optional(),
  representative: z.string().max(40).optional(),
  position: z.string().max(40).optional(),
});
export const documentAnswersSchema = z.record(z.string().max(60), z.union([text, z.number(), partyAnswerSchema, z.null()]));
export type DocumentAnswersInput = z.infer<typeof documentAnswersSchema>;

export const answerProblemSchema = z.object({ field: z.string(), reason: z.string() });
export type DocumentAnswerProblem = z.infer<typeof answerProblemSchema>;

const layoutItemSchema = z.union([
  z.object({ kind: z.literal('text'), x: z.number(), y: z.number(), size: z.number(), bold: z.boolean(), text: z.string(), width: z.number() }),
  z.object({ kind: z.literal('rule'), x1: z.number(), y1: z.number(), x2: z.number(), y2: z.number(), lineWidth: z.number() }),
]);
export const documentLayoutSchema = z.object({ width: z.number(), height: z.number(), pages: z.array(z.object({ items: z.array(layoutItemSchema) })) });
export type DocumentLayoutView = z.infer<typeof documentLayoutSchema>;

export const a4PrintStateSchema = z.object({
  state: z.enum(['idle', 'checking', 'printing', 'done', 'failed']),
  /** printing: what holds the printer (paper-out, offline …); failed: why. */
  reason: z.string().optional(),
  /** Plain Chinese for the screen. */
  message: z.string(),
});
export type A4PrintState = z.infer<typeof a4PrintStateSchema>;

const typeAndAnswers = z.object({ typeId: z.string().max(60), answers: documentAnswersSchema });

export const documentMethods = {
  'documents.list': method(z.undefined(), z.array(documentSummarySchema)),
  'documents.getForm': method(z.object({ typeId: z.string().max(60) }), documentFormSchema),
  /** Checks the answers so far: the problems of the answered fields and which fields are asked now. */
  'documents.check': method(
    typeAndAnswers.extend({ upTo: z.string().max(60).nullable() }),
    z.object({ problems: z.array(answerProblemSchema), visibleFieldIds: z.array(z.string()) }),
  ),
  /** Reads the ID card for the applicant: the clear record stays in the host for this session. */
  'documents.readIdCard': method(z.undefined(), idCardStateSchema),
  /** The whole document laid out on A4 pages, or the problems that stop it. */
  'documents.preview': method(typeAndAnswers, z.object({ problems: z.array(answerProblemSchema), layout: documentLayoutSchema.nullable() })),
  /** Starts printing (one job at a time); follow it with getPrintState. */
  'documents.print': method(typeAndAnswers, z.object({ problems: z.array(answerProblemSchema), state: a4PrintStateSchema })),
  'documents.getPrintState': method(z.undefined(), a4PrintStateSchema),
  /** Forget the answers and the card record now (session.end does the same). */
  'documents.wipe': method(z.undefined(), z.undefined()),
} as const;
