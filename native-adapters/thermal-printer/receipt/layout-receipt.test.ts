import { describe, expect, it } from 'vitest';
import { createGb18030Encoder } from '../node/gb18030';
import { FOOTER_BLOCK, layoutReceipt, PAPER_COLUMNS, renderLayoutText } from './layout-receipt';
import type { LayoutQrLine, LayoutTextLine, ReceiptLayout } from './layout-receipt';
import { ASK_STAFF, buildLawArticleReceipt, buildOutcomeReceipt, buildQaReceipt } from '../../../electron/common/receipts/receipt-builders';
import { buildSelfTestReceipt } from './self-test-receipt';
import { RECEIPT_FOOTER } from './receipt-document';
import type { ReceiptBlock } from './receipt-document';
import { sampleArticle, sampleHeader, sampleOutcome, sampleQa } from '../../../electron/common/receipts/sample-receipts';

const encode = createGb18030Encoder();
const layout = (blocks: readonly ReceiptBlock[], columns = 32) => layoutReceipt({ header: sampleHeader, blocks }, { columns, encode });
const textLines = (l: ReceiptLayout) => l.lines.filter((x): x is LayoutTextLine => x.kind === 'text');
/** Lines between the header's rule and the footer's rule (the last full-width rule). */
const body = (l: ReceiptLayout) => {
  const lines = renderLayoutText(l);
  return lines.slice(4, lines.lastIndexOf('-'.repeat(l.columns)));
};

describe('layoutReceipt: frame', () => {
  it('starts every receipt with site, time and reference and ends with the guidance line and a cut', () => {
    const lines = renderLayoutText(layout([{ type: 'text', text: '内容' }]));
    expect(lines).toEqual([
      '        示例社区法律之家',
      '时间：2026-11-22 14:05',
      '编号：A7K3Q2',
      '--------------------------------',
      '内容',
      '--------------------------------',
      ' 本单仅为一般性指引，不是法律意',
      '              见。',
      '8<------------------------------',
    ]);
    expect(RECEIPT_FOOTER).toBe('本单仅为一般性指引，不是法律意见。');
  });

  it('keeps every line inside the paper for every receipt type and width', () => {
    for (const columns of Object.values(PAPER_COLUMNS)) {
      for (const doc of [
        buildOutcomeReceipt(sampleHeader, sampleOutcome),
        buildLawArticleReceipt(sampleHeader, sampleArticle),
        buildQaReceipt(sampleHeader, sampleQa),
        buildSelfTestReceipt(sampleHeader, { columns, qrPayload: 'FATONG SELF-TEST A7K3Q2' }),
      ]) {
        const result = layoutReceipt(doc, { columns, encode });
        expect(result.issues).toEqual([]);
        for (const line of textLines(result)) {
          expect(line.indent + line.columns).toBeLessThanOrEqual(columns);
          // The recorded width is the GB18030 byte count, not the string length.
          expect(line.columns).toBe(encode(line.text).length === 0 ? 0 : [...line.text].reduce((n, c) => n + encode(c).length, 0) * line.style.width);
        }
        for (const qr of result.lines.filter((x): x is LayoutQrLine => x.kind === 'qr')) expect(qr.sizeDots).toBeLessThanOrEqual(result.dots);
      }
    }
  });

  it('centres by indent in whole columns and styles titles bold, double height', () => {
    const [title] = textLines(layout([{ type: 'title', text: '社区法律服务回执' }])).slice(4);
    expect(title).toEqual({ kind: 'text', indent: 8, text: '社区法律服务回执', columns: 16, style: { bold: true, width: 1, height: 2 } });
  });
});

