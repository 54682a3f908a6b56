import { namesIn, numbersIn, type Expr } from './expression';
import { dayNumberOf, periodEnd, type HolidayCalendar, type PeriodLength } from './holiday-calendar';
import { answer, confirmSummary, currentView, daysBefore, isAnswerError, startSession, unfilledPlaceholders, type ProcedureSession } from './procedure-engine';
import type { AnswerValue, Procedure, ProcedureConfig, ProcedureContext, Step, VisibleStep } from './procedure-types';
import { errorMessage } from '../../errors/common/error-message';

/**
 * Walks every way through a procedure with the real engine, for the linter and the property
 * tests. Answers are sampled, not exhaustive: each choice option; for multiple choice the single
 * options, all options, and every combination of the options that conditions test; for numbers
 * and dates the range ends and the boundaries next to every constant in the conditions that
 * depend on the step (directly or through computed values), and next to configured values such
 * as the income threshold. The samples run under several configurations (threshold unset and a
 * few values), because an unset threshold must lead somewhere too.
 */
export interface ProcedurePath {
  /** The shown steps and the answers given, in order. */
  answers: { stepId: string; value: AnswerValue }[];
  outcomeId: string;
  context: ProcedureContext;
  /** Steps passed (computed ones included) and the outcome: what makes two paths the same. */
  signature: string;
  /** `{name}` placeholders of the outcome's texts and reasons that nothing on this way set (shown as written). */
  unfilled: string[];
}

export interface DeadEnd {
  answers: { stepId: string; value: AnswerValue }[];
  context: ProcedureContext;
  message: string;
}

export interface EnumerateResult {
  /** One representative per distinct signature, in discovery order. */
  paths: ProcedurePath[];
  deadEnds: DeadEnd[];
  /** Answer combinations tried. */
  explored: number;
  /** True when `maxExplored` was reached: the result is incomplete. */
  truncated: boolean;
  maxExplored: number;
}

export interface EnumerateOptions {
  contexts?: ProcedureContext[];
  /**
   * The content's holiday calendar: the sample contexts are walked once without it (every period
   * end unknown) and once with it. Ignored when `contexts` is given.
   */
  calendar?: HolidayCalendar | null;
  /** Stop after this many complete answer combinations (default 50 000). */
  maxExplored?: number;
}

/** A fixed day, so enumeration is deterministic. */
export const sampleToday = '2026-06-15';

const baseConfig: ProcedureConfig = { legalAidIncomeThreshold: null, legalAidStandardSource: null, region: null, siteName: null };

/** Unset, and a few thresholds of different size. Test inputs only — never shown to residents. */
export const defaultSampleContexts: ProcedureContext[] = [
  { config: { ...baseConfig }, today: sampleToday },
  { config: { ...baseConfig, legalAidIncomeThreshold: 1000, region: '示例地区', siteName: '示例法律之家' }, today: sampleToday },
  { config: { ...baseConfig, legalAidIncomeThreshold: 2500, region: '示例地区', siteName: '示例法律之家' }, today: sampleToday },
];

function expressionsOf(step: Step): Expr[] {
  const out: Expr[] = [];
  if (step.type === 'compute') for (const s of step.set) out.push(s.expr);
  if (step.route?.kind === 'branch') for (const b of step.route.branches) if (b.when) out.push(b.when);
  return out;
}

/**
 * For each number/date step, the constants its value is compared with: numbers in any condition
 * that reads it or a computed value derived from it, and whether such a condition reads config.
 */
type Boundary = { constants: Set<number>; usesConfig: boolean; tested: Set<string>; periods: PeriodLength[][] };

