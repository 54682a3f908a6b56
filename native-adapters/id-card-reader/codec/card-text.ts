import { ethnicityName } from './ethnicity';
import { normaliseIdNumber, parseCompactDate, validateIdNumber, type CalendarDate, type IdNumberCheck, type IdNumberProblem } from './id-number';

/**
 * The 256-byte UTF-16LE text block (§6, §6A): decoding for each card type, and encoding for the
 * simulator and tests. Fields are right-padded with spaces; decoding keeps every UTF-16 code unit
 * (rare characters, private-use code points, surrogate pairs) and trims only trailing spaces/NULs.
 */

export const TEXT_BLOCK_SIZE = 256;
/** Drops trailing spaces, and NULs to be safe (§6); every other code unit is kept. */
export function trimPadding(value: string): string {
  let end = value.length;
  while (end > 0 && (value.charCodeAt(end - 1) === 0x20 || value.charCodeAt(end - 1) === 0)) end--;
  return value.slice(0, end);
}
const TYPE_FLAG_OFFSET = 248;

export type CardType = 'resident' | 'foreign2017' | 'foreign2023' | 'permit';
export type Gender = 'male' | 'female' | 'unknown' | 'not-stated';

/** Validity end on long-term cards (§6.3): not a date. */
export const LONG_TERM = '长期';

export interface CardCommon {
  type: CardType;
  /** Name to show: the Chinese name, or the English name when a foreign card has none. */
  name: string;
  genderCode: string;
  gender: Gender;
  birthDate: string;
  /** The card's number: 公民身份号码, or the 15-character number of a 2017 foreign card. */
  idNumber: string;
  validFrom: string;
  /** YYYYMMDD or 长期. */
  validTo: string;
  /** Whether the number (and the dates) validate; false points to a corrupt read or a bad card. */
  numberValid: boolean;
  problems: CardProblem[];
}

export type CardProblem = IdNumberProblem | 'birth-date-field' | 'validity-dates' | 'card-number-format';

export interface ResidentCard extends CardCommon {
  type: 'resident';
  ethnicityCode: string;
  /** GB 3304 name, or the raw code when unknown. */
  ethnicity: string;
  address: string;
  authority: string;
  /** 现住址（签注）, from command 0x30 0x03 when the card has one. */
  latestAddress?: string;
}

export interface PermitCard extends CardCommon {
  type: 'permit';
  address: string;
  authority: string;
  travelPermitNumber: string;
  issueCount: string;
}

export interface Foreign2017Card extends CardCommon {
  type: 'foreign2017';
  englishName: string;
  chineseName: string;
  /** ISO 3166-1 alpha-3. */
  nationality: string;
  cardVersion: string;
  authorityCode: string;
}

export interface Foreign2023Card extends CardCommon {
  type: 'foreign2023';
  chineseName: string;
  englishName: string;
  renewalCount: string;
  country: string;
  previousNumberLink: string;
}

export type CardRecord = ResidentCard | PermitCard | Foreign2017Card | Foreign2023Card;

/** [offset, bytes] of each field inside the 256-byte block. */
type Layout = Record<string, readonly [number, number]>;

export const residentLayout = {
  name: [0, 30],
  gender: [30, 2],
  ethnicity: [32, 4],
  birthDate: [36, 16],
  address: [52, 70],
  idNumber: [122, 36],
  authority: [158, 30],
  validFrom: [188, 16],
  validTo: [204, 16],
} as const satisfies Layout;

export const permitLayout = {
  name: [0, 30],
  gender: [30, 2],
  birthDate: [36, 16],
  address: [52, 70],
  idNumber: [122, 36],
  authority: [158, 30],
  validFrom: [188, 16],
  validTo: [204, 16],
  travelPermitNumber: [220, 18],
  issueCount: [238, 4],
} as const satisfies Layout;

export const foreign2017Layout = {
  englishName: [0, 120],
  gender: [120, 2],
  idNumber: [122, 30],
  nationality: [152, 6],
  chineseName: [158, 30],
  validFrom: [188, 16],
  validTo: [204, 16],
  birthDate: [220, 16],
  cardVersion: [236, 4],
  authorityCode: [240, 8],
} as const satisfies Layout;

export const foreign2023Layout = {
  chineseName: [0, 30],
  gender: [30, 2],
  renewalCount: [32, 4],
  birthDate: [36, 16],
  englishName1: [52, 70],
  idNumber: [122, 36],
  validFrom: [188, 16],
  validTo: [204, 16],
  englishName2: [220, 22],
  country: [242, 6],
  previousNumberLink: [250, 6],
} as const satisfies Layout;

