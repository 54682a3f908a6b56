import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocumentType } from '../../../kiosk-content/src/documents/common/parse-document-type';
import { exampleAnswers } from '../../../kiosk-content/src/documents/common/example-answers';
import { composeDocument } from '../../../kiosk-content/src/documents/common/compose-document';
import { checkAnswers } from '../../../kiosk-content/src/documents/common/document-answers';
import type { DocumentType } from '../../../kiosk-content/src/documents/common/document-types';
import { createGb18030Encoder } from '../../../native-adapters/thermal-printer/node/gb18030';
import { layoutReceipt, PAPER_COLUMNS, renderLayoutText } from '../../../native-adapters/thermal-printer/receipt/layout-receipt';
import { CHECKBOX } from '../../../native-adapters/thermal-printer/receipt/receipt-document';
import { handFillInput, HAND_FILL_NOTICE, WRITE_BY_HAND } from './hand-fill-input';
import { buildHandFillReceipt, type HandFillInput } from './receipt-builders';
import { sampleHeader } from './sample-receipts';

const folder = path.resolve(import.meta.dirname, '../../../kiosk-content/default/documents');
const TODAY = '2026-12-07';

function load(file: string): DocumentType {
  const parsed = parseDocumentType(readFileSync(path.join(folder, file), 'utf8'), file);
  if (!parsed.documentType) throw new Error(`${file} does not parse`);
  return parsed.documentType;
}

const loan = load('loan-complaint.yaml');
const materials = ['身份证及复印件', '起诉状（按被告人数准备副本）'];

/** What a person reads on the slip: wrapped lines joined back, spaces dropped. */
function slipText(input: HandFillInput, columns: number = PAPER_COLUMNS['58mm']): { lines: string[]; flowing: string } {
  const layout = layoutReceipt(buildHandFillReceipt(sampleHeader, input), { columns, encode: createGb18030Encoder() });
  expect(layout.issues).toEqual([]);
  const lines = renderLayoutText(layout);
  return { lines, flowing: lines.join('').replace(/\s/g, '') };
}

describe('buildHandFillReceipt', () => {
  it('prints title, instruction, numbered sections with a box per row, closing, materials, cites and the kiosk notice, in that order', () => {
    const doc = buildHandFillReceipt(sampleHeader, {
      title: '民事起诉状',
      subtitle: '（民间借贷纠纷）',
      instruction: '本机没有A4打印机，请到服务窗口打印。',
      sections: [{ heading: '一、诉讼请求', rows: ['请求偿还本金：10100.50元'], statement: '本案诉讼费用由被告负担。' }],
      closing: ['此致 测试区人民法院', '具状人（签名）：（请手写）'],
      materials,
      cites: ['《民事诉讼法》第一百二十四条'],
      notice: HAND_FILL_NOTICE,
    });
    expect(doc.blocks.map((b) => (b.type === 'heading' || b.type === 'title' ? b.text : b.type))).toEqual([
      '民事起诉状',
      'text',
      'blank',
      'text',
      'blank',
      '需要手写的栏目',
      'text',
      'blank',
      '一、诉讼请求',
      'checklist',
      'text',
      'blank',
      '结尾',
      'checklist',
      'blank',
      '需要准备的材料',
      'checklist',
      'blank',
      '法律依据',
      'bullets',
      'blank',
      '请注意',
      'text',
    ]);
  });
});