function boundaryInfo(proc: Procedure): Map<string, Boundary> {
  const dependsOn = new Map<string, Set<string>>();
  /** Each period as the chain of lengths from the date step it is counted from. */
  const chains = new Map<string, { root: string; lengths: PeriodLength[] }>();
  for (const id of proc.stepOrder) {
    const step = proc.steps[id];
    if (step?.type !== 'compute') continue;
    for (const p of step.periods) {
      const parent = chains.get(p.from);
      const length = { amount: p.amount, unit: p.unit };
      chains.set(p.name, parent ? { root: parent.root, lengths: [...parent.lengths, length] } : { root: p.from, lengths: [length] });
      dependsOn.set(p.name, new Set([p.from, ...(dependsOn.get(p.from) ?? [])]));
    }
    for (const s of step.set) {
      const deps = new Set<string>();
      for (const n of namesIn(s.expr)) {
        if (n.scope === 'config') continue;
        deps.add(n.name);
        for (const d of dependsOn.get(n.name) ?? []) deps.add(d);
      }
      dependsOn.set(s.name, deps);
    }
  }
  const info = new Map<string, Boundary>();
  for (const id of proc.stepOrder) info.set(id, { constants: new Set(), usesConfig: false, tested: new Set(), periods: [] });
  for (const chain of chains.values()) info.get(chain.root)?.periods.push(chain.lengths);
  for (const id of proc.stepOrder) {
    const step = proc.steps[id];
    if (!step) continue;
    for (const expr of expressionsOf(step)) {
      const names = namesIn(expr);
      const reached = new Set<string>();
      for (const n of names) {
        if (n.scope === 'config') continue;
        reached.add(n.name);
        for (const d of dependsOn.get(n.name) ?? []) reached.add(d);
      }
      const usesConfig = names.some((n) => n.scope === 'config');
      const strings = stringsIn(expr);
      for (const name of reached) {
        const entry = info.get(name);
        if (!entry) continue;
        for (const c of numbersIn(expr)) entry.constants.add(c);
        if (usesConfig) entry.usesConfig = true;
        for (const s of strings) entry.tested.add(s);
      }
    }
  }
  return info;
}

function stringsIn(expr: Expr): string[] {
  switch (expr.kind) {
    case 'literal':
      return typeof expr.value === 'string' ? [expr.value] : [];
    case 'name':
      return [];
    case 'neg':
    case 'not':
      return stringsIn(expr.arg);
    case 'in':
      return [...stringsIn(expr.arg), ...expr.list.filter((v): v is string => typeof v === 'string')];
    case 'has':
      return [...stringsIn(expr.arg), ...stringsIn(expr.value)];
    case 'binary':
      return [...stringsIn(expr.left), ...stringsIn(expr.right)];
  }
}

function subsets(values: string[]): string[][] {
  const out: string[][] = [];
  for (let mask = 1; mask < 1 << values.length; mask += 1) out.push(values.filter((_, i) => (mask & (1 << i)) !== 0));
  return out;
}

/**
 * Days before today a date must lie so that the period counted from it ends the day before, on or
 * the day after today (or `constant` days from today): the boundaries of conditions on the period.
 */
function periodBoundaryDays(lengths: PeriodLength[], constants: Set<number>, context: ProcedureContext): number[] {
  const today = dayNumberOf(context.today);
  if (today === null) return [];
  const shortest = lengths.reduce((sum, l) => sum + (l.unit === 'days' ? l.amount : l.unit === 'months' ? l.amount * 28 : l.amount * 365), 0);
  const longest = lengths.reduce((sum, l) => sum + (l.unit === 'days' ? l.amount : l.unit === 'months' ? l.amount * 31 : l.amount * 366), 0);
  const wanted = new Set<number>();
  for (const c of [0, ...constants]) for (const d of [c - 1, c, c + 1]) wanted.add(d);
  const out: number[] = [];
  // Days off can move each end by a few weeks at most.
  for (let ago = Math.max(0, shortest - 10 - 40 * lengths.length); ago <= longest + 10 + 40 * lengths.length; ago += 1) {
    let day: string | null = new Date((today - ago) * 86_400_000).toISOString().slice(0, 10);
    for (const length of lengths) {
      if (day === null) break;
      const end = periodEnd(context.calendar, day, length);
      day = end.known ? end.end : null;
    }
    const endDay = day === null ? null : dayNumberOf(day);
    if (endDay !== null && wanted.has(endDay - today)) out.push(ago);
  }
  return out;
}

