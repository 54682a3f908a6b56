/**
 * A document type: a legal document a resident fills by answering one question per screen and
 * takes away printed on A4 (source: kiosk-content/default/documents/<id>.yaml).
 *
 * The printed document is a list of sections; each section has a heading and the fields it
 * prints. Every section and field names the source it follows: an article of a law in the
 * library (`民事诉讼法 第一百二十四条`) or one of the file's declared `models` (a model text the
 * terminal does not hold, named by its issuing document number).
 */
export type DocumentFieldType = 'party' | 'text' | 'amount' | 'date' | 'choice';
/** Where the printed document goes: 此致 … */
export type DocumentAddressee = 'court' | 'arbitration' | 'legal-aid';

/** The parts of a party the form asks for. A person from the ID card fills name…idNumber. */
export type PartyPart = 'name' | 'gender' | 'birthDate' | 'ethnicity' | 'address' | 'idNumber' | 'phone' | 'representative' | 'position';
export type PartyKind = 'person' | 'organisation';

export const personParts: readonly PartyPart[] = ['name', 'gender', 'birthDate', 'ethnicity', 'address', 'idNumber', 'phone'];
export const organisationParts: readonly PartyPart[] = ['name', 'address', 'representative', 'position', 'phone'];
/** The parts read from a resident ID card (GA 467 record). */
export const idCardParts: readonly PartyPart[] = ['name', 'gender', 'birthDate', 'ethnicity', 'address', 'idNumber'];

export const partyPartLabels: Record<PartyKind, Partial<Record<PartyPart, string>>> = {
  person: { name: '姓名', gender: '性别', birthDate: '出生日期', ethnicity: '民族', address: '住所', idNumber: '公民身份号码', phone: '联系电话' },
  organisation: { name: '名称', address: '住所', representative: '法定代表人或者主要负责人', position: '职务', phone: '联系电话' },
};

export interface DocumentCite {
  /** Normalised law title. */
  law: string;
  label: string;
  line: number;
}

/** A section's or field's source: an article, or a declared model text. */
export type DocumentSource = { kind: 'cite'; cite: DocumentCite; text: string } | { kind: 'model'; id: string; text: string };

export interface DocumentChoice {
  value: string;
  /** What the screen shows and the document prints. */
  label: string;
}

interface FieldBase {
  id: string;
  /** The label printed before the answer. */
  label: string;
  /** The one question on this field's screen; null only when the lint reports it. */
  question: string | null;
  help: string | null;
  required: boolean;
  /** Shown (and printed) only when the condition holds; written in the procedure expression language. */
  when: string | null;
  source: DocumentSource;
  line: number;
}

export interface PartyField extends FieldBase {
  type: 'party';
  /** Which kinds the resident may choose between; a single kind asks no choice. */
  kinds: PartyKind[];
  /** The resident's own details: may be read from the ID card. */
  idcard: boolean;
  /** Parts that must be given (for a person; an organisation needs name and address). */
  requiredParts: PartyPart[];
}
export interface TextField extends FieldBase {
  type: 'text';
  /** One line (names, places) or a paragraph (facts). */
  multiline: boolean;
  maxLength: number;
}
export interface AmountField extends FieldBase {
  type: 'amount';
  /** 元, at most two decimals. */
  min: number;
  max: number;
}
export interface DateField extends FieldBase {
  type: 'date';
  /** The date must not be after today (things that happened). */
  past: boolean;
}
export interface ChoiceField extends FieldBase {
  type: 'choice';
  options: DocumentChoice[];
}

export type DocumentField = PartyField | TextField | AmountField | DateField | ChoiceField;

export interface DocumentSection {
  heading: string;
  source: DocumentSource;
  /** Printed as it stands (e.g. the 诚信承诺), after the fields. */
  statement: string | null;
  fields: DocumentField[];
  line: number;
}

export interface DocumentModel {
  id: string;
  text: string;
  line: number;
}

export interface DocumentType {
  id: string;
  /** Printed heading, e.g. 民事起诉状. */
  title: string;
  /** Second heading line, e.g. （民间借贷纠纷）; null when none. */
  subtitle: string | null;
  /** Short name for lists and 「帮我填写…」. */
  name: string;
  summary: string;
  addressee: DocumentAddressee;
  keywords: string[];
  /** `procedure-id/outcome-id` of the outcomes that offer this document. */
  offeredBy: string[];
  models: DocumentModel[];
  /** Articles the document as a whole rests on. */
  cites: DocumentCite[];
  sections: DocumentSection[];
  /** The field whose answer names the court/commission/office (此致 …). */
  addresseeField: string;
  file: string;
}

export const documentTextLimits = {
  name: 16,
  summary: 40,
  heading: 20,
  label: 20,
  question: 30,
  help: 120,
  optionLabel: 24,
  statement: 400,
} as const;
