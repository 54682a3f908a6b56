/**
 * Law-title normalisation, exactly as ../shared/data/README.md defines the relevance key, so
 * that corpus titles, query references and Q&A citations all meet on one key:
 * NFKC; 〈〉→《》; drop a trailing (YYYY-MM-DD) and all whitespace; join adjacent issuing bodies
 * with 、; delete every 中华人民共和国.
 */
export function normalizeLawTitle(title: string): string {
  let t = title.normalize('NFKC').replace(/〈/g, '《').replace(/〉/g, '》');
  t = t.replace(/\(\d{4}-\d{2}-\d{2}\)\s*$/, '');
  // Issuing bodies separated by spaces become 、-joined before whitespace disappears.
  t = t.replace(/(最高人民法院|最高人民检察院|公安部|司法部|国家安全部)\s+(?=最高人民法院|最高人民检察院|公安部|司法部|国家安全部)/g, '$1、');
  t = t.replace(/\s+/g, '');
  t = t.replace(/中华人民共和国/g, '');
  return t;
}

/** The relevance key of an article: normalised law title + "|" + article label (第X条 / 第X条之一). */
export function articleKey(normalizedTitle: string, articleLabel: string): string {
  return `${normalizedTitle}|${articleLabel}`;
}
