import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAnswers, checkIdNumber, visibleFields, type DocumentAnswers } from './document-answers';
import { exampleAnswers } from './example-answers';
import { parseDocumentType } from './parse-document-type';

const loan = parseDocumentType(
  readFileSync(path.resolve(import.meta.dirname, '../../../default/documents/loan-complaint.yaml'), 'utf8'),
  'loan-complaint.yaml',
).documentType!;
const today = '2026-12-07';

describe('document answers', () => {
  it('the example answers are complete and valid', () => {
    expect(checkAnswers(loan, exampleAnswers(loan), today).problems).toEqual([]);
  });

  it('reports each broken answer as field: reason in plain Chinese', () => {
    const answers: DocumentAnswers = { ...exampleAnswers(loan), principal: '五千', 'delivery-date': '2030-01-01', 'delivery-method': 'bitcoin', extra: 'x' };
    delete answers.court;
    const { answers: checked, problems } = checkAnswers(loan, answers, today);
    expect(checked).toBeNull();
    expect(problems).toEqual([
      { field: 'extra', reason: '这份文书没有这个问题' },
      { field: 'principal', reason: '金额要填数字（单位：元，最多两位小数）' },
      { field: 'delivery-date', reason: '这个日期不能晚于今天' },
      { field: 'delivery-method', reason: expect.stringContaining('只能选') },
      { field: 'court', reason: '请回答：向哪个法院起诉？' },
    ]);
  });

  it('checks the parts of a party', () => {
    const answers = {
      ...exampleAnswers(loan),
      plaintiff: { name: '张测试', gender: '未知', birthDate: '1980-02-30', address: '', idNumber: '510106198001011230', phone: 'abc', ethnicity: '汉族' },
    };
    expect(checkAnswers(loan, answers, today).problems.map((p) => p.field)).toEqual([
      'plaintiff.gender',
      'plaintiff.birthDate',
      'plaintiff.address',
      'plaintiff.idNumber',
      'plaintiff.phone',
    ]);
  });

  it('a field hidden by its condition is not asked and not printed', () => {
    const ids = (answers: Record<string, string>) => visibleFields(loan, answers).map((f) => f.id);
    expect(ids({ 'interest-claim': 'claim' })).toContain('interest-basis');
    expect(ids({ 'interest-claim': 'none' })).not.toContain('interest-basis');
  });

  it('checks the ID number check digit (GB 11643)', () => {
    expect(checkIdNumber('510106195001011235')).toBeNull();
    expect(checkIdNumber('510106195001011236')).toMatch(/最后一位/);
    expect(checkIdNumber('51010619500101')).toMatch(/18位/);
  });
});
