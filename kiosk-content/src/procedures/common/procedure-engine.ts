import { evaluate, isTrue, type NameLookup } from './expression';
import { dayNumberOf, describePeriodEnd, periodEnd, type PeriodEnd } from './holiday-calendar';
import type {
  AnswerValue,
  ChoiceOption,
  IdCardField,
  Outcome,
  Procedure,
  ProcedureContext,
  Step,
  StepId,
  StepType,
  Target,
  Value,
  VisibleStep,
} from './procedure-types';
import { ageBracketValues, genderValues } from './procedure-types';

/**
 * The procedure engine: pure and deterministic. A session is plain data (answers so far); every
 * view is recomputed from the procedure, the session and the context, so the same answers always
 * give the same screen, and a session survives serialisation (JSON) unchanged.
 *
 * `history` lists the shown steps answered, in order. `answers` may also hold answers of steps the
 * resident went back from: they pre-fill the form when the step comes again, but only answers of
 * steps in `history` count in conditions and on the summary.
 */
export interface ProcedureSession {
  procedureId: string;
  history: StepId[];
  answers: Record<StepId, AnswerValue>;
  /** The resident confirmed the summary: the outcome is shown. */
  confirmed: boolean;
}

export interface StepOptionView {
  value: string;
  label: string;
}

export interface StepView {
  kind: 'step';
  stepId: StepId;
  type: Exclude<StepType, 'compute'>;
  title: string;
  help: string | null;
  /** single / multi. */
  options: StepOptionView[] | null;
  /** number. */
  unit: string | null;
  min: number | null;
  max: number | null;
  integer: boolean;
  /** date: the latest allowed day (today) when the step forbids future dates. */
  maxDate: string | null;
  /** info. */
  body: string | null;
  /** idcard. */
  fields: IdCardField[] | null;
  optional: boolean;
  /** The answer given before (after 返回), to pre-fill the form; null if none. */
  value: AnswerValue;
  /** 第 stepNumber 步 / 共 totalSteps 步. totalSteps assumes the longest way on from here. */
  stepNumber: number;
  totalSteps: number;
  canGoBack: boolean;
}

export interface SummaryRow {
  stepId: StepId;
  question: string;
  answerText: string;
}

export interface SummaryView {
  kind: 'summary';
  rows: SummaryRow[];
  canGoBack: true;
}

export interface TraceEntry {
  stepId: StepId;
  /** The condition that chose the way on, as written; null for a fixed next or `otherwise`. */
  condition: string | null;
  target: string;
}

export interface OutcomeView {
  kind: 'outcome';
  outcomeId: string;
  /** Its texts (conclusion, steps, materials, deadlines) with `{name}` filled as in reasons; office is an id the caller resolves in the directory. */
  outcome: Outcome;
  /** What each placeholder of the outcome's texts became (the receipt fills the host's own copy with it). */
  fills: Record<string, string>;
  /** Values set by compute steps on the way (e.g. perPerson; a period: days left to its last day). */
  computed: Record<string, Value>;
  /** Periods counted on the way: their last day, or the year the calendar is missing. */
  periods: Record<string, PeriodEnd>;
  /** Plain-Chinese reasons of the conditions that decided, in order (from `reason:` of branches). */
  reasons: string[];
  /** The answers, as on the summary (for the receipt). */
  rows: SummaryRow[];
  /** Which way was taken at each step, for tests and the worked-case table. */
  trace: TraceEntry[];
  /** The fields of the ID-card step answered on the way (name and number masked); null if none or skipped. */
  applicant: Partial<Record<IdCardField, string>> | null;
  canGoBack: true;
}

export type ProcedureView = StepView | SummaryView | OutcomeView;

export type AnswerErrorCode =
  'no-question' | 'required' | 'not-an-option' | 'not-a-number' | 'not-integer' | 'out-of-range' | 'bad-date' | 'future-date' | 'missing-field';

export interface AnswerError {
  error: AnswerErrorCode;
  /** Plain Chinese, shown under the input. */
  message: string;
}

