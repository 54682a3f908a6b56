/**
 * Pinyin-initials matching (「ldht」 → 劳动合同). Initials are computed when the index is built
 * (pinyin-pro, in Node), one lower-case letter per Han character, other letters and digits kept,
 * everything else dropped; this module only compares strings.
 */

/** True when the query looks like pinyin initials or pinyin: 2+ latin letters and nothing else. */
export function isInitialsQuery(query: string): boolean {
  return /^[a-z]{2,}$/.test(
    query
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\s']+/g, ''),
  );
}

export function initialsQueryKey(query: string): string {
  return query
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s']+/g, '');
}

/**
 * How well `query` matches `initials`: 3 when it is all of it, 2 a prefix, 1 elsewhere inside,
 * 0 no match. Callers rank by this first, then by length (shorter = more specific).
 */
export function initialsMatchRank(query: string, initials: string): number {
  if (query.length === 0) return 0;
  if (initials === query) return 3;
  if (initials.startsWith(query)) return 2;
  return initials.includes(query) ? 1 : 0;
}
