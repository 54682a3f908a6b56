import type { Value } from './procedure-types';

/**
 * The procedures' tiny expression language: conditions in `when`, formulas in `set`.
 *
 *   literals     12  3.5  'text'  true  false  null
 *   names        income  per-person  answers.worker  config.legalAidIncomeThreshold
 *   arithmetic   + - * / ( )        (null in → null out; x / 0 → null)
 *   comparison   == != < <= > >=    (an ordering comparison with null is false)
 *   logic        and or not
 *   membership   matter in ['wages', 'injury']     answers.docs has 'contract'
 *
 * Step ids are kebab-case, so a name may contain dashes: write subtraction with spaces
 * (`income - rent`); `income-rent` is one (unknown) name and the checker says so.
 * Parsed by hand and evaluated by walking the tree — never eval/Function — so content can do
 * nothing but compute a value.
 */
export type Scope = 'bare' | 'answers' | 'config';
export type BinaryOp = '+' | '-' | '*' | '/' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';

export type Expr =
  | { kind: 'literal'; value: number | string | boolean | null }
  | { kind: 'name'; scope: Scope; name: string }
  | { kind: 'neg'; arg: Expr }
  | { kind: 'not'; arg: Expr }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'in'; arg: Expr; list: (string | number)[] }
  | { kind: 'has'; arg: Expr; value: Expr };

export class ExpressionError extends Error {
  constructor(
    message: string,
    /** 0-based offset in the expression text. */
    readonly offset: number,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}

type Token =
  | { type: 'num'; value: number; offset: number }
  | { type: 'str'; value: string; offset: number }
  | { type: 'id'; value: string; offset: number }
  | { type: 'op'; value: string; offset: number }
  | { type: 'end'; offset: number };

const keywords = new Set(['and', 'or', 'not', 'in', 'has', 'true', 'false', 'null']);
const identifier = /[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*/y;
const numberLiteral = /\d+(?:\.\d+)?/y;
const operators = ['==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '(', ')', '[', ']', ',', '.'];

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    numberLiteral.lastIndex = i;
    const num = numberLiteral.exec(text);
    if (num) {
      tokens.push({ type: 'num', value: Number(num[0]), offset: i });
      i += num[0].length;
      continue;
    }
    identifier.lastIndex = i;
    const id = identifier.exec(text);
    if (id) {
      tokens.push({ type: 'id', value: id[0], offset: i });
      i += id[0].length;
      continue;
    }
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new ExpressionError("unterminated string: a closing ' is missing", i);
      tokens.push({ type: 'str', value: text.slice(i + 1, end), offset: i });
      i = end + 1;
      continue;
    }
    const op = operators.find((o) => text.startsWith(o, i));
    if (op === undefined) {
      if (c === '=') throw new ExpressionError('use == to compare (a single = is not an operator)', i);
      if (c === '"') throw new ExpressionError("write strings in single quotes: 'text'", i);
      throw new ExpressionError(`unexpected character "${c}"`, i);
    }
    tokens.push({ type: 'op', value: op, offset: i });
    i += op.length;
  }
  tokens.push({ type: 'end', offset: text.length });
  return tokens;
}

function describe(token: Token): string {
  if (token.type === 'end') return 'the end of the expression';
  if (token.type === 'str') return `'${token.value}'`;
  return `"${String(token.value)}"`;
}

