import type { CheckedAnswers, PartyAnswer } from './document-answers';
import { formatAmount, formatChineseDate, visibleFields } from './document-answers';
import type { DocumentAddressee, DocumentField, DocumentType, PartyKind } from './document-types';
import { organisationParts, partyPartLabels, personParts } from './document-types';

/**
 * What the printed document says, before it is laid out on pages: the headings, one table row per
 * field (label | answer; an unanswered optional field keeps an empty row for the pen), the
 * section statements, 此致 and the addressee, and the signature and date lines left blank.
 */
export type DocumentBlock =
  | { kind: 'title'; text: string }
  | { kind: 'subtitle'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'row'; label: string; value: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'closing'; salutation: string; addressee: string }
  | { kind: 'signature'; lines: string[] };

export interface DocumentContent {
  /** For the PDF's metadata: neutral, never a name. */
  title: string;
  blocks: DocumentBlock[];
}

/** Printed on every page: the resident checks the answers and signs by hand. */
export const generatedNotice = '此文书由自助终端根据您的回答生成，请核对无误后签名';

const signer: Record<DocumentAddressee, string> = { court: '具状人（签名）', arbitration: '申请人（签名）', 'legal-aid': '申请人（签名）' };
const chineseOrdinals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

/** The text printed for one answer; '' when unanswered. The same text the tests look for in the PDF. */
export function printedValue(field: DocumentField, value: CheckedAnswers[string] | undefined): string {
  if (value === undefined) return '';
  switch (field.type) {
    case 'amount':
      return typeof value === 'number' ? formatAmount(value) : '';
    case 'date':
      return typeof value === 'string' ? formatChineseDate(value) : '';
    case 'choice':
      return field.options.find((o) => o.value === value)?.label ?? '';
    case 'text':
      return typeof value === 'string' ? value : '';
    case 'party':
      return typeof value === 'object' ? printedParty(value) : '';
  }
}

function printedParty(party: PartyAnswer & { kind: PartyKind }): string {
  const parts = party.kind === 'person' ? personParts : organisationParts;
  return parts
    .map((part) => {
      const raw = party[part] ?? '';
      const shown = part === 'birthDate' && raw ? formatChineseDate(raw) : raw;
      return `${partyPartLabels[party.kind][part] ?? part}：${shown}`;
    })
    .join('\n');
}

export function composeDocument(type: DocumentType, answers: CheckedAnswers): DocumentContent {
  const blocks: DocumentBlock[] = [{ kind: 'title', text: type.title }];
  if (type.subtitle) blocks.push({ kind: 'subtitle', text: type.subtitle });
  const shown = new Set(visibleFields(type, answers).map((f) => f.id));
  let ordinal = 0;
  for (const section of type.sections) {
    const fields = section.fields.filter((f) => shown.has(f.id) && f.id !== type.addresseeField);
    if (fields.length === 0 && !section.statement) continue;
    blocks.push({ kind: 'heading', text: `${chineseOrdinals[ordinal] ?? String(ordinal + 1)}、${section.heading}` });
    ordinal += 1;
    for (const field of fields) blocks.push({ kind: 'row', label: field.label, value: printedValue(field, answers[field.id]) });
    if (section.statement) blocks.push({ kind: 'paragraph', text: section.statement });
  }
  const addressee = answers[type.addresseeField];
  blocks.push({ kind: 'closing', salutation: '此致', addressee: typeof addressee === 'string' ? addressee : '' });
  blocks.push({ kind: 'signature', lines: [`${signer[type.addressee]}：`, '日期：        年      月      日'] });
  return { title: type.title, blocks };
}