describe('handFillInput (the no-A4-printer slip of a document)', () => {
  const answers = exampleAnswers(loan);
  const input = handFillInput(loan, answers, TODAY, { materials });

  it('follows the A4 document: the same numbered headings and, per heading, the same rows in order', () => {
    const checked = checkAnswers(loan, answers, TODAY);
    if (!checked.answers) throw new Error('the example answers do not check');
    const blocks = composeDocument(loan, checked.answers).blocks;
    const headings = blocks.flatMap((b) => (b.kind === 'heading' ? [b.text] : []));
    expect(input.sections.map((s) => s.heading)).toEqual(headings);
    expect(headings[0]).toBe('一、当事人信息');
    const labels = blocks.flatMap((b) => (b.kind === 'row' ? [b.label] : []));
    expect(input.sections.flatMap((s) => s.rows.map((r) => r.split(/[：\n]/)[0]))).toEqual(labels);
    expect(input.title).toBe('民事起诉状');
    expect(input.subtitle).toBe('（民间借贷纠纷）');
    expect(input.instruction).toBe('本机没有A4打印机，请到服务窗口打印。');
    expect(input.closing).toEqual([`此致 ${String(answers.court)}`, `具状人（签名）：${WRITE_BY_HAND}`, `日期：${WRITE_BY_HAND}`]);
    expect(input.cites).toEqual(['《民事诉讼法》第一百二十四条', '《民法典》第六百六十七条']);
    expect(input.sections.find((s) => s.heading.endsWith('诉讼请求'))?.statement).toBe('本案诉讼费用由被告负担。');
  });

  it('shows the other answers to copy (amounts in 元, dates in Chinese, choices by their label)', () => {
    const rows = input.sections.flatMap((s) => s.rows);
    expect(rows).toContain(`请求偿还本金：${String(answers.principal)}0元`);
    expect(rows).toContain('请求支付利息：要求支付利息');
    expect(rows.find((r) => r.startsWith('出借时间：'))).toMatch(/^出借时间：2024年\d+月\d+日$/);
    const defendant = rows.find((r) => r.startsWith('被告'));
    expect(defendant?.split('\n')).toEqual([
      '被告',
      '姓名：王测试2',
      '性别：男',
      `出生日期：${WRITE_BY_HAND}`,
      '民族：汉族',
      '住所：测试省测试市测试路1号',
      `公民身份号码：${WRITE_BY_HAND}`,
      '联系电话：000-00000000',
    ]);
  });

  it('never prints the resident’s own ID-card values in clear: masked name and number, the rest by hand', () => {
    const plaintiff = input.sections.flatMap((s) => s.rows).find((r) => r.startsWith('原告'));
    expect(plaintiff?.split('\n')).toEqual([
      '原告',
      '姓名：张*试',
      `性别：${WRITE_BY_HAND}`,
      `出生日期：${WRITE_BY_HAND}`,
      `民族：${WRITE_BY_HAND}`,
      `住所：${WRITE_BY_HAND}`,
      '公民身份号码：510106********1239',
      `联系电话：${WRITE_BY_HAND}`,
    ]);
    const { flowing } = slipText(input);
    for (const clear of ['张测试', '510106198001011239', '19800101', '1980年1月1日']) expect(flowing).not.toContain(clear);
    // Another party's number is masked too.
    const typed = handFillInput(
      loan,
      { ...answers, defendant: { kind: 'person', name: '王测试', address: '测试路1号', idNumber: '510106198001011239' } },
      TODAY,
      {
        materials,
      },
    );
    expect(JSON.stringify(typed)).not.toContain('510106198001011239');
    expect(typed.sections.flatMap((s) => s.rows).find((r) => r.startsWith('被告'))).toContain('公民身份号码：510106********1239');
  });

  it('lists every row to write even with no answers, and prints a failing answer as 「（请手写）」, never as given', () => {
    const empty = handFillInput(loan, { principal: 'abc', 'interest-claim': 'none', facts: 7 as never }, TODAY, { materials: [] });
    const rows = empty.sections.flatMap((s) => s.rows);
    expect(rows).toContain(`请求偿还本金：${WRITE_BY_HAND}`);
    expect(rows).toContain(`其他事实和理由：${WRITE_BY_HAND}`);
    expect(rows.join()).not.toContain('abc');
    // The condition still holds on the answers it has: no interest claimed → no 利息计算方式 row.
    expect(rows.some((r) => r.startsWith('利息计算方式'))).toBe(false);
    expect(rows.find((r) => r.startsWith('原告'))?.split('\n')).toContain(`姓名：${WRITE_BY_HAND}`);
    expect(empty.closing[0]).toBe(`此致 ${WRITE_BY_HAND}`);
  });

  it('lays out on 58 mm and 80 mm paper for every shipped document, with every heading, a box per row, the materials and the notice', () => {
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.yaml'))) {
      const type = load(file);
      const made = handFillInput(type, exampleAnswers(type), TODAY, { materials });
      for (const columns of Object.values(PAPER_COLUMNS)) {
        const { lines, flowing } = slipText(made, columns);
        expect(
          lines.every((l) => [...l].reduce((n, c) => n + (c.charCodeAt(0) < 128 ? 1 : 2), 0) <= columns || l.startsWith('8<')),
          file,
        ).toBe(true);
        expect(flowing, file).toContain(type.title);
        for (const section of made.sections) expect(flowing, `${file} ${section.heading}`).toContain(section.heading.replace(/\s/g, ''));
        const boxes = lines.filter((l) => l.startsWith(CHECKBOX)).length;
        expect(boxes, file).toBe(made.sections.reduce((n, s) => n + s.rows.length, 0) + made.closing.length + materials.length);
        expect(flowing, file).toContain(HAND_FILL_NOTICE.replace(/\s/g, ''));
        expect(flowing, file).toContain('本机没有A4打印机，请到服务窗口打印');
      }
    }
  });
});