export function parseExpression(text: string): Expr {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = (): Token => tokens[pos] ?? { type: 'end', offset: text.length };
  const isOp = (value: string) => {
    const t = peek();
    return (t.type === 'op' || t.type === 'id') && t.value === value;
  };
  const expect = (value: string) => {
    if (!isOp(value)) throw new ExpressionError(`expected "${value}" but found ${describe(peek())}`, peek().offset);
    pos += 1;
  };

  const parseOr = (): Expr => {
    let left = parseAnd();
    while (isOp('or')) {
      pos += 1;
      left = { kind: 'binary', op: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): Expr => {
    let left = parseNot();
    while (isOp('and')) {
      pos += 1;
      left = { kind: 'binary', op: 'and', left, right: parseNot() };
    }
    return left;
  };
  const parseNot = (): Expr => {
    if (isOp('not')) {
      pos += 1;
      return { kind: 'not', arg: parseNot() };
    }
    return parseComparison();
  };
  const parseComparison = (): Expr => {
    const left = parseAdditive();
    const t = peek();
    if (t.type === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(t.value)) {
      pos += 1;
      const right = parseAdditive();
      const next = peek();
      if (next.type === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(next.value)) {
        throw new ExpressionError('comparisons cannot be chained: join them with and', next.offset);
      }
      return { kind: 'binary', op: t.value as BinaryOp, left, right };
    }
    if (isOp('in')) {
      pos += 1;
      return { kind: 'in', arg: left, list: parseList() };
    }
    if (isOp('has')) {
      pos += 1;
      return { kind: 'has', arg: left, value: parseAdditive() };
    }
    return left;
  };
  const parseList = (): (string | number)[] => {
    expect('[');
    const items: (string | number)[] = [];
    if (!isOp(']')) {
      for (;;) {
        const t = peek();
        if (t.type !== 'str' && t.type !== 'num') throw new ExpressionError(`a list after "in" holds only 'strings' or numbers, not ${describe(t)}`, t.offset);
        items.push(t.value);
        pos += 1;
        if (!isOp(',')) break;
        pos += 1;
      }
    }
    expect(']');
    return items;
  };
  const parseAdditive = (): Expr => {
    let left = parseMultiplicative();
    for (;;) {
      const t = peek();
      if (t.type !== 'op' || (t.value !== '+' && t.value !== '-')) return left;
      pos += 1;
      left = { kind: 'binary', op: t.value, left, right: parseMultiplicative() };
    }
  };
  const parseMultiplicative = (): Expr => {
    let left = parseUnary();
    for (;;) {
      const t = peek();
      if (t.type !== 'op' || (t.value !== '*' && t.value !== '/')) return left;
      pos += 1;
      left = { kind: 'binary', op: t.value, left, right: parseUnary() };
    }
  };
  const parseUnary = (): Expr => {
    if (isOp('-')) {
      pos += 1;
      return { kind: 'neg', arg: parseUnary() };
    }
    return parsePrimary();
  };
  const parsePrimary = (): Expr => {
    const t = peek();
    if (t.type === 'num' || t.type === 'str') {
      pos += 1;
      return { kind: 'literal', value: t.value };
    }
    if (t.type === 'op' && t.value === '(') {
      pos += 1;
      const inner = parseOr();
      expect(')');
      return inner;
    }
    if (t.type === 'id') {
      if (t.value === 'true' || t.value === 'false') {
        pos += 1;
        return { kind: 'literal', value: t.value === 'true' };
      }
      if (t.value === 'null') {
        pos += 1;
        return { kind: 'literal', value: null };
      }
      if (keywords.has(t.value)) throw new ExpressionError(`"${t.value}" needs a value before it`, t.offset);
      pos += 1;
      if (isOp('.')) {
        if (t.value !== 'config' && t.value !== 'answers') {
          throw new ExpressionError(`"${t.value}.…" is not allowed: only config.<name> and answers.<step> have a dot`, t.offset);
        }
        pos += 1;
        const name = peek();
        if (name.type !== 'id' || keywords.has(name.value)) throw new ExpressionError(`expected a name after "${t.value}."`, name.offset);
        pos += 1;
        return { kind: 'name', scope: t.value, name: name.value };
      }
      if (isOp('(')) throw new ExpressionError(`"${t.value}(…)": there are no functions in procedure expressions`, t.offset);
      return { kind: 'name', scope: 'bare', name: t.value };
    }
    throw new ExpressionError(`expected a value but found ${describe(t)}`, t.offset);
  };

  const expr = parseOr();
  if (peek().type !== 'end') throw new ExpressionError(`unexpected ${describe(peek())} after a complete expression`, peek().offset);
  return expr;
}

/** Looks a name up while evaluating; undefined for a name with no value (treated as null). */
export type NameLookup = (scope: Scope, name: string) => Value | undefined;

function asNumber(value: Value): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function isList(value: Value): value is readonly string[] {
  return Array.isArray(value);
}

export function evaluate(expr: Expr, lookup: NameLookup): Value {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'name':
      return lookup(expr.scope, expr.name) ?? null;
    case 'neg': {
      const n = asNumber(evaluate(expr.arg, lookup));
      return n === null ? null : -n;
    }
    case 'not':
      return evaluate(expr.arg, lookup) !== true;
    case 'in': {
      const v = evaluate(expr.arg, lookup);
      return (typeof v === 'string' || typeof v === 'number') && expr.list.includes(v);
    }
    case 'has': {
      const list = evaluate(expr.arg, lookup);
      const v = evaluate(expr.value, lookup);
      return isList(list) && typeof v === 'string' && list.includes(v);
    }
    case 'binary':
      return evaluateBinary(expr.op, expr.left, expr.right, lookup);
  }
}

function evaluateBinary(op: BinaryOp, leftExpr: Expr, rightExpr: Expr, lookup: NameLookup): Value {
  if (op === 'and') return evaluate(leftExpr, lookup) === true && evaluate(rightExpr, lookup) === true;
  if (op === 'or') return evaluate(leftExpr, lookup) === true || evaluate(rightExpr, lookup) === true;
  const left = evaluate(leftExpr, lookup);
  const right = evaluate(rightExpr, lookup);
  if (op === '==' || op === '!=') {
    const same = isList(left) || isList(right) ? false : left === right;
    return op === '==' ? same : !same;
  }
  const a = asNumber(left);
  const b = asNumber(right);
  if (a === null || b === null) return op === '+' || op === '-' || op === '*' || op === '/' ? null : false;
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0 ? null : a / b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

/** Is the condition met? Anything but `true` (null, a number…) counts as not met. */
export function isTrue(expr: Expr, lookup: NameLookup): boolean {
  return evaluate(expr, lookup) === true;
}

// ---------------------------------------------------------------------------------------------
// Static checking

export type ValueType = 'number' | 'string' | 'boolean' | 'list' | 'null' | 'any';

/** What the checker knows about a name. `options`: the allowed values of a choice answer. */
export interface NameInfo {
  type: ValueType;
  options?: readonly string[];
  /** For messages: the step the values come from. */
  stepId?: string;
}

/** Resolves a name for the checker: its info, or a message saying why it cannot be used here. */
export type NameResolver = (scope: Scope, name: string) => NameInfo | { error: string };

interface Typed {
  type: ValueType;
  options?: readonly string[];
  stepId?: string;
  literal?: string | number | boolean | null;
}

const typeName: Record<ValueType, string> = {
  number: 'a number',
  string: 'a text',
  boolean: 'a yes/no value',
  list: 'a multiple-choice list',
  null: 'null',
  any: 'a value',
};

/**
 * Type-checks an expression: unknown names, operators used on the wrong kind of value, option
 * values that the step does not offer. Returns plain messages (empty when fine).
 * `expect`: 'boolean' for a `when` condition, null for a formula.
 */
export function checkExpression(expr: Expr, resolve: NameResolver, expect: 'boolean' | null): { errors: string[]; type: ValueType } {
  const errors: string[] = [];
  const fits = (t: Typed, want: ValueType) => t.type === want || t.type === 'any';
  const checkOption = (t: Typed, value: string | number, op: string) => {
    if (t.options && typeof value === 'string' && !t.options.includes(value)) {
      errors.push(`'${value}' is not an option of step "${t.stepId ?? '?'}" (options: ${t.options.join(', ')})`);
    } else if (t.options && typeof value === 'number') {
      errors.push(`${op} compares the choice "${t.stepId ?? '?'}" with a number; option values are 'text'`);
    }
  };

  const visit = (e: Expr): Typed => {
    switch (e.kind) {
      case 'literal':
        return {
          type: e.value === null ? 'null' : typeof e.value === 'number' ? 'number' : typeof e.value === 'string' ? 'string' : 'boolean',
          literal: e.value,
        };
      case 'name': {
        const info = resolve(e.scope, e.name);
        if ('error' in info) {
          errors.push(info.error);
          return { type: 'any' };
        }
        return { ...info };
      }
      case 'neg': {
        const arg = visit(e.arg);
        if (!fits(arg, 'number')) errors.push(`"-" needs a number, not ${typeName[arg.type]}`);
        return { type: 'number' };
      }
      case 'not': {
        const arg = visit(e.arg);
        if (!fits(arg, 'boolean')) errors.push(`"not" needs a yes/no value, not ${typeName[arg.type]}`);
        return { type: 'boolean' };
      }
      case 'in': {
        const arg = visit(e.arg);
        if (arg.type === 'list')
          errors.push(`"in" tests a single choice; for a multiple choice write ${arg.stepId ? `answers.${arg.stepId}` : 'the list'} has '…'`);
        else if (!fits(arg, 'string') && !fits(arg, 'number')) errors.push(`"in" needs a choice or a number on its left, not ${typeName[arg.type]}`);
        if (e.list.length === 0) errors.push('"in []" is never true');
        for (const item of e.list) checkOption(arg, item, '"in"');
        return { type: 'boolean' };
      }
      case 'has': {
        const arg = visit(e.arg);
        const value = visit(e.value);
        if (arg.type !== 'list' && arg.type !== 'any') errors.push(`"has" needs a multiple-choice answer on its left, not ${typeName[arg.type]}`);
        if (!fits(value, 'string')) errors.push(`"has" needs an option value ('text') on its right, not ${typeName[value.type]}`);
        else if (typeof value.literal === 'string') checkOption(arg, value.literal, '"has"');
        return { type: 'boolean' };
      }
      case 'binary': {
        const left = visit(e.left);
        const right = visit(e.right);
        switch (e.op) {
          case 'and':
          case 'or':
            for (const side of [left, right]) if (!fits(side, 'boolean')) errors.push(`"${e.op}" joins conditions, not ${typeName[side.type]}`);
            return { type: 'boolean' };
          case '+':
          case '-':
          case '*':
          case '/':
            for (const side of [left, right]) if (!fits(side, 'number')) errors.push(`"${e.op}" needs numbers, not ${typeName[side.type]}`);
            return { type: 'number' };
          case '<':
          case '<=':
          case '>':
          case '>=':
            for (const side of [left, right]) {
              if (side.type === 'null') errors.push(`"${e.op} null" is always false; test "== null" instead`);
              else if (!fits(side, 'number')) errors.push(`"${e.op}" compares numbers, not ${typeName[side.type]}`);
            }
            return { type: 'boolean' };
          case '==':
          case '!=': {
            if (left.type === 'list' || right.type === 'list') {
              errors.push(`"${e.op}" cannot compare a multiple-choice list; use has '…'`);
            } else if (left.type !== 'any' && right.type !== 'any' && left.type !== 'null' && right.type !== 'null' && left.type !== right.type) {
              errors.push(`"${e.op}" compares ${typeName[left.type]} with ${typeName[right.type]}; it is never equal`);
            } else {
              if (right.literal !== undefined && right.literal !== null && typeof right.literal !== 'boolean') checkOption(left, right.literal, `"${e.op}"`);
              if (left.literal !== undefined && left.literal !== null && typeof left.literal !== 'boolean') checkOption(right, left.literal, `"${e.op}"`);
            }
            return { type: 'boolean' };
          }
        }
      }
    }
  };

  const result = visit(expr);
  if (expect === 'boolean' && !fits(result, 'boolean')) errors.push(`a condition must be true or false, but this is ${typeName[result.type]}`);
  return { errors, type: result.type };
}

/** Every name the expression reads, for dependency analysis (which constants bound which step). */
export function namesIn(expr: Expr): { scope: Scope; name: string }[] {
  switch (expr.kind) {
    case 'literal':
      return [];
    case 'name':
      return [{ scope: expr.scope, name: expr.name }];
    case 'neg':
    case 'not':
      return namesIn(expr.arg);
    case 'in':
      return namesIn(expr.arg);
    case 'has':
      return [...namesIn(expr.arg), ...namesIn(expr.value)];
    case 'binary':
      return [...namesIn(expr.left), ...namesIn(expr.right)];
  }
}

/** Every number literal in the expression (boundary candidates for path enumeration). */
export function numbersIn(expr: Expr): number[] {
  switch (expr.kind) {
    case 'literal':
      return typeof expr.value === 'number' ? [expr.value] : [];
    case 'name':
      return [];
    case 'neg':
      return numbersIn(expr.arg).map((n) => -n);
    case 'not':
      return numbersIn(expr.arg);
    case 'in':
      return [...numbersIn(expr.arg), ...expr.list.filter((v): v is number => typeof v === 'number')];
    case 'has':
      return [...numbersIn(expr.arg), ...numbersIn(expr.value)];
    case 'binary':
      return [...numbersIn(expr.left), ...numbersIn(expr.right)];
  }
}
