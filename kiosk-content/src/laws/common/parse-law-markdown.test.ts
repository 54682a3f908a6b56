import { describe, expect, it } from 'vitest';
import { formatLawProblem } from './law-types';
import { parseLawMarkdown } from './parse-law-markdown';

/** Fixtures are invented text in the corpus format, one array element per line. */
const lines = (...l: string[]) => l.join('\n');

const wellFormed = lines(
  '# 中华人民共和国示例法', //                  1
  '', //                                        2
  '2001年3月4日 第九届全国人民代表大会常务委员会第一次会议通过', // 3
  '', //                                        4
  '2010年6月7日 第十一届全国人民代表大会常务委员会第二次会议修正', // 5
  '', //                                        6
  '2011年1月1日 施行', //                       7
  '', //                                        8
  '<!-- INFO END -->', //                       9
  '', //                                       10
  '为了示范，制定本法。', //                   11
  '', //                                       12
  '## 第一章 总则', //                         13
  '', //                                       14
  '第一条 本法适用于示例。', //                15
  '', //                                       16
  '第二条 示例应当清楚。', //                  17
  '', //                                       18
  '示例不得含糊。', //                         19
  '', //                                       20
  '## 第二章 分则', //                         21
  '', //                                       22
  '### 第一节 一般规定', //                    23
  '', //                                       24
  '第二条之一 插入的条文。', //                25
  '', //                                       26
  '第三条 最后一条。', //                      27
);

describe('parseLawMarkdown on a well-formed file', () => {
  const { law, problems } = parseLawMarkdown('法律/示例法.md', wellFormed);

  it('reports nothing', () => {
    expect(problems).toEqual([]);
  });

  it('reads title, normalised key, dates and the version date from the newest metadata line', () => {
    expect(law?.title).toBe('中华人民共和国示例法');
    expect(law?.normalizedTitle).toBe('示例法');
    expect(law?.part).toBeNull();
    expect(law?.dates).toEqual([
      { date: '2001-03-04', event: '第九届全国人民代表大会常务委员会第一次会议通过' },
      { date: '2010-06-07', event: '第十一届全国人民代表大会常务委员会第二次会议修正' },
      { date: '2011-01-01', event: '施行' },
    ]);
    expect(law?.fileNameDate).toBeNull();
    expect(law?.versionDate).toBe('2011-01-01');
  });

  it('keeps the preamble but not the heading that opens the first article', () => {
    expect(law?.preamble).toBe('为了示范，制定本法。');
  });

  it('splits articles, paragraphs, 之一 labels and heading paths', () => {
    expect(law?.articles.map((a) => [a.label, a.number, a.suffix, a.line])).toEqual([
      ['第一条', 1, 0, 15],
      ['第二条', 2, 0, 17],
      ['第二条之一', 2, 1, 25],
      ['第三条', 3, 0, 27],
    ]);
    expect(law?.articles[1]?.paragraphs).toEqual(['示例应当清楚。', '示例不得含糊。']);
    expect(law?.articles[0]?.headings).toEqual(['第一章 总则']);
    expect(law?.articles[2]?.headings).toEqual(['第二章 分则', '第一节 一般规定']);
    expect(law?.looseText).toEqual([]);
  });
});

