/**
 * Content rules on what residents read (pure; the content linter applies them to Q&A answers and
 * procedure texts).
 *
 * Time limits are never silent. A text SENDS a resident to a forum when a sentence names an action
 * there: 申请仲裁/提起仲裁/去仲裁委 (arbitration), 起诉/提起诉讼/到法院/向法院 (court), 行政复议,
 * 行政诉讼, 伤残鉴定/劳动能力鉴定 (injury assessment). Such a text must state a time limit — a period
 * (「…日内」「…个月内」「…年内」「之日起…」) or the words 时效/期限/期间 with a number — and cite an article
 * (the Q&A's cites, the outcome's deadlines). Where the law sets no limit (guardianship, custody
 * change, protection orders …), the text says so in a sentence containing 没有时效限制 / 不受诉讼时效
 * 限制 / 不适用诉讼时效 / 没有起诉期限 / 没有期限要求 / 法律没有规定(申请)期限 / 随时可以, which counts as the statement.
 *
 * Plain language: a sentence (up to 。！？；, or a line) is at most 60 characters besides its end mark; no 「哪…吗」
 * question (「哪里可以办吗？」 mixes two question forms; an embedded question after 知道/记得/清楚 … —
 * 「您知道他住在哪里吗？」 — is plain and allowed). Addressing: a content file that calls the resident 您
 * anywhere says 您 everywhere — 你 and 你们 are both flagged (「你们之间」 reads as 「您和对方之间」), across all
 * texts of the file (a procedure's step titles, help, options, reasons and outcomes together), since the
 * resident reads them as one conversation. Words quoted in 「」 (what someone else says) are exempt.
 */

export interface TextProblem {
  /** 0-based offset into the text. */
  at: number;
  message: string;
}

export const SENDING_PATTERNS: readonly { forum: string; pattern: RegExp }[] = [
  { forum: '仲裁', pattern: /申请(?:劳动|人事)?(?:争议)?仲裁|提起仲裁|提出仲裁|(?:去|到|向)[^。；！？\n]{0,12}仲裁委/ },
  // Not 审查起诉 (the prosecutor's stage), not 被起诉 (being sued), not reporting a crime (报案、控告、举报).
  {
    forum: '法院',
    pattern: /(?<!审查|被)起诉|提起诉讼|(?:去|到|向)[^。；！？\n]{0,12}法院(?![^。；！？\n]{0,6}(?:报案|控告|举报))[^。；！？\n]{0,6}(?:申请|提出|立案)/,
  },
  { forum: '行政复议', pattern: /行政复议/ },
  { forum: '行政诉讼', pattern: /行政诉讼/ },
  { forum: '伤残鉴定', pattern: /伤残鉴定|伤残等级鉴定|劳动能力鉴定/ },
];

const LIMIT_PATTERN =
  /[0-9一二两三四五六七八九十百]+\s*(?:个)?(?:日|天|个月|月|年)(?:内|以内|之内)|之日起[^。；！？\n]{0,20}[0-9一二两三四五六七八九十百]+\s*(?:个)?(?:日|天|月|年)|(?:时效|期限|期间)[^。；！？\n]{0,10}[0-9一二两三四五六七八九十百]+\s*(?:个)?(?:日|天|月|年)/;
export const NO_LIMIT_PATTERN =
  /不受[^。；！？\n]{0,6}时效[^。；！？\n]{0,3}限制|没有时效限制|没有期限要求|不受六个月的限制|法律没有规定申请期限|不受诉讼时效限制|不受时效限制|不适用诉讼时效|没有起诉期限|没有期限限制|法律没有规定期限|法律没有规定起诉期限|随时可以/;

/** The forums a text sends the resident to (empty when it sends nowhere). */
export function forumsSentTo(text: string): string[] {
  return SENDING_PATTERNS.filter(({ pattern }) => pattern.test(text)).map(({ forum }) => forum);
}

export function statesTimeLimit(text: string): boolean {
  return LIMIT_PATTERN.test(text) || NO_LIMIT_PATTERN.test(text);
}

export const MAX_SENTENCE = 60;

/** Sentences with their offsets: split after 。！？； and at line ends; list markers and Markdown marks are not counted. */
export function sentences(text: string): { at: number; text: string }[] {
  const out: { at: number; text: string }[] = [];
  const re = /[^。！？；\n]+[。！？；]?/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const raw = m[0];
    const lead = /^\s*(?:[-*>]\s*|\d+[.、)]\s*|#+\s*)?/.exec(raw)?.[0].length ?? 0;
    const body = raw.slice(lead).trim();
    if (body !== '') out.push({ at: m.index + lead, text: body });
  }
  return out;
}

function visibleLength(sentence: string): number {
  // Markdown emphasis marks are not read; the closing 。！？； is not counted.
  return [...sentence.replace(/\*\*|__|`/g, '').replace(/[。！？；]$/, '')].length;
}

export function plainLanguageProblems(text: string): TextProblem[] {
  const problems: TextProblem[] = [];
  for (const s of sentences(text)) {
    const length = visibleLength(s.text);
    if (length > MAX_SENTENCE)
      problems.push({
        at: s.at,
        message: `sentence of ${String(length)} characters (at most ${String(MAX_SENTENCE)}): 「${[...s.text].slice(0, 16).join('')}…」; split it`,
      });
    const mixed = /哪(?!怕)[^。！？；\n]*吗[？?]/.exec(s.text);
    // 「您知道他住在哪里吗？」 asks whether you know (an embedded question), which is plain.
    const embedded = mixed !== null && /(?:知道|记得|清楚|确定|了解|说得清|想好|告诉)/.test(s.text.slice(0, mixed.index));
    if (mixed && !embedded)
      problems.push({ at: s.at + mixed.index, message: `「${mixed[0]}」 mixes a 哪 question with 吗; ask one way (「哪里可以办？」 or 「可以在这里办吗？」)` });
  }
  return problems;
}

/** The text with every 「…」 quotation blanked (same length, so offsets stay right). */
function withoutQuotations(text: string): string {
  return text.replace(/「[^「」]*」/g, (quoted) => '　'.repeat(quoted.length));
}

/**
 * Where texts read as one conversation (one Q&A, one procedure) call the resident 你 or 你们 while
 * another place says 您: one problem per offending text, at its first 你. Quotations 「…」 are exempt.
 */
export function addressMixingProblems(texts: readonly string[]): { text: number; problem: TextProblem }[] {
  const plain = texts.map(withoutQuotations);
  if (!plain.some((t) => t.includes('您'))) return [];
  const out: { text: number; problem: TextProblem }[] = [];
  plain.forEach((t, i) => {
    const you = /你们?/.exec(t);
    if (you)
      out.push({
        text: i,
        problem: {
          at: you.index,
          message: `mixes ${you[0]} and 您: address the resident as 您 throughout${you[0] === '你们' ? ' (the resident and another: 「您和对方」「双方」)' : ''}`,
        },
      });
  });
  return out;
}
