import { isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar } from 'yaml';
import type { Node } from 'yaml';
import { chineseNumeralChars } from '../../laws/common/chinese-numerals';
import { normalizeLawTitle } from '../../laws/common/law-title';
import { legalDomainIds, type LegalDomainId } from '../../legal-domains/common/legal-domains';
import { findUnprintable, formatCodePoint } from '../../qa/common/printable-text';
import { checkExpression, ExpressionError, parseExpression, type Expr, type NameInfo, type NameResolver, type ValueType } from './expression';
import type { PeriodUnit } from './holiday-calendar';
import type {
  Branch,
  PeriodDef,
  ChoiceOption,
  Cite,
  ContentProblem,
  Deadline,
  IdCardField,
  Outcome,
  OutcomeKind,
  Procedure,
  Route,
  Step,
  StepType,
  Target,
} from './procedure-types';
import { countLimits, idCardFields, procedureConfigNames, textLimits } from './procedure-types';
import { maxReceiptLinesPerItem, receiptColumns, receiptItemPrefixColumns, receiptLineCount } from './receipt-width';

/**
 * Compiles one procedure file (YAML, format in procedure-format.md) into a checked Procedure.
 * Pure and total: every defect becomes a problem with the exact source line. Checks everything
 * that can be decided from the file alone — structure, references between steps and outcomes,
 * reachability, cycles, expressions, text lengths (screen and receipt), printable characters.
 * References to other files (offices, Q&A, the law library) are the linter's job.
 */
export interface CompileResult {
  /** Set only when there is no problem at all: the kiosk never runs a broken procedure. */
  procedure: Procedure | null;
  problems: ContentProblem[];
}

/** A text of the file with the line its first character is on (for per-character checks). */
export interface SourceText {
  text: string;
  line: number;
  /** A block scalar (|): character i is on line + (newlines before i). */
  block: boolean;
}

export interface CompileDetail {
  /** Best effort even with problems (null only when the file is not a procedure at all), for further checks. */
  procedure: Procedure | null;
  problems: ContentProblem[];
  texts: SourceText[];
}

