import { readFileSync } from 'node:fs';
import { SerialTransport } from '../../transport/serial/serial-transport';
import type { ByteTransport } from '../../transport/byte-transport';
import type { CardFields, CardType } from '../codec/card-text';
import type { ReaderClock } from '../service/id-card-reader-service';
import { sampleCards } from '../simulator/sample-cards';

/** The real clock for the pure reader service. */
export const systemReaderClock: ReaderClock = {
  setTimer(ms, fn) {
    const handle = setTimeout(fn, ms);
    return () => clearTimeout(handle);
  },
  today() {
    const d = new Date();
    return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
  },
};

/** One serial transport per baud rate, for the service's auto-detect. */
export function serialTransportFactory(path: string): (baudRate: number) => ByteTransport {
  return (baudRate) => new SerialTransport({ path, baudRate });
}

export const cardTypes: readonly CardType[] = ['resident', 'foreign2017', 'foreign2023', 'permit'];

const requiredFields: Record<CardType, readonly string[]> = {
  resident: ['name', 'gender', 'ethnicity', 'birthDate', 'address', 'idNumber', 'authority', 'validFrom', 'validTo'],
  permit: ['name', 'gender', 'birthDate', 'address', 'idNumber', 'authority', 'validFrom', 'validTo', 'travelPermitNumber', 'issueCount'],
  foreign2017: ['englishName', 'gender', 'idNumber', 'nationality', 'chineseName', 'validFrom', 'validTo', 'birthDate', 'cardVersion', 'authorityCode'],
  foreign2023: ['chineseName', 'gender', 'renewalCount', 'birthDate', 'englishName', 'idNumber', 'validFrom', 'validTo', 'country', 'previousNumberLink'],
};

/**
 * Reads a simulator card file (JSON). Fields per type as in the spec; a resident file gives
 * name, gender, ethnicity, birthDate, address, idNumber, authority, validFrom, validTo. Ethnicity
 * may be the 2-digit code. Missing optional-looking fields of foreign cards default to empty.
 */
export function loadCardFile(file: string, type: CardType): { card: CardFields; latestAddress?: string } {
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof raw !== 'object' || raw === null) throw new Error(`${file}: expected a JSON object`);
  const obj = raw as Record<string, unknown>;
  const fileType = typeof obj['type'] === 'string' ? (obj['type'] as CardType) : type;
  if (!cardTypes.includes(fileType)) throw new Error(`${file}: unknown card type ${String(obj['type'])}`);
  const fields: Record<string, string> = {};
  for (const key of requiredFields[fileType]) {
    const value = obj[key];
    if (typeof value === 'string') fields[key] = value;
    else if (fileType.startsWith('foreign') && value === undefined && key !== 'idNumber' && key !== 'birthDate') fields[key] = '';
    else throw new Error(`${file}: field "${key}" must be a string`);
  }
  const card = { ...fields, type: fileType } as unknown as CardFields;
  const latest = obj['latestAddress'];
  return typeof latest === 'string' ? { card, latestAddress: latest } : { card };
}

export function sampleCard(type: CardType): CardFields {
  return structuredClone(sampleCards[type]);
}