describe('parseLawMarkdown details', () => {
  it('takes the version date from the file name when there is one', () => {
    const { law } = parseLawMarkdown('行政法/示例法(2015-08-29).md', wellFormed);
    expect(law?.fileNameDate).toBe('2015-08-29');
    expect(law?.versionDate).toBe('2015-08-29');
  });

  it('reads a part title on the second title line', () => {
    const { law, problems } = parseLawMarkdown(
      '示例典/第二编.md',
      lines('# 中华人民共和国示例典', '', '# 第二编', '', '2020年1月2日 通过', '<!-- INFO END -->', '第九条 正文。'),
    );
    expect(problems).toEqual([]);
    expect(law?.part).toBe('第二编');
    expect(law?.articles.map((a) => a.label)).toEqual(['第九条']);
  });

  it('keeps a file without articles as a document body, headings included', () => {
    const { law, problems } = parseLawMarkdown(
      '司法解释/示例批复.md',
      lines('# 最高人民法院关于示例问题的批复', '2020年1月2日 公布', '<!-- INFO END -->', '## 一、问题', '', '一、示例。', '二、再示例。'),
    );
    expect(problems).toEqual([]);
    expect(law?.articles).toEqual([]);
    expect(law?.preamble).toBe('## 一、问题\n一、示例。\n二、再示例。');
  });

  it('glues wrapped header lines and wrapped chapter titles back together', () => {
    const { law } = parseLawMarkdown(
      'x.md',
      lines(
        '# 示例法',
        '2001年3月4日 会议通过的《关于修改',
        '〈示例法〉的决定》修正',
        '<!-- INFO END -->',
        '## 第二章 听取和审议人民政府、人民法院和',
        '人民检察院的专项工作报告',
        '第一条 正文。',
      ),
    );
    expect(law?.dates).toEqual([{ date: '2001-03-04', event: '会议通过的《关于修改〈示例法〉的决定》修正' }]);
    expect(law?.articles[0]?.headings).toEqual(['第二章 听取和审议人民政府、人民法院和人民检察院的专项工作报告']);
  });

  it('keeps text after a non-article heading as loose text, not as part of an article', () => {
    const { law } = parseLawMarkdown(
      'x.md',
      lines('# 示例法', '2001年3月4日 通过', '<!-- INFO END -->', '第一条 正文。', '## 附件一', '下列决定予以废止：', '1. 某决定'),
    );
    expect(law?.articles[0]?.paragraphs).toEqual(['正文。']);
    expect(law?.looseText).toEqual([{ headings: ['附件一'], paragraphs: ['下列决定予以废止：', '1. 某决定'], line: 6 }]);
  });

  it('treats zero-width-space lines as blank and drops TABLE markers', () => {
    const { law } = parseLawMarkdown(
      'x.md',
      lines(
        '# 示例法',
        '2001年3月4日 通过',
        '<!-- INFO END -->',
        '## 第一章 总则',
        '\u200B',
        '第一条 正文。',
        '<!-- TABLE -->',
        '| a | b |',
        '<!-- TABLE END -->',
      ),
    );
    expect(law?.looseText).toEqual([]);
    expect(law?.articles[0]?.paragraphs).toEqual(['正文。', '| a | b |']);
  });

  it('collapses any run of Unicode spaces in a heading to one space (民法典 uses en spaces)', () => {
    const { law } = parseLawMarkdown('x.md', lines('# 示例法', '<!-- INFO END -->', '### 第四章\u2002\u2002离婚', '第一条 正文。'));
    expect(law?.articles[0]?.headings).toEqual(['第四章 离婚']);
  });

  it('accepts CRLF line ends and a byte-order mark', () => {
    const { law, problems } = parseLawMarkdown('x.md', '\uFEFF# 示例法\r\n2001年3月4日 通过\r\n<!-- INFO END -->\r\n第一条 正文。\r\n');
    expect(problems).toEqual([]);
    expect(law?.articles[0]?.paragraphs).toEqual(['正文。']);
  });
});