const kebabCase = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const nameRule = /^[A-Za-z_][A-Za-z0-9_]*$/;
const optionValueRule = /^[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*$/;
const N = `[${chineseNumeralChars}]+`;
const citePattern = new RegExp(`^(\\S+) (第${N}条(?:之${N})?)$`);
const stepTypes: readonly StepType[] = ['single', 'multi', 'yesno', 'number', 'date', 'info', 'idcard', 'compute'];
const outcomeKinds: readonly OutcomeKind[] = ['positive', 'neutral', 'negative'];
const reservedNames = new Set(['config', 'answers', 'and', 'or', 'not', 'in', 'has', 'true', 'false', 'null', 'outcome']);

const fieldsByType: Record<StepType, readonly string[]> = {
  single: ['type', 'title', 'help', 'options', 'next', 'branch'],
  multi: ['type', 'title', 'help', 'options', 'next', 'branch'],
  yesno: ['type', 'title', 'help', 'yes', 'no', 'next', 'branch'],
  number: ['type', 'title', 'help', 'unit', 'min', 'max', 'integer', 'next', 'branch'],
  date: ['type', 'title', 'help', 'notAfterToday', 'next', 'branch'],
  info: ['type', 'title', 'help', 'body', 'next', 'branch'],
  idcard: ['type', 'title', 'help', 'fields', 'optional', 'next', 'branch'],
  compute: ['type', 'periods', 'set', 'next', 'branch'],
};

interface Field {
  key: string;
  value: unknown;
  keyLine: number;
  /** Line of the value, or of the key when the value is empty. */
  line: number;
}

function charCount(text: string): number {
  return [...text.replace(/\s+/g, '')].length;
}

class Reader {
  readonly problems: ContentProblem[] = [];
  readonly texts: SourceText[] = [];
  constructor(
    readonly file: string,
    private readonly lineCounter: LineCounter,
  ) {}

  lineOf(node: unknown, fallback: number): number {
    const range = (node as Node | null | undefined)?.range;
    return range ? this.lineCounter.linePos(range[0]).line : fallback;
  }

  report(line: number, message: string): void {
    this.problems.push({ file: this.file, line, message });
  }

  /** The map's fields; reports a non-map and every key not in `known`. */
  fields(node: unknown, line: number, where: string, known: readonly string[] | null): Map<string, Field> | null {
    if (!isMap(node)) {
      this.report(line, `${where} must be a mapping (key: value lines)`);
      return null;
    }
    const out = new Map<string, Field>();
    for (const pair of node.items) {
      const keyLine = this.lineOf(pair.key, line);
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (known && !known.includes(key)) {
        this.report(keyLine, `${where}: unknown field "${key}"${known.length > 0 ? ` (expected: ${known.join(', ')})` : ''}`);
        continue;
      }
      out.set(key, { key, value: pair.value, keyLine, line: pair.value ? this.lineOf(pair.value, keyLine) : keyLine });
    }
    return out;
  }

  text(field: Field | undefined, where: string, max: number | null, required: boolean, fallbackLine: number): string | null {
    if (!field || (isScalar(field.value) && field.value.value === null) || field.value === null) {
      if (required) this.report(field?.line ?? fallbackLine, `${where} is required`);
      return null;
    }
    if (!isScalar(field.value) || typeof field.value.value !== 'string') {
      this.report(field.line, `${where} must be text`);
      return null;
    }
    const value = field.value.value.trim();
    if (value === '') {
      if (required) this.report(field.line, `${where} is empty`);
      return null;
    }
    const block = field.value.type === Scalar.BLOCK_LITERAL || field.value.type === Scalar.BLOCK_FOLDED;
    this.checkText(value, block ? field.line + 1 : field.line, block, where, max);
    return value;
  }

  checkText(value: string, line: number, block: boolean, where: string, max: number | null): void {
    this.texts.push({ text: value, line, block });
    if (max !== null && charCount(value) > max) {
      this.report(line, `${where} is ${String(charCount(value))} characters; at most ${String(max)} fit the screen`);
    }
    const seen = new Set<number>();
    for (const bad of findUnprintable(value)) {
      if (seen.has(bad.codePoint)) continue;
      seen.add(bad.codePoint);
      const at = block ? line + (value.slice(0, bad.index).match(/\n/g)?.length ?? 0) : line;
      this.report(at, `${where}: character ${formatCodePoint(bad.codePoint)} (${bad.reason}) cannot be printed on the receipt`);
    }
  }

  textItem(node: unknown, line: number, where: string, max: number): string | null {
    if (!isScalar(node) || typeof node.value !== 'string' || node.value.trim() === '') {
      this.report(line, `${where} must be non-empty text`);
      return null;
    }
    const value = node.value.trim();
    this.checkText(value, line, false, where, max);
    return value;
  }

  /** Flow or block list of items; null (with a problem) when not a list. */
  list(field: Field | undefined, where: string, required: boolean, fallbackLine: number): { node: unknown; line: number }[] | null {
    if (!field || field.value === null || (isScalar(field.value) && field.value.value === null)) {
      if (required) this.report(field?.line ?? fallbackLine, `${where} is required`);
      return null;
    }
    if (!isSeq(field.value)) {
      this.report(field.line, `${where} must be a list`);
      return null;
    }
    return field.value.items.map((node) => ({ node, line: this.lineOf(node, field.line) }));
  }

  number(field: Field | undefined, where: string, fallbackLine: number): number | null {
    if (!field) {
      this.report(fallbackLine, `${where} is required`);
      return null;
    }
    if (!isScalar(field.value) || typeof field.value.value !== 'number' || !Number.isFinite(field.value.value)) {
      this.report(field.line, `${where} must be a number`);
      return null;
    }
    return field.value.value;
  }

  bool(field: Field | undefined, where: string, fallback: boolean): boolean {
    if (!field) return fallback;
    if (!isScalar(field.value) || typeof field.value.value !== 'boolean') {
      this.report(field.line, `${where} must be true or false`);
      return fallback;
    }
    return field.value.value;
  }

  id(field: Field | undefined, where: string, fallbackLine: number): string | null {
    if (!field || !isScalar(field.value) || typeof field.value.value !== 'string' || field.value.value === '') {
      this.report(field?.line ?? fallbackLine, `${where} is required (a name)`);
      return null;
    }
    return field.value.value;
  }

  target(node: unknown, line: number, where: string): Target | null {
    if (!isScalar(node) || typeof node.value !== 'string' || node.value.trim() === '') {
      this.report(line, `${where} must name a step or outcome:<id>`);
      return null;
    }
    const value = node.value.trim();
    if (value.startsWith('outcome:')) return { kind: 'outcome', id: value.slice('outcome:'.length), line };
    return { kind: 'step', id: value, line };
  }

  cite(node: unknown, line: number, where: string): Cite | null {
    if (!isScalar(node) || typeof node.value !== 'string') {
      this.report(line, `${where} must be text like "法律援助法 第二十二条"`);
      return null;
    }
    const match = citePattern.exec(node.value.trim());
    if (!match?.[1] || !match[2]) {
      this.report(line, `${where} "${node.value}" must be "<law title> 第…条" (Chinese numerals, one space), e.g. "法律援助法 第二十二条"`);
      return null;
    }
    const normalized = normalizeLawTitle(match[1]);
    if (normalized !== match[1]) {
      this.report(line, `${where} "${node.value}": write the law title as "${normalized}"`);
      return null;
    }
    return { law: match[1], label: match[2], line };
  }

  expression(node: unknown, line: number, where: string): { expr: Expr; source: string } | null {
    if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number' && typeof node.value !== 'boolean')) {
      this.report(line, `${where} must be an expression`);
      return null;
    }
    // `when: true` arrives as a YAML boolean; the source text is what the editor wrote.
    const source = String(node.value).trim();
    try {
      return { expr: parseExpression(source), source };
    } catch (error) {
      if (error instanceof ExpressionError) {
        this.report(line, `${where} "${source}": ${error.message} (at character ${String(error.offset + 1)})`);
        return null;
      }
      throw error;
    }
  }
}