export function isAnswerError(result: ProcedureSession | AnswerError): result is AnswerError {
  return 'error' in result;
}

export function startSession(proc: Procedure): ProcedureSession {
  return { procedureId: proc.id, history: [], answers: {}, confirmed: false };
}

export function restart(proc: Procedure): ProcedureSession {
  return startSession(proc);
}

export function confirmSummary(session: ProcedureSession): ProcedureSession {
  return { ...session, confirmed: true };
}

/** One step back: outcome → summary → last question → … ; at the first question nothing changes. */
export function back(_proc: Procedure, session: ProcedureSession): ProcedureSession {
  if (session.confirmed) return { ...session, confirmed: false };
  if (session.history.length === 0) return session;
  return { ...session, history: session.history.slice(0, -1) };
}

// ---------------------------------------------------------------------------------------------
// Dates

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayNumber(date: string): number | null {
  const m = datePattern.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return Math.round(ms / 86_400_000);
}

/** YYYY-MM-DD `days` days before `date` (for samples and tests). */
export function daysBefore(date: string, days: number): string {
  const n = dayNumber(date);
  if (n === null) throw new Error(`not a date: ${date}`);
  return new Date((n - days) * 86_400_000).toISOString().slice(0, 10);
}

function formatDate(date: string): string {
  const m = datePattern.exec(date);
  return m ? `${m[1] ?? ''}年${String(Number(m[2]))}月${String(Number(m[3]))}日` : date;
}

export function formatNumber(n: number): string {
  return String(Math.round(n * 100) / 100);
}

// ---------------------------------------------------------------------------------------------
// Walking the answers

/**
 * The value an answer has in expressions: a choice is its option value (a list for multi), yes/no
 * a boolean, a number itself, a date the number of whole days from it to today (365 = a year ago),
 * an info page true, an ID-card step true when filled and null when skipped.
 */
function answerToValue(step: VisibleStep, answer: AnswerValue, today: string): Value {
  if (answer === null) return null;
  switch (step.type) {
    case 'date': {
      const day = typeof answer === 'object' && 'date' in answer ? dayNumber(answer.date) : null;
      const now = dayNumber(today);
      return day === null || now === null ? null : now - day;
    }
    case 'info':
    case 'idcard':
      return true;
    default:
      return typeof answer === 'object' && !Array.isArray(answer) ? null : answer;
  }
}

interface Walk {
  position: { kind: 'step'; step: VisibleStep } | { kind: 'outcome'; outcomeId: string };
  /** How many entries of history are consistent with the path (normally all). */
  consumed: number;
  values: Map<string, Value>;
  computed: Record<string, Value>;
  periods: Record<string, PeriodEnd>;
  trace: TraceEntry[];
  reasons: string[];
  /** Fills `{name}` placeholders with the values and period ends of the way taken (unknown names stay as written). */
  fill: (text: string) => string;
}

function targetText(t: Target): string {
  return t.kind === 'outcome' ? `outcome:${t.id}` : t.id;
}

/** `{name}` / `{config.name}` in reason and outcome texts. */
const placeholderPattern = /\{((?:config\.)?[A-Za-z_][A-Za-z0-9_-]*)\}/g;

/** The placeholders still in a text after filling: names that were not set on the way taken. */
export function unfilledPlaceholders(text: string): string[] {
  return [...text.matchAll(placeholderPattern)].map((m) => m[1] ?? '');
}

/** Puts each `{name}` of `fills` into the text; other placeholders stay as written. */
export function fillPlaceholders(text: string, fills: Readonly<Record<string, string>>): string {
  return text.replace(placeholderPattern, (whole, name: string) => (Object.hasOwn(fills, name) ? (fills[name] as string) : whole));
}

/** An outcome's resident texts: conclusion, steps, materials, deadlines. */
function outcomeTexts(outcome: Outcome): string[] {
  return [outcome.conclusion, ...outcome.steps, ...outcome.materials, ...outcome.deadlines.map((d) => d.text)];
}

