import { describe, expect, it } from 'vitest';
import { errorMessage } from './error-message';

describe('errorMessage', () => {
  it('takes the message of an Error, including subclasses', () => {
    expect(errorMessage(new Error('文件不存在'))).toBe('文件不存在');
    expect(errorMessage(new TypeError('bad type'))).toBe('bad type');
  });

  it('turns anything else thrown into its string form', () => {
    expect(errorMessage('plain text')).toBe('plain text');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(undefined)).toBe('undefined');
    expect(errorMessage(null)).toBe('null');
  });
});
