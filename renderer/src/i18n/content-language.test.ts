import { describe, expect, it } from 'vitest';
import { splitChinese } from './content-language';

describe('splitChinese', () => {
  it('marks the Chinese runs of an English sentence, digits between Han characters included', () => {
    expect(splitChinese('Results for “劳动合同法第47条”')).toEqual([
      { text: 'Results for “', chinese: false },
      { text: '劳动合同法第47条', chinese: true },
      { text: '”', chinese: false },
    ]);
  });

  it('leaves text without Chinese whole, and a lone character is a run too', () => {
    expect(splitChinese('ldht')).toEqual([{ text: 'ldht', chinese: false }]);
    expect(splitChinese('第')).toEqual([{ text: '第', chinese: true }]);
    expect(splitChinese('')).toEqual([]);
  });

  it('keeps CJK punctuation inside a run but not at its edges', () => {
    expect(splitChinese('Call 全国公共法律服务热线，12348')).toEqual([
      { text: 'Call ', chinese: false },
      { text: '全国公共法律服务热线', chinese: true },
      { text: '，12348', chinese: false },
    ]);
  });
});
