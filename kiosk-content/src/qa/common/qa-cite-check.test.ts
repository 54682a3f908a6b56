import { describe, expect, it } from 'vitest';
import { parseLawMarkdown } from '../../laws/common/parse-law-markdown';
import type { ParsedLawFile } from '../../laws/common/law-types';
import { parseQaMarkdown } from './parse-qa-markdown';
import { buildLawArticleIndex, checkQaCites } from './qa-cite-check';
import type { QaEntry } from './qa-types';

function law(fileName: string, lines: string[]): ParsedLawFile {
  const result = parseLawMarkdown(fileName, `${lines.join('\n')}\n`);
  if (!result.law) throw new Error('test law did not parse');
  return result.law;
}

const header = ['2020年1月1日 通过', '<!-- INFO END -->'];
const laws = [
  law('示例法(2012-12-28).md', ['# 中华人民共和国示例法', ...header, '第一条 旧一。', '第二条 旧二。', '第三条 旧三。']),
  law('示例法(2024-01-01).md', ['# 中华人民共和国示例法', ...header, '第一条 新一。', '第二条 新二。']),
  // A law split over parts that share one title, like 民法典.
  law('大典/总则.md', ['# 中华人民共和国大典', '# 总则', ...header, '第一条 总则一。']),
  law('大典/继承编.md', ['# 中华人民共和国大典', '# 继承编', ...header, '第一千一百二十七条 继承一。']),
];

function entry(cites: string[]): QaEntry {
  const text = [
    '---',
    'id: labour-x',
    'question: 问题？',
    'also: [说法一, 说法二]',
    'domain: labour',
    'cites:',
    ...cites.map((c) => `  - ${c}`),
    '---',
    '字'.repeat(100),
  ].join('\n');
  const { entry: parsed, problems } = parseQaMarkdown('qa/labour/labour-x.md', text);
  if (!parsed) throw new Error(problems.map((p) => p.message).join('; '));
  return parsed;
}

describe('checkQaCites', () => {
  const index = buildLawArticleIndex(laws);

  it('uses only the latest version of a law and merges the parts of a split law', () => {
    expect(index.latest.get('示例法')?.versionDate).toBe('2024-01-01');
    expect([...(index.latest.get('示例法')?.labels ?? [])]).toEqual(['第一条', '第二条']);
    expect([...(index.latest.get('大典')?.labels ?? [])]).toEqual(['第一条', '第一千一百二十七条']);
  });

  it('accepts articles of the latest version, in any part', () => {
    expect(checkQaCites([entry(['示例法 第二条', '大典 第一千一百二十七条', '大典 第一条'])], index)).toEqual([]);
  });

  it('reports articles only found in an older version, articles that never existed and unknown laws', () => {
    const problems = checkQaCites([entry(['示例法 第一条', '示例法 第三条', '示例法 第九条', '无名法 第一条'])], index);
    expect(problems.map((p) => [p.file, p.line, p.field, p.message])).toEqual([
      ['qa/labour/labour-x.md', 8, 'cites', 'cite "示例法 第三条": only in an older version; the latest (2024-01-01) has no such article'],
      ['qa/labour/labour-x.md', 9, 'cites', 'cite "示例法 第九条": the law has no such article (latest version 2024-01-01)'],
      ['qa/labour/labour-x.md', 10, 'cites', 'cite "无名法 第一条": no law titled "无名法" in the corpus'],
    ]);
  });
});
