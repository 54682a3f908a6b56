import { describe, expect, it } from 'vitest';
import { PAPER_COLUMNS } from '../../../../native-adapters/thermal-printer/receipt/layout-receipt';
import { receiptColumns, receiptLineCount, wrapReceiptText } from './receipt-width';

describe('receipt width for content checks', () => {
  it('is the narrowest paper of the printer table (58 mm)', () => {
    expect(receiptColumns).toBe(PAPER_COLUMNS['58mm']);
    expect(receiptColumns).toBe(Math.min(...Object.values(PAPER_COLUMNS)));
  });

  it('counts CJK characters two columns wide and ASCII one', () => {
    expect(wrapReceiptText('法'.repeat(17))).toEqual(['法'.repeat(16), '法']);
    expect(wrapReceiptText('a'.repeat(33))).toEqual(['a'.repeat(32), 'a']);
    expect(receiptLineCount('法'.repeat(15), 3)).toBe(2);
  });
});