describe('layoutReceipt: blocks', () => {
  it('numbers steps with a hanging indent and right-aligned numbers past 9', () => {
    const items = Array.from({ length: 10 }, (_, i) => (i === 9 ? '最后一步需要比较长的说明文字才能换行' : `第${i + 1}步`));
    const lines = body(layout([{ type: 'steps', items }]));
    expect(lines.slice(0, 2)).toEqual([' 1. 第1步', ' 2. 第2步']);
    expect(lines.slice(-2)).toEqual(['10. 最后一步需要比较长的说明文字', '    才能换行']);
  });

  it('prints checklist items with □ and indents their continuation lines', () => {
    expect(body(layout([{ type: 'checklist', items: ['劳动合同或工资流水等证明劳动关系的材料'] }]))).toEqual([
      '□ 劳动合同或工资流水等证明劳动',
      '   关系的材料',
    ]);
  });

  it('hangs key–value values under themselves, and moves them below a key wider than half the line', () => {
    expect(body(layout([{ type: 'keyValue', rows: [{ key: '地址', value: '某某市某某区某某街道某某路一号院' }] }]))).toEqual([
      '地址：某某市某某区某某街道某某路',
      '      一号院',
    ]);
    expect(body(layout([{ type: 'keyValue', rows: [{ key: '人民调解委员会办公地址', value: '一号' }] }]))).toEqual(['人民调解委员会办公地址：', '  一号']);
  });

  it('draws separators across the full width', () => {
    expect(body(layout([{ type: 'separator', char: '=' }], 48))).toEqual(['='.repeat(48)]);
  });

  it('turns a URL too wide for the line into a QR code instead of wrapping it', () => {
    const url = 'https://example.cn/a/very/long/path/that/cannot/fit/on/one/line';
    const result = layout([{ type: 'text', text: `详情请访问 ${url} 。` }]);
    // The space before 。 does not let 。 start a line either.
    expect(body(result)).toEqual(['详情请访问 （网址见下方二维', '码） 。', `[QR v5 ×6: ${url}]`]);
    const qr = result.lines.find((x): x is LayoutQrLine => x.kind === 'qr');
    // 63 bytes: one more than version 4 holds at level M.
    expect(qr).toMatchObject({ payload: url, payloadBytes: 63, version: 5, moduleSize: 6, sizeDots: (17 + 20 + 8) * 6 });
  });

  it('keeps a URL that fits on a line of its own, unbroken', () => {
    expect(body(layout([{ type: 'text', text: '网址：https://example.cn/r/A1B2C3' }]))).toEqual(['网址：', 'https://example.cn/r/A1B2C3']);
  });

  it('sizes QR modules for the paper and reports a payload too long for a receipt', () => {
    const on58 = layout([{ type: 'qr', payload: 'https://example.cn/r/A1B2C3' }]).lines.find((x) => x.kind === 'qr');
    const on80 = layout([{ type: 'qr', payload: 'https://example.cn/r/A1B2C3' }], 48).lines.find((x) => x.kind === 'qr');
    expect(on58).toMatchObject({ version: 3, moduleSize: 6, sizeDots: 222 }); // §5: 29 modules + quiet zone
    expect(on80).toMatchObject({ version: 3, moduleSize: 8 });
    const big = layout([{ type: 'qr', payload: 'x'.repeat(200) }]).lines.find((x) => x.kind === 'qr');
    // Version 10 = 65 modules with the quiet zone: 390 dots at 6 dots per module is wider than 384, so 5.
    expect(big).toMatchObject({ version: 10, moduleSize: 5, sizeDots: 325 });
    const tooLong = layout([{ type: 'qr', payload: 'x'.repeat(300) }]);
    expect(tooLong.lines.some((x) => x.kind === 'qr')).toBe(false);
    expect(tooLong.issues).toEqual([{ kind: 'qr-too-long', block: 0, payloadBytes: 300 }]);
  });

  it('reports substituted characters with the block they came from', () => {
    const result = layout([
      { type: 'text', text: '正常' },
      { type: 'keyValue', rows: [{ key: '姓名', value: '吉𠮷' }] },
    ]);
    expect(body(result)).toEqual(['正常', '姓名：吉〓']);
    expect(result.issues).toEqual([{ kind: 'four-byte', char: '𠮷', codePoint: 0x20bb7, replacement: '〓', block: 1 }]);
  });

  it('reports a word cut because it is wider than the line', () => {
    expect(layout([{ type: 'text', text: 'A'.repeat(40) }]).issues).toEqual([{ kind: 'forced-split', block: 0, text: 'A'.repeat(40) }]);
  });

  it('adds only one cut when the document already ends with one', () => {
    const result = layout([{ type: 'cut' }]);
    expect(result.lines.filter((x) => x.kind === 'cut')).toHaveLength(2); // the document's own cut, then the footer's
    expect(textLines(result).at(-1)?.text).toBe('见。');
    expect(FOOTER_BLOCK).toBeLessThan(0);
  });
});

