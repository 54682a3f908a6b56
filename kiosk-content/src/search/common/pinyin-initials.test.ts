import { describe, expect, it } from 'vitest';
import { initialsMatchRank, initialsQueryKey, isInitialsQuery } from './pinyin-initials';

describe('pinyin initials', () => {
  it('recognises initials queries, full width and upper case included', () => {
    expect(isInitialsQuery('ldht')).toBe(true);
    expect(isInitialsQuery('ＬＤＨＴ')).toBe(true);
    expect(isInitialsQuery('l')).toBe(false);
    expect(isInitialsQuery('劳动ht')).toBe(false);
    expect(initialsQueryKey("LD HT'F")).toBe('ldhtf');
  });

  it('ranks whole > prefix > inside > none', () => {
    expect(initialsMatchRank('ldhtf', 'ldhtf')).toBe(3);
    expect(initialsMatchRank('ldht', 'ldhtf')).toBe(2);
    expect(initialsMatchRank('ht', 'ldhtf')).toBe(1);
    expect(initialsMatchRank('xz', 'ldhtf')).toBe(0);
    expect(initialsMatchRank('', 'ldhtf')).toBe(0);
  });
});
