import { describe, expect, it } from 'vitest';
import { compileProcedure } from './compile-procedure';
import { formatContentProblem } from './procedure-types';

/** A small valid procedure; tests replace one line at a time to plant a defect. */
const valid = `id: sample
title: 法律援助申请预审
summary: 看看您的事能不能申请法律援助。
domain: legal-aid
cites: [法律援助法 第二十二条]
start: matter
steps:
  matter:
    type: single
    title: 您遇到的是哪一类事情？
    options:
      - { value: wages, label: 讨要工资, next: income }
      - { value: other, label: 其他事情, next: outcome:not-covered }
  income:
    type: number
    title: 您家每月收入多少元？
    unit: 元
    min: 0
    max: 1000000
    next: household
  household:
    type: number
    title: 家里一共几口人？
    unit: 人
    min: 1
    max: 20
    next: per-person
  per-person:
    type: compute
    set:
      perPerson: income / household
    branch:
      - when: config.legalAidIncomeThreshold == null
        next: outcome:ask
      - when: perPerson <= config.legalAidIncomeThreshold
        next: outcome:eligible
      - otherwise: outcome:ask
outcomes:
  eligible:
    kind: positive
    conclusion: 可以去申请法律援助。
    steps: [到法律援助中心申请。]
    materials: [身份证]
    office: legal-aid-centre
    deadlines:
      - { text: 劳动争议申请仲裁的时效期间为一年, cite: 劳动争议调解仲裁法 第二十七条 }
    cites: [法律援助法 第四十一条]
    related: [legal-aid-how-to-apply]
  not-covered:
    kind: neutral
    conclusion: 可以先拨打12348咨询。
    steps: [拨打12348。]
    cites: [法律援助法 第二十二条]
  ask:
    kind: neutral
    conclusion: 请到法律援助中心咨询。
    steps: [到法律援助中心咨询。]
    cites: [法律援助法 第三十四条]
`;

function problems(text: string): string[] {
  return compileProcedure('procedures/sample.yaml', text).problems.map(formatContentProblem);
}

function replaceLine(line: number, text: string): string {
  const lines = valid.split('\n');
  lines[line - 1] = text;
  return lines.join('\n');
}

