import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocumentType } from './parse-document-type';

const folder = path.resolve(import.meta.dirname, '../../../default/documents');

const minimal = (field: string) => `id: t
title: 民事起诉状
name: 测试文书
summary: 测试用的文书。
addressee: court
addresseeField: court
models:
  m1: 测试示范文本
sections:
  - heading: 当事人信息
    source: 民事诉讼法 第一百二十四条
    fields:
${field}
      - id: court
        type: text
        label: 受诉法院
        question: 向哪个法院起诉？
        source: m1
`;

describe('document type files', () => {
  it('every shipped document type parses without a problem, and there are at least 8', () => {
    const files = readdirSync(folder).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) {
      const result = parseDocumentType(readFileSync(path.join(folder, file), 'utf8'), file);
      expect(result.problems, file).toEqual([]);
      // Every section and field names its source.
      for (const section of result.documentType?.sections ?? []) {
        expect(section.source.text, `${file} ${section.heading}`).not.toBe('');
        for (const field of section.fields) expect(field.source.text, `${file} ${field.id}`).not.toBe('');
      }
    }
  });

  it('a required field without a question is a problem, with its line', () => {
    const result = parseDocumentType(minimal('      - { id: amount, type: amount, label: 本金, source: m1 }'), 't.yaml');
    expect(result.documentType).toBeNull();
    expect(result.problems).toEqual([
      { file: 't.yaml', line: 13, message: 'field amount is required but has no question: the resident could never answer it' },
    ]);
  });

  it('an optional field may go without a question (printed empty for the pen)', () => {
    expect(parseDocumentType(minimal('      - { id: note, type: text, label: 备注, required: false, source: m1 }'), 't.yaml').problems).toEqual([]);
  });

  it('a source must be an article citation or a declared model', () => {
    const result = parseDocumentType(minimal('      - { id: amount, type: amount, label: 本金, question: 多少钱？, source: 某个网页 }'), 't.yaml');
    expect(result.problems.map((p) => p.message)).toEqual([expect.stringContaining('source "某个网页" is neither a citation')]);
  });

  it('a condition may only name earlier choice fields and their options', () => {
    const field = `      - { id: interest, type: choice, label: 利息, question: 要利息吗？, source: m1, options: [{ value: yes, label: 要 }, { value: no, label: 不要 }] }
      - { id: rate, type: text, label: 利率, question: 利率多少？, source: m1, when: "interest == 'maybe'" }`;
    const result = parseDocumentType(minimal(field), 't.yaml');
    expect(result.problems.map((p) => p.message)).toEqual([expect.stringMatching(/field rate\.when: .*maybe/)]);
  });
});
