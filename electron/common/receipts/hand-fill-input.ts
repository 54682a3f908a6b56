import { checkAnswer, type CheckedAnswers, type DocumentAnswers, type PartyAnswer } from '../../../kiosk-content/src/documents/common/document-answers';
import { composeDocument } from '../../../kiosk-content/src/documents/common/compose-document';
import type { DocumentType, PartyField, PartyKind, PartyPart } from '../../../kiosk-content/src/documents/common/document-types';
import { organisationParts, personParts } from '../../../kiosk-content/src/documents/common/document-types';
import { maskIdNumber, maskName } from '../../../native-adapters/id-card-reader/codec/mask';
import { NO_A4_PRINTER_TEXT } from '../domain/a4-print-text';
import type { HandFillInput } from './receipt-builders';

/** Printed where the resident writes something the slip does not show. */
export const WRITE_BY_HAND = '（请手写）';

/** The slip is a prompt for writing the document, not the document (that one is signed by hand). */
export const HAND_FILL_NOTICE = '此单由自助终端根据您的回答生成，只是填写提示，不是文书本身。请核对无误后手写到文书上，并亲笔签名。';

/**
 * What the no-A4-printer slip says for one document and the resident's answers: the document's
 * own headings and rows (composeDocument, so the slip and the A4 document never disagree), each
 * row with the answer where it may stand on a thermal slip and 「（请手写）」 where not.
 *
 * ID-card values never print in clear: the resident's own party (the field that may come from the
 * card) shows only the masked name and number; their birth date, address and phone are written by
 * hand. Any other party's number is masked too. An answer that does not pass its check prints as
 * 「（请手写）」, never as given.
 */
export function handFillInput(type: DocumentType, answers: DocumentAnswers, today: string, extra: { materials: readonly string[] }): HandFillInput {
  const slip: CheckedAnswers = {};
  for (const field of type.sections.flatMap((s) => s.fields)) {
    const value = answers[field.id];
    if (field.type === 'party') {
      slip[field.id] = slipParty(field, value);
      continue;
    }
    const checked = checkAnswer(field, value, today);
    if (checked.value !== null && checked.problems.length === 0) slip[field.id] = checked.value;
  }
  const partyLabels = new Set(type.sections.flatMap((s) => s.fields.filter((f) => f.type === 'party').map((f) => f.label)));
  const sections: { heading: string; rows: string[]; statement: string | null }[] = [];
  const closing: string[] = [];
  for (const block of composeDocument(type, slip).blocks) {
    const current = sections.at(-1);
    switch (block.kind) {
      case 'heading':
        sections.push({ heading: block.text, rows: [], statement: null });
        break;
      case 'row':
        current?.rows.push(row(block.label, block.value, partyLabels.has(block.label)));
        break;
      case 'paragraph':
        if (current) current.statement = block.text;
        break;
      case 'closing':
        closing.push(`${block.salutation} ${block.addressee.trim() || WRITE_BY_HAND}`);
        break;
      case 'signature':
        for (const line of block.lines) closing.push(`${line.replace(/：.*$/, '')}：${WRITE_BY_HAND}`);
        break;
      case 'title':
      case 'subtitle':
        break;
    }
  }
  return {
    title: type.title,
    subtitle: type.subtitle,
    instruction: `${NO_A4_PRINTER_TEXT}。`,
    sections,
    closing,
    materials: extra.materials,
    cites: type.cites.map((c) => `《${c.law}》${c.label}`),
    notice: HAND_FILL_NOTICE,
  };
}

/** 「原告」 + one line per part; 「姓名：」 with nothing after it becomes 「姓名：（请手写）」. */
function row(label: string, value: string, party: boolean): string {
  if (value.trim() === '') return `${label}：${WRITE_BY_HAND}`;
  if (!party) return `${label}：${value}`;
  const lines = value.split('\n').map((line) => (/：\s*$/.test(line) ? `${line.trimEnd()}${WRITE_BY_HAND}` : line));
  return [label, ...lines].join('\n');
}

/**
 * A party as the slip may show it. Always a party of some kind, so that an unanswered party still
 * lists the parts to write. The resident's own party (idcard) keeps the masked name and number only.
 */
function slipParty(field: PartyField, value: DocumentAnswers[string]): PartyAnswer & { kind: PartyKind } {
  const given = value !== null && typeof value === 'object' ? value : {};
  const kind: PartyKind = given.kind && field.kinds.includes(given.kind) ? given.kind : (field.kinds[0] ?? 'person');
  const parts: readonly PartyPart[] = kind === 'person' ? personParts : organisationParts;
  const text = (part: PartyPart): string => {
    const raw = parts.includes(part) ? given[part] : undefined;
    return typeof raw === 'string' ? raw.trim().slice(0, 120) : '';
  };
  const out: PartyAnswer & { kind: PartyKind } = { kind };
  const name = text('name');
  const idNumber = text('idNumber');
  if (field.idcard) {
    if (name) out.name = maskName(name);
    if (idNumber) out.idNumber = maskIdNumber(idNumber);
    return out;
  }
  for (const part of parts) {
    const shown = text(part);
    if (shown) out[part] = part === 'idNumber' ? maskIdNumber(shown) : shown;
  }
  return out;
}
