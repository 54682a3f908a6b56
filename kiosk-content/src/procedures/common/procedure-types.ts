import type { LegalDomainId } from '../../legal-domains/common/legal-domains';
import type { Expr } from './expression';
import type { HolidayCalendar, PeriodUnit } from './holiday-calendar';

/**
 * A compiled guided procedure (source: kiosk-content/default/procedures/<id>.yaml, format in
 * kiosk-content/README.md). Every item keeps the 1-based source line it came from so
 * the linter can point at it; the kiosk ignores the lines.
 */
export type StepId = string;
export type StepType = 'single' | 'multi' | 'yesno' | 'number' | 'date' | 'info' | 'idcard' | 'compute';
export type OutcomeKind = 'positive' | 'neutral' | 'negative';
/**
 * What an idcard step may declare. `name` and `idNumber` are only ever held masked (张*三,
 * 510106********1234): the engine masks a typed name, and `idNumber` comes only from the reader
 * (already masked) — it is never typed, so a manual answer leaves it out.
 */
export type IdCardField = 'name' | 'idNumber' | 'gender' | 'ageBracket' | 'region';

export const idCardFields: readonly IdCardField[] = ['name', 'idNumber', 'gender', 'ageBracket', 'region'];
/** The fixed answers of the idcard fields that are choices (codes stored, labels shown). */
export const genderValues = { male: '男', female: '女' } as const;
export const ageBracketValues = { 'under-18': '未满18周岁', '18-59': '18至59周岁', '60-plus': '60周岁以上' } as const;

/** `next: income` or `next: outcome:likely-eligible`. */
export type Target = { kind: 'step'; id: StepId; line: number } | { kind: 'outcome'; id: string; line: number };

export interface Branch {
  /** null for the final `otherwise` entry. */
  when: Expr | null;
  /** The condition as written (for traces and messages). */
  source: string | null;
  target: Target;
  /** Optional plain-Chinese reason shown on the outcome page; `{name}` is replaced by that value. */
  reason: string | null;
  line: number;
}

/** Where a step goes after it is answered. */
export type Route = { kind: 'next'; target: Target } | { kind: 'branch'; branches: Branch[] };

export interface ChoiceOption {
  value: string;
  label: string;
  /** single choice only: the option's own next (when the step has no step-level route). */
  next: Target | null;
  line: number;
}

interface StepBase {
  id: StepId;
  line: number;
  /** Line of each field, e.g. lines.title, for text-length problems. */
  lines: Record<string, number>;
}

export interface SingleStep extends StepBase {
  type: 'single';
  title: string;
  help: string | null;
  options: ChoiceOption[];
  /** null when every option carries its own next. */
  route: Route | null;
}
export interface MultiStep extends StepBase {
  type: 'multi';
  title: string;
  help: string | null;
  options: ChoiceOption[];
  route: Route;
}
export interface YesNoStep extends StepBase {
  type: 'yesno';
  title: string;
  help: string | null;
  /** `yes: { next }` / `no: { next }`, or a step-level route when both are omitted. */
  yes: Target | null;
  no: Target | null;
  route: Route | null;
}
export interface NumberStep extends StepBase {
  type: 'number';
  title: string;
  help: string | null;
  unit: string;
  min: number;
  max: number;
  integer: boolean;
  route: Route;
}
export interface DateStep extends StepBase {
  type: 'date';
  title: string;
  help: string | null;
  notAfterToday: boolean;
  route: Route;
}
export interface InfoStep extends StepBase {
  type: 'info';
  title: string;
  help: string | null;
  body: string;
  route: Route;
}
export interface IdCardStep extends StepBase {
  type: 'idcard';
  title: string;
  help: string | null;
  fields: IdCardField[];
  optional: boolean;
  route: Route;
}
/**
 * A period counted from a date step's day or from the last day of an earlier period (民法典
 * 第二百零一条 to 第二百零四条, see holiday-calendar.ts). In conditions its value is the number of
 * days from today to its last day (0 = ends today, negative = over), null when the calendar lacks
 * the year; in reason texts {name} is its last day (2025年10月9日（星期四）).
 */