describe('parseLawMarkdown problems (exact file:line)', () => {
  const report = (file: string, text: string) => parseLawMarkdown(file, text).problems.map(formatLawProblem);

  it('refuses a file without a title line', () => {
    const result = parseLawMarkdown('坏/无标题.md', lines('示例法', '<!-- INFO END -->', '第一条 正文。'));
    expect(result.law).toBeNull();
    expect(result.problems.map(formatLawProblem)).toEqual(['坏/无标题.md:1: line 1 must be the title line "# <law title>", found "示例法"']);
  });

  it('guesses the body start when the INFO END marker is missing', () => {
    const result = parseLawMarkdown('坏/无标记.md', lines('# 示例法', '', '2001年3月4日 通过', '', '## 第一章 总则', '第一条 正文。'));
    expect(result.problems.map(formatLawProblem)).toEqual(['坏/无标记.md:5: no "<!-- INFO END -->" line after the header; the body is taken to start here']);
    expect(result.law?.dates).toHaveLength(1);
    expect(result.law?.articles[0]?.headings).toEqual(['第一章 总则']);
  });

  it('reports unparseable dates, bad file-name dates and a missing version date', () => {
    expect(report('坏/日期(2021-02-30).md', lines('# 示例法', '2020年13月1日 通过', '<!-- INFO END -->', '第一条 正文。'))).toEqual([
      '坏/日期(2021-02-30).md:1: the date (2021-02-30) in the file name is not a real date',
      '坏/日期(2021-02-30).md:1: no version date: the file name has no (YYYY-MM-DD) and the header no dated line',
      '坏/日期(2021-02-30).md:2: unparseable date in "2020年13月1日 通过"',
    ]);
  });

  it('reads malformed article labels but reports each one', () => {
    const result = parseLawMarkdown(
      '坏/条文.md',
      lines('# 示例法', '2001年3月4日 通过', '<!-- INFO END -->', '第一条 正文。', '第二条正文二。', '第三 条正文三。', '笫四条 正文四。'),
    );
    expect(result.problems.map(formatLawProblem)).toEqual([
      '坏/条文.md:5: malformed article label "第二条" (no space before the text); read as 第二条',
      '坏/条文.md:6: malformed article label "第三 条" (space inside the label, no space before the text); read as 第三条',
      '坏/条文.md:7: malformed article label "笫四条" (笫 instead of 第); read as 第四条',
    ]);
    expect(result.law?.articles.map((a) => [a.label, a.paragraphs[0]])).toEqual([
      ['第一条', '正文。'],
      ['第二条', '正文二。'],
      ['第三条', '正文三。'],
      ['第四条', '正文四。'],
    ]);
  });

  it('reports numbers going backwards and skips duplicated articles', () => {
    const result = parseLawMarkdown(
      '坏/顺序.md',
      lines(
        '# 示例法',
        '2001年3月4日 通过',
        '<!-- INFO END -->',
        '第一条 甲。',
        '第三条 丙。',
        '第二条 乙。',
        '第三条 丙的重复。',
        '重复的第二款。',
        '第四条 丁。',
      ),
    );
    expect(result.problems.map(formatLawProblem)).toEqual([
      '坏/顺序.md:6: article 第二条 comes after 第三条 (line 5); numbers must increase',
      '坏/顺序.md:7: duplicate article 第三条 (first at line 5); this copy is skipped',
    ]);
    expect(result.law?.articles.map((a) => a.label)).toEqual(['第一条', '第三条', '第二条', '第四条']);
    expect(result.law?.articles[1]?.paragraphs).toEqual(['丙。']);
  });

  it('reports inconsistent heading levels, missing heading spaces and empty articles', () => {
    expect(
      report(
        '坏/标题.md',
        lines(
          '# 示例法',
          '2001年3月4日 通过',
          '<!-- INFO END -->',
          '## 第一章 总则',
          '#### 第一节 跳级',
          '第一条 正文。',
          '##第二章 无空格',
          '# 第三章 一级',
          '第二条 ',
        ),
      ),
    ).toEqual([
      '坏/标题.md:5: heading level skips from ## to ####',
      '坏/标题.md:7: no space after "##" in the heading "##第二章 无空格"',
      '坏/标题.md:8: level-1 heading "# 第三章 一级" in the body; body headings start at "##"',
      '坏/标题.md:9: article 第二条 has no text',
    ]);
  });

  it('tolerates a bare "##" line', () => {
    expect(report('x.md', lines('# 示例法', '2001年3月4日 通过', '<!-- INFO END -->', '##', '第一条 正文。'))).toEqual([]);
  });
});
