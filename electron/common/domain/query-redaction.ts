/**
 * What is left of a search text before it may be stored for the statistics. Residents type
 * whatever they have in mind — their phone number, an ID number, their own name — and none of it
 * may end up on the device, in the admin screen or in the monthly export. So, in this order:
 *   · NFKC (full-width digits and letters become ASCII), whitespace collapsed;
 *   · person names replaced by … by `removeNames` (the host passes a jieba-based one);
 *   · digits separated by spaces, dashes or dots are joined (138 1234 5678 is one number);
 *   · e-mail addresses, ID-like tokens (letters and digits with ≥ 4 digits, ≥ 6 long, e.g. an ID
 *     number ending in X or a passport number) and every run of ≥ 6 digits are removed, as are runs
 *     of ≥ 6 Chinese numerals (a phone number spelled 一三八…);
 *   · a name introduced by 我叫 / 名叫 / 姓名 / 本人 … is removed up to the next break;
 *   · trimmed and cut to MAX_QUERY_CHARS.
 * Returns null when nothing useful remains.
 */
export const MAX_QUERY_CHARS = 40;

const REMOVED = '…';

export function redactQuery(raw: string, removeNames: (text: string) => string = (text) => text): string | null {
  let text = removeNames(raw.normalize('NFKC').replace(/\s+/g, ' '));
  text = text.replace(/(\d)[\s\-.‐–—_/]+(?=\d)/g, '$1');
  text = text.replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, REMOVED);
  text = text.replace(/[A-Za-z0-9]{6,}/g, (token) => ((token.match(/\d/g)?.length ?? 0) >= 4 ? REMOVED : token));
  text = text.replace(/\d{6,}/g, REMOVED);
  text = text.replace(/[〇零一二三四五六七八九幺两]{6,}/g, REMOVED);
  // "我叫王小明" / "姓名：王小明" / "本人王小明": the words after the marker up to a break are a name.
  text = text.replace(/(我叫|我是|名叫|叫做|姓名[:：]?|名字[是叫:：]?|本人)[\u3400-\u9fff·]{1,4}/g, `$1${REMOVED}`);
  text = text.replace(/…(?:\s*…)+/g, REMOVED).trim();
  // Nothing left but removed parts and punctuation: not worth keeping.
  if (!/[\p{L}\p{N}]/u.test(text.replaceAll(REMOVED, ''))) return null;
  return [...text].slice(0, MAX_QUERY_CHARS).join('');
}

/** The local calendar day of an instant, YYYY-MM-DD (statistics are counted per day as the site lives it). */
export function localDay(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${String(date.getFullYear())}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
