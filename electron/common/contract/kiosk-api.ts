import { z } from 'zod';
import { adminEvents, adminMethods } from './admin-api';
import { contentEvents, contentMethods } from './content-api';
import { idcardEvents, idcardMethods } from './idcard-api';
import { documentMethods } from './document-api';
import { libraryMethods } from './library-api';
import { proceduresMethods } from './procedures-api';
import { receiptEvents, receiptMethods } from './receipt-api';
import { sessionMethods } from './session-api';
import { statsMethods } from './stats-api';
import { attractMethods } from './attract-api';
import { method, type ImplOf, type ServicesOf, type EventSource } from './define-contract';

/**
 * The one API between the kiosk's screens and its host. Add a method here, implement it in
 * electron/node/host, and every link (Electron IPC, loopback HTTP, direct calls) carries it.
 * See README → Architecture → "Adding an API method".
 */

export const deviceStateSchema = z.object({
  /** not-configured: no port provisioned; ready; attention: needs staff (paper, cover…); offline: not answering. */
  state: z.enum(['not-configured', 'connecting', 'ready', 'attention', 'offline']),
  /** Technician-facing detail (port, raw status). Never personal data. */
  detail: z.string().max(200).optional(),
});
export type DeviceState = z.infer<typeof deviceStateSchema>;

export const deviceStatusSchema = z.object({
  printer: deviceStateSchema,
  idReader: deviceStateSchema,
});
export type DeviceStatus = z.infer<typeof deviceStatusSchema>;

export const contentInfoSchema = z.object({
  packId: z.string(),
  version: z.string(),
  /** Number of plain-language Q&A entries available offline. */
  qaCount: z.number().int().nonnegative(),
  /** Whether the full national law library has been imported on this terminal. */
  lawLibraryInstalled: z.boolean(),
});
export type ContentInfo = z.infer<typeof contentInfoSchema>;

export const systemInfoSchema = z.object({
  appName: z.string(),
  appVersion: z.string(),
  /** Shown on screen and on receipts; null until a technician provisions the terminal. */
  siteName: z.string().nullable(),
  terminalId: z.string().nullable(),
  content: contentInfoSchema,
  /** Real, national numbers only; per-site offices come from provisioning. */
  hotlines: z.array(z.object({ name: z.string(), phone: z.string() })),
  /** Inactivity timeouts of this terminal (provisioned); absent = the renderer's defaults (app/session/idle-policy.ts). */
  idle: z.object({ homeSeconds: z.number().int().min(15).max(3600), procedureSeconds: z.number().int().min(30).max(7200) }).optional(),
  /** The on-screen keyboard: 模糊音 on or off (provisioned, or from the region). */
  input: z.object({ fuzzyPinyin: z.boolean() }).optional(),
});
export type SystemInfo = z.infer<typeof systemInfoSchema>;

export const kioskContract = {
  methods: {
    'system.getInfo': method(z.undefined(), systemInfoSchema, { activity: true }),
    'devices.getStatus': method(z.undefined(), deviceStatusSchema, { activity: true }),
    ...libraryMethods,
    ...proceduresMethods,
    ...receiptMethods,
    ...contentMethods,
    ...sessionMethods,
    ...statsMethods,
    ...attractMethods,
    ...idcardMethods,
    ...documentMethods,
    ...adminMethods,
  },
  events: {
    'devices.onDidChangeStatus': deviceStatusSchema,
    ...contentEvents,
    ...idcardEvents,
    ...receiptEvents,
    ...adminEvents,
  },
} as const;

export type KioskMethods = typeof kioskContract.methods;
export type KioskEvents = typeof kioskContract.events;
export type KioskMethodName = keyof KioskMethods & string;
export type KioskEventName = keyof KioskEvents & string;

/** What the renderer holds: `api.system.getInfo()`, `api.events.on('devices.onDidChangeStatus', …)`. */
export type KioskApi = ServicesOf<KioskMethods> & { readonly events: EventSource<KioskEvents> };

/** What the host implements: the same shape, receiving validated input. */
export type KioskApiImpl = ImplOf<KioskMethods>;