function parseRoute(r: Reader, f: Map<string, Field>, where: string, line: number): Route | null {
  const next = f.get('next');
  const branch = f.get('branch');
  if (next && branch) {
    r.report(branch.keyLine, `${where} has both "next" and "branch"; keep one`);
    return null;
  }
  if (next) {
    const target = r.target(next.value, next.line, `${where}: next`);
    return target ? { kind: 'next', target } : null;
  }
  if (!branch) return null;
  const items = r.list(branch, `${where}: branch`, true, line);
  if (!items) return null;
  const branches: Branch[] = [];
  items.forEach(({ node, line: itemLine }, i) => {
    const bw = `${where}: branch ${String(i + 1)}`;
    const bf = r.fields(node, itemLine, bw, ['when', 'next', 'otherwise', 'reason']);
    if (!bf) return;
    const reasonField = bf.get('reason');
    const reason = reasonField ? r.text(reasonField, `${bw}: reason`, textLimits.reason, false, itemLine) : null;
    const otherwise = bf.get('otherwise');
    if (otherwise) {
      if (bf.has('when') || bf.has('next')) r.report(itemLine, `${bw}: "otherwise" stands alone (otherwise: <target>)`);
      if (i !== items.length - 1) r.report(otherwise.keyLine, `${bw}: "otherwise" must be the last branch entry; the entries after it are never used`);
      const target = r.target(otherwise.value, otherwise.line, `${bw}: otherwise`);
      if (target) branches.push({ when: null, source: null, target, reason, line: itemLine });
      return;
    }
    const when = bf.get('when');
    const nextField = bf.get('next');
    if (!when) r.report(itemLine, `${bw} needs "when" (or is the final "otherwise")`);
    if (!nextField) r.report(itemLine, `${bw} needs "next"`);
    if (!when || !nextField) return;
    const parsed = r.expression(when.value, when.line, `${bw}: when`);
    const target = r.target(nextField.value, nextField.line, `${bw}: next`);
    if (parsed && target) branches.push({ when: parsed.expr, source: parsed.source, target, reason, line: when.line });
  });
  const last = items[items.length - 1];
  if (last && (!isMap(last.node) || !last.node.has('otherwise'))) {
    r.report(last.line, `${where}: the last branch entry must be "otherwise: <target>", so that every answer leads somewhere`);
  }
  return { kind: 'branch', branches };
}

function parseOptions(r: Reader, f: Map<string, Field>, where: string, line: number, withNext: boolean): ChoiceOption[] {
  const items = r.list(f.get('options'), `${where}: options`, true, line) ?? [];
  if (f.has('options') && (items.length < countLimits.options.min || items.length > countLimits.options.max)) {
    r.report(
      f.get('options')?.line ?? line,
      `${where}: ${String(items.length)} options; a choice has ${String(countLimits.options.min)} to ${String(countLimits.options.max)}`,
    );
  }
  const options: ChoiceOption[] = [];
  const seen = new Set<string>();
  items.forEach(({ node, line: itemLine }, i) => {
    const ow = `${where}: option ${String(i + 1)}`;
    const of = r.fields(node, itemLine, ow, withNext ? ['value', 'label', 'next'] : ['value', 'label']);
    if (!of) return;
    const valueField = of.get('value');
    const value = valueField && isScalar(valueField.value) ? String(valueField.value.value) : null;
    if (value === null || !optionValueRule.test(value)) {
      r.report(valueField?.line ?? itemLine, `${ow}: value must be a short code of letters, digits and dashes (it is what conditions test)`);
    } else if (seen.has(value)) {
      r.report(valueField?.line ?? itemLine, `${ow}: value "${value}" is used twice in this step`);
    } else {
      seen.add(value);
    }
    const label = r.text(of.get('label'), `${ow}: label`, textLimits.optionLabel, true, itemLine);
    const nextField = of.get('next');
    const next = nextField ? r.target(nextField.value, nextField.line, `${ow}: next`) : null;
    if (value !== null && label !== null) options.push({ value, label, next, line: itemLine });
  });
  return options;
}

