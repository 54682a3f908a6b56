import { describe, expect, it } from 'vitest';
import { createTranslate } from '../../i18n/dictionaries';
import { lawDateParts } from './article-view';

describe('lawDateParts', () => {
  it('reads ISO dates into parts the date message fills in', () => {
    expect(lawDateParts('2012-12-28')).toEqual({ year: 2012, month: 12, day: 28 });
    const parts = lawDateParts('2008-01-01');
    expect(parts).toEqual({ year: 2008, month: 1, day: 1 });
    expect(createTranslate('zh-CN')('article.date', { ...parts })).toBe('2008年1月1日');
  });

  it('refuses anything that is not a plain date instead of guessing', () => {
    expect(lawDateParts('2012年')).toBeNull();
    expect(lawDateParts('2012-13-01')).toBeNull();
    expect(lawDateParts('')).toBeNull();
  });
});
