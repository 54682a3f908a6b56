import { describe, expect, it } from 'vitest';
import { addressMixingProblems, forumsSentTo, plainLanguageProblems, sentences, statesTimeLimit } from './text-rules';

describe('time limits are never silent', () => {
  it('finds the forums a text sends the resident to, and not mere mentions', () => {
    expect(forumsSentTo('协商不成的，可以申请劳动仲裁。')).toEqual(['仲裁']);
    expect(forumsSentTo('可以向法院起诉。')).toEqual(['法院']);
    expect(forumsSentTo('可以向人民法院申请人身安全保护令。')).toEqual(['法院']);
    expect(forumsSentTo('也可以申请行政复议或提起行政诉讼。')).toEqual(['行政复议', '行政诉讼']);
    expect(forumsSentTo('伤情稳定后申请劳动能力鉴定。')).toEqual(['伤残鉴定']);
    expect(forumsSentTo('自案件移送审查起诉之日起，有权委托诉讼代理人。')).toEqual([]);
    expect(forumsSentTo('被起诉的，要按时应诉。')).toEqual([]);
    expect(forumsSentTo('有权向公安机关、检察院或法院报案、控告。')).toEqual([]);
  });

  it('accepts a stated period or an explicit no-limit sentence, nothing vaguer', () => {
    expect(statesTimeLimit('申请仲裁的时效期间为一年。')).toBe(true);
    expect(statesTimeLimit('收到裁决书之日起十五日内起诉。')).toBe(true);
    expect(statesTimeLimit('要抚养费，不受三年诉讼时效的限制。')).toBe(true);
    expect(statesTimeLimit('要求变更抚养关系，法律没有规定起诉期限。')).toBe(true);
    expect(statesTimeLimit('请尽快去申请。')).toBe(false);
    expect(statesTimeLimit('要注意时效。')).toBe(false);
  });
});

describe('plain language', () => {
  it('splits sentences after 。！？； and at line ends, without list marks', () => {
    expect(sentences('1. 先协商；\n2. 再起诉。好吗？').map((s) => s.text)).toEqual(['先协商；', '再起诉。', '好吗？']);
  });

  it('counts a sentence without its end mark: 60 characters pass, 61 do not', () => {
    expect(plainLanguageProblems(`${'字'.repeat(60)}。`)).toEqual([]);
    expect(plainLanguageProblems(`${'字'.repeat(61)}。`).map((p) => p.message)).toEqual([expect.stringMatching(/^sentence of 61 characters/)]);
  });

  it('flags 你 and 你们 where the same file says 您, in any of its texts, but not inside 「」 quotations', () => {
    expect(addressMixingProblems(['您可以去。你也可以打电话。'])).toEqual([
      { text: 0, problem: { at: 5, message: expect.stringMatching(/^mixes 你 and 您/) as string } },
    ]);
    // A step title with 你们 in a procedure whose other texts say 您 (the two texts are one conversation).
    expect(addressMixingProblems(['除了这笔钱，你们之间还有别的债务纠纷吗？', '比如对方说您也欠他钱。']).map((p) => [p.text, p.problem.at])).toEqual([[0, 6]]);
    expect(addressMixingProblems(['您可以告诉你们的孩子。'])).toHaveLength(1);
    expect(addressMixingProblems(['老板说「你明天别来了」，您可以要求他写下来。'])).toEqual([]);
    expect(addressMixingProblems(['您可以去。', '对方也可以来。'])).toEqual([]);
  });

  it('flags a 哪…吗 question but not an embedded one or 哪怕', () => {
    expect(plainLanguageProblems('您属于下面哪种情况吗？')).toHaveLength(1);
    expect(plainLanguageProblems('您知道要告的人住在哪里吗？')).toEqual([]);
    expect(plainLanguageProblems('哪怕只欠一百元，也能要吗？')).toEqual([]);
  });
});
