import { describe, expect, it } from 'vitest';
import { sampleCards } from '../simulator/sample-cards';
import { decodeBaseInfo, decodeAdditionalAddress, encodeAdditionalAddress, encodeBaseInfo } from './base-info';
import { cardTypeOf, decodeCardText, encodeCardText, LONG_TERM, type CardFields } from './card-text';
import { ethnicityCodeOf, ethnicityName } from './ethnicity';
import { decodeResponse, encodeResponse, fromHex, toHex } from './frame';

const today = { year: 2026, month: 11, day: 22 };

/** The resident worked example of §6 (张三, 11010519491231002X, 长期). */
const worked: CardFields = {
  type: 'resident',
  name: '张三',
  gender: '1',
  ethnicity: '01',
  birthDate: '19491231',
  address: '测试数据',
  idNumber: '11010519491231002X',
  authority: '测试数据',
  validFrom: '19991231',
  validTo: LONG_TERM,
};

describe('resident text block', () => {
  const text = encodeCardText(worked);
  // The spec's example pairs gender "1" with a number whose 17th digit (2) is even, i.e. female.
  // The byte layout test keeps the spec's "1"; the decode tests use the consistent "2".
  const consistent = encodeCardText({ ...worked, gender: '2' });

  it('matches the byte layout of the spec worked example', () => {
    expect(text.length).toBe(256);
    expect(toHex(text.slice(0, 30))).toBe(`20 5F 09 4E${' 20 00'.repeat(13)}`);
    expect(toHex(text.slice(30, 32))).toBe('31 00');
    expect(toHex(text.slice(32, 36))).toBe('30 00 31 00');
    expect(toHex(text.slice(36, 52))).toBe('31 00 39 00 34 00 39 00 31 00 32 00 33 00 31 00');
    expect(toHex(text.slice(122, 126))).toBe('31 00 31 00');
    expect(toHex(text.slice(154, 158))).toBe('32 00 58 00');
    expect(toHex(text.slice(204, 220))).toBe(`7F 95 1F 67${' 20 00'.repeat(6)}`);
    expect(toHex(text.slice(248, 250))).toBe('20 00');
  });

  it('decodes every field, trims the padding, maps ethnicity and keeps 长期 as text', () => {
    const card = decodeCardText(consistent, { today });
    expect(card).toMatchObject({
      type: 'resident',
      name: '张三',
      gender: 'female',
      genderCode: '2',
      ethnicityCode: '01',
      ethnicity: '汉',
      birthDate: '19491231',
      idNumber: '11010519491231002X',
      validTo: '长期',
      numberValid: true,
      problems: [],
    });
  });

  it('decodes through a complete 0x30 0x01 reply frame (1295 bytes, LEN 05 08, text at 14, photo at 270)', () => {
    const frame = encodeResponse(0x90, encodeBaseInfo(text));
    expect(frame.length).toBe(1295);
    expect(toHex(frame.slice(0, 14))).toBe('AA AA AA 96 69 05 08 00 00 90 01 00 04 00');
    expect(toHex(frame.slice(14, 18))).toBe('20 5F 09 4E');
    const base = decodeBaseInfo(decodeResponse(frame)?.data ?? new Uint8Array());
    expect(base.ok && decodeCardText(base.text).name).toBe('张三');
  });

  it('refuses base info with sizes other than 256/1024', () => {
    const data = encodeBaseInfo(text);
    data[1] = 0x80;
    expect(decodeBaseInfo(data)).toEqual({ ok: false, reason: 'unexpected-sizes' });
    expect(decodeBaseInfo(encodeBaseInfo(text).slice(0, 500))).toEqual({ ok: false, reason: 'too-short' });
  });

  it('keeps rare and private-use code units and surrogate pairs intact', () => {
    const name = '\u3400\uE000\u{20000}';
    const card = decodeCardText(encodeCardText({ ...worked, name }));
    expect(card.name).toBe(name);
  });

  it('flags a number whose check digit, birth date or gender parity does not validate', () => {
    const badCheck = decodeCardText(encodeCardText({ ...worked, gender: '2', idNumber: '110105194912310021' }), { today });
    expect(badCheck.numberValid).toBe(false);
    expect(badCheck.problems).toContain('check-digit');
    const specLiteral = decodeCardText(text, { today });
    expect(specLiteral.problems).toEqual(['gender-mismatch']);
    expect(specLiteral.numberValid).toBe(false);
    const otherBirth = decodeCardText(encodeCardText({ ...worked, gender: '2', birthDate: '19500101' }), { today });
    expect(otherBirth.problems).toContain('birth-date-mismatch');
  });

  it('reads the additional address (0x30 0x03, 70 bytes) and the 0x91 "no content" reply', () => {
    expect(decodeAdditionalAddress(encodeAdditionalAddress('测试数据新址'))).toBe('测试数据新址');
    expect(decodeResponse(fromHex('AA AA AA 96 69 00 04 00 00 91 95'))?.sw3).toBe(0x91);
  });
});

