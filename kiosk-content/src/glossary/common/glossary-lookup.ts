import type { LegalDomainId } from '../../legal-domains/common/legal-domains';
import type { GlossaryEntry } from './glossary-types';

/** One colloquial term found in a query. */
export interface GlossaryMatch {
  /** The colloquial term as listed in the glossary. */
  term: string;
  /** Character offset (UTF-16) of the term in the query. */
  start: number;
  /** Every entry listing this term (one per domain at most). */
  entries: GlossaryEntry[];
}

export interface GlossaryExpansion {
  matches: GlossaryMatch[];
  /** Statute terms to add to the query, deduplicated, in order of first match. */
  legalTerms: string[];
  /** Domains of the matched entries with how many matches point to each, most first. */
  domains: { domain: LegalDomainId; count: number }[];
}

export interface GlossaryLookup {
  /**
   * Finds the colloquial terms inside free text ("老板一直不发工资怎么办") without needing a
   * tokenizer: residents' phrasing rarely segments the way a dictionary expects. A term that lies
   * wholly inside a longer matched term ("工资" in "拖欠工资") is dropped so the longer sense wins.
   */
  expand(query: string): GlossaryExpansion;
}

export function createGlossaryLookup(entries: readonly GlossaryEntry[]): GlossaryLookup {
  const byTerm = new Map<string, GlossaryEntry[]>();
  for (const entry of entries) {
    for (const term of entry.colloquial) {
      const list = byTerm.get(term);
      if (list === undefined) byTerm.set(term, [entry]);
      else if (!list.includes(entry)) list.push(entry);
    }
  }
  // Bucket terms by first character so a query is scanned once, not once per term.
  const byFirstChar = new Map<string, string[]>();
  for (const term of byTerm.keys()) {
    const first = term[0] ?? '';
    const list = byFirstChar.get(first) ?? [];
    list.push(term);
    byFirstChar.set(first, list);
  }
  for (const list of byFirstChar.values()) list.sort((a, b) => b.length - a.length);

  return {
    expand(query: string): GlossaryExpansion {
      const found: { term: string; start: number; end: number }[] = [];
      for (let i = 0; i < query.length; i++) {
        for (const term of byFirstChar.get(query[i] ?? '') ?? []) {
          if (query.startsWith(term, i)) found.push({ term, start: i, end: i + term.length });
        }
      }
      const kept = found.filter((m) => !found.some((o) => o !== m && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start));
      const matches: GlossaryMatch[] = kept.map((m) => ({ term: m.term, start: m.start, entries: byTerm.get(m.term) ?? [] }));

      const legalTerms: string[] = [];
      const domainCounts = new Map<LegalDomainId, number>();
      for (const match of matches) {
        for (const entry of match.entries) {
          for (const legal of entry.legal) if (!legalTerms.includes(legal)) legalTerms.push(legal);
          domainCounts.set(entry.domain, (domainCounts.get(entry.domain) ?? 0) + 1);
        }
      }
      const domains = [...domainCounts].map(([domain, count]) => ({ domain, count })).sort((a, b) => b.count - a.count);
      return { matches, legalTerms, domains };
    },
  };
}