export interface PeriodDef {
  name: string;
  /** A date step id or the name of an earlier period. */
  from: string;
  amount: number;
  unit: PeriodUnit;
  line: number;
}

export interface ComputeStep extends StepBase {
  type: 'compute';
  /** Counted before `set`, in source order; a period may start from an earlier one. */
  periods: PeriodDef[];
  /** In source order; later formulas may use earlier names. */
  set: { name: string; expr: Expr; source: string; line: number }[];
  route: Route;
}

export type Step = SingleStep | MultiStep | YesNoStep | NumberStep | DateStep | InfoStep | IdCardStep | ComputeStep;
/** Every step a resident sees (all but compute). */
export type VisibleStep = Exclude<Step, ComputeStep>;

export interface Cite {
  /** Normalised law title: 法律援助法. */
  law: string;
  /** 第二十二条, 第一百三十三条之一. */
  label: string;
  line: number;
}

export interface Deadline {
  text: string;
  cite: Cite;
  line: number;
}

export interface Outcome {
  id: string;
  kind: OutcomeKind;
  conclusion: string;
  steps: string[];
  materials: string[];
  /** Office id in the directory, resolved by the caller; null when the outcome names no office. */
  office: string | null;
  deadlines: Deadline[];
  cites: Cite[];
  /** Q&A ids. */
  related: string[];
  line: number;
  lines: Record<string, number>;
  /** Lines of steps[i], materials[i], related[i]. */
  itemLines: { steps: number[]; materials: number[]; related: number[] };
}

export interface Procedure {
  id: string;
  title: string;
  summary: string;
  domain: LegalDomainId;
  keywords: string[];
  cites: Cite[];
  start: StepId;
  /** In source order. */
  steps: Record<StepId, Step>;
  stepOrder: StepId[];
  outcomes: Record<string, Outcome>;
  outcomeOrder: string[];
  /** The file name the compiler was given. */
  file: string;
  lines: Record<string, number>;
}

/** One problem in a content file; `file:line: message` is how every tool prints it. */
export interface ContentProblem {
  file: string;
  /** 1-based; 1 when the problem concerns the whole file. */
  line: number;
  message: string;
}

export function formatContentProblem(problem: ContentProblem): string {
  return `${problem.file}:${String(problem.line)}: ${problem.message}`;
}

/** Names a procedure may read as `config.<name>`; set in the terminal configuration (`cli provision`), null when unset. */
export const procedureConfigNames = ['legalAidIncomeThreshold', 'region', 'siteName'] as const;
export type ProcedureConfigName = (typeof procedureConfigNames)[number];

export interface ProcedureConfig {
  /** Monthly per-person income limit (元) of this region's legal-aid means test; null = not configured. */
  legalAidIncomeThreshold: number | null;
  region: string | null;
  siteName: string | null;
}

/** What the engine needs from outside: configuration and today's date (never read from a clock inside). */
export interface ProcedureContext {
  config: ProcedureConfig;
  /** YYYY-MM-DD, local date of the terminal. */
  today: string;
  /** Statutory days off (content calendar/holidays.yaml); absent = no year known, every period end unknown. */
  calendar?: HolidayCalendar | null;
}

/** A value in the expression language. Multi-choice answers are lists of option values. */
export type Value = number | string | boolean | null | readonly string[];

/** What a resident gave for one step. null = skipped (optional idcard). */
export type AnswerValue = string | string[] | number | boolean | { date: string } | { fields: Partial<Record<IdCardField, string>> } | null;

/** Text length limits (characters) of the format; the linter enforces them. */
export const textLimits = {
  title: 16,
  summary: 40,
  keyword: 12,
  stepTitle: 30,
  help: 120,
  optionLabel: 24,
  unit: 6,
  body: 300,
  conclusion: 60,
  outcomeStep: 80,
  material: 40,
  deadline: 60,
  reason: 60,
} as const;

export const countLimits = {
  options: { min: 2, max: 8 },
  outcomeSteps: { min: 1, max: 8 },
  materials: { min: 0, max: 12 },
} as const;
