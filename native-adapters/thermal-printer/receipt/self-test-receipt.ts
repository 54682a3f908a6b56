import { appendSection, type ReceiptBlock, type ReceiptDocument, type ReceiptHeader } from './receipt-document';

/**
 * The printer's self-test page: what a technician checks on the real unit (encoding, paper width, status,
 * QR). A device concern, so it stays with the printer adapter; the residents' slips are built in
 * electron/common/receipts.
 */

export interface SelfTestInput {
  readonly columns: number;
  /** e.g. 「/dev/ttyUSB0，9600 波特，RTS/CTS」 — from the configuration. */
  readonly connection?: string;
  /** The printer's state as the service read it (DLE EOT), one row per item. */
  readonly status?: readonly { readonly key: string; readonly value: string }[];
  /** ASCII payload for the test QR code. */
  readonly qrPayload: string;
}

/** Characters a technician checks on the real unit (§4.2): punctuation, box drawing, GBK-only name characters. */
export const SELF_TEST_LINES = [
  'ASCII 0123456789 AZaz !#%&*+-=?@',
  '汉字：中华人民共和国法律服务',
  '标点：，。、；：？！（）',
  '括号：「」『』《》“”【】',
  '符号：□─①℃￥×…—·',
  'GBK 扩展（人名常用）：镕喆堃昇赟',
];

export function buildSelfTestReceipt(header: ReceiptHeader, input: SelfTestInput): ReceiptDocument {
  const digits = Array.from({ length: input.columns }, (_, i) => String((i + 1) % 10)).join('');
  const tens = Array.from({ length: input.columns }, (_, i) => ((i + 1) % 10 === 0 ? String(((i + 1) / 10) % 10) : ' ')).join('');
  const cjkRuler = '一二三四五六七八九十'.repeat(Math.ceil(input.columns / 20)).slice(0, Math.floor(input.columns / 2));
  const blocks: ReceiptBlock[] = [{ type: 'title', text: '打印机自检页' }, { type: 'blank' }];
  const info = [
    { key: '纸宽', value: `${input.columns} 列` },
    { key: '编码', value: 'GB18030，中文模式 FS &' },
  ];
  if (input.connection !== undefined) info.push({ key: '连接', value: input.connection });
  blocks.push({ type: 'keyValue', rows: info });
  appendSection(
    blocks,
    '编码检查',
    SELF_TEST_LINES.map((text) => ({ type: 'text', text })),
    true,
  );
  // Each ruler is exactly one line wide: if the printer wraps either one, the configured width is wrong.
  appendSection(
    blocks,
    '宽度标尺（每条应正好占满一行）',
    [
      { type: 'text', text: tens.trimEnd() },
      { type: 'text', text: digits },
      { type: 'text', text: cjkRuler },
      { type: 'text', text: `|${'-'.repeat(input.columns - 2)}|` },
    ],
    true,
  );
  if (input.status !== undefined && input.status.length > 0) appendSection(blocks, '打印机状态', [{ type: 'keyValue', rows: input.status }], true);
  blocks.push({ type: 'blank' }, { type: 'qr', payload: input.qrPayload, caption: '二维码应可扫描' });
  return { header, blocks };
}
