import type { DocumentAnswer, PartyAnswer } from './document-answers';
import { visibleFields } from './document-answers';
import type { DocumentField, DocumentType } from './document-types';

/**
 * A complete, visibly fictional set of answers for a document type (editors' `document example`,
 * tests, the benchmark): 测试 names, 测试路 addresses, 000- phone numbers, a number built only to
 * pass its check digit. Every text answer is distinct so a test can find each one in the PDF.
 */
export const exampleParty = {
  person: {
    kind: 'person',
    name: '张测试',
    gender: '男',
    birthDate: '1980-01-01',
    ethnicity: '汉族',
    address: '测试省测试市测试路1号',
    idNumber: '510106198001011239',
    phone: '000-00000000',
  },
  organisation: {
    kind: 'organisation',
    name: '测试有限公司',
    address: '测试省测试市测试路2号',
    representative: '李测试',
    position: '经理',
    phone: '000-00000001',
  },
} as const satisfies Record<string, PartyAnswer>;

function exampleFor(field: DocumentField, index: number): DocumentAnswer {
  switch (field.type) {
    case 'party':
      return field.idcard
        ? { ...exampleParty.person }
        : field.kinds.includes('organisation') && !field.kinds.includes('person')
          ? { ...exampleParty.organisation }
          : { ...exampleParty.person, name: `王测试${String(index)}`, idNumber: '', birthDate: '' };
    case 'text':
      return field.multiline ? `（示例）${field.label}：测试内容第${String(index)}项，仅用于测试。` : `测试${field.label}${String(index)}`;
    case 'amount':
      return 10000 + index * 100 + 0.5;
    case 'date':
      return `2024-0${String(1 + (index % 9))}-1${String(index % 10)}`;
    case 'choice':
      return field.options[0]?.value ?? '';
  }
}

export function exampleAnswers(type: DocumentType): Record<string, DocumentAnswer> {
  const answers: Record<string, DocumentAnswer> = {};
  // A `when` depends only on earlier fields: fill in order until nothing new shows.
  for (let round = 0; round < 10; round++) {
    let added = false;
    visibleFields(type, answers).forEach((field, index) => {
      if (field.id in answers) return;
      answers[field.id] = exampleFor(field, index + 1);
      added = true;
    });
    if (!added) break;
  }
  for (const value of Object.values(answers)) {
    if (value && typeof value === 'object') for (const [part, v] of Object.entries(value)) if (v === '') delete (value as Record<string, unknown>)[part];
  }
  return answers;
}