describe('compileProcedure', () => {
  it('compiles a valid procedure with its structure and source lines', () => {
    const { procedure, problems: found } = compileProcedure('procedures/sample.yaml', valid);
    expect(found).toEqual([]);
    expect(procedure?.stepOrder).toEqual(['matter', 'income', 'household', 'per-person']);
    expect(procedure?.outcomeOrder).toEqual(['eligible', 'not-covered', 'ask']);
    const matter = procedure?.steps.matter;
    expect(matter?.type === 'single' && matter.options.map((o) => [o.value, o.next?.kind, o.next?.id, o.line])).toEqual([
      ['wages', 'step', 'income', 12],
      ['other', 'outcome', 'not-covered', 13],
    ]);
    expect(procedure?.outcomes.eligible?.deadlines[0]?.cite).toEqual({ law: '劳动争议调解仲裁法', label: '第二十七条', line: 46 });
    expect(procedure?.outcomes.eligible?.itemLines.related).toEqual([48]);
  });

  it('reports YAML syntax errors with their line and no procedure', () => {
    const result = compileProcedure('procedures/sample.yaml', replaceLine(17, '    unit: [元'));
    expect(result.procedure).toBeNull();
    expect(result.problems[0]?.line).toBeGreaterThanOrEqual(17);
    expect(result.problems[0]?.message).toMatch(/^YAML: /);
  });

  it('reports a target that names nothing, at the line of the target', () => {
    expect(problems(replaceLine(20, '    next: housold'))).toEqual([
      'procedures/sample.yaml:20: step "income": next "housold" is not a step of this procedure',
      'procedures/sample.yaml:21: step "household" is unreachable: no path from the start "matter" leads to it',
      'procedures/sample.yaml:28: step "per-person" is unreachable: no path from the start "matter" leads to it',
      'procedures/sample.yaml:39: outcome "eligible" is unreachable: no step leads to it',
      'procedures/sample.yaml:54: outcome "ask" is unreachable: no step leads to it',
    ]);
    expect(problems(replaceLine(13, '      - { value: other, label: 其他事情, next: outcome:nothing }'))).toContain(
      'procedures/sample.yaml:13: step "matter": outcome "nothing" is not defined under outcomes',
    );
  });

  it('reports a cycle at the target that closes it', () => {
    expect(problems(replaceLine(27, '    next: income'))).toEqual([
      'procedures/sample.yaml:27: step "household" goes back to step "income" (cycle income → household → income); only the back button may go backwards',
      'procedures/sample.yaml:28: step "per-person" is unreachable: no path from the start "matter" leads to it',
      'procedures/sample.yaml:39: outcome "eligible" is unreachable: no step leads to it',
      'procedures/sample.yaml:54: outcome "ask" is unreachable: no step leads to it',
    ]);
  });

  it('requires a final otherwise in a branch', () => {
    expect(problems(replaceLine(37, ''))).toContain(
      'procedures/sample.yaml:35: step "per-person": the last branch entry must be "otherwise: <target>", so that every answer leads somewhere',
    );
  });

  it('checks expressions: unknown names, names not yet answered, option values', () => {
    expect(problems(replaceLine(31, '      perPerson: income / houshold'))).toEqual([
      'procedures/sample.yaml:31: step "per-person": set perPerson: unknown name "houshold": not a step id or a value set by a compute step',
    ]);
    expect(problems(replaceLine(31, '      perPerson: income-household'))).toEqual([
      'procedures/sample.yaml:31: step "per-person": set perPerson: unknown name "income-household": not a step id or a value set by a compute step; for subtraction put spaces around "-"',
    ]);
    expect(problems(replaceLine(35, "      - when: matter == 'wagez'"))).toEqual([
      'procedures/sample.yaml:35: step "per-person": when "matter == \'wagez\'": \'wagez\' is not an option of step "matter" (options: wages, other)',
    ]);
    expect(problems(replaceLine(33, '      - when: config.threshold == null'))).toEqual([
      'procedures/sample.yaml:33: step "per-person": when "config.threshold == null": unknown config name "config.threshold" (known: legalAidIncomeThreshold, legalAidStandardSource, region, siteName)',
    ]);
    expect(problems(replaceLine(33, '      - when: income = 3'))).toEqual([
      'procedures/sample.yaml:33: step "per-person": branch 1: when "income = 3": use == to compare (a single = is not an operator) (at character 8)',
    ]);
  });

  it('checks screen text limits and receipt width', () => {
    expect(problems(replaceLine(2, 'title: 法律援助申请预审与法律援助申请预审及'))).toEqual([
      'procedures/sample.yaml:2: title is 18 characters; at most 16 fit the screen',
    ]);
    const longStep = '一'.repeat(47);
    expect(problems(replaceLine(42, `    steps: [${longStep}]`))).toEqual([
      'procedures/sample.yaml:42: outcome "eligible": steps[1] takes 4 receipt lines (at most 3 at 32 columns); shorten it',
    ]);
    expect(problems(replaceLine(42, `    steps: [${'一'.repeat(46)}]`))).toEqual([]);
  });

  it('checks citations, unknown fields, and that the id matches the file name', () => {
    expect(problems(replaceLine(5, 'cites: [中华人民共和国法律援助法 第二十二条]'))).toEqual([
      'procedures/sample.yaml:5: cite "中华人民共和国法律援助法 第二十二条": write the law title as "法律援助法"',
    ]);
    expect(problems(replaceLine(5, 'cites: [法律援助法 第22条]'))[0]).toMatch(/^procedures\/sample\.yaml:5: cite "法律援助法 第22条" must be/);
    expect(problems(replaceLine(18, '    minimum: 0'))).toEqual(
      [
        'procedures/sample.yaml:18: step "income": unknown field "minimum" (expected: type, title, help, unit, min, max, integer, next, branch)',
        'procedures/sample.yaml:14: step "income": min is required',
      ].sort((a, b) => Number(a.split(':')[1]) - Number(b.split(':')[1])),
    );
    expect(problems(replaceLine(1, 'id: other'))).toEqual(['procedures/sample.yaml:1: id "other" must match the file name (other.yaml)']);
  });

  it('reports characters the printer cannot print', () => {
    expect(problems(replaceLine(43, '    materials: [身份证✅]'))).toEqual([
      'procedures/sample.yaml:43: outcome "eligible": materials[1]: character U+2705 (emoji) cannot be printed on the receipt',
    ]);
  });
});
