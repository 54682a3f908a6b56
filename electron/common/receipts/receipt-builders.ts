import { appendSection, type ReceiptBlock, type ReceiptDocument, type ReceiptHeader } from '../../../native-adapters/thermal-printer/receipt/receipt-document';

/**
 * Receipt builders: plain data in, a ReceiptDocument out. They decide what a resident needs on paper and in
 * which order (product rules of the kiosk, so they live here and not in the printer adapter); widths,
 * wrapping and bytes are the layout's and the encoder's business (native-adapters/thermal-printer/receipt).
 * Nothing here invents facts: a missing address, hours or phone prints as 「请咨询现场工作人员」.
 */

export const ASK_STAFF = '请咨询现场工作人员';

export interface OfficeInput {
  readonly name: string;
  readonly address: string | null;
  readonly hours: string | null;
  readonly phone: string | null;
}

/** The outcome of a guided procedure (the procedures engine produces it). */
export interface ProcedureOutcomeInput {
  readonly title: string;
  readonly conclusion: string;
  readonly steps: readonly string[];
  readonly materials: readonly string[];
  readonly office?: OfficeInput;
  readonly deadlines: readonly { readonly text: string }[];
  /** Legal basis, e.g. 「《中华人民共和国劳动争议调解仲裁法》第二十七条」. */
  readonly cites: readonly string[];
  /** Optional ASCII link for more detail (printed as a QR code). */
  readonly url?: string;
  /** The applicant from the ID-card step, already masked (张*三, 510106********1234); printed as given. */
  readonly applicant?: { readonly name?: string | undefined; readonly idNumber?: string | undefined };
}

export function buildOutcomeReceipt(header: ReceiptHeader, outcome: ProcedureOutcomeInput): ReceiptDocument {
  const blocks: ReceiptBlock[] = [{ type: 'title', text: outcome.title }, { type: 'blank' }];
  const applicant = [
    ...(outcome.applicant?.name ? [{ key: '姓名', value: outcome.applicant.name }] : []),
    ...(outcome.applicant?.idNumber ? [{ key: '证件号码', value: outcome.applicant.idNumber }] : []),
  ];
  appendSection(blocks, '申请人', [{ type: 'keyValue', rows: applicant }], applicant.length > 0);
  appendSection(blocks, '结论', [{ type: 'text', text: outcome.conclusion }], outcome.conclusion.trim() !== '');
  appendSection(blocks, '办理步骤', [{ type: 'steps', items: outcome.steps }], outcome.steps.length > 0);
  appendSection(blocks, '需要准备的材料', [{ type: 'checklist', items: outcome.materials }], outcome.materials.length > 0);
  const office = outcome.office;
  appendSection(
    blocks,
    '去哪里办',
    office === undefined
      ? [{ type: 'text', text: ASK_STAFF }]
      : [
          {
            type: 'keyValue',
            rows: [
              { key: '地点', value: office.name },
              { key: '地址', value: office.address ?? ASK_STAFF },
              { key: '时间', value: office.hours ?? ASK_STAFF },
              { key: '电话', value: office.phone ?? ASK_STAFF },
            ],
          },
        ],
    true,
  );
  appendSection(blocks, '期限', [{ type: 'bullets', items: outcome.deadlines.map((d) => d.text) }], outcome.deadlines.length > 0);
  appendSection(blocks, '法律依据', [{ type: 'bullets', items: outcome.cites }], outcome.cites.length > 0);
  if (outcome.url !== undefined) blocks.push({ type: 'qr', payload: outcome.url, caption: '扫码查看详细说明' });
  return { header, blocks };
}

export interface LawArticleInput {
  /** e.g. 「中华人民共和国民法典」 (without 《》; the builder adds them). */
  readonly lawTitle: string;
  /** e.g. 「第一千零四十二条」. */
  readonly articleLabel: string;
  /** The article's paragraphs (款), verbatim. */
  readonly paragraphs: readonly string[];
  /** e.g. 「2021年1月1日起施行」 — printed as given, when the caller has it. */
  readonly validity?: string;
}

export function buildLawArticleReceipt(header: ReceiptHeader, article: LawArticleInput): ReceiptDocument {
  const blocks: ReceiptBlock[] = [
    { type: 'title', text: `《${article.lawTitle}》` },
    { type: 'heading', text: article.articleLabel },
  ];
  if (article.validity !== undefined) blocks.push({ type: 'text', text: article.validity });
  blocks.push({ type: 'blank' });
  // Chinese statute layout: each paragraph starts with two ideographic spaces (U+3000, 2 columns each).
  for (const p of article.paragraphs) blocks.push({ type: 'text', text: `\u3000\u3000${p.trim()}` });
  return { header, blocks };
}

export interface QaAnswerInput {
  readonly question: string;
  /** Paragraphs separated by \n. */
  readonly answer: string;
  readonly cites: readonly string[];
  readonly url?: string;
}

export function buildQaReceipt(header: ReceiptHeader, qa: QaAnswerInput): ReceiptDocument {
  const blocks: ReceiptBlock[] = [{ type: 'title', text: '问答' }, { type: 'blank' }];
  blocks.push({ type: 'keyValue', rows: [{ key: '问', value: qa.question }] }, { type: 'blank' });
  blocks.push({ type: 'keyValue', rows: [{ key: '答', value: qa.answer }] });
  appendSection(blocks, '法律依据', [{ type: 'bullets', items: qa.cites }], qa.cites.length > 0);
  if (qa.url !== undefined) blocks.push({ type: 'qr', payload: qa.url, caption: '扫码查看详细说明' });
  return { header, blocks };
}
