import { z } from 'zod';

/**
 * A district's regional data, shipped in its content pack as `regional.yaml`: the offices residents
 * are sent to (with the division codes they serve) and the legal-aid economic-hardship standard the
 * provincial government published (法律援助法 第三十四条: 经济困难的标准，由省、自治区、直辖市人民政府
 * 根据本行政区域经济发展状况和法律援助工作需要确定，并实行动态调整). Pure: schema and selection.
 *
 * Division codes (GB/T 2260) are six digits; a code ending in 0000 stands for the whole province and
 * one ending in 00 for the whole city, so 440000 serves every 44xxxx terminal and 440300 every 4403xx.
 * The most specific match wins: a district's own entry over its city's over its province's.
 */

export const regionCodeSchema = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(z.string().regex(/^\d{6}$/, 'six-digit administrative division code (GB/T 2260), e.g. 110101; 110000 = the whole province, 110100 = the whole city'));

const kebabId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'kebab-case id');
export const officePhoneSchema = z.string().regex(/^[0-9-]{3,20}$/, 'digits and dashes only');

/** A real office of the district: every field a resident acts on is given, or null when truly unknown. */
export const regionalOfficeSchema = z.strictObject({
  /** Unique among the pack's offices (a terminal's `offices:` entry with this id overrides it). */
  id: kebabId,
  /** Which kind of office it is: an office id of directory.yaml, the one procedure outcomes name. */
  kind: kebabId,
  name: z.string().min(1).max(60),
  address: z.string().min(1).max(120).nullable(),
  hours: z.string().min(1).max(80).nullable(),
  phone: officePhoneSchema.nullable(),
  /** What residents go there for; empty = what the directory says the kind handles. */
  handles: z.array(z.string().min(1)).default([]),
  regions: z.array(regionCodeSchema).min(1, 'at least one division code the office serves'),
});
export type RegionalOffice = z.output<typeof regionalOfficeSchema>;

const isoDate = z
  .union([z.string(), z.date()])
  .transform((v) => (typeof v === 'string' ? v : v.toISOString().slice(0, 10)))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD'));

/** A province's (or a city's, where the province delegates) published economic-hardship standard. */
export const legalAidStandardSchema = z.strictObject({
  regions: z.array(regionCodeSchema).min(1, 'at least one division code the standard applies to'),
  /** 元 per person per month, as published. */
  monthlyIncomePerPerson: z.number().positive().max(100_000),
  /** The document that sets it, e.g. 《某省法律援助经济困难标准》（某政发〔2025〕1号）. */
  source: z.string().min(4).max(120),
  /** Date the standard applies from, YYYY-MM-DD. */
  effective: isoDate,
});
export type LegalAidStandard = z.output<typeof legalAidStandardSchema>;

export const regionalFileSchema = z.strictObject({
  offices: z.array(regionalOfficeSchema).default([]),
  legalAidStandards: z.array(legalAidStandardSchema).default([]),
});
export type RegionalData = z.output<typeof regionalFileSchema>;

export const emptyRegionalData: RegionalData = { offices: [], legalAidStandards: [] };

/** 3 = this district, 2 = its city, 1 = its province, 0 = does not serve it. */
export function regionMatch(served: string, terminalRegion: string): number {
  if (served === terminalRegion) return 3;
  if (served.endsWith('0000')) return served.slice(0, 2) === terminalRegion.slice(0, 2) ? 1 : 0;
  if (served.endsWith('00')) return served.slice(0, 4) === terminalRegion.slice(0, 4) ? 2 : 0;
  return 0;
}

function bestMatch(regions: readonly string[], terminalRegion: string): number {
  return Math.max(0, ...regions.map((r) => regionMatch(r, terminalRegion)));
}

/** The offices of one kind that serve the terminal's region: only those of the most specific level. */
export function officesForRegion(offices: readonly RegionalOffice[], kind: string, region: string | null): RegionalOffice[] {
  if (region === null) return [];
  const scored = offices.filter((o) => o.kind === kind).map((office) => ({ office, level: bestMatch(office.regions, region) }));
  const top = Math.max(0, ...scored.map((s) => s.level));
  return top === 0 ? [] : scored.filter((s) => s.level === top).map((s) => s.office);
}

/**
 * The hardship standard in force for the region on `today` (YYYY-MM-DD): the most specific level,
 * then the latest effective date not after today. Null when the pack has none for the region.
 */
export function legalAidStandardFor(standards: readonly LegalAidStandard[], region: string | null, today: string): LegalAidStandard | null {
  if (region === null) return null;
  const inForce = standards.filter((s) => s.effective <= today).map((standard) => ({ standard, level: bestMatch(standard.regions, region) }));
  const top = Math.max(0, ...inForce.map((s) => s.level));
  if (top === 0) return null;
  const candidates = inForce.filter((s) => s.level === top).sort((a, b) => b.standard.effective.localeCompare(a.standard.effective));
  return candidates[0]?.standard ?? null;
}

/** A terminal's own office from provisioning (`offices:`): same fields; no regions (it is this site's). */
export interface SiteOffice {
  id: string;
  kind: string;
  name: string;
  address: string | null;
  hours: string | null;
  phone: string | null;
  handles: readonly string[];
}

/** The directory's generic office of a kind (name, handles; address/hours/phone null until filled). */
export interface DirectoryOffice {
  id: string;
  name: string;
  handles: readonly string[];
  address: string | null;
  hours: string | null;
  phone: string | null;
}

/** What the screen and the receipt show for one office; `kind` is the office id outcomes name. */
export interface ResolvedOffice {
  id: string;
  kind: string;
  name: string;
  handles: string[];
  address: string | null;
  hours: string | null;
  phone: string | null;
}

/**
 * The offices of each kind for this terminal: the site's own offices from provisioning first (one
 * whose id equals a pack office's id replaces that office), then the pack's offices for the region;
 * where neither has one, the directory's generic entry (its null fields shown as 「请咨询现场工作人员」).
 */
export function resolveOffices(
  directory: readonly DirectoryOffice[],
  regional: RegionalData,
  region: string | null,
  site: readonly SiteOffice[] = [],
): ResolvedOffice[] {
  const out: ResolvedOffice[] = [];
  const siteIds = new Set(site.map((o) => o.id));
  for (const generic of directory) {
    const handles = (own: readonly string[]): string[] => (own.length > 0 ? [...own] : [...generic.handles]);
    const picked: ResolvedOffice[] = [
      ...site.filter((o) => o.kind === generic.id).map((o) => ({ ...o, handles: handles(o.handles) })),
      ...officesForRegion(regional.offices, generic.id, region)
        .filter((o) => !siteIds.has(o.id))
        .map(({ regions: _regions, ...o }) => ({ ...o, handles: handles(o.handles) })),
    ];
    out.push(...(picked.length > 0 ? picked : [{ ...generic, kind: generic.id, handles: [...generic.handles] }]));
  }
  return out;
}