function parseStep(r: Reader, id: string, node: unknown, line: number): Step | null {
  const where = `step "${id}"`;
  if (!isMap(node)) {
    r.report(line, `${where} must be a mapping (type, title, …)`);
    return null;
  }
  const typeNode = node.get('type', true);
  const type = isScalar(typeNode) ? String(typeNode.value) : '';
  if (!stepTypes.includes(type as StepType)) {
    r.report(r.lineOf(typeNode, line), `${where}: type must be one of ${stepTypes.join(', ')}`);
    return null;
  }
  const stepType = type as StepType;
  const f = r.fields(node, line, where, fieldsByType[stepType]);
  if (!f) return null;
  const lines: Record<string, number> = {};
  for (const [key, field] of f) lines[key] = field.line;
  const base = { id, line, lines };
  const deadEnd = () => r.report(line, `${where} leads nowhere: give it "next" or "branch" (every path must end in an outcome)`);
  const route = parseRoute(r, f, where, line);
  const routeRequired = (): Route => {
    if (!route) {
      if (!f.has('next') && !f.has('branch')) deadEnd();
      return { kind: 'branch', branches: [] };
    }
    return route;
  };

  if (stepType === 'compute') {
    const set: { name: string; expr: Expr; source: string; line: number }[] = [];
    const periods: PeriodDef[] = [];
    const pf = f.get('periods');
    for (const [name, field] of (pf ? r.fields(pf.value, pf.line, `${where}: periods`, null) : null) ?? []) {
      const pw = `${where}: period ${name}`;
      if (!nameRule.test(name) || reservedNames.has(name)) {
        r.report(field.keyLine, `${where}: "${name}" cannot be a period name (letters, digits and _ only, not a keyword)`);
        continue;
      }
      const df = r.fields(field.value, field.line, pw, ['from', 'days', 'months', 'years']);
      if (!df) continue;
      const from = r.id(df.get('from'), `${pw}: from`, field.line);
      const units = (['days', 'months', 'years'] as const).filter((u) => df.has(u));
      if (units.length !== 1) {
        r.report(field.line, `${pw}: give exactly one length: days, months or years`);
        continue;
      }
      const unit: PeriodUnit = units[0] ?? 'days';
      const amount = r.number(df.get(unit), `${pw}: ${unit}`, field.line);
      if (amount !== null && (!Number.isInteger(amount) || amount < 1 || amount > 3650)) {
        r.report(df.get(unit)?.line ?? field.line, `${pw}: ${unit} must be a whole number from 1 to 3650`);
        continue;
      }
      if (from !== null && amount !== null) periods.push({ name, from, amount, unit, line: field.line });
    }
    const sf = f.get('set');
    const setFields = sf ? r.fields(sf.value, sf.line, `${where}: set`, null) : null;
    if (!sf && !pf) r.report(line, `${where}: a compute step needs "set" or "periods"`);
    for (const [name, field] of setFields ?? []) {
      if (!nameRule.test(name) || reservedNames.has(name)) {
        r.report(field.keyLine, `${where}: "${name}" cannot be a value name (letters, digits and _ only, not a keyword)`);
        continue;
      }
      const parsed = r.expression(field.value, field.line, `${where}: set ${name}`);
      if (parsed) set.push({ name, ...parsed, line: field.line });
    }
    return { ...base, type: 'compute', periods, set, route: routeRequired() };
  }

  const title = r.text(f.get('title'), `${where}: title`, textLimits.stepTitle, true, line) ?? '';
  const help = r.text(f.get('help'), `${where}: help`, textLimits.help, false, line);
  switch (stepType) {
    case 'single': {
      const options = parseOptions(r, f, where, line, true);
      const withNext = options.filter((o) => o.next !== null).length;
      if (route && withNext > 0) {
        r.report(line, `${where}: give every option its own next, or the step a next/branch — not both`);
      } else if (!route && withNext < options.length) {
        const missing = options.find((o) => o.next === null);
        if (f.has('next') || f.has('branch')) {
          // route failed to parse; already reported
        } else if (withNext === 0) {
          deadEnd();
        } else if (missing) {
          r.report(missing.line, `${where}: option "${missing.value}" leads nowhere: give it "next" (every path must end in an outcome)`);
        }
      }
      return { ...base, type: 'single', title, help, options, route };
    }
    case 'multi':
      return { ...base, type: 'multi', title, help, options: parseOptions(r, f, where, line, false), route: routeRequired() };
    case 'yesno': {
      const side = (key: 'yes' | 'no'): Target | null => {
        const field = f.get(key);
        if (!field) return null;
        const sideFields = r.fields(field.value, field.line, `${where}: ${key}`, ['next']);
        const nextField = sideFields?.get('next');
        if (!nextField) {
          r.report(field.line, `${where}: ${key} leads nowhere: write ${key}: { next: … }`);
          return null;
        }
        return r.target(nextField.value, nextField.line, `${where}: ${key}: next`);
      };
      const yes = side('yes');
      const no = side('no');
      const hasSides = f.has('yes') || f.has('no');
      if (hasSides && route) r.report(line, `${where}: use yes/no or a step-level next/branch, not both`);
      if (hasSides && (!f.has('yes') || !f.has('no'))) r.report(line, `${where}: needs both "yes" and "no"`);
      if (!hasSides && !route && !f.has('next') && !f.has('branch')) deadEnd();
      return { ...base, type: 'yesno', title, help, yes, no, route };
    }
    case 'number': {
      const unit = r.text(f.get('unit'), `${where}: unit`, textLimits.unit, true, line) ?? '';
      const min = r.number(f.get('min'), `${where}: min`, line) ?? 0;
      const max = r.number(f.get('max'), `${where}: max`, line) ?? 0;
      if (f.has('min') && f.has('max') && min >= max) r.report(f.get('max')?.line ?? line, `${where}: max must be greater than min`);
      const integer = r.bool(f.get('integer'), `${where}: integer`, true);
      return { ...base, type: 'number', title, help, unit, min, max, integer, route: routeRequired() };
    }
    case 'date':
      return { ...base, type: 'date', title, help, notAfterToday: r.bool(f.get('notAfterToday'), `${where}: notAfterToday`, false), route: routeRequired() };
    case 'info': {
      const body = r.text(f.get('body'), `${where}: body`, textLimits.body, true, line) ?? '';
      return { ...base, type: 'info', title, help, body, route: routeRequired() };
    }
    case 'idcard': {
      const fields: IdCardField[] = [];
      for (const { node: item, line: itemLine } of r.list(f.get('fields'), `${where}: fields`, true, line) ?? []) {
        const name = isScalar(item) ? String(item.value) : '';
        if (!idCardFields.includes(name as IdCardField)) r.report(itemLine, `${where}: unknown ID-card field "${name}" (known: ${idCardFields.join(', ')})`);
        else if (fields.includes(name as IdCardField)) r.report(itemLine, `${where}: field "${name}" listed twice`);
        else fields.push(name as IdCardField);
      }
      return { ...base, type: 'idcard', title, help, fields, optional: r.bool(f.get('optional'), `${where}: optional`, false), route: routeRequired() };
    }
  }
}

