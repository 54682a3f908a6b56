import { z } from 'zod';

/**
 * Law vintage: the law library is a snapshot, and laws revised after it must not be presented as
 * current. `law-vintage.yaml` (editor-maintained, in the content folder) lists each such law; every
 * article screen, Q&A and receipt that cites one renders its notice from this list (so an editor
 * cannot forget it), and content lint fails on a Q&A citing a listed law without the notice.
 *
 * Dates are only written when verified; an unknown date is null and the notice says 「已修订」 without it.
 */

const isoDate = z
  .union([z.string(), z.date()])
  .transform((v) => (typeof v === 'string' ? v : v.toISOString().slice(0, 10)))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD, or null when not verified'));

export const lawVintageEntrySchema = z.strictObject({
  /** The law's short title as content cites it (民法典, 治安管理处罚法, 婚姻登记条例 …). */
  law: z.string().min(2).max(60),
  /** revised: a newer text replaced the one in the library; enacted: a new law the library lacks. */
  event: z.enum(['revised', 'enacted']).default('revised'),
  /** Date adopted/promulgated (YYYY-MM-DD) or null when not verified. */
  date: isoDate.nullable(),
  /** Date in force (YYYY-MM-DD) or null when not verified. */
  inForce: isoDate.nullable(),
  /** What changed, if known (for editors and staff; not shown to residents). */
  changes: z.string().min(1).max(400).nullable().default(null),
  /** Where the dates come from (official notice, 国务院令 number, news agency report). */
  source: z.string().min(4).max(300),
});
export type LawVintageEntry = z.output<typeof lawVintageEntrySchema>;

export const lawVintageFileSchema = z.strictObject({ laws: z.array(lawVintageEntrySchema).default([]) });
export type LawVintage = z.output<typeof lawVintageFileSchema>;
export const emptyLawVintage: LawVintage = { laws: [] };

function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${String(y)}年${String(m)}月${String(d)}日`;
}

/**
 * 「《治安管理处罚法》已于2025年6月27日修订，自2026年1月1日起施行，条文序号和内容可能有变化，请向工作人员核实」;
 * without a verified date 「《…》已修订，条文序号和内容可能有变化，请向工作人员核实」. The law is named because a
 * Q&A or receipt may cite several.
 */
export function vintageNotice(entry: LawVintageEntry): string {
  const subject = `《${entry.law}》`;
  if (entry.event === 'enacted') {
    return `${subject}${entry.inForce ? `自${chineseDate(entry.inForce)}起施行` : '已公布施行'}，本机法律库还没有收录，请向工作人员核实`;
  }
  const when = entry.date ? `已于${chineseDate(entry.date)}修订` : '已修订';
  const from = entry.inForce ? `，自${chineseDate(entry.inForce)}起施行` : '';
  return `${subject}${when}${from}，条文序号和内容可能有变化，请向工作人员核实`;
}

/**
 * The listed laws a Q&A relies on: those its cites name and those its answer names in words
 * (「治安管理处罚法已于2025年修订…」 after the article numbers were taken out).
 */
export function listedLawsIn(citedLaws: Iterable<string>, text: string, vintage: LawVintage): LawVintageEntry[] {
  const cited = new Set(citedLaws);
  return vintage.laws.filter((entry) => cited.has(entry.law) || text.includes(entry.law));
}

/** The notices for the laws a text cites (each listed law once, in list order). */
export function vintageNotices(citedLaws: Iterable<string>, vintage: LawVintage): string[] {
  const cited = new Set(citedLaws);
  return vintage.laws.filter((entry) => cited.has(entry.law)).map(vintageNotice);
}

/**
 * Whether a text already carries the notice for this law: it names the law with 已…修订 (or 施行 for
 * an enacted one) and says the articles may have changed or asks to check with staff.
 */
export function carriesVintageNotice(text: string, entry: LawVintageEntry): boolean {
  const flat = text.replace(/\s+/g, '');
  const at = flat.indexOf(entry.law);
  if (at < 0) return false;
  const after = flat.slice(at, at + 120);
  const dated = entry.event === 'enacted' ? /施行/.test(after) : /已(?:于[^。]{0,20})?修订/.test(after);
  return dated && /条文序号和内容可能有变化|向工作人员核实/.test(after);
}
