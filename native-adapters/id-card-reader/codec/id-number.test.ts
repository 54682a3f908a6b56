import { describe, expect, it } from 'vitest';
import { sampleCards } from '../simulator/sample-cards';
import { decodeCardText, encodeCardText } from './card-text';
import { computeCheckChar, parseCompactDate, validateIdNumber } from './id-number';
import { ageBracketOf, maskIdNumber, maskName, projectCard } from './mask';

const today = { year: 2026, month: 11, day: 22 };

describe('GB 11643 check character', () => {
  it('reproduces the spec examples', () => {
    expect(computeCheckChar('11010519491231002')).toBe('X');
    expect(computeCheckChar('81000019940823002')).toBe('1');
    expect(computeCheckChar('93158619800101002')).toBe('8');
  });

  it('accepts a lower-case x and rejects malformed numbers', () => {
    expect(validateIdNumber('11010519491231002x', { kind: 'resident', today }).valid).toBe(true);
    expect(validateIdNumber('1101051949123100', { kind: 'resident' }).problems).toEqual(['format']);
  });

  it('rejects impossible and implausible birth dates and unknown province prefixes', () => {
    const withCheck = (first17: string) => `${first17}${computeCheckChar(first17) ?? ''}`;
    expect(validateIdNumber(withCheck('11010519490230002'), { kind: 'resident', today }).problems).toContain('birth-date-invalid');
    expect(validateIdNumber(withCheck('11010520300101002'), { kind: 'resident', today }).problems).toContain('birth-date-implausible');
    expect(validateIdNumber(withCheck('99010519491231002'), { kind: 'resident', today }).problems).toEqual(['region-prefix']);
    expect(validateIdNumber(withCheck('81000019491231002'), { kind: 'resident', today }).problems).toEqual(['region-prefix']);
  });

  it('knows leap years', () => {
    expect(parseCompactDate('20000229')).not.toBeNull();
    expect(parseCompactDate('19000229')).toBeNull();
  });
});

describe('masking and projection', () => {
  it('masks names as 张*三 / 张* and keeps surrogate pairs whole', () => {
    expect(maskName('张三丰')).toBe('张*丰');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('\u{20000}甲乙')).toBe('\u{20000}*乙');
  });

  it('hides the birth-date digits of an 18-character number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('ZZZ110019800101')).toBe('ZZZ********0101');
  });

  it('derives legal age brackets (民法典 第十七条, 老年人权益保障法 第二条) on the injected day', () => {
    expect(ageBracketOf('20081122', today)).toBe('adult');
    expect(ageBracketOf('20081123', today)).toBe('minor');
    expect(ageBracketOf('19661122', today)).toBe('senior');
    expect(ageBracketOf('19661123', today)).toBe('adult');
    expect(ageBracketOf('长期', today)).toBe('unknown');
  });

  it('gives a consumer only the fields it declared, derived rather than raw', () => {
    const card = decodeCardText(encodeCardText(sampleCards.resident), { today });
    const projected = projectCard(card, ['maskedName', 'gender', 'ageBracket', 'region'], today);
    expect(projected).toEqual({ maskedName: '测**例', gender: 'male', ageBracket: 'adult', region: '北京' });
    const serialised = JSON.stringify(projected);
    expect(serialised).not.toContain(card.idNumber);
    expect(serialised).not.toContain(card.name);
    expect(serialised).not.toContain(card.birthDate);
    expect(projectCard(card, ['maskedIdNumber', 'cardType'], today)).toEqual({ maskedIdNumber: '110101********0010', cardType: 'resident' });
  });

  it('projects the region of permits and 2023 foreign cards from the number, and none for 2017 cards', () => {
    const permit = decodeCardText(encodeCardText(sampleCards.permit), { today });
    expect(projectCard(permit, ['region'], today)).toEqual({ region: '香港' });
    const f2017 = decodeCardText(encodeCardText(sampleCards.foreign2017), { today });
    expect(projectCard(f2017, ['region', 'maskedName'], today)).toEqual({ region: null, maskedName: '测**例' });
  });
});
