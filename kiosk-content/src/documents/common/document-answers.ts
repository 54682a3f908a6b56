import { isTrue, parseExpression } from '../../procedures/common/expression';
import type { Value } from '../../procedures/common/procedure-types';
import type { DocumentField, DocumentType, PartyField, PartyKind, PartyPart } from './document-types';
import { organisationParts, partyPartLabels, personParts } from './document-types';

/**
 * A resident's answers to one document type, as the CLI reads them from JSON and the kiosk
 * collects them screen by screen: `{ "<field id>": value }`. Amounts are numbers of 元 (or the
 * same as text, "5000.50"), dates YYYY-MM-DD, choices an option value, parties an object of parts.
 */
export type PartyAnswer = { kind?: PartyKind } & Partial<Record<PartyPart, string>>;
export type DocumentAnswer = string | number | PartyAnswer;
export type DocumentAnswers = Record<string, DocumentAnswer | null | undefined>;

/** The checked answers: amounts as numbers, texts trimmed, hidden and empty optional fields absent. */
export type CheckedAnswers = Record<string, string | number | (PartyAnswer & { kind: PartyKind })>;

/** One problem with one answer: `field` is the field id, or `field.part` for a party. */
export interface AnswerProblem {
  field: string;
  /** Plain Chinese, for the resident's screen and the editor's terminal alike. */
  reason: string;
}