function interpolate(text: string, lookup: (name: string) => Value | undefined, periods: Record<string, PeriodEnd>): string {
  return text.replace(placeholderPattern, (whole, name: string) => {
    const period = Object.hasOwn(periods, name) ? periods[name] : undefined;
    if (period) return describePeriodEnd(period);
    const v = lookup(name);
    if (v === undefined) return whole;
    if (v === null) return '未设置';
    if (typeof v === 'number') return formatNumber(v);
    if (typeof v === 'boolean') return v ? '是' : '否';
    return Array.isArray(v) ? v.join('、') : String(v);
  });
}

function walk(proc: Procedure, session: ProcedureSession, context: ProcedureContext): Walk {
  const values = new Map<string, Value>();
  const computed: Record<string, Value> = {};
  const periods: Record<string, PeriodEnd> = {};
  /** The day of each answered date step and the last day of each period known so far. */
  const days = new Map<string, string | null>();
  const today = dayNumberOf(context.today);
  const trace: TraceEntry[] = [];
  const reasons: string[] = [];
  const lookup: NameLookup = (scope, name) => {
    if (scope === 'config') return (context.config as unknown as Record<string, Value | undefined>)[name] ?? null;
    return values.get(name);
  };
  const valueOf = (name: string): Value | undefined => (name.startsWith('config.') ? lookup('config', name.slice('config.'.length)) : values.get(name));
  const fill = (text: string): string => interpolate(text, valueOf, periods);
  const route = (step: Step): { target: Target; condition: string | null; reason: string | null } => {
    if (step.route?.kind === 'next') return { target: step.route.target, condition: null, reason: null };
    if (step.route?.kind === 'branch') {
      for (const b of step.route.branches) {
        if (b.when === null || isTrue(b.when, lookup)) return { target: b.target, condition: b.source, reason: b.reason };
      }
    }
    throw new Error(`procedure ${proc.id}: step "${step.id}" has no way on for these answers`);
  };

  let target: Target = { kind: 'step', id: proc.start, line: 0 };
  let consumed = 0;
  const limit = proc.stepOrder.length + 1;
  for (let guard = 0; guard <= limit; guard += 1) {
    if (target.kind === 'outcome') return { position: { kind: 'outcome', outcomeId: target.id }, consumed, values, computed, periods, trace, reasons, fill };
    const step: Step | undefined = proc.steps[target.id];
    if (!step) throw new Error(`procedure ${proc.id}: no step "${target.id}"`);
    let chosen: { target: Target; condition: string | null; reason: string | null };
    if (step.type === 'compute') {
      for (const p of step.periods) {
        const start = days.get(p.from) ?? null;
        if (start === null) {
          days.set(p.name, null);
          values.set(p.name, null);
          computed[p.name] = null;
          continue;
        }
        const end = periodEnd(context.calendar, start, { amount: p.amount, unit: p.unit });
        periods[p.name] = end;
        const endDay = end.known ? dayNumberOf(end.end) : null;
        const left = endDay === null || today === null ? null : endDay - today;
        days.set(p.name, end.known ? end.end : null);
        values.set(p.name, left);
        computed[p.name] = left;
      }
      for (const s of step.set) {
        const v = evaluate(s.expr, lookup);
        values.set(s.name, v);
        computed[s.name] = v;
      }
      chosen = route(step);
    } else {
      if (session.history[consumed] !== step.id || !(step.id in session.answers)) {
        return { position: { kind: 'step', step }, consumed, values, computed, periods, trace, reasons, fill };
      }
      const answer = session.answers[step.id] ?? null;
      values.set(step.id, answerToValue(step, answer, context.today));
      if (step.type === 'date') days.set(step.id, typeof answer === 'object' && answer !== null && 'date' in answer ? answer.date : null);
      consumed += 1;
      const option = step.type === 'single' ? step.options.find((o) => o.value === answer) : undefined;
      if (option?.next) chosen = { target: option.next, condition: null, reason: null };
      else if (step.type === 'yesno' && step.yes && step.no) chosen = { target: answer === true ? step.yes : step.no, condition: null, reason: null };
      else chosen = route(step);
    }
    trace.push({ stepId: step.id, condition: chosen.condition, target: targetText(chosen.target) });
    if (chosen.reason !== null) {
      reasons.push(interpolate(chosen.reason, valueOf, periods));
    }
    target = chosen.target;
  }
  throw new Error(`procedure ${proc.id}: the steps loop`);
}

