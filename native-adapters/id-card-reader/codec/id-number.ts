/**
 * 公民身份号码 checks (GB 11643-1999, spec §7): MOD 11-2 check character, a real and plausible birth
 * date, a known province-level prefix. The same algorithm covers the HK/Macau/Taiwan permit (81/82/83)
 * and the 2023 foreign card (leading 9). A number that fails is a corrupt read or a bad card: flag it,
 * never "fix" it.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Province-level codes of GB/T 2260 (first two digits); used for display hints and prefix plausibility. */
export const provinceNames: Readonly<Record<string, string>> = {
  '11': '北京',
  '12': '天津',
  '13': '河北',
  '14': '山西',
  '15': '内蒙古',
  '21': '辽宁',
  '22': '吉林',
  '23': '黑龙江',
  '31': '上海',
  '32': '江苏',
  '33': '浙江',
  '34': '安徽',
  '35': '福建',
  '36': '江西',
  '37': '山东',
  '41': '河南',
  '42': '湖北',
  '43': '湖南',
  '44': '广东',
  '45': '广西',
  '46': '海南',
  '50': '重庆',
  '51': '四川',
  '52': '贵州',
  '53': '云南',
  '54': '西藏',
  '61': '陕西',
  '62': '甘肃',
  '63': '青海',
  '64': '宁夏',
  '65': '新疆',
  '71': '台湾',
  '81': '香港',
  '82': '澳门',
  '83': '台湾',
};

/** The check character for the first 17 digits, or null if they are not 17 digits. */
export function computeCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? null;
}

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** Parses YYYYMMDD into a real calendar date, or null. */
export function parseCompactDate(text: string): CalendarDate | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days ? { year, month, day } : null;
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

export type IdNumberProblem =
  'format' | 'check-digit' | 'birth-date-invalid' | 'birth-date-implausible' | 'region-prefix' | 'birth-date-mismatch' | 'gender-mismatch';

export type IdNumberKind = 'resident' | 'permit' | 'foreign2023';

export interface IdNumberCheck {
  valid: boolean;
  problems: IdNumberProblem[];
}

export interface IdNumberContext {
  /** Which card the number came from: decides the allowed prefixes. */
  kind: IdNumberKind;
  /** "Today", for the plausibility of the birth date (injected: codecs have no clock). */
  today?: CalendarDate;
  /** The card's own birth-date field (YYYYMMDD), which must match positions 7–14. */
  birthDate?: string;
  /** The card's gender code ('1' male, '2' female); the 17th digit is odd for men, even for women. */
  gender?: string;
}

/** Validates an 18-character number. `valid` is false for any hard problem; gender-mismatch alone also invalidates. */
export function validateIdNumber(raw: string, ctx: IdNumberContext): IdNumberCheck {
  const problems: IdNumberProblem[] = [];
  const id = raw.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { valid: false, problems: ['format'] };
  if (computeCheckChar(id.slice(0, 17)) !== id[17]) problems.push('check-digit');

  const birth = parseCompactDate(id.slice(6, 14));
  if (!birth) problems.push('birth-date-invalid');
  else if (birth.year < 1880 || (ctx.today && compareDates(birth, ctx.today) > 0)) problems.push('birth-date-implausible');
  if (ctx.birthDate !== undefined && ctx.birthDate !== id.slice(6, 14)) problems.push('birth-date-mismatch');

  if (!regionPrefixOk(id, ctx.kind)) problems.push('region-prefix');

  if (ctx.gender === '1' || ctx.gender === '2') {
    const odd = Number(id[16]) % 2 === 1;
    if (odd !== (ctx.gender === '1')) problems.push('gender-mismatch');
  }
  return { valid: problems.length === 0, problems };
}

function regionPrefixOk(id: string, kind: IdNumberKind): boolean {
  switch (kind) {
    case 'resident': {
      const p = id.slice(0, 2);
      return p in provinceNames && p !== '81' && p !== '82' && p !== '83';
    }
    case 'permit':
      return /^8[123]0000/.test(id);
    case 'foreign2023':
      return id[0] === '9' && id.slice(1, 3) in provinceNames;
  }
}

/** Province-level region hint from the number (place the number was assigned; display only, §7). */
export function regionOfIdNumber(id: string, kind: IdNumberKind): string | null {
  const code = kind === 'foreign2023' ? id.slice(1, 3) : id.slice(0, 2);
  return provinceNames[code] ?? null;
}

/** Upper-cases the check character; the chip may carry a lower-case x (§7). */
export function normaliseIdNumber(id: string): string {
  return id.trim().toUpperCase();
}
