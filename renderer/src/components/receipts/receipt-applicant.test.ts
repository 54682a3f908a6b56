import { describe, expect, it } from 'vitest';
import { receiptApplicant } from './receipt-applicant';

describe('outcome receipt applicant', () => {
  it('puts only the masked name and number on the receipt', () => {
    expect(receiptApplicant(null)).toEqual({});
    expect(receiptApplicant({ ageBracket: '60-plus' })).toEqual({});
    expect(receiptApplicant({ name: '张*三', idNumber: '510106********1234', ageBracket: '60-plus' })).toEqual({
      applicant: { name: '张*三', idNumber: '510106********1234' },
    });
  });
});