const typeFlags: Record<Exclude<CardType, 'resident'>, string> = { foreign2017: 'I', permit: 'J', foreign2023: 'Y' };

export function decodeUtf16Le(bytes: Uint8Array, offset: number, length: number): string {
  let out = '';
  for (let i = offset; i + 1 < offset + length && i + 1 < bytes.length; i += 2) {
    out += String.fromCharCode((bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8));
  }
  return out;
}

function readSlot(text: Uint8Array, [offset, bytes]: readonly [number, number]): string {
  return trimPadding(decodeUtf16Le(text, offset, bytes));
}

/** The card-type flag at bytes 248–249 (§6.5); checked before anything else is interpreted. */
export function cardTypeOf(text: Uint8Array): CardType {
  const flag = decodeUtf16Le(text, TYPE_FLAG_OFFSET, 2);
  if (flag === 'I') return 'foreign2017';
  if (flag === 'J') return 'permit';
  if (flag === 'Y') return 'foreign2023';
  return 'resident';
}

export function genderOf(code: string): Gender {
  return code === '1' ? 'male' : code === '2' ? 'female' : code === '9' ? 'not-stated' : 'unknown';
}

function datesProblems(birthDate: string, validFrom: string, validTo: string): CardProblem[] {
  const problems: CardProblem[] = [];
  if (!parseCompactDate(birthDate)) problems.push('birth-date-field');
  if (!parseCompactDate(validFrom) || (validTo !== LONG_TERM && !parseCompactDate(validTo))) problems.push('validity-dates');
  return problems;
}

export interface DecodeOptions {
  /** Today's date for the plausibility checks (codecs have no clock). */
  today?: CalendarDate;
}

/** Decodes a 256-byte text block into the record for its card type, with validation flags. */
export function decodeCardText(text: Uint8Array, options: DecodeOptions = {}): CardRecord {
  if (text.length !== TEXT_BLOCK_SIZE) throw new RangeError(`text block must be ${TEXT_BLOCK_SIZE} bytes, got ${text.length}`);
  const ctxToday = options.today ? { today: options.today } : {};
  const type = cardTypeOf(text);
  if (type === 'foreign2017') {
    const f = (k: keyof typeof foreign2017Layout) => readSlot(text, foreign2017Layout[k]);
    const englishName = f('englishName');
    const chineseName = f('chineseName');
    const idNumber = normaliseIdNumber(f('idNumber'));
    const birthDate = f('birthDate');
    const problems = datesProblems(birthDate, f('validFrom'), f('validTo'));
    // The 15-character 2017 number has no check digit (§6A.1): only its shape can be checked.
    if (!/^[A-Z]{3}\d{12}$/.test(idNumber)) problems.push('card-number-format');
    return {
      type,
      name: chineseName || englishName,
      englishName,
      chineseName,
      genderCode: f('gender'),
      gender: genderOf(f('gender')),
      birthDate,
      idNumber,
      nationality: f('nationality'),
      validFrom: f('validFrom'),
      validTo: f('validTo'),
      cardVersion: f('cardVersion'),
      authorityCode: f('authorityCode'),
      numberValid: problems.length === 0,
      problems,
    };
  }
  if (type === 'foreign2023') {
    const f = (k: keyof typeof foreign2023Layout) => readSlot(text, foreign2023Layout[k]);
    const chineseName = f('chineseName');
    // Characters 36–46 of the English name continue in the reserved area (§6A.3).
    const englishName = trimPadding(decodeUtf16Le(text, 52, 70) + f('englishName2'));
    const idNumber = normaliseIdNumber(f('idNumber'));
    const birthDate = f('birthDate');
    const check = validateIdNumber(idNumber, { kind: 'foreign2023', birthDate, gender: f('gender'), ...ctxToday });
    const problems: CardProblem[] = [...check.problems, ...datesProblems(birthDate, f('validFrom'), f('validTo'))];
    return {
      type,
      name: chineseName || englishName,
      chineseName,
      englishName,
      genderCode: f('gender'),
      gender: genderOf(f('gender')),
      renewalCount: f('renewalCount'),
      birthDate,
      idNumber,
      validFrom: f('validFrom'),
      validTo: f('validTo'),
      country: f('country'),
      previousNumberLink: f('previousNumberLink'),
      numberValid: problems.length === 0,
      problems,
    };
  }
  if (type === 'permit') {
    const f = (k: keyof typeof permitLayout) => readSlot(text, permitLayout[k]);
    const idNumber = normaliseIdNumber(f('idNumber'));
    const birthDate = f('birthDate');
    const check: IdNumberCheck = validateIdNumber(idNumber, { kind: 'permit', birthDate, gender: f('gender'), ...ctxToday });
    const problems: CardProblem[] = [...check.problems, ...datesProblems(birthDate, f('validFrom'), f('validTo'))];
    return {
      type,
      name: f('name'),
      genderCode: f('gender'),
      gender: genderOf(f('gender')),
      birthDate,
      address: f('address'),
      idNumber,
      authority: f('authority'),
      validFrom: f('validFrom'),
      validTo: f('validTo'),
      travelPermitNumber: f('travelPermitNumber'),
      issueCount: f('issueCount'),
      numberValid: problems.length === 0,
      problems,
    };
  }
  const f = (k: keyof typeof residentLayout) => readSlot(text, residentLayout[k]);
  const idNumber = normaliseIdNumber(f('idNumber'));
  const birthDate = f('birthDate');
  const check = validateIdNumber(idNumber, { kind: 'resident', birthDate, gender: f('gender'), ...ctxToday });
  const problems: CardProblem[] = [...check.problems, ...datesProblems(birthDate, f('validFrom'), f('validTo'))];
  return {
    type: 'resident',
    name: f('name'),
    genderCode: f('gender'),
    gender: genderOf(f('gender')),
    ethnicityCode: f('ethnicity'),
    ethnicity: ethnicityName(f('ethnicity')),
    birthDate,
    address: f('address'),
    idNumber,
    authority: f('authority'),
    validFrom: f('validFrom'),
    validTo: f('validTo'),
    numberValid: problems.length === 0,
    problems,
  };
}

