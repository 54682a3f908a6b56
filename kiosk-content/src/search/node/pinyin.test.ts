import { describe, expect, it } from 'vitest';
import { pinyinInitials } from './pinyin';

describe('pinyinInitials', () => {
  it('gives one letter per Han character and keeps latin letters and digits', () => {
    expect(pinyinInitials('劳动合同法')).toBe('ldhtf');
    expect(pinyinInitials('劳动法')).toBe('ldf');
    expect(pinyinInitials('最高人民法院关于审理劳动争议案件适用法律问题的解释(一)')).toBe('zgrmfygyslldzyajsyflwtdjsy');
    expect(pinyinInitials('ＥＴＣ卡')).toBe('etck');
    expect(pinyinInitials('')).toBe('');
  });

  it('reads polyphonic characters in context', () => {
    expect(pinyinInitials('行政诉讼法')).toBe('xzssf');
    expect(pinyinInitials('银行业监督管理法')).toBe('yhyjdglf');
  });
});
