import type { CardRecord, CardType, Gender } from './card-text';
import { compareDates, parseCompactDate, regionOfIdNumber, type CalendarDate } from './id-number';

/**
 * What leaves the reader: masked values and a projection that gives a consumer only the fields it
 * declared (个人信息保护法 minimum collection; 居民身份证法 confidentiality). Age bracket and region
 * are derived here, so the birth date and the raw number never travel.
 */

/** 张三丰 → 张*丰, 张三 → 张*, 欧阳娜娜 → 欧**娜. Works on code points, so a surrogate pair stays whole. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/**
 * 18-character numbers lose the birth-date digits (positions 7–14): 510106********1234. Other shapes
 * (the 15-character 2017 foreign number) keep only the first three and last four characters.
 */
export function maskIdNumber(id: string): string {
  if (id.length === 18) return `${id.slice(0, 6)}${'*'.repeat(8)}${id.slice(14)}`;
  if (id.length <= 7) return '*'.repeat(id.length);
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;
}

/**
 * Legal age groups: 民法典 第十七条 (18 周岁以上为成年人) and 老年人权益保障法 第二条 (六十周岁以上).
 * 'unknown' when the birth date does not parse.
 */
export type AgeBracket = 'minor' | 'adult' | 'senior' | 'unknown';

export function ageOn(birth: CalendarDate, today: CalendarDate): number {
  let age = today.year - birth.year;
  if (compareDates({ year: today.year, month: birth.month, day: birth.day }, today) > 0) age -= 1;
  return age;
}

export function ageBracketOf(birthDate: string, today: CalendarDate): AgeBracket {
  const birth = parseCompactDate(birthDate);
  if (!birth || compareDates(birth, today) > 0) return 'unknown';
  const age = ageOn(birth, today);
  return age < 18 ? 'minor' : age < 60 ? 'adult' : 'senior';
}

/** Province-level hint of where the number was assigned, or the nationality of a 2017 foreign card. */
export function regionOf(card: CardRecord): string | null {
  switch (card.type) {
    case 'resident':
      return regionOfIdNumber(card.idNumber, 'resident');
    case 'permit':
      return regionOfIdNumber(card.idNumber, 'permit');
    case 'foreign2023':
      return regionOfIdNumber(card.idNumber, 'foreign2023');
    case 'foreign2017':
      return null;
  }
}

/** Fields a consumer may declare. `name` is the full name: declare it only where the workflow needs it. */
export type ProjectableField = 'name' | 'maskedName' | 'gender' | 'ageBracket' | 'region' | 'maskedIdNumber' | 'cardType' | 'numberValid';

export interface ProjectedCard {
  name?: string;
  maskedName?: string;
  gender?: Gender;
  ageBracket?: AgeBracket;
  region?: string | null;
  maskedIdNumber?: string;
  cardType?: CardType;
  numberValid?: boolean;
}

/** Only the declared fields, derived from the record; nothing else of the record is reachable from the result. */
export function projectCard(card: CardRecord, fields: readonly ProjectableField[], today: CalendarDate): ProjectedCard {
  const out: ProjectedCard = {};
  for (const field of new Set(fields)) {
    switch (field) {
      case 'name':
        out.name = card.name;
        break;
      case 'maskedName':
        out.maskedName = maskName(card.name);
        break;
      case 'gender':
        out.gender = card.gender;
        break;
      case 'ageBracket':
        out.ageBracket = ageBracketOf(card.birthDate, today);
        break;
      case 'region':
        out.region = regionOf(card);
        break;
      case 'maskedIdNumber':
        out.maskedIdNumber = maskIdNumber(card.idNumber);
        break;
      case 'cardType':
        out.cardType = card.type;
        break;
      case 'numberValid':
        out.numberValid = card.numberValid;
        break;
    }
  }
  return out;
}

/** Overwrites every string field of a record in place (best effort: JS strings are immutable, but no reference to the data survives). */
export function scrubCard(card: CardRecord): void {
  const record = card as unknown as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (typeof record[key] === 'string') record[key] = '';
  }
  card.problems = [];
}
