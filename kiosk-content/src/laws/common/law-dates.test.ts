import { describe, expect, it } from 'vitest';
import { isValidIsoDate, parseLeadingDate } from './law-dates';

describe('parseLeadingDate', () => {
  it('reads "<date> <event>" header lines', () => {
    expect(parseLeadingDate('2020年5月28日 第十三届全国人民代表大会第三次会议通过')).toEqual({
      kind: 'date',
      date: '2020-05-28',
      rest: '第十三届全国人民代表大会第三次会议通过',
    });
  });

  it('accepts full-width digits, a missing space and a wrapping parenthesis', () => {
    expect(parseLeadingDate('２０１３年１月１日 施行')).toEqual({ kind: 'date', date: '2013-01-01', rest: '施行' });
    expect(parseLeadingDate('2009年8月27日第十一届会议修正')).toEqual({ kind: 'date', date: '2009-08-27', rest: '第十一届会议修正' });
    expect(parseLeadingDate('（2014年11月1日 会议通过）')).toEqual({ kind: 'date', date: '2014-11-01', rest: '会议通过' });
  });

  it('keeps Chinese punctuation in the event text', () => {
    expect(parseLeadingDate('2012年12月19日 某部令第1号发布，')).toMatchObject({ rest: '某部令第1号发布，' });
  });

  it('reads dates spelled out in Chinese numerals', () => {
    expect(parseLeadingDate('一九九五年三月二十六日')).toEqual({ kind: 'date', date: '1995-03-26', rest: '' });
  });

  it('flags lines that start like a date but are none', () => {
    expect(parseLeadingDate('2020年13月1日 通过')).toEqual({ kind: 'bad', text: '2020年13月1日 通过' });
    expect(parseLeadingDate('2021年2月29日 施行').kind).toBe('bad');
    expect(parseLeadingDate('2020年5月 通过').kind).toBe('bad');
  });

  it('leaves other lines alone', () => {
    expect(parseLeadingDate('法释〔2021〕11号')).toEqual({ kind: 'none' });
    expect(parseLeadingDate('发布之日施行')).toEqual({ kind: 'none' });
  });
});

describe('isValidIsoDate', () => {
  it('checks the calendar', () => {
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('2023-02-29')).toBe(false);
    expect(isValidIsoDate('2023-2-1')).toBe(false);
  });
});
