import { describe, expect, it } from 'vitest';
import { localDay, MAX_QUERY_CHARS, redactQuery } from './query-redaction';

describe('redactQuery', () => {
  it('keeps an ordinary question, trimmed and with whitespace collapsed', () => {
    expect(redactQuery('  狗咬人   怎么赔 ')).toBe('狗咬人 怎么赔');
  });

  it('removes phone numbers, also when written with spaces, dashes or full-width digits', () => {
    expect(redactQuery('老板欠薪 13812345678')).toBe('老板欠薪 …');
    expect(redactQuery('电话138 1234 5678找谁')).toBe('电话…找谁');
    expect(redactQuery('０１０－８７６５４３２１ 投诉')).toBe('… 投诉');
  });

  it('removes ID numbers, including the ones ending in X, and ID-like tokens', () => {
    expect(redactQuery('身份证11010519491231002X丢了')).toBe('身份证…丢了');
    expect(redactQuery('110105194912310021 补办')).toBe('… 补办');
    expect(redactQuery('护照E12345678')).toBe('护照…');
  });

  it('removes any digit run of six or more but keeps short numbers', () => {
    expect(redactQuery('欠款123456元')).toBe('欠款…元');
    expect(redactQuery('欠款5000元')).toBe('欠款5000元');
    expect(redactQuery('劳动合同法第47条')).toBe('劳动合同法第47条');
  });

  it('removes phone numbers spelled in Chinese numerals, not article numbers', () => {
    expect(redactQuery('我电话一三八一二三四五六七八')).toBe('我电话…');
    expect(redactQuery('民法典第一千零七十九条')).toBe('民法典第一千零七十九条');
  });

  it('removes a name after (punctuation comes out NFKC-folded) 我叫 / 姓名 / 本人, and e-mail addresses', () => {
    expect(redactQuery('我叫王小明，被公司辞退')).toBe('我叫…,被公司辞退');
    expect(redactQuery('姓名：李四 离婚')).toBe('姓名:… 离婚');
    expect(redactQuery('发到 wang.xm@example.com')).toBe('发到 …');
  });

  it('returns null when only removed parts remain', () => {
    expect(redactQuery('13812345678')).toBeNull();
    expect(redactQuery(' ，。 ')).toBeNull();
  });

  it('limits the length', () => {
    const long = '房'.repeat(100);
    expect([...(redactQuery(long) ?? '')]).toHaveLength(MAX_QUERY_CHARS);
  });
});

describe('localDay', () => {
  it('is the local calendar day', () => {
    expect(localDay(new Date(2026, 10, 22, 23, 59))).toBe('2026-11-22');
    expect(localDay(new Date(2026, 0, 1, 0, 0))).toBe('2026-01-01');
  });
});
