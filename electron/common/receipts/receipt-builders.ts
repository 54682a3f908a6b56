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
  /** The offices for the terminal's region; none → 「请咨询现场工作人员」. */
  readonly offices?: readonly OfficeInput[];
  readonly deadlines: readonly { readonly text: string }[];
  /** Legal basis, e.g. 「《中华人民共和国劳动争议调解仲裁法》第二十七条」. */
  readonly cites: readonly string[];
  /** Notices for cited laws revised after the library snapshot (「《…》已于…修订…请向工作人员核实」). */
  readonly notices?: readonly string[];
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
  const offices = outcome.offices ?? [];
  appendSection(
    blocks,
    '去哪里办',
    offices.length === 0
      ? [{ type: 'text', text: ASK_STAFF }]
      : offices.map((office) => ({
          type: 'keyValue' as const,
          rows: [
            { key: '地点', value: office.name },
            { key: '地址', value: office.address ?? ASK_STAFF },
            { key: '时间', value: office.hours ?? ASK_STAFF },
            { key: '电话', value: office.phone ?? ASK_STAFF },
          ],
        })),
    true,
  );
  appendSection(blocks, '期限', [{ type: 'bullets', items: outcome.deadlines.map((d) => d.text) }], outcome.deadlines.length > 0);
  appendSection(blocks, '法律依据', [{ type: 'bullets', items: outcome.cites }], outcome.cites.length > 0);
  appendSection(blocks, '请注意', [{ type: 'bullets', items: outcome.notices ?? [] }], (outcome.notices ?? []).length > 0);
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
  /** Notices for cited laws revised after the library snapshot. */
  readonly notices?: readonly string[];
  readonly url?: string;
}

export function buildQaReceipt(header: ReceiptHeader, qa: QaAnswerInput): ReceiptDocument {
  const blocks: ReceiptBlock[] = [{ type: 'title', text: '问答' }, { type: 'blank' }];
  blocks.push({ type: 'keyValue', rows: [{ key: '问', value: qa.question }] }, { type: 'blank' });
  blocks.push({ type: 'keyValue', rows: [{ key: '答', value: qa.answer }] });
  appendSection(blocks, '法律依据', [{ type: 'bullets', items: qa.cites }], qa.cites.length > 0);
  appendSection(blocks, '请注意', [{ type: 'bullets', items: qa.notices ?? [] }], (qa.notices ?? []).length > 0);
  if (qa.url !== undefined) blocks.push({ type: 'qr', payload: qa.url, caption: '扫码查看详细说明' });
  return { header, blocks };
}

/**
 * The slip for a document the terminal cannot print on A4 (no A4 printer here): the document's
 * headings and rows in the printed document's order, each with the resident's answer where it may
 * stand on paper, so they can write the document by hand or have it printed at the service window.
 */
export interface HandFillInput {
  /** e.g. 「民事起诉状」. */
  readonly title: string;
  /** e.g. 「（民间借贷纠纷）」. */
  readonly subtitle?: string | null;
  /** Why this slip and what to do: 「本机没有A4打印机，请到服务窗口打印」. */
  readonly instruction: string;
  /** The document's sections, numbered as the document numbers them. */
  readonly sections: readonly {
    readonly heading: string;
    /** One row each: 「label：answer」 or 「label：（请手写）」; a party's parts on their own lines. */
    readonly rows: readonly string[];
    /** Text the document prints as it stands (诚信承诺, 诉讼费用由被告负担). */
    readonly statement?: string | null;
  }[];
  /** 「此致 某某人民法院」 and the signature/date lines, written by the resident. */
  readonly closing: readonly string[];
  readonly materials: readonly string[];
  readonly cites: readonly string[];
  /** 「此单由自助终端根据您的回答生成…」. */
  readonly notice: string;
}

export function buildHandFillReceipt(header: ReceiptHeader, input: HandFillInput): ReceiptDocument {
  const blocks: ReceiptBlock[] = [{ type: 'title', text: input.title }];
  if (input.subtitle) blocks.push({ type: 'text', text: input.subtitle, align: 'center', bold: true });
  blocks.push({ type: 'blank' }, { type: 'text', text: input.instruction, bold: true });
  appendSection(blocks, '需要手写的栏目', [{ type: 'text', text: '文书上要写下面这些栏目，可以照着您的回答填写：' }], true);
  for (const section of input.sections) {
    appendSection(
      blocks,
      section.heading,
      [{ type: 'checklist', items: section.rows }, ...(section.statement ? [{ type: 'text' as const, text: section.statement }] : [])],
      true,
    );
  }
  appendSection(blocks, '结尾', [{ type: 'checklist', items: input.closing }], input.closing.length > 0);
  appendSection(blocks, '需要准备的材料', [{ type: 'checklist', items: input.materials }], input.materials.length > 0);
  appendSection(blocks, '法律依据', [{ type: 'bullets', items: input.cites }], input.cites.length > 0);
  appendSection(blocks, '请注意', [{ type: 'text', text: input.notice }], true);
  return { header, blocks };
}