// ---------------------------------------------------------------------------------------------
// Views

const longestCache = new WeakMap<Procedure, Map<string, number>>();

/** Shown steps on the longest way from this step (itself included) to an outcome. */
function longestRemaining(proc: Procedure, stepId: string): number {
  let memo = longestCache.get(proc);
  if (!memo) {
    memo = new Map();
    longestCache.set(proc, memo);
  }
  const table = memo;
  const visit = (id: string, depth: number): number => {
    const known = table.get(id);
    if (known !== undefined) return known;
    const step = proc.steps[id];
    if (!step || depth > proc.stepOrder.length) return 0;
    const targets: Target[] = [];
    if (step.type === 'single') for (const o of step.options) if (o.next) targets.push(o.next);
    if (step.type === 'yesno') for (const t of [step.yes, step.no]) if (t) targets.push(t);
    if (step.route?.kind === 'next') targets.push(step.route.target);
    if (step.route?.kind === 'branch') for (const b of step.route.branches) targets.push(b.target);
    let best = 0;
    for (const t of targets) if (t.kind === 'step') best = Math.max(best, visit(t.id, depth + 1));
    const result = (step.type === 'compute' ? 0 : 1) + best;
    table.set(id, result);
    return result;
  };
  return visit(stepId, 0);
}

const fieldLabels: Record<IdCardField, string> = { name: '姓名', idNumber: '证件号码', gender: '性别', ageBracket: '年龄', region: '户籍或居住地' };

function optionLabel(options: ChoiceOption[], value: string): string {
  return options.find((o) => o.value === value)?.label ?? value;
}

function answerText(step: VisibleStep, answer: AnswerValue): string {
  if (answer === null) return '未填写';
  switch (step.type) {
    case 'single':
      return typeof answer === 'string' ? optionLabel(step.options, answer) : '';
    case 'multi':
      return Array.isArray(answer) ? answer.map((v) => optionLabel(step.options, v)).join('、') : '';
    case 'yesno':
      return answer === true ? '是' : '否';
    case 'number':
      return typeof answer === 'number' ? `${formatNumber(answer)}${step.unit}` : '';
    case 'date':
      return typeof answer === 'object' && 'date' in answer ? formatDate(answer.date) : '';
    case 'info':
      return '已阅读';
    case 'idcard': {
      if (typeof answer !== 'object' || !('fields' in answer)) return '';
      const f = answer.fields;
      return step.fields
        .filter((name) => f[name] !== undefined)
        .map((name) => {
          const v = f[name] ?? '';
          const shown =
            name === 'gender'
              ? (genderValues[v as keyof typeof genderValues] ?? v)
              : name === 'ageBracket'
                ? (ageBracketValues[v as keyof typeof ageBracketValues] ?? v)
                : v;
          return `${fieldLabels[name]}：${shown}`;
        })
        .join('，');
    }
  }
}

function summaryRows(proc: Procedure, session: ProcedureSession, consumed: number): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const stepId of session.history.slice(0, consumed)) {
    const step = proc.steps[stepId];
    if (!step || step.type === 'compute' || step.type === 'info') continue;
    rows.push({ stepId, question: step.title, answerText: answerText(step, session.answers[stepId] ?? null) });
  }
  return rows;
}

function applicantOf(proc: Procedure, session: ProcedureSession, consumed: number): Partial<Record<IdCardField, string>> | null {
  for (const stepId of session.history.slice(0, consumed)) {
    const answer = session.answers[stepId];
    if (proc.steps[stepId]?.type === 'idcard' && typeof answer === 'object' && answer !== null && 'fields' in answer) return { ...answer.fields };
  }
  return null;
}