function parseOutcome(r: Reader, id: string, node: unknown, line: number): Outcome | null {
  const where = `outcome "${id}"`;
  const f = r.fields(node, line, where, ['kind', 'conclusion', 'steps', 'materials', 'office', 'deadlines', 'cites', 'related']);
  if (!f) return null;
  const lines: Record<string, number> = {};
  for (const [key, field] of f) lines[key] = field.line;
  const kindField = f.get('kind');
  const kind = kindField && isScalar(kindField.value) ? String(kindField.value.value) : '';
  if (!outcomeKinds.includes(kind as OutcomeKind)) r.report(kindField?.line ?? line, `${where}: kind must be one of ${outcomeKinds.join(', ')}`);
  const conclusion = r.text(f.get('conclusion'), `${where}: conclusion`, textLimits.conclusion, true, line) ?? '';
  const conclusionLine = f.get('conclusion')?.line ?? line;
  if (/[。！？!?].+$/.test(conclusion)) r.report(conclusionLine, `${where}: conclusion must be one sentence`);
  const receipt = (text: string, itemLine: number, what: string, indent: number) => {
    const used = receiptLineCount(text, indent);
    if (used > maxReceiptLinesPerItem) {
      r.report(
        itemLine,
        `${where}: ${what} takes ${String(used)} receipt lines (at most ${String(maxReceiptLinesPerItem)} at ${String(receiptColumns)} columns); shorten it`,
      );
    }
  };

  const textList = (key: 'steps' | 'materials', max: number, limits: { min: number; max: number }, required: boolean) => {
    const items = r.list(f.get(key), `${where}: ${key}`, required, line) ?? [];
    if (f.has(key) && (items.length < limits.min || items.length > limits.max)) {
      r.report(f.get(key)?.line ?? line, `${where}: ${String(items.length)} ${key}; allowed ${String(limits.min)} to ${String(limits.max)}`);
    }
    const texts: string[] = [];
    const itemLines: number[] = [];
    items.forEach(({ node: item, line: itemLine }, i) => {
      const what = `${key}[${String(i + 1)}]`;
      const text = r.textItem(item, itemLine, `${where}: ${what}`, max);
      if (text === null) return;
      receipt(text, itemLine, what, receiptItemPrefixColumns);
      texts.push(text);
      itemLines.push(itemLine);
    });
    return { texts, itemLines };
  };
  const steps = textList('steps', textLimits.outcomeStep, countLimits.outcomeSteps, true);
  const materials = textList('materials', textLimits.material, countLimits.materials, false);

  const officeField = f.get('office');
  const office = officeField ? r.id(officeField, `${where}: office`, line) : null;

  const deadlines: Deadline[] = [];
  for (const { node: item, line: itemLine } of r.list(f.get('deadlines'), `${where}: deadlines`, false, line) ?? []) {
    const df = r.fields(item, itemLine, `${where}: deadline`, ['text', 'cite']);
    if (!df) continue;
    const text = r.text(df.get('text'), `${where}: deadline text`, textLimits.deadline, true, itemLine);
    const citeField = df.get('cite');
    const cite = citeField ? r.cite(citeField.value, citeField.line, `${where}: deadline cite`) : null;
    if (!citeField) r.report(itemLine, `${where}: a deadline needs "cite" (the article that sets it)`);
    if (text) receipt(text, df.get('text')?.line ?? itemLine, 'deadline', receiptItemPrefixColumns);
    if (text && cite) deadlines.push({ text, cite, line: itemLine });
  }

  const cites: Cite[] = [];
  for (const { node: item, line: itemLine } of r.list(f.get('cites'), `${where}: cites`, true, line) ?? []) {
    const cite = r.cite(item, itemLine, `${where}: cite`);
    if (cite) cites.push(cite);
  }
  if (f.has('cites') && cites.length === 0 && isSeq(f.get('cites')?.value))
    r.report(f.get('cites')?.line ?? line, `${where}: cites must name at least one article`);

  const related: string[] = [];
  const relatedLines: number[] = [];
  for (const { node: item, line: itemLine } of r.list(f.get('related'), `${where}: related`, false, line) ?? []) {
    if (!isScalar(item) || typeof item.value !== 'string' || !kebabCase.test(item.value)) {
      r.report(itemLine, `${where}: related entries are Q&A ids (kebab-case)`);
      continue;
    }
    related.push(item.value);
    relatedLines.push(itemLine);
  }
  return {
    id,
    kind: (outcomeKinds.includes(kind as OutcomeKind) ? kind : 'neutral') as OutcomeKind,
    conclusion,
    steps: steps.texts,
    materials: materials.texts,
    office,
    deadlines,
    cites,
    related,
    line,
    lines,
    itemLines: { steps: steps.itemLines, materials: materials.itemLines, related: relatedLines },
  };
}

