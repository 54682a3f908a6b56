import { describe, expect, it } from 'vitest';
import { initialDateParts, isoDate, nextFieldId, pressAmountKey, previousFieldId, stepDatePart } from './document-form';

describe('documents: amount keypad', () => {
  it('types an amount of 元 with at most two decimals', () => {
    let text = '';
    for (const key of ['5', '0', '0', '0', '.', '5', '0', '9'] as const) text = pressAmountKey(text, key);
    expect(text).toBe('5000.50');
    expect(pressAmountKey('0', '7')).toBe('7');
    expect(pressAmountKey('', '.')).toBe('0.');
    expect(pressAmountKey('12.', '.')).toBe('12.');
    expect(pressAmountKey('12', 'backspace')).toBe('1');
    expect(pressAmountKey('12', 'clear')).toBe('');
  });
});

describe('documents: date steppers', () => {
  it('wraps months and keeps the day valid', () => {
    expect(isoDate(stepDatePart({ year: 2024, month: 1, day: 31 }, 'month', 1, null))).toBe('2024-02-29');
    expect(isoDate(stepDatePart({ year: 2024, month: 12, day: 1 }, 'month', 1, null))).toBe('2024-01-01');
    expect(isoDate(stepDatePart({ year: 2024, month: 3, day: 1 }, 'day', -1, null))).toBe('2024-03-31');
  });
  it('never goes past the latest allowed date', () => {
    expect(isoDate(stepDatePart({ year: 2026, month: 12, day: 7 }, 'day', 1, '2026-12-07'))).toBe('2026-12-07');
    expect(isoDate(initialDateParts('2020-05-06', '2026-12-07'))).toBe('2020-05-06');
    expect(isoDate(initialDateParts(undefined, '2026-12-07'))).toBe('2026-12-07');
  });
});

describe('documents: question order', () => {
  it('moves among the questions asked now', () => {
    expect(nextFieldId(['a', 'b', 'c'], 'a')).toBe('b');
    expect(nextFieldId(['a', 'b', 'c'], 'c')).toBeNull();
    expect(previousFieldId(['a', 'b', 'c'], 'b')).toBe('a');
    expect(previousFieldId(['a', 'b', 'c'], 'a')).toBeNull();
  });
});