function stepView(proc: Procedure, session: ProcedureSession, step: VisibleStep, consumed: number, context: ProcedureContext): StepView {
  return {
    kind: 'step',
    stepId: step.id,
    type: step.type,
    title: step.title,
    help: step.help,
    options: step.type === 'single' || step.type === 'multi' ? step.options.map((o) => ({ value: o.value, label: o.label })) : null,
    unit: step.type === 'number' ? step.unit : null,
    min: step.type === 'number' ? step.min : null,
    max: step.type === 'number' ? step.max : null,
    integer: step.type === 'number' ? step.integer : false,
    maxDate: step.type === 'date' && step.notAfterToday ? context.today : null,
    body: step.type === 'info' ? step.body : null,
    fields: step.type === 'idcard' ? [...step.fields] : null,
    optional: step.type === 'idcard' ? step.optional : false,
    value: session.answers[step.id] ?? null,
    stepNumber: consumed + 1,
    totalSteps: consumed + longestRemaining(proc, step.id),
    canGoBack: consumed > 0,
  };
}

export function currentView(proc: Procedure, session: ProcedureSession, context: ProcedureContext): ProcedureView {
  const w = walk(proc, session, context);
  if (w.position.kind === 'step') return stepView(proc, session, w.position.step, w.consumed, context);
  const rows = summaryRows(proc, session, w.consumed);
  if (!session.confirmed) return { kind: 'summary', rows, canGoBack: true };
  const outcome = proc.outcomes[w.position.outcomeId];
  if (!outcome) throw new Error(`procedure ${proc.id}: no outcome "${w.position.outcomeId}"`);
  // Outcome texts may name values and period ends like reasons do (「最后一天是{applyEnd}」).
  const fills: Record<string, string> = {};
  for (const name of new Set(outcomeTexts(outcome).flatMap(unfilledPlaceholders))) {
    const text = w.fill(`{${name}}`);
    if (text !== `{${name}}`) fills[name] = text;
  }
  const fill = (text: string) => fillPlaceholders(text, fills);
  const filled: Outcome = {
    ...outcome,
    conclusion: fill(outcome.conclusion),
    steps: outcome.steps.map(fill),
    materials: outcome.materials.map(fill),
    deadlines: outcome.deadlines.map((d) => ({ ...d, text: fill(d.text) })),
  };
  return {
    kind: 'outcome',
    outcomeId: outcome.id,
    outcome: filled,
    fills,
    computed: w.computed,
    periods: w.periods,
    reasons: w.reasons,
    rows,
    trace: w.trace,
    applicant: applicantOf(proc, session, w.consumed),
    canGoBack: true,
  };
}

// ---------------------------------------------------------------------------------------------
// Answering

function fail(error: AnswerErrorCode, message: string): AnswerError {
  return { error, message };
}

const fieldMaxLength: Record<IdCardField, number> = { name: 30, idNumber: 18, gender: 10, ageBracket: 10, region: 40 };

/**
 * 张三丰 → 张*丰, 张三 → 张*, 欧阳娜娜 → 欧**娜; already masked text stays as it is. The same rule as the
 * reader's codec (native-adapters/id-card-reader/codec/mask.ts), which content code may not import.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.length === 0 ? '' : '*';
  if (chars.length === 2) return `${chars[0] ?? ''}*`;
  return `${chars[0] ?? ''}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1] ?? ''}`;
}

/** 510106********1234 or ZZZ********0101: the reader's masked number (the only way an idNumber gets in). */
export const maskedIdNumberPattern = /^[0-9A-Z]{3,6}\*{8}[0-9A-Z]{4}$/;