/** Every target a step can go to, with where it is written. */
export function stepTargets(step: Step): Target[] {
  const out: Target[] = [];
  if (step.type === 'single') for (const o of step.options) if (o.next) out.push(o.next);
  if (step.type === 'yesno') {
    if (step.yes) out.push(step.yes);
    if (step.no) out.push(step.no);
  }
  if (step.route?.kind === 'next') out.push(step.route.target);
  if (step.route?.kind === 'branch') for (const b of step.route.branches) out.push(b.target);
  return out;
}

/** Reports broken targets, unreachable steps and outcomes, and cycles; returns the reachable step ids. */
function checkGraph(r: Reader, proc: Procedure): Set<string> {
  // References first: a target that names nothing.
  for (const id of proc.stepOrder) {
    const step = proc.steps[id];
    if (!step) continue;
    for (const t of stepTargets(step)) {
      if (t.kind === 'step' && !proc.steps[t.id]) {
        r.report(
          t.line,
          `step "${id}": next "${t.id}" is not a step of this procedure${proc.outcomes[t.id] ? ` (for the outcome write outcome:${t.id})` : ''}`,
        );
      }
      if (t.kind === 'outcome' && !proc.outcomes[t.id]) r.report(t.line, `step "${id}": outcome "${t.id}" is not defined under outcomes`);
    }
  }
  if (!proc.steps[proc.start]) return new Set();

  // Reachability from the start.
  const reached = new Set<string>([`s:${proc.start}`]);
  const queue = [proc.start];
  while (queue.length > 0) {
    const step = proc.steps[queue.shift() ?? ''];
    if (!step) continue;
    for (const t of stepTargets(step)) {
      const key = `${t.kind === 'step' ? 's' : 'o'}:${t.id}`;
      if (reached.has(key)) continue;
      reached.add(key);
      if (t.kind === 'step') queue.push(t.id);
    }
  }
  for (const id of proc.stepOrder) {
    if (!reached.has(`s:${id}`)) r.report(proc.steps[id]?.line ?? 1, `step "${id}" is unreachable: no path from the start "${proc.start}" leads to it`);
  }
  for (const id of proc.outcomeOrder) {
    if (!reached.has(`o:${id}`)) r.report(proc.outcomes[id]?.line ?? 1, `outcome "${id}" is unreachable: no step leads to it`);
  }

  // Cycles: a target that leads back to a step on the current path. Only 返回 goes backwards.
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (id: string) => {
    state.set(id, 'open');
    path.push(id);
    const step = proc.steps[id];
    for (const t of step ? stepTargets(step) : []) {
      if (t.kind !== 'step' || !proc.steps[t.id]) continue;
      const s = state.get(t.id);
      if (s === 'open') {
        const cycle = [...path.slice(path.indexOf(t.id)), t.id].join(' → ');
        r.report(t.line, `step "${id}" goes back to step "${t.id}" (cycle ${cycle}); only the back button may go backwards`);
      } else if (s === undefined) {
        visit(t.id);
      }
    }
    path.pop();
    state.set(id, 'done');
  };
  visit(proc.start);
  return new Set(proc.stepOrder.filter((id) => reached.has(`s:${id}`)));
}

/** For each step, the steps that can come before it on some path (its ancestors). */
export function ancestorsOf(proc: Procedure): Map<string, Set<string>> {
  const parents = new Map<string, Set<string>>();
  for (const id of proc.stepOrder) parents.set(id, new Set());
  for (const id of proc.stepOrder) {
    const step = proc.steps[id];
    for (const t of step ? stepTargets(step) : []) if (t.kind === 'step') parents.get(t.id)?.add(id);
  }
  const result = new Map<string, Set<string>>();
  for (const id of proc.stepOrder) {
    const seen = new Set<string>();
    const stack = [...(parents.get(id) ?? [])];
    while (stack.length > 0) {
      const p = stack.pop() ?? '';
      if (seen.has(p)) continue;
      seen.add(p);
      stack.push(...(parents.get(p) ?? []));
    }
    result.set(id, seen);
  }
  return result;
}

const configTypes: Record<(typeof procedureConfigNames)[number], ValueType> = {
  legalAidIncomeThreshold: 'number',
  legalAidStandardSource: 'string',
  region: 'string',
  siteName: 'string',
};

