import { z } from 'zod';
import type { Procedure } from '../../../kiosk-content/src/procedures/common';
import { method } from './define-contract';

/**
 * 办事指南: the guided procedures. The host compiles kiosk-content/default/procedures/*.yaml at
 * start; the renderer runs the pure engine (kiosk-content/src/procedures/common) on the compiled
 * procedure it gets here, so every answer is handled on screen without a round trip.
 */

export const procedureListItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  domain: z.string(),
  domainLabel: z.string(),
});
export type ProcedureListItem = z.infer<typeof procedureListItemSchema>;

const citeSchema = z.object({ law: z.string(), label: z.string(), line: z.number() });

const outcomeShapeSchema = z.looseObject({
  id: z.string(),
  kind: z.enum(['positive', 'neutral', 'negative']),
  conclusion: z.string(),
  steps: z.array(z.string()),
  materials: z.array(z.string()),
  office: z.string().nullable(),
  deadlines: z.array(z.object({ text: z.string(), cite: citeSchema, line: z.number() })),
  cites: z.array(citeSchema),
  related: z.array(z.string()),
});

/** The parts of a step every step type has; the rest (options, routes, expression trees) is the compiler's business. */
const stepShapeSchema = z.looseObject({
  id: z.string(),
  type: z.enum(['single', 'multi', 'yesno', 'number', 'date', 'info', 'idcard', 'compute']),
  line: z.number(),
});

/**
 * The top-level shape of a compiled procedure. Steps and outcomes are checked as far as the screen
 * relies on them; expression trees inside routes are produced by the compiler and are not re-checked.
 */
const procedureShapeSchema = z.looseObject({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  domain: z.string(),
  keywords: z.array(z.string()),
  cites: z.array(citeSchema),
  start: z.string(),
  steps: z.record(z.string(), stepShapeSchema),
  stepOrder: z.array(z.string()),
  outcomes: z.record(z.string(), outcomeShapeSchema),
  outcomeOrder: z.array(z.string()),
});

/** A compiled procedure; passed through unchanged (z.custom keeps the expression trees zod would strip). */
export const procedureSchema = z.custom<Procedure>(
  (value) => {
    const parsed = procedureShapeSchema.safeParse(value);
    if (!parsed.success) return false;
    const { steps, outcomes, start, stepOrder, outcomeOrder } = parsed.data;
    return start in steps && stepOrder.every((id) => id in steps) && outcomeOrder.every((id) => id in outcomes);
  },
  { message: 'not a compiled procedure' },
);

/** The terminal-configuration part of the engine's context (terminalView of the provisioned terminal; null where not provisioned). */
export const procedureConfigSchema = z.object({
  legalAidIncomeThreshold: z.number().nonnegative().nullable(),
  region: z.string().nullable(),
  siteName: z.string().nullable(),
});
export type ProcedureConfigView = z.infer<typeof procedureConfigSchema>;

/** An office an outcome sends residents to. address/hours/phone null → 「请咨询现场工作人员」, never guessed. */
export const officeViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  handles: z.array(z.string()),
  address: z.string().nullable(),
  hours: z.string().nullable(),
  phone: z.string().nullable(),
});
export type OfficeView = z.infer<typeof officeViewSchema>;

/** Statutory days off per year (content calendar/holidays.yaml), for counting periods. */
export const holidayCalendarSchema = z.object({
  years: z.array(
    z.object({
      year: z.number().int(),
      source: z.string(),
      daysOff: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)),
      workdays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)),
    }),
  ),
});

export const procedureBundleSchema = z.object({
  procedure: procedureSchema,
  config: procedureConfigSchema,
  /** The directory entries this procedure's outcomes name (an outcome whose office is missing here shows 「请咨询现场工作人员」). */
  offices: z.array(officeViewSchema),
  /** null when the content has no usable calendar: every period's last day is then 「请向工作人员核实」. */
  calendar: holidayCalendarSchema.nullable(),
});
export type ProcedureBundle = z.infer<typeof procedureBundleSchema>;

export const proceduresMethods = {
  'procedures.list': method(z.undefined(), z.array(procedureListItemSchema), { activity: true }),
  'procedures.get': method(z.object({ id: z.string().min(1).max(100) }), procedureBundleSchema.nullable(), { activity: true }),
} as const;