// ---- encoding (simulator, tests) ----

function writeSlot(text: Uint8Array, [offset, bytes]: readonly [number, number], value: string, field: string): void {
  if (value.length * 2 > bytes) throw new RangeError(`${field} is longer than ${bytes / 2} characters`);
  for (let i = 0; i < bytes / 2; i++) {
    const unit = i < value.length ? value.charCodeAt(i) : 0x20;
    text[offset + i * 2] = unit & 0xff;
    text[offset + i * 2 + 1] = unit >> 8;
  }
}

function blankBlock(): Uint8Array {
  const text = new Uint8Array(TEXT_BLOCK_SIZE);
  for (let i = 0; i < TEXT_BLOCK_SIZE; i += 2) text[i] = 0x20;
  return text;
}

export interface ResidentFields {
  name: string;
  gender: string;
  ethnicity: string;
  birthDate: string;
  address: string;
  idNumber: string;
  authority: string;
  validFrom: string;
  validTo: string;
}
export interface PermitFields extends Omit<ResidentFields, 'ethnicity'> {
  travelPermitNumber: string;
  issueCount: string;
}
export interface Foreign2017Fields {
  englishName: string;
  gender: string;
  idNumber: string;
  nationality: string;
  chineseName: string;
  validFrom: string;
  validTo: string;
  birthDate: string;
  cardVersion: string;
  authorityCode: string;
}
export interface Foreign2023Fields {
  chineseName: string;
  gender: string;
  renewalCount: string;
  birthDate: string;
  englishName: string;
  idNumber: string;
  validFrom: string;
  validTo: string;
  country: string;
  previousNumberLink: string;
}

export type CardFields =
  | ({ type: 'resident' } & ResidentFields)
  | ({ type: 'permit' } & PermitFields)
  | ({ type: 'foreign2017' } & Foreign2017Fields)
  | ({ type: 'foreign2023' } & Foreign2023Fields);

/** Builds the 256-byte block a card of this type carries. Throws if a field does not fit its slot. */
export function encodeCardText(card: CardFields): Uint8Array {
  const text = blankBlock();
  const put = (layout: Layout, values: Record<string, string>) => {
    for (const [key, slot] of Object.entries(layout)) {
      const value = values[key];
      if (value !== undefined) writeSlot(text, slot, value, key);
    }
  };
  switch (card.type) {
    case 'resident':
      put(residentLayout, { ...card, type: '' });
      break;
    case 'permit':
      put(permitLayout, { ...card, type: '' });
      break;
    case 'foreign2017':
      put(foreign2017Layout, { ...card, type: '' });
      break;
    case 'foreign2023': {
      if (card.englishName.length > 46) throw new RangeError('englishName is longer than 46 characters');
      const { englishName, ...rest } = card;
      put(foreign2023Layout, { ...rest, type: '', englishName1: englishName.slice(0, 35), englishName2: englishName.slice(35) });
      break;
    }
  }
  if (card.type !== 'resident') writeSlot(text, [TYPE_FLAG_OFFSET, 2], typeFlags[card.type], 'type flag');
  return text;
}