/** Checks an answer for the step; the normalised answer or an error in plain Chinese. */
export function validateAnswer(step: VisibleStep, value: unknown, context: ProcedureContext): { ok: AnswerValue } | AnswerError {
  switch (step.type) {
    case 'single':
      if (typeof value !== 'string' || value === '') return fail('required', '请选择一项。');
      if (!step.options.some((o) => o.value === value)) return fail('not-an-option', '请从列出的选项中选择一项。');
      return { ok: value };
    case 'multi': {
      if (!Array.isArray(value) || value.length === 0) return fail('required', '请至少选择一项。');
      const picked = new Set<string>();
      for (const v of value as unknown[]) {
        if (typeof v !== 'string' || !step.options.some((o) => o.value === v)) return fail('not-an-option', '请从列出的选项中选择。');
        picked.add(v);
      }
      // Option order, not tap order: the same choices give the same answer.
      return { ok: step.options.map((o) => o.value).filter((v) => picked.has(v)) };
    }
    case 'yesno':
      return typeof value === 'boolean' ? { ok: value } : fail('required', '请选择“是”或“否”。');
    case 'number': {
      if (value === null || value === undefined || value === '') return fail('required', '请填写一个数字。');
      const n = typeof value === 'string' ? Number(value.trim()) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) return fail('not-a-number', '请填写一个数字。');
      if (step.integer && !Number.isInteger(n)) return fail('not-integer', '请填写整数。');
      if (n < step.min || n > step.max)
        return fail('out-of-range', `请填写${formatNumber(step.min)}到${formatNumber(step.max)}之间的数（单位：${step.unit}）。`);
      return { ok: n };
    }
    case 'date': {
      const date = typeof value === 'object' && value !== null && 'date' in value ? (value as { date: unknown }).date : value;
      if (date === null || date === undefined || date === '') return fail('required', '请选择日期。');
      const day = typeof date === 'string' ? dayNumber(date) : null;
      if (typeof date !== 'string' || day === null || date < '1900-01-01') return fail('bad-date', '这个日期不对，请重新选择。');
      const today = dayNumber(context.today);
      if (step.notAfterToday && today !== null && day > today) return fail('future-date', '这个日期不能晚于今天。');
      return { ok: { date } };
    }
    case 'info':
      return { ok: true };
    case 'idcard': {
      if (value === null || value === undefined) return step.optional ? { ok: null } : fail('required', '请填写申请人信息。');
      const raw = typeof value === 'object' && 'fields' in value ? (value as { fields: unknown }).fields : null;
      if (typeof raw !== 'object' || raw === null) return fail('required', '请填写申请人信息。');
      const fields: Partial<Record<IdCardField, string>> = {};
      for (const name of step.fields) {
        const v = (raw as Record<string, unknown>)[name];
        const text = typeof v === 'string' ? v.trim() : '';
        // Typed by hand there is no number: it only comes masked from the reader.
        if (name === 'idNumber' && text === '') continue;
        if (text === '') return fail('missing-field', `请填写${fieldLabels[name]}。`);
        if (name === 'idNumber' && !maskedIdNumberPattern.test(text)) return fail('not-an-option', '证件号码只能由读卡器读取，不用手动填写。');
        if ([...text].length > fieldMaxLength[name]) return fail('out-of-range', `${fieldLabels[name]}太长了，请检查。`);
        if (name === 'gender' && !(text in genderValues)) return fail('not-an-option', '请选择性别。');
        if (name === 'ageBracket' && !(text in ageBracketValues)) return fail('not-an-option', '请选择年龄段。');
        fields[name] = name === 'name' ? maskName(text) : text;
      }
      return { ok: { fields } };
    }
  }
}

/**
 * Answers the current question. On success the new session (later history dropped if the
 * resident changed an earlier answer); otherwise an error with a plain-Chinese message.
 */
export function answer(proc: Procedure, session: ProcedureSession, value: unknown, context: ProcedureContext): ProcedureSession | AnswerError {
  const w = walk(proc, session, context);
  if (w.position.kind !== 'step') return fail('no-question', '现在没有需要回答的问题。');
  const step = w.position.step;
  const checked = validateAnswer(step, value, context);
  if ('error' in checked) return checked;
  return {
    procedureId: session.procedureId,
    history: [...session.history.slice(0, w.consumed), step.id],
    answers: { ...session.answers, [step.id]: checked.ok },
    confirmed: false,
  };
}