describe('receipt builders: where to go', () => {
  it('says 「请咨询现场工作人员」 for every unknown office detail, and when there is no office at all', () => {
    const withOffice = body(layoutReceipt(buildOutcomeReceipt(sampleHeader, sampleOutcome), { columns: 32, encode }));
    expect(withOffice).toContain(`地址：${ASK_STAFF}`);
    expect(withOffice).toContain(`时间：${ASK_STAFF}`);
    expect(withOffice).toContain(`电话：${ASK_STAFF}`);
    const { offices: _offices, ...noOffice } = sampleOutcome;
    const lines = body(layoutReceipt(buildOutcomeReceipt(sampleHeader, noOffice), { columns: 32, encode }));
    expect(lines[lines.indexOf('去哪里办') + 1]).toBe(ASK_STAFF);
  });

  it('prints the details of every office it is given', () => {
    const office = { name: '某某仲裁委员会', address: '某某路1号', hours: '工作日 9:00-17:00', phone: '010-00000000' };
    const second = { name: '测试仲裁院', address: '测试路1号', hours: null, phone: '000-00000000' };
    const lines = body(layoutReceipt(buildOutcomeReceipt(sampleHeader, { ...sampleOutcome, offices: [office, second] }), { columns: 48, encode }));
    expect(lines).toEqual(expect.arrayContaining(['地点：某某仲裁委员会', '地址：某某路1号', '时间：工作日 9:00-17:00', '电话：010-00000000']));
    expect(lines).toEqual(expect.arrayContaining(['地点：测试仲裁院', '地址：测试路1号', `时间：${ASK_STAFF}`, '电话：000-00000000']));
  });

  it('leaves out empty sections', () => {
    const lines = body(layoutReceipt(buildOutcomeReceipt(sampleHeader, { ...sampleOutcome, deadlines: [], cites: [] }), { columns: 32, encode }));
    expect(lines).not.toContain('期限');
    expect(lines).not.toContain('法律依据');
  });
});