describe('variant layouts (§6A)', () => {
  it('foreign 2017 (flag I): English name in the first 120 bytes, 15-character number checked by shape', () => {
    const text = encodeCardText(sampleCards.foreign2017);
    expect(toHex(text.slice(248, 250))).toBe('49 00');
    expect(cardTypeOf(text)).toBe('foreign2017');
    const card = decodeCardText(text, { today });
    expect(card).toMatchObject({
      type: 'foreign2017',
      englishName: 'TEST,SAMPLE',
      chineseName: '测试样例',
      name: '测试样例',
      nationality: 'ZZZ',
      idNumber: 'ZZZ110019800101',
      birthDate: '19800101',
      gender: 'male',
      numberValid: true,
    });
    const bad = decodeCardText(encodeCardText({ ...(sampleCards.foreign2017 as Extract<CardFields, { type: 'foreign2017' }>), idNumber: 'ZZ1110019800101' }));
    expect(bad.problems).toContain('card-number-format');
  });

  it('foreign 2023 (flag Y): renewal count in the ethnicity slot, English name split over two slots', () => {
    const text = encodeCardText(sampleCards.foreign2023);
    expect(toHex(text.slice(248, 250))).toBe('59 00');
    const card = decodeCardText(text, { today });
    expect(card.type).toBe('foreign2023');
    if (card.type !== 'foreign2023') return;
    expect(card.englishName).toBe('TEST SAMPLE FICTIONAL PERSON FOR SIMULATOR USE');
    expect(card.renewalCount).toBe('00');
    expect(card).not.toHaveProperty('ethnicity');
    expect(card.numberValid).toBe(true);
  });

  it('foreign 2023: validates the spec sample number 931586198001010028 (r = 4 → 8)', () => {
    const f = sampleCards.foreign2023 as Extract<CardFields, { type: 'foreign2023' }>;
    const card = decodeCardText(encodeCardText({ ...f, idNumber: '931586198001010028', birthDate: '19800101', gender: '2' }), { today });
    expect(card.problems).toEqual([]);
  });

  it('HK/Macau/Taiwan permit (flag J): no ethnicity, travel-permit number and issue count, 81/82/83 prefix', () => {
    const text = encodeCardText(sampleCards.permit);
    expect(toHex(text.slice(248, 250))).toBe('4A 00');
    const card = decodeCardText(text, { today });
    expect(card).toMatchObject({ type: 'permit', travelPermitNumber: 'H00000001', issueCount: '01', gender: 'female', numberValid: true });
    expect(card).not.toHaveProperty('ethnicity');
    const p = sampleCards.permit as Extract<CardFields, { type: 'permit' }>;
    const hk = decodeCardText(encodeCardText({ ...p, idNumber: '810000199408230021', birthDate: '19940823' }), { today });
    expect(hk.problems).toEqual([]);
    const residentPrefix = decodeCardText(encodeCardText({ ...p, idNumber: '110101199001010027' }), { today });
    expect(residentPrefix.problems).toContain('region-prefix');
  });

  it('a space (or anything unknown) in the flag slot means a resident card', () => {
    expect(cardTypeOf(encodeCardText(sampleCards.resident))).toBe('resident');
  });
});

describe('ethnicity table', () => {
  it('has 56 groups plus 97/98, with 德昂 spelt correctly, and shows unknown codes raw', () => {
    expect(ethnicityName('46')).toBe('德昂');
    expect(ethnicityName('97')).toBe('其他');
    expect(ethnicityName('98')).toBe('外国血统中国籍人士');
    expect(ethnicityName('57')).toBe('57');
    expect(ethnicityCodeOf('蒙古族')).toBe('02');
    const codes = Array.from({ length: 99 }, (_, i) => String(i + 1).padStart(2, '0')).filter((c) => ethnicityName(c) !== c);
    expect(codes).toHaveLength(58);
  });
});