function samplesFor(step: VisibleStep, info: Boundary | undefined, context: ProcedureContext): AnswerValue[] {
  switch (step.type) {
    case 'single':
      return step.options.map((o) => o.value);
    case 'multi': {
      const all = step.options.map((o) => o.value);
      const tested = all.filter((v) => info?.tested.has(v));
      const raw = all.length <= 4 ? subsets(all) : [...all.map((v) => [v]), all, ...(tested.length <= 4 ? subsets(tested) : tested.map((v) => [v]))];
      const seen = new Set<string>();
      return raw.filter((s) => {
        const key = s.join('|');
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    }
    case 'yesno':
      return [true, false];
    case 'info':
      return [true];
    case 'idcard': {
      const fields = Object.fromEntries(
        step.fields.map((f) => [
          f,
          f === 'gender' ? 'female' : f === 'ageBracket' ? '18-59' : f === 'name' ? '样*' : f === 'idNumber' ? '110101********0010' : '样例地区',
        ]),
      );
      return step.optional ? [{ fields }, null] : [{ fields }];
    }
    case 'number': {
      const candidates = new Set<number>([step.min, step.max, Math.round((step.min + step.max) / 2)]);
      const near = (c: number) => [c - 1, c, c + 1, c - 0.5, c + 0.5];
      for (const c of info?.constants ?? []) for (const v of near(c)) candidates.add(v);
      const threshold = context.config.legalAidIncomeThreshold;
      if (info?.usesConfig && threshold !== null) for (const v of near(threshold)) candidates.add(v);
      return [...candidates]
        .map((v) => (step.integer ? Math.round(v) : v))
        .filter((v, i, all) => v >= step.min && v <= step.max && all.indexOf(v) === i)
        .sort((a, b) => a - b);
    }
    case 'date': {
      const ago = new Set<number>([0, 3650]);
      if (!step.notAfterToday) ago.add(-30);
      for (const c of info?.constants ?? []) for (const d of [c - 1, c, c + 1]) ago.add(d);
      for (const lengths of info?.periods ?? []) for (const d of periodBoundaryDays(lengths, info?.constants ?? new Set(), context)) ago.add(d);
      return [...ago]
        .filter((days) => days >= 0 || !step.notAfterToday)
        .sort((a, b) => a - b)
        .map((days) => ({ date: daysBefore(context.today, days) }))
        .filter((v) => v.date >= '1900-01-01');
    }
  }
}

export function enumeratePaths(proc: Procedure, options: EnumerateOptions = {}): EnumerateResult {
  const calendar = options.calendar ?? null;
  const contexts =
    options.contexts ?? (calendar ? [...defaultSampleContexts, ...defaultSampleContexts.map((c) => ({ ...c, calendar }))] : defaultSampleContexts);
  const maxExplored = options.maxExplored ?? 50_000;
  const info = boundaryInfo(proc);
  const paths: ProcedurePath[] = [];
  const signatures = new Set<string>();
  const deadEnds: DeadEnd[] = [];
  let explored = 0;
  let truncated = false;

  for (const context of contexts) {
    const visit = (session: ProcedureSession, given: { stepId: string; value: AnswerValue }[]): void => {
      if (truncated) return;
      let view;
      try {
        view = currentView(proc, session, context);
      } catch (error) {
        explored += 1;
        deadEnds.push({ answers: given, context, message: errorMessage(error) });
        return;
      }
      if (view.kind === 'summary') {
        explored += 1;
        if (explored >= maxExplored) truncated = true;
        const outcome = currentView(proc, confirmSummary(session), context);
        if (outcome.kind !== 'outcome') {
          deadEnds.push({ answers: given, context, message: 'the summary was confirmed but no outcome followed' });
          return;
        }
        const signature = [...outcome.trace.map((t) => t.stepId), `outcome:${outcome.outcomeId}`].join(' > ');
        if (!signatures.has(signature)) {
          signatures.add(signature);
          const o = outcome.outcome;
          const texts = [o.conclusion, ...o.steps, ...o.materials, ...o.deadlines.map((d) => d.text), ...outcome.reasons];
          const unfilled = [...new Set(texts.flatMap(unfilledPlaceholders))];
          paths.push({ answers: given, outcomeId: outcome.outcomeId, context, signature, unfilled });
        }
        return;
      }
      if (view.kind !== 'step') return;
      const step = proc.steps[view.stepId] as VisibleStep;
      for (const value of samplesFor(step, info.get(step.id), context)) {
        const next = answer(proc, session, value, context);
        if (isAnswerError(next)) {
          deadEnds.push({ answers: given, context, message: `step "${step.id}" refused the sample answer ${JSON.stringify(value)}: ${next.message}` });
          continue;
        }
        visit(next, [...given, { stepId: step.id, value }]);
        if (truncated) return;
      }
    };
    visit(startSession(proc), []);
  }
  return { paths, deadEnds, explored, truncated, maxExplored };
}