// Golden layouts: what the resident sees on paper (and on the preview), as text. Review changes by eye.
describe('golden layouts', () => {
  it('procedure outcome, 58 mm', () => {
    expect(renderLayoutText(layoutReceipt(buildOutcomeReceipt(sampleHeader, sampleOutcome), { columns: 32, encode }))).toEqual([
      '        示例社区法律之家',
      '时间：2026-11-22 14:05',
      '编号：A7K3Q2',
      '--------------------------------',
      '     劳动争议：申请劳动仲裁',
      '',
      '结论',
      '根据您的回答，您可以向劳动争议仲',
      '裁委员会申请仲裁。请尽早办理，以',
      '免超过时效。',
      '',
      '办理步骤',
      '1. 准备书面仲裁申请书，写明请求',
      '   事项和事实理由。',
      '2. 携带材料到劳动争议仲裁委员会',
      '   窗口递交申请。',
      '3. 等待受理通知（收到申请之日起5',
      '   日内）。',
      '',
      '需要准备的材料',
      '□ 身份证原件及复印件',
      '□ 劳动合同或工资流水等证明劳动',
      '   关系的材料',
      '□ 仲裁申请书（按被申请人数提交',
      '   副本）',
      '',
      '去哪里办',
      '地点：劳动人事争议仲裁委员会',
      '地址：请咨询现场工作人员',
      '时间：请咨询现场工作人员',
      '电话：请咨询现场工作人员',
      '',
      '期限',
      '· 从知道或者应当知道权利被侵害',
      '   之日起一年内申请仲裁。',
      '',
      '法律依据',
      '· 《中华人民共和国劳动争议调解',
      '   仲裁法》第二十七条、第二十八',
      '   条、第二十九条',
      '[QR v3 ×6: https://example.cn/p/labor-arbitration]',
      '        扫码查看详细说明',
      '--------------------------------',
      ' 本单仅为一般性指引，不是法律意',
      '              见。',
      '8<------------------------------',
    ]);
  });

  it('procedure outcome, 80 mm', () => {
    expect(renderLayoutText(layoutReceipt(buildOutcomeReceipt(sampleHeader, sampleOutcome), { columns: 48, encode }))).toEqual([
      '                示例社区法律之家',
      '时间：2026-11-22 14:05',
      '编号：A7K3Q2',
      '------------------------------------------------',
      '             劳动争议：申请劳动仲裁',
      '',
      '结论',
      '根据您的回答，您可以向劳动争议仲裁委员会申请仲',
      '裁。请尽早办理，以免超过时效。',
      '',
      '办理步骤',
      '1. 准备书面仲裁申请书，写明请求事项和事实理由。',
      '2. 携带材料到劳动争议仲裁委员会窗口递交申请。',
      '3. 等待受理通知（收到申请之日起5日内）。',
      '',
      '需要准备的材料',
      '□ 身份证原件及复印件',
      '□ 劳动合同或工资流水等证明劳动关系的材料',
      '□ 仲裁申请书（按被申请人数提交副本）',
      '',
      '去哪里办',
      '地点：劳动人事争议仲裁委员会',
      '地址：请咨询现场工作人员',
      '时间：请咨询现场工作人员',
      '电话：请咨询现场工作人员',
      '',
      '期限',
      '· 从知道或者应当知道权利被侵害之日起一年内申请',
      '   仲裁。',
      '',
      '法律依据',
      '· 《中华人民共和国劳动争议调解仲裁法》第二十七',
      '   条、第二十八条、第二十九条',
      '[QR v3 ×8: https://example.cn/p/labor-arbitration]',
      '                扫码查看详细说明',
      '------------------------------------------------',
      '       本单仅为一般性指引，不是法律意见。',
      '8<----------------------------------------------',
    ]);
  });

  it('law article, 58 mm (statute paragraphs indented two characters)', () => {
    expect(body(layoutReceipt(buildLawArticleReceipt(sampleHeader, sampleArticle), { columns: 32, encode }))).toEqual([
      '    《中华人民共和国民法典》',
      '第一千零四十二条',
      '',
      '　　禁止包办、买卖婚姻和其他干涉',
      '婚姻自由的行为。禁止借婚姻索取财',
      '物。',
      '　　禁止重婚。禁止有配偶者与他人',
      '同居。',
      '　　禁止家庭暴力。禁止家庭成员间',
      '的虐待和遗弃。',
    ]);
  });

  it('Q&A answer, 80 mm (the long link becomes a QR code)', () => {
    expect(body(layoutReceipt(buildQaReceipt(sampleHeader, sampleQa), { columns: 48, encode }))).toEqual([
      '                      问答',
      '',
      '问：公司拖欠工资怎么办？',
      '',
      '答：工资应当按月支付，不得克扣或者无故拖欠。发生',
      '    争议的，可以与用人单位协商，也可以依法申请调',
      '    解、仲裁，或者提起诉讼。',
      '    详见 （网址见下方二维码）',
      '[QR v4 ×8: https://example.cn/qa/wage-arrears-what-to-do-step-by-step]',
      '',
      '法律依据',
      '· 《中华人民共和国劳动法》第五十条',
      '· 《中华人民共和国劳动法》第七十七条',
    ]);
  });

  it('self-test page, 58 mm', () => {
    expect(body(layoutReceipt(buildSelfTestReceipt(sampleHeader, { columns: 32, qrPayload: 'FATONG SELF-TEST A7K3Q2' }), { columns: 32, encode }))).toEqual([
      '          打印机自检页',
      '',
      '纸宽：32 列',
      '编码：GB18030，中文模式 FS &',
      '',
      '编码检查',
      'ASCII 0123456789 AZaz !#%&*+-=?@',
      '汉字：中华人民共和国法律服务',
      '标点：，。、；：？！（）',
      '括号：「」『』《》“”【】',
      '符号：□─①℃￥×…—·',
      'GBK 扩展（人名常用）：镕喆堃昇赟',
      '',
      '宽度标尺（每条应正好占满一行）',
      '         1         2         3',
      '12345678901234567890123456789012',
      '一二三四五六七八九十一二三四五六',
      '|------------------------------|',
      '',
      '[QR v2 ×6: FATONG SELF-TEST A7K3Q2]',
      '         二维码应可扫描',
    ]);
  });
});
