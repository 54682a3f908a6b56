import { z } from 'zod';
import { method } from './define-contract';

/**
 * The ID-card reader for the resident's screens. What crosses this boundary is masked or
 * derived only: 张*三, 510106********1234, an age bracket, a province-level region. The full name,
 * the full number, the birth date, the address and the photo never leave the host — the schemas
 * below have no place for them, and outputs are parsed on the way out, so an extra field is dropped
 * even if the host put one there. A procedure asks only for the fields it declares (个人信息保护法
 * minimum collection); everything is forgotten at session.end (home, finish, idle).
 */

/** Fields a screen may ask for. There is deliberately no `name` or `idNumber` in clear. */
export const idCardFieldSchema = z.enum(['maskedName', 'maskedIdNumber', 'gender', 'ageBracket', 'region', 'cardType', 'numberValid']);
export type IdCardRpcField = z.infer<typeof idCardFieldSchema>;

/** 张*三 / 张* / 欧**娜 / Z*******N: at least one `*`, short. */
export const maskedNamePattern = /^[^*]?\*+[^*]?$/u;
/** 510106********1234 (18 characters) or ZZZ********0101 (15): only the ends are visible. */
export const maskedIdNumberPattern = /^[0-9A-Z]{3,6}\*{8}[0-9A-Z]{4}$/;

export const idCardResultSchema = z.object({
  maskedName: z.string().max(40).regex(maskedNamePattern).optional(),
  maskedIdNumber: z.string().max(18).regex(maskedIdNumberPattern).optional(),
  gender: z.enum(['male', 'female', 'unknown', 'not-stated']).optional(),
  /** minor: under 18 (民法典 第十七条); senior: 60 and over (老年人权益保障法 第二条). */
  ageBracket: z.enum(['minor', 'adult', 'senior', 'unknown']).optional(),
  /** Province-level hint from the number's prefix; null when the card does not say. */
  region: z.string().max(20).nullable().optional(),
  cardType: z.enum(['resident', 'foreign2017', 'foreign2023', 'permit']).optional(),
  /** False: the number on the card failed its check digit / date / region checks (shown to staff, not a refusal). */
  numberValid: z.boolean().optional(),
});
export type IdCardResult = z.infer<typeof idCardResultSchema>;

export const idCardStateSchema = z.object({
  state: z.enum(['not-configured', 'connecting', 'idle', 'waiting', 'reading', 'read-ok', 'retry-placement', 'reader-offline']),
  /** waiting: the card read before is still on the reader. */
  hint: z.literal('remove-card').optional(),
  /** retry-placement: why. */
  reason: z.enum(['moved', 'card-rejected', 'not-id-card', 'unreadable']).optional(),
  /** reader-offline: technician detail (port, error), never personal data. */
  detail: z.string().max(200).optional(),
  /** After read-ok: only the fields the last startRead declared. */
  result: idCardResultSchema.optional(),
});
export type IdCardState = z.infer<typeof idCardStateSchema>;

/** On an outcome receipt: the masked name and number as the resident confirmed them; a clear value does not validate. */
export const receiptApplicantSchema = z.object({
  name: z.string().max(40).regex(maskedNamePattern).optional(),
  idNumber: z.string().max(18).regex(maskedIdNumberPattern).optional(),
});
export type ReceiptApplicant = z.infer<typeof receiptApplicantSchema>;

export const idcardMethods = {
  'idcard.getState': method(z.undefined(), idCardStateSchema, { activity: true }),
  /** Starts one read (the place-card screen); the state event reports progress and the projected result. */
  'idcard.startRead': method(z.object({ fields: z.array(idCardFieldSchema).min(1).max(7) }), idCardStateSchema, { activity: true }),
  /** The resident left the place-card screen (手动填写, 返回): stop polling and drop any result. */
  'idcard.cancel': method(z.undefined(), z.undefined(), { activity: true }),
  /** Forget the result now (session.end does the same). */
  'idcard.wipe': method(z.undefined(), z.undefined(), { activity: true }),
} as const;

export const idcardEvents = {
  'idcard.onDidChangeState': idCardStateSchema,
} as const;