function stepValueInfo(step: Step): NameInfo {
  switch (step.type) {
    case 'single':
      return { type: 'string', options: step.options.map((o) => o.value), stepId: step.id };
    case 'multi':
      return { type: 'list', options: step.options.map((o) => o.value), stepId: step.id };
    case 'number':
    case 'date':
      return { type: 'number', stepId: step.id };
    case 'yesno':
    case 'info':
    case 'idcard':
      return { type: 'boolean', stepId: step.id };
    case 'compute':
      return { type: 'any', stepId: step.id };
  }
}

/** Type-checks every formula and condition of the reachable steps (unreachable ones are reported already). */
function checkExpressions(r: Reader, proc: Procedure, reachable: Set<string>): void {
  const ancestors = ancestorsOf(proc);
  const setBy = new Map<string, string>();
  for (const id of proc.stepOrder) {
    const step = proc.steps[id];
    if (step?.type !== 'compute') continue;
    for (const s of [...step.periods, ...step.set]) {
      if (proc.steps[s.name]) r.report(s.line, `step "${id}": "${s.name}" is also a step id; give the value another name`);
      const other = setBy.get(s.name);
      if (other !== undefined) r.report(s.line, `step "${id}": "${s.name}" is already set by step "${other}"`);
      else setBy.set(s.name, id);
    }
  }
  const varTypes = new Map<string, ValueType>();
  const periodNames = new Set<string>();
  for (const id of proc.stepOrder) {
    const step = proc.steps[id];
    if (step?.type !== 'compute') continue;
    for (const p of step.periods) {
      periodNames.add(p.name);
      varTypes.set(p.name, 'number');
    }
  }

  const resolverFor =
    (stepId: string, setIndex: number | null): NameResolver =>
    (scope, name) => {
      if (scope === 'config') {
        return (procedureConfigNames as readonly string[]).includes(name)
          ? { type: configTypes[name as keyof typeof configTypes] }
          : { error: `unknown config name "config.${name}" (known: ${procedureConfigNames.join(', ')})` };
      }
      const before = (other: string) => other === stepId || (ancestors.get(stepId)?.has(other) ?? false);
      const step = proc.steps[name];
      if (step && step.type !== 'compute') {
        if (!before(name)) return { error: `"${name}" is not answered before step "${stepId}" (no path goes through it first)` };
        return stepValueInfo(step);
      }
      if (scope === 'answers') {
        return { error: setBy.has(name) ? `answers.${name}: "${name}" is set by a compute step; write ${name}` : `unknown step "${name}" in answers.${name}` };
      }
      const setter = setBy.get(name);
      if (setter === undefined) {
        const parts = name.split('-');
        const hint = parts.length > 1 && parts.every((p) => proc.steps[p] || setBy.has(p)) ? `; for subtraction put spaces around "-"` : '';
        return { error: `unknown name "${name}": not a step id or a value set by a compute step${hint}` };
      }
      if (setter === stepId) {
        const step = proc.steps[setter];
        const index = step?.type === 'compute' ? step.set.findIndex((s) => s.name === name) : -1;
        // Periods are counted before set, so a formula may always use this step's periods.
        if (setIndex !== null && !periodNames.has(name) && index >= setIndex) return { error: `"${name}" is used before it is set (set it earlier in "set")` };
      } else if (!before(setter)) {
        return { error: `"${name}" is not set before step "${stepId}" (step "${setter}" does not come first on any path)` };
      }
      return { type: varTypes.get(name) ?? 'any' };
    };

  // Types of computed values first (two passes so a value built on another gets its type).
  for (let pass = 0; pass < 2; pass += 1) {
    for (const id of proc.stepOrder) {
      const step = proc.steps[id];
      if (step?.type !== 'compute') continue;
      step.set.forEach((s, i) => varTypes.set(s.name, checkExpression(s.expr, resolverFor(id, i), null).type));
    }
  }
  for (const id of proc.stepOrder) {
    const step = proc.steps[id];
    if (!step || !reachable.has(id)) continue;
    if (step.type === 'compute') {
      step.periods.forEach((p, i) => {
        const fromStep = proc.steps[p.from];
        const before = ancestors.get(id)?.has(p.from) ?? false;
        if (fromStep) {
          if (fromStep.type !== 'date')
            r.report(
              p.line,
              `step "${id}": period ${p.name}: from "${p.from}" is a ${fromStep.type} step; a period starts from a date step or an earlier period`,
            );
          else if (!before) r.report(p.line, `step "${id}": period ${p.name}: "${p.from}" is not answered before step "${id}"`);
          return;
        }
        const setter = setBy.get(p.from);
        const earlierHere = step.periods.slice(0, i).some((q) => q.name === p.from);
        const earlierStep = setter !== undefined && setter !== id && (ancestors.get(id)?.has(setter) ?? false);
        if (!periodNames.has(p.from) || !(earlierHere || earlierStep)) {
          r.report(p.line, `step "${id}": period ${p.name}: from "${p.from}" must be a date step or a period set before it`);
        }
      });
      step.set.forEach((s, i) => {
        for (const e of checkExpression(s.expr, resolverFor(id, i), null).errors) r.report(s.line, `step "${id}": set ${s.name}: ${e}`);
      });
    }
    if (step.route?.kind === 'branch') {
      for (const b of step.route.branches) {
        if (!b.when) continue;
        for (const e of checkExpression(b.when, resolverFor(id, null), 'boolean').errors) r.report(b.line, `step "${id}": when "${b.source ?? ''}": ${e}`);
      }
    }
  }
}

