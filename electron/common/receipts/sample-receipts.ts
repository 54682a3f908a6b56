import type { LawArticleInput, ProcedureOutcomeInput, QaAnswerInput } from './receipt-builders';
import type { ReceiptHeader } from '../../../native-adapters/thermal-printer/receipt/receipt-document';

/**
 * Sample receipts for tests, benchmarks and simulator demos. Statements rest on article text checked in
 * ../shared/data/laws: 劳动争议调解仲裁法 第二十七条 (one-year limit from when the right was known to be
 * infringed), 第二十八条 (written application, copies per respondent), 第二十九条 (decision on acceptance
 * within five days); 劳动法 第五十条 (wages not withheld or delayed), 第七十七条 (consultation, mediation,
 * arbitration, litigation); 民法典 第一千零四十二条 verbatim. The office has no address, hours or phone on
 * purpose: none may be invented. URLs are example.cn placeholders.
 */
export const sampleHeader: ReceiptHeader = { siteName: '示例社区法律之家', issuedAt: '2026-11-22 14:05', reference: 'A7K3Q2' };

export const sampleOutcome: ProcedureOutcomeInput = {
  title: '劳动争议：申请劳动仲裁',
  conclusion: '根据您的回答，您可以向劳动争议仲裁委员会申请仲裁。请尽早办理，以免超过时效。',
  steps: ['准备书面仲裁申请书，写明请求事项和事实理由。', '携带材料到劳动争议仲裁委员会窗口递交申请。', '等待受理通知（收到申请之日起5日内）。'],
  materials: ['身份证原件及复印件', '劳动合同或工资流水等证明劳动关系的材料', '仲裁申请书（按被申请人数提交副本）'],
  offices: [{ name: '劳动人事争议仲裁委员会', address: null, hours: null, phone: null }],
  deadlines: [{ text: '从知道或者应当知道权利被侵害之日起一年内申请仲裁。' }],
  cites: ['《中华人民共和国劳动争议调解仲裁法》第二十七条、第二十八条、第二十九条'],
  url: 'https://example.cn/p/labor-arbitration',
};

export const sampleArticle: LawArticleInput = {
  lawTitle: '中华人民共和国民法典',
  articleLabel: '第一千零四十二条',
  paragraphs: [
    '禁止包办、买卖婚姻和其他干涉婚姻自由的行为。禁止借婚姻索取财物。',
    '禁止重婚。禁止有配偶者与他人同居。',
    '禁止家庭暴力。禁止家庭成员间的虐待和遗弃。',
  ],
};

export const sampleQa: QaAnswerInput = {
  question: '公司拖欠工资怎么办？',
  answer:
    '工资应当按月支付，不得克扣或者无故拖欠。发生争议的，可以与用人单位协商，也可以依法申请调解、仲裁，或者提起诉讼。\n详见 https://example.cn/qa/wage-arrears-what-to-do-step-by-step',
  cites: ['《中华人民共和国劳动法》第五十条', '《中华人民共和国劳动法》第七十七条'],
};
