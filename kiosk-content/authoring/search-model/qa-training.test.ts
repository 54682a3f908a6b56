import { describe, expect, it } from 'vitest';
import { qaTrainingQuestions } from './qa-training';

const entry = (id: string, question: string, also: string[], cites: string[]) => ({ id, question, also, domain: 'labour', cites });

describe('qaTrainingQuestions', () => {
  it('joins the phrasings of one entry into one weighted question citing its articles by relevance key', () => {
    const out = qaTrainingQuestions([entry('a', '老板不发工资', ['公司拖欠工资怎么办', ' '], ['中华人民共和国劳动合同法 第三十条', '劳动合同法 第三十条'])], {
      weight: 0.5,
      counted: false,
    });
    expect(out).toEqual([{ query: '老板不发工资\n公司拖欠工资怎么办', relevant: ['劳动合同法|第三十条'], weight: 0.5, counted: false }]);
  });

  it('drops citations the library lacks and entries left without any; weight 0 gives nothing', () => {
    const qa = [entry('a', '问一', [], ['甲法 第一条', '甲法 第九条']), entry('b', '问二', [], ['乙法 第一条']), entry('c', '问三', [], ['没有条号'])];
    const knows = (law: string, label: string) => law === '甲法' && label === '第一条';
    expect(qaTrainingQuestions(qa, { weight: 1, counted: true }, knows)).toEqual([{ query: '问一', relevant: ['甲法|第一条'], weight: 1 }]);
    expect(qaTrainingQuestions(qa, { weight: 0, counted: true })).toEqual([]);
  });
});
