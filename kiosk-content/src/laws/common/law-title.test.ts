import { describe, expect, it } from 'vitest';
import { articleKey, normalizeLawTitle } from './law-title';

describe('normalizeLawTitle', () => {
  it.each([
    ['中华人民共和国民法典', '民法典'],
    ['行政复议法(2023-09-01)', '行政复议法'],
    ['最高人民法院关于审理劳动争议案件适用法律问题的解释（一）', '最高人民法院关于审理劳动争议案件适用法律问题的解释(一)'],
    ['最高人民法院关于适用〈中华人民共和国民法典〉有关担保制度的解释', '最高人民法院关于适用《民法典》有关担保制度的解释'],
    ['最高人民法院  最高人民检察院关于办理某类案件的解释', '最高人民法院、最高人民检察院关于办理某类案件的解释'],
    ['最高人民法院 最高人民检察院 公安部关于某问题的规定', '最高人民法院、最高人民检察院、公安部关于某问题的规定'],
    ['中华人民共和国 示例 法', '示例法'],
    ['ＡＢＣ条例', 'ABC条例'],
  ])('%s → %s', (title, key) => {
    expect(normalizeLawTitle(title)).toBe(key);
  });

  it('is idempotent', () => {
    const once = normalizeLawTitle('最高人民法院 最高人民检察院关于适用〈中华人民共和国刑法〉的解释（二）(2020-01-01)');
    expect(normalizeLawTitle(once)).toBe(once);
  });
});

describe('articleKey', () => {
  it('joins title and label with |', () => {
    expect(articleKey('民法典', '第五十四条')).toBe('民法典|第五十四条');
  });
});
