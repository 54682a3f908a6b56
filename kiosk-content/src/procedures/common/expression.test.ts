import { describe, expect, it } from 'vitest';
import type { Value } from './procedure-types';
import { checkExpression, evaluate, ExpressionError, parseExpression, type NameInfo, type NameResolver, type Scope } from './expression';

function run(text: string, values: Record<string, Value> = {}, config: Record<string, Value> = {}): Value {
  return evaluate(parseExpression(text), (scope: Scope, name: string) => (scope === 'config' ? config[name] : values[name]));
}

const names: Record<string, NameInfo> = {
  income: { type: 'number', stepId: 'income' },
  household: { type: 'number', stepId: 'household' },
  matter: { type: 'string', options: ['wages', 'injury', 'other'], stepId: 'matter' },
  docs: { type: 'list', options: ['contract', 'payslip'], stepId: 'docs' },
  worker: { type: 'boolean', stepId: 'worker' },
  'when-happened': { type: 'number', stepId: 'when-happened' },
};
const resolve: NameResolver = (scope, name) => {
  if (scope === 'config') return name === 'legalAidIncomeThreshold' ? { type: 'number' } : { error: `unknown config name "config.${name}"` };
  return names[name] ?? { error: `unknown name "${name}"` };
};
const errors = (text: string, expect: 'boolean' | null = 'boolean') => checkExpression(parseExpression(text), resolve, expect).errors;

describe('parseExpression + evaluate', () => {
  it('does arithmetic with precedence and parentheses', () => {
    expect(run('1 + 2 * 3')).toBe(7);
    expect(run('(1 + 2) * 3')).toBe(9);
    expect(run('income / household', { income: 3000, household: 2 })).toBe(1500);
    expect(run('-income + 10', { income: 4 })).toBe(6);
  });

  it('makes null flow through arithmetic and makes ordering comparisons with null false', () => {
    expect(run('income / household', { income: 3000, household: 0 })).toBeNull();
    expect(run('income + 1', { income: null })).toBeNull();
    expect(run('x <= config.legalAidIncomeThreshold', { x: 10 }, { legalAidIncomeThreshold: null })).toBe(false);
    expect(run('x > config.legalAidIncomeThreshold', { x: 10 }, { legalAidIncomeThreshold: null })).toBe(false);
    expect(run('config.legalAidIncomeThreshold == null', {}, { legalAidIncomeThreshold: null })).toBe(true);
    expect(run('unknownName == null')).toBe(true);
  });

  it('handles logic, membership and has', () => {
    expect(run("matter in ['wages', 'injury']", { matter: 'injury' })).toBe(true);
    expect(run("matter in ['wages']", { matter: 'other' })).toBe(false);
    expect(run("answers.docs has 'contract'", { docs: ['contract'] })).toBe(true);
    expect(run("docs has 'payslip'", { docs: ['contract'] })).toBe(false);
    expect(run('not worker and 1 < 2', { worker: false })).toBe(true);
    expect(run('worker or false', { worker: null })).toBe(false);
    expect(run("matter != 'other'", { matter: 'wages' })).toBe(true);
  });

  it('reads kebab-case step ids as one name; subtraction needs spaces', () => {
    expect(run('when-happened > 365', { 'when-happened': 400 })).toBe(true);
    expect(run('income - rent', { income: 10, rent: 4 })).toBe(6);
  });

  it('rejects what is not in the language, with the offset', () => {
    const bad = ['income = 3', 'f(1)', 'a.b', '"text"', "'open", '1 <', '1 < 2 < 3', 'income income', 'matter in [x]'];
    for (const text of bad) expect(() => parseExpression(text), text).toThrow(ExpressionError);
    try {
      parseExpression('income = 3');
    } catch (error) {
      expect((error as ExpressionError).offset).toBe(7);
    }
  });
});

describe('checkExpression', () => {
  it('accepts well-typed conditions', () => {
    expect(errors('income / household <= config.legalAidIncomeThreshold')).toEqual([]);
    expect(errors("matter in ['wages', 'injury'] and answers.docs has 'contract'")).toEqual([]);
    expect(errors('config.legalAidIncomeThreshold == null or worker')).toEqual([]);
  });

  it('reports unknown names and config names', () => {
    expect(errors('incme > 3')).toEqual(['unknown name "incme"']);
    expect(errors('config.threshold == null')).toEqual(['unknown config name "config.threshold"']);
  });

  it('reports operators used on the wrong kind of value', () => {
    expect(errors('matter + 1 > 2')).toContain('"+" needs numbers, not a text');
    expect(errors("docs == 'contract'")).toEqual(['"==" cannot compare a multiple-choice list; use has \'…\'']);
    expect(errors("matter has 'wages'")).toEqual(['"has" needs a multiple-choice answer on its left, not a text']);
    expect(errors("docs in ['contract']")).toEqual(['"in" tests a single choice; for a multiple choice write answers.docs has \'…\'']);
    expect(errors('income > null')).toEqual(['"> null" is always false; test "== null" instead']);
    expect(errors('income == worker')).toEqual(['"==" compares a number with a yes/no value; it is never equal']);
    expect(errors('income + 1')).toEqual(['a condition must be true or false, but this is a number']);
    expect(errors('income + 1', null)).toEqual([]);
  });

  it('reports option values a step does not offer', () => {
    expect(errors("matter == 'wagez'")).toEqual(['\'wagez\' is not an option of step "matter" (options: wages, injury, other)']);
    expect(errors("answers.docs has 'id-card'")).toEqual(['\'id-card\' is not an option of step "docs" (options: contract, payslip)']);
  });
});
