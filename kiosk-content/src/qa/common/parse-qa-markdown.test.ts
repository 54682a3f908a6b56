import { describe, expect, it } from 'vitest';
import { findDuplicateIds, parseQaFiles, parseQaMarkdown } from './parse-qa-markdown';
import { formatQaProblem } from './qa-types';

const answer =
  '用人单位应当按照劳动合同约定和国家规定，及时足额支付劳动报酬。老板拖欠工资的，您可以先和单位协商；' +
  '协商不成，可以向当地劳动保障监察部门投诉，也可以申请劳动争议仲裁。请带好身份证、劳动合同或工资条等能证明' +
  '劳动关系和欠薪数额的材料。具体以当地规定为准，可拨打12348或咨询现场工作人员。';

function qa(front: string, body = answer): string {
  return `---\n${front}\n---\n${body}\n`;
}

const good = [
  'id: labour-unpaid-wages',
  'question: 老板拖欠工资不发，我该怎么办？',
  'also:',
  '  - 公司不发工资怎么办',
  '  - 讨薪找哪里',
  'domain: labour',
  'cites:',
  '  - 劳动合同法 第三十条',
  '  - 最高人民法院关于审理劳动争议案件适用法律问题的解释(一) 第一条',
].join('\n');

describe('parseQaMarkdown', () => {
  it('parses a well-formed entry', () => {
    const { entry, problems } = parseQaMarkdown('qa/labour/labour-unpaid-wages.md', qa(good));
    expect(problems).toEqual([]);
    expect(entry).toEqual({
      id: 'labour-unpaid-wages',
      question: '老板拖欠工资不发，我该怎么办？',
      also: ['公司不发工资怎么办', '讨薪找哪里'],
      domain: 'labour',
      cites: [
        { law: '劳动合同法', label: '第三十条' },
        { law: '最高人民法院关于审理劳动争议案件适用法律问题的解释(一)', label: '第一条' },
      ],
      answer: answer,
      file: 'qa/labour/labour-unpaid-wages.md',
      lines: { id: 2, cites: [9, 10], answer: 12 },
    });
  });

  it('accepts CRLF line endings and a BOM', () => {
    const { entry, problems } = parseQaMarkdown('a.md', `\uFEFF${qa(good).replace(/\n/g, '\r\n')}`);
    expect(problems).toEqual([]);
    expect(entry?.cites).toHaveLength(2);
  });

  it('reports a file without front matter', () => {
    const { entry, problems } = parseQaMarkdown('a.md', answer);
    expect(entry).toBeNull();
    expect(problems).toEqual([{ file: 'a.md', line: 1, field: 'file', message: expect.stringContaining('front matter') }]);
  });

  it('reports YAML syntax errors with their file line', () => {
    const { problems } = parseQaMarkdown('a.md', qa(`${good}\nalso: [oops`));
    expect(problems[0]).toMatchObject({ field: 'front matter' });
    expect(problems[0]?.line).toBeGreaterThanOrEqual(11);
  });

  it('reports missing fields, unknown fields and wrong types', () => {
    const { entry, problems } = parseQaMarkdown('a.md', qa('id: labour-x\ndomain: labour\nalso: 一个\ncite:\n  - 劳动法 第一条'));
    expect(entry).toBeNull();
    expect(problems.map((p) => [p.line, p.field, p.message])).toEqual([
      [5, 'cite', expect.stringContaining('unknown field "cite"')],
      [2, 'question', 'missing field "question"'],
      [4, 'also', expect.stringContaining('must be a list')],
      [2, 'cites', 'missing field "cites"'],
    ]);
  });

  it('reports an unknown domain, a non-kebab id and an id without its domain prefix', () => {
    const unknown = parseQaMarkdown('a.md', qa(good.replace('domain: labour', 'domain: labor')));
    expect(unknown.problems.map((p) => [p.line, p.field])).toEqual([[7, 'domain']]);
    expect(unknown.problems[0]?.message).toContain('unknown domain "labor"');

    const caps = parseQaMarkdown('a.md', qa(good.replace('id: labour-unpaid-wages', 'id: labour-Unpaid_x')));
    expect(caps.problems.map((p) => [p.line, p.field, p.message])).toEqual([[2, 'id', expect.stringContaining('not kebab-case')]]);

    const prefix = parseQaMarkdown('a.md', qa(good.replace('id: labour-unpaid-wages', 'id: unpaid-wages')));
    expect(prefix.problems.map((p) => [p.field, p.message])).toEqual([['id', expect.stringContaining('must start with its domain: "labour-"')]]);
  });

  it('checks the form of every cite', () => {
    const cites = ['劳动合同法第三十条', '中华人民共和国劳动合同法 第三十条', '劳动合同法 第30条', '劳动合同法 第三十条之一', '劳动合同法 第三十条'];
    const text = qa(good.replace(/cites:[\s\S]*$/, `cites:\n${cites.map((c) => `  - ${c}`).join('\n')}`));
    const { entry, problems } = parseQaMarkdown('a.md', text);
    expect(entry).toBeNull();
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [9, expect.stringContaining('not of the form')],
      [10, expect.stringContaining('write the normalised law title "劳动合同法"')],
      [11, expect.stringContaining('not of the form')],
    ]);
    const fullWidth = parseQaMarkdown('a.md', qa(good.replace('解释(一)', '解释（一）')));
    expect(fullWidth.problems[0]?.message).toContain('解释(一)');
    const twice = parseQaMarkdown('a.md', qa(`${good}\n  - 劳动合同法 第三十条`));
    expect(twice.problems.map((p) => [p.line, p.message])).toEqual([[11, expect.stringContaining('listed twice')]]);
    const none = parseQaMarkdown('a.md', qa(good.replace(/cites:[\s\S]*$/, 'cites: []')));
    expect(none.problems.map((p) => p.message)).toEqual(['an answer must cite at least one article']);
  });

  it('checks the answer length without counting whitespace', () => {
    const short = parseQaMarkdown('a.md', qa(good, '\n\n太短了。'));
    expect(short.problems).toEqual([{ file: 'a.md', line: 14, field: 'answer', message: expect.stringContaining('answer has 4 characters') }]);
    const exactly = '字'.repeat(80);
    expect(parseQaMarkdown('a.md', qa(good, exactly.replace(/(.{10})/g, '$1\n  '))).problems).toEqual([]);
    expect(parseQaMarkdown('a.md', qa(good, '字'.repeat(601))).problems[0]?.message).toContain('601');
    expect(parseQaMarkdown('a.md', qa(good, '字'.repeat(600))).problems).toEqual([]);
  });

  it('checks how many other phrasings there are and that they differ', () => {
    const one = parseQaMarkdown('a.md', qa(good.replace('  - 讨薪找哪里\n', '')));
    expect(one.problems.map((p) => [p.line, p.field])).toEqual([[4, 'also']]);
    const same = parseQaMarkdown('a.md', qa(good.replace('讨薪找哪里', '老板拖欠工资不发，我该怎么办？')));
    expect(same.problems.map((p) => [p.line, p.message])).toEqual([[6, expect.stringContaining('repeats the question')]]);
  });

  it('rejects characters the printer cannot print, at their line', () => {
    const { problems } = parseQaMarkdown('a.md', qa(good.replace('讨薪找哪里', '讨薪找哪里😭'), `${answer}\n\n第二段\ue000。`));
    expect(problems.map((p) => formatQaProblem(p))).toEqual([
      'a.md:6: [also] U+1F62D cannot be printed (emoji)',
      'a.md:14: [answer] U+E000 cannot be printed (private use)',
    ]);
  });

  it('allows 12348 but no other phone number', () => {
    const { problems } = parseQaMarkdown('a.md', qa(good, `${answer}也可以打 010-12345678 咨询。`));
    expect(problems.map((p) => [p.field, p.message])).toEqual([['answer', expect.stringContaining('"010-12345678" looks like a phone number')]]);
    const police = parseQaMarkdown('a.md', qa(good, `${answer}\n有危险请拨打110。`));
    expect(police.problems.map((p) => [p.line, p.message])).toEqual([[13, '"110" is a phone number; the only number allowed is 12348']]);
    expect(parseQaMarkdown('a.md', qa(good, `${answer}满1100天。`)).problems).toEqual([]);
  });
});

describe('duplicate ids across files', () => {
  it('keeps the first entry and reports every later one', () => {
    const text = qa(good);
    const result = parseQaFiles([
      { file: 'one.md', text },
      { file: 'two.md', text },
      { file: 'three.md', text: qa(good.replace('labour-unpaid-wages', 'labour-other')) },
    ]);
    expect(result.entries.map((e) => e.file)).toEqual(['one.md', 'three.md']);
    expect(result.problems).toEqual([{ file: 'two.md', line: 2, field: 'id', message: 'duplicate id "labour-unpaid-wages" (also in one.md)' }]);
    expect(findDuplicateIds(result.entries)).toEqual([]);
  });
});