export interface AnswerCheck {
  answers: CheckedAnswers | null;
  problems: AnswerProblem[];
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const amountPattern = /^\d{1,12}(?:\.\d{1,2})?$/;
const phonePattern = /^[0-9][0-9 -]{2,19}$/;

/** Is YYYY-MM-DD a real calendar date? */
export function isCalendarDate(text: string): boolean {
  const m = datePattern.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 1900;
}

/** 2024-03-05 → 2024年3月5日. */
export function formatChineseDate(text: string): string {
  const m = datePattern.exec(text);
  return m ? `${m[1] ?? ''}年${String(Number(m[2]))}月${String(Number(m[3]))}日` : text;
}

/** 50000 → 50000元, 1234.5 → 1234.50元 (digits as given, no grouping, so the text matches the answer). */
export function formatAmount(value: number): string {
  return `${Number.isInteger(value) ? String(value) : value.toFixed(2)}元`;
}

/** GB 11643 check character (ISO 7064 MOD 11-2) of the first 17 digits. */
function idCheckChar(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (weights[i] ?? 0);
  return '10X98765432'[sum % 11] ?? '';
}

export function checkIdNumber(value: string): string | null {
  if (!/^\d{17}[\dX]$/.test(value)) return '公民身份号码应为18位，最后一位可以是X';
  if (idCheckChar(value.slice(0, 17)) !== value[17]) return '公民身份号码的最后一位不对，请再核对一遍';
  return null;
}

/** The fields the resident is asked, in order, given the answers so far (a `when` hides a field). */
export function visibleFields(type: DocumentType, answers: DocumentAnswers): DocumentField[] {
  const out: DocumentField[] = [];
  const lookup = (_scope: string, name: string): Value | undefined => {
    const v = answers[name];
    if (typeof v === 'string') return amountPattern.test(v) && fieldById(type, name)?.type === 'amount' ? Number(v) : v;
    if (typeof v === 'number') return v;
    return null;
  };
  for (const section of type.sections) {
    for (const field of section.fields) {
      if (field.when !== null && !isTrue(parseExpression(field.when), lookup)) continue;
      out.push(field);
    }
  }
  return out;
}

export function fieldById(type: DocumentType, id: string): DocumentField | undefined {
  for (const section of type.sections) for (const field of section.fields) if (field.id === id) return field;
  return undefined;
}

export function allFields(type: DocumentType): DocumentField[] {
  return type.sections.flatMap((s) => s.fields);
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Checks one answer; returns the checked value or problems. Exported for the screen's per-field check. */
export function checkAnswer(
  field: DocumentField,
  value: DocumentAnswer | null | undefined,
  today: string,
): { value: CheckedAnswers[string] | null; problems: AnswerProblem[] } {
  const problems: AnswerProblem[] = [];
  const fail = (reason: string, part?: string) => {
    problems.push({ field: part ? `${field.id}.${part}` : field.id, reason });
    return { value: null, problems };
  };
  if (field.type === 'party') return checkParty(field, value, today);
  if (isEmpty(value)) return field.required ? fail(`请回答：${field.question ?? field.label}`) : { value: null, problems };
  switch (field.type) {
    case 'text': {
      if (typeof value !== 'string') return fail('这里要填文字');
      const text = value.trim();
      const length = [...text].length;
      if (length > field.maxLength) return fail(`最多${String(field.maxLength)}个字，现在是${String(length)}个字`);
      if (!field.multiline && /\n/.test(text)) return fail('这里只填一行');
      return { value: text, problems };
    }
    case 'amount': {
      const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim().replace(/元$/, '') : '';
      if (!amountPattern.test(text) || !Number.isFinite(Number(text))) return fail('金额要填数字（单位：元，最多两位小数）');
      const amount = Number(text);
      if (amount < field.min || amount > field.max) return fail(`金额要在${String(field.min)}元到${String(field.max)}元之间`);
      return { value: amount, problems };
    }
    case 'date': {
      if (typeof value !== 'string' || !isCalendarDate(value)) return fail('日期要选年、月、日（如 2024-03-05）');
      if (field.past && value > today) return fail('这个日期不能晚于今天');
      return { value, problems };
    }
    case 'choice': {
      const option = typeof value === 'string' ? field.options.find((o) => o.value === value) : undefined;
      if (!option) return fail(`只能选：${field.options.map((o) => `${o.value}（${o.label}）`).join('、')}`);
      return { value: option.value, problems };
    }
  }
}

function checkParty(
  field: PartyField,
  value: DocumentAnswer | null | undefined,
  today: string,
): { value: CheckedAnswers[string] | null; problems: AnswerProblem[] } {
  const problems: AnswerProblem[] = [];
  if (isEmpty(value)) {
    if (field.required) problems.push({ field: `${field.id}.name`, reason: `请填写${field.label}的${partyPartLabels.person.name ?? '姓名'}` });
    return { value: null, problems };
  }
  if (typeof value !== 'object' || value === null) {
    problems.push({ field: field.id, reason: '这里要填当事人的姓名、住所等信息' });
    return { value: null, problems };
  }
  const kind: PartyKind = value.kind ?? field.kinds[0] ?? 'person';
  if (!field.kinds.includes(kind)) {
    problems.push({ field: `${field.id}.kind`, reason: `${field.label}只能是${field.kinds.map((k) => (k === 'person' ? '个人' : '单位')).join('或')}` });
    return { value: null, problems };
  }
  const parts = kind === 'person' ? personParts : organisationParts;
  const required = field.requiredParts.filter((p) => parts.includes(p) && (kind === 'person' || p !== 'gender'));
  const out: PartyAnswer & { kind: PartyKind } = { kind };
  for (const key of Object.keys(value)) {
    if (key !== 'kind' && !parts.includes(key as PartyPart))
      problems.push({ field: `${field.id}.${key}`, reason: `${kind === 'person' ? '个人' : '单位'}没有这一项` });
  }
  for (const part of parts) {
    const raw = value[part];
    const label = partyPartLabels[kind][part] ?? part;
    if (raw !== undefined && typeof raw !== 'string') {
      problems.push({ field: `${field.id}.${part}`, reason: `${label}要填文字` });
      continue;
    }
    const text = raw?.trim() ?? '';
    if (text === '') {
      if (required.includes(part)) problems.push({ field: `${field.id}.${part}`, reason: `请填写${field.label}的${label}` });
      continue;
    }
    let reason: string | null = null;
    if (part === 'idNumber') reason = checkIdNumber(text);
    else if (part === 'birthDate') reason = !isCalendarDate(text) ? '出生日期要选年、月、日' : text > today ? '出生日期不能晚于今天' : null;
    else if (part === 'gender') reason = text === '男' || text === '女' ? null : '性别填男或女';
    else if (part === 'phone') reason = phonePattern.test(text) ? null : '联系电话只能有数字和“-”';
    else if ([...text].length > (part === 'address' ? 80 : 40)) reason = `${label}太长了`;
    if (reason) problems.push({ field: `${field.id}.${part}`, reason });
    else out[part] = text;
  }
  return { value: problems.length === 0 ? out : null, problems };
}

/**
 * Checks a whole set of answers against the document type: every visible required field answered,
 * each value valid, no answer to a question the document does not have. `today`: YYYY-MM-DD.
 */
export function checkAnswers(type: DocumentType, answers: DocumentAnswers, today: string): AnswerCheck {
  const problems: AnswerProblem[] = [];
  const known = new Set(allFields(type).map((f) => f.id));
  for (const key of Object.keys(answers)) if (!known.has(key)) problems.push({ field: key, reason: '这份文书没有这个问题' });
  const checked: CheckedAnswers = {};
  for (const field of visibleFields(type, answers)) {
    const result = checkAnswer(field, answers[field.id], today);
    problems.push(...result.problems);
    if (result.value !== null) checked[field.id] = result.value;
  }
  return problems.length === 0 ? { answers: checked, problems } : { answers: null, problems };
}

/** `field: reason`, one per line, as the CLI prints it. */
export function formatAnswerProblem(problem: AnswerProblem): string {
  return `${problem.field}: ${problem.reason}`;
}
