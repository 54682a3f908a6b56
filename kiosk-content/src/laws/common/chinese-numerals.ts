/**
 * Chinese numerals as the law corpus writes them: article labels (第一千二百六十条, 第一百三十三条之一)
 * and dates spelled out in old notices (一九九五年三月二十六日). Pure; no locale tables needed.
 */

const digits: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  '○': 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const units: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000, 万: 10_000 };

/** Characters that may appear in a Chinese numeral (for building regexes elsewhere). */
export const chineseNumeralChars = '零〇○一二两三四五六七八九十百千万';

/**
 * 一千二百六十 → 1260, 一千零七十九 → 1079, 十一 → 11, 两百 → 200; digit-by-digit forms such as
 * 一九九五 or 二〇〇〇 (years) are read positionally. Returns null for anything else, so callers
 * can report the line instead of guessing.
 */
export function parseChineseNumber(text: string): number | null {
  if (text.length === 0) return null;
  const chars = [...text];
  if (chars.every((c) => c in digits)) {
    // Positional: 一九九五. A lone 零 is 0.
    return chars.reduce((n, c) => n * 10 + (digits[c] ?? 0), 0);
  }
  let total = 0;
  let section = 0; // the part below 万
  let pending: number | null = null; // a digit waiting for its unit
  let lastUnit = Infinity;
  for (const c of chars) {
    const d = digits[c];
    if (d !== undefined) {
      if (pending !== null && d !== 0) return null; // two digits in a row (一二百) is not a numeral
      pending = d === 0 ? null : d;
      continue;
    }
    const u = units[c];
    if (u === undefined) return null;
    if (u === 10_000) {
      total += (section + (pending ?? 0)) * u;
      section = 0;
      pending = null;
      lastUnit = Infinity;
      continue;
    }
    if (u >= lastUnit) return null; // 十百 or 百百: units must fall
    section += (pending ?? 1) * u; // 十一 = 1×10 + 1
    pending = null;
    lastUnit = u;
  }
  return total + section + (pending ?? 0);
}

export interface ArticleNumber {
  /** The base number: 133 for 第一百三十三条之一. */
  number: number;
  /** 0 for an ordinary article, 1 for 之一, 2 for 之二 … */
  suffix: number;
}

const labelPattern = new RegExp(`^第([${chineseNumeralChars}]+)条(?:之([${chineseNumeralChars}]+))?$`);

/** 第一千二百六十条 → {1260, 0}; 第一百三十三条之一 → {133, 1}; null when it is not a label. */
export function parseArticleLabel(label: string): ArticleNumber | null {
  const m = labelPattern.exec(label);
  if (!m?.[1]) return null;
  const number = parseChineseNumber(m[1]);
  const suffix = m[2] === undefined ? 0 : parseChineseNumber(m[2]);
  if (number === null || number === 0 || suffix === null) return null;
  return { number, suffix };
}

/** Orders 第五条 < 第五条之一 < 第六条. */
export function compareArticleNumbers(a: ArticleNumber, b: ArticleNumber): number {
  return a.number - b.number || a.suffix - b.suffix;
}

/** 1260 → 一千二百六十, 1010 → 一千零一十, 15 → 十五: the way the corpus writes article numbers. */
export function formatChineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new RangeError(`cannot write ${n} as an article number`);
  if (n === 0) return '零';
  const names = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  let out = '';
  let needZero = false;
  for (const [unit, name] of [
    [1000, '千'],
    [100, '百'],
    [10, '十'],
    [1, ''],
  ] as const) {
    const d = Math.floor(n / unit) % 10;
    if (d === 0) {
      needZero = out !== '';
      continue;
    }
    if (needZero) out += '零';
    needZero = false;
    // 十五 rather than 一十五 at the start; 一百一十 inside.
    out += unit === 10 && d === 1 && out === '' ? name : `${names[d]}${name}`;
  }
  return out;
}

/** 133, 1 → 第一百三十三条之一. */
export function formatArticleLabel(number: number, suffix = 0): string {
  return `第${formatChineseNumber(number)}条${suffix > 0 ? `之${formatChineseNumber(suffix)}` : ''}`;
}