export function compileProcedureDetail(file: string, text: string): CompileDetail {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter, uniqueKeys: true, prettyErrors: false });
  const r = new Reader(file, lineCounter);
  for (const error of [...doc.errors, ...doc.warnings]) {
    const offset = error.pos[0];
    r.report(lineCounter.linePos(offset).line, `YAML: ${error.message.split('\n')[0] ?? ''}`);
  }
  if (doc.errors.length > 0) return { procedure: null, problems: r.problems, texts: r.texts };
  const top = r.fields(doc.contents, 1, 'the procedure', ['id', 'title', 'summary', 'domain', 'keywords', 'cites', 'start', 'steps', 'outcomes']);
  if (!top) return { procedure: null, problems: r.problems, texts: r.texts };

  const id = r.id(top.get('id'), 'id', 1) ?? '';
  const base =
    file
      .split('/')
      .pop()
      ?.replace(/\.ya?ml$/, '') ?? '';
  if (id && !kebabCase.test(id)) r.report(top.get('id')?.line ?? 1, `id "${id}" must be kebab-case (lower-case letters, digits, dashes)`);
  else if (id && base && id !== base) r.report(top.get('id')?.line ?? 1, `id "${id}" must match the file name (${id}.yaml)`);
  const title = r.text(top.get('title'), 'title', textLimits.title, true, 1) ?? '';
  const summary = r.text(top.get('summary'), 'summary', textLimits.summary, true, 1) ?? '';
  const domainField = top.get('domain');
  const domainValue = domainField && isScalar(domainField.value) ? String(domainField.value.value) : '';
  if (!legalDomainIds.includes(domainValue as LegalDomainId))
    r.report(domainField?.line ?? 1, `domain "${domainValue}" is not one of ${legalDomainIds.join(', ')}`);
  const keywords: string[] = [];
  for (const { node, line } of r.list(top.get('keywords'), 'keywords', false, 1) ?? []) {
    const k = r.textItem(node, line, 'keyword', textLimits.keyword);
    if (k) keywords.push(k);
  }
  const cites: Cite[] = [];
  for (const { node, line } of r.list(top.get('cites'), 'cites', true, 1) ?? []) {
    const c = r.cite(node, line, 'cite');
    if (c) cites.push(c);
  }
  const start = r.id(top.get('start'), 'start', 1) ?? '';

  const steps: Record<string, Step> = {};
  const stepOrder: string[] = [];
  const stepsField = top.get('steps');
  if (!stepsField) r.report(1, 'steps is required');
  for (const [stepId, field] of (stepsField ? r.fields(stepsField.value, stepsField.line, 'steps', null) : null) ?? []) {
    if (!kebabCase.test(stepId) || reservedNames.has(stepId)) {
      r.report(field.keyLine, `step id "${stepId}" must be kebab-case and not a keyword`);
      continue;
    }
    const step = parseStep(r, stepId, field.value, field.keyLine);
    if (step) {
      steps[stepId] = step;
      stepOrder.push(stepId);
    }
  }
  const outcomes: Record<string, Outcome> = {};
  const outcomeOrder: string[] = [];
  const outcomesField = top.get('outcomes');
  if (!outcomesField) r.report(1, 'outcomes is required');
  for (const [outcomeId, field] of (outcomesField ? r.fields(outcomesField.value, outcomesField.line, 'outcomes', null) : null) ?? []) {
    if (!kebabCase.test(outcomeId)) {
      r.report(field.keyLine, `outcome id "${outcomeId}" must be kebab-case`);
      continue;
    }
    const outcome = parseOutcome(r, outcomeId, field.value, field.keyLine);
    if (outcome) {
      outcomes[outcomeId] = outcome;
      outcomeOrder.push(outcomeId);
    }
  }
  if (start && stepOrder.length > 0 && !steps[start]) r.report(top.get('start')?.line ?? 1, `start "${start}" is not a step of this procedure`);

  const lines: Record<string, number> = {};
  for (const [key, field] of top) lines[key] = field.line;
  const procedure: Procedure = {
    id,
    title,
    summary,
    domain: (legalDomainIds.includes(domainValue as LegalDomainId) ? domainValue : 'general') as LegalDomainId,
    keywords,
    cites,
    start,
    steps,
    stepOrder,
    outcomes,
    outcomeOrder,
    file,
    lines,
  };
  checkExpressions(r, procedure, checkGraph(r, procedure));
  const problems = [...r.problems].sort((a, b) => a.line - b.line);
  return { procedure, problems, texts: r.texts };
}

export function compileProcedure(file: string, text: string): CompileResult {
  const { procedure, problems } = compileProcedureDetail(file, text);
  return { procedure: problems.length === 0 ? procedure : null, problems };
}
