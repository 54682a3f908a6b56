import { chineseNumeralChars, formatArticleLabel, parseChineseNumber } from '../../laws/common/chinese-numerals';
import { normalizeLawTitle } from '../../laws/common/law-title';

/**
 * Citations inside a query: 「劳动合同法第47条」, 「民法典1079条」, 「刑法第一百三十三条之一」, or a bare
 * 「第四十七条」 that refers to the law the resident is already reading (context). Law names are
 * matched against the catalogue of titles actually in the library, longest first, so 劳动合同法
 * never reads as 劳动法 and 劳动合同法实施条例 never as 劳动合同法.
 */

/**
 * Abbreviations (简称) in everyday and legal-aid usage, mapped to normalised titles. An alias is
 * used only when its target is in the library. General vocabulary, not tuned to any query set.
 */
export const defaultLawAliases: Readonly<Record<string, string>> = {
  民诉法: '民事诉讼法',
  刑诉法: '刑事诉讼法',
  行诉法: '行政诉讼法',
  消法: '消费者权益保护法',
  消保法: '消费者权益保护法',
  道交法: '道路交通安全法',
  个税法: '个人所得税法',
  未保法: '未成年人保护法',
  妇女法: '妇女权益保障法',
  老年法: '老年人权益保障法',
  治安法: '治安管理处罚法',
  劳动仲裁法: '劳动争议调解仲裁法',
};

export interface LawMention {
  /** Normalised title of the law. */
  law: string;
  /** Span in the compact query (see parseQueryCitations). */
  start: number;
  end: number;
}

/** Finds law titles and aliases in text, longest match first, non-overlapping. */
export class LawTitleMatcher {
  /** First character → candidate names (title or alias) longest first. */
  private readonly byFirstChar = new Map<string, { name: string; law: string }[]>();
  readonly titles: ReadonlySet<string>;

  constructor(normalizedTitles: Iterable<string>, aliases: Readonly<Record<string, string>> = defaultLawAliases) {
    const titles = new Set(normalizedTitles);
    this.titles = titles;
    const names: { name: string; law: string }[] = [];
    for (const title of titles) {
      names.push({ name: title, law: title });
      // Residents and lawyers write 《民法典》 and 民法典 alike; titles are stored without 《》.
      const bare = title.replace(/[《》]/g, '');
      if (bare !== title) names.push({ name: bare, law: title });
    }
    for (const [alias, law] of Object.entries(aliases)) if (titles.has(law) && !titles.has(alias)) names.push({ name: alias, law });
    names.sort((a, b) => b.name.length - a.name.length);
    for (const entry of names) {
      const first = entry.name[0];
      if (first === undefined) continue;
      let list = this.byFirstChar.get(first);
      if (!list) this.byFirstChar.set(first, (list = []));
      list.push(entry);
    }
  }

  /** The longest law name starting at `at`, if any. */
  matchAt(text: string, at: number): { law: string; length: number } | null {
    const candidates = this.byFirstChar.get(text[at] ?? '');
    if (!candidates) return null;
    for (const { name, law } of candidates) if (text.startsWith(name, at)) return { law, length: name.length };
    return null;
  }

  findAll(text: string): LawMention[] {
    const out: LawMention[] = [];
    for (let i = 0; i < text.length;) {
      const m = this.matchAt(text, i);
      if (m) {
        out.push({ law: m.law, start: i, end: i + m.length });
        i += m.length;
      } else i++;
    }
    return out;
  }
}

export interface ArticleCitation {
  /** Normalised law title; null when the query names none and no context law was given. */
  law: string | null;
  number: number;
  suffix: number;
  /** The corpus label: 第四十七条, 第一百三十三条之一. */
  label: string;
  start: number;
  end: number;
}

export interface ParsedQueryCitations {
  /** The query as matched: NFKC, lower case, no spaces, no 中华人民共和国, no 《》. */
  compact: string;
  citations: ArticleCitation[];
  /** Laws named anywhere in the query (with or without an article number), in order, unique. */
  laws: string[];
  /** The query with citations and law names cut out: what is left to search as words. */
  rest: string;
}

const num = `(?:[0-9]+|[${chineseNumeralChars}]+)`;
// 第47条 / 47条 / 第四十七条 / 第一百三十三条之一; the optional 第 is checked below for Chinese numerals.
const articlePattern = new RegExp(`(第)?(${num})条(?:之(${num}))?`, 'gu');

function readNumber(text: string): number | null {
  if (/^[0-9]+$/.test(text)) return Number.parseInt(text, 10);
  return parseChineseNumber(text);
}

/**
 * Reads every article citation in a query. A citation belongs to the nearest law named before
 * it (「劳动合同法第47条和第48条」 → both 劳动合同法); a bare 「第四十七条」 takes `contextLaw`.
 * A Chinese numeral needs 第 or a law name right before it, so 「一条狗」 is not an article.
 */
export function parseQueryCitations(query: string, matcher: LawTitleMatcher, contextLaw: string | null = null): ParsedQueryCitations {
  const compact = normalizeLawTitle(query)
    .toLowerCase()
    .replace(/[《》]/g, '');
  const mentions = matcher.findAll(compact);
  const citations: ArticleCitation[] = [];
  const cut: [number, number][] = mentions.map((m) => [m.start, m.end]);
  for (const m of compact.matchAll(articlePattern)) {
    const start = m.index;
    const end = start + m[0].length;
    // A citation must not start inside a law name (titles such as 关于…第二条… are rare but exist).
    if (mentions.some((x) => start >= x.start && start < x.end)) continue;
    const numberText = m[2] ?? '';
    const before = mentions.filter((x) => x.end <= start).at(-1);
    const adjacent = before !== undefined && before.end === start;
    if (m[1] === undefined && !/^[0-9]+$/.test(numberText) && !adjacent) continue;
    const number = readNumber(numberText);
    const suffix = m[3] === undefined ? 0 : readNumber(m[3]);
    if (number === null || number <= 0 || number > 9999 || suffix === null || suffix > 99) continue;
    citations.push({ law: before?.law ?? contextLaw, number, suffix, label: formatArticleLabel(number, suffix), start, end });
    cut.push([start, end]);
  }
  // 「民法典1079」: a law name directly followed by digits and nothing else is a citation too.
  const last = mentions.at(-1);
  if (last) {
    const tail = /^([0-9]{1,4})$/.exec(compact.slice(last.end));
    if (tail?.[1]) {
      const number = Number.parseInt(tail[1], 10);
      if (number > 0) {
        citations.push({ law: last.law, number, suffix: 0, label: formatArticleLabel(number), start: last.end, end: compact.length });
        cut.push([last.end, compact.length]);
      }
    }
  }
  cut.sort((a, b) => a[0] - b[0]);
  let rest = '';
  let at = 0;
  for (const [s, e] of cut) {
    if (s > at) rest += `${compact.slice(at, s)} `;
    at = Math.max(at, e);
  }
  rest += compact.slice(at);
  return {
    compact,
    citations,
    laws: [...new Set(mentions.map((m) => m.law))],
    rest: rest.replace(/\s+/g, ' ').trim(),
  };
}
