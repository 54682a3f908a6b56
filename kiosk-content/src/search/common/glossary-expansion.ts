import { normalizeQuery } from './normalize';

/** One idea in two vocabularies (the glossary file format, kiosk-content/default/glossary/*.yaml). */
export interface GlossaryEntry {
  colloquial: readonly string[];
  legal: readonly string[];
  /** The legal domain of the entry's file (labour, inheritance …), when known. */
  domain?: string;
}

export interface GlossaryHit {
  /** The colloquial word found in the query. */
  colloquial: string;
  /** Where in the (normalised, space-free) query it was found. */
  start: number;
  end: number;
  /** The statute's words for it. */
  legal: readonly string[];
  /** Legal domains of the entries with this colloquial word. */
  domains: readonly string[];
}

interface GlossaryPhrase {
  phrase: string;
  legal: string[];
  domains: string[];
}

/**
 * Matches colloquial words as substrings of the normalised query, longest first and without
 * overlap, so 「老板不发工资」 finds 老板 and 工资 whatever the segmenter does with 发工资.
 */
export class GlossaryMatcher {
  private readonly phrases: GlossaryPhrase[];
  /** First UTF-16 unit of a phrase → its positions in `phrases` (ascending). */
  private readonly byFirstUnit = new Map<string, number[]>();

  constructor(entries: readonly GlossaryEntry[]) {
    const merged = new Map<string, Set<string>>();
    const domains = new Map<string, Set<string>>();
    for (const entry of entries) {
      for (const raw of entry.colloquial) {
        const phrase = normalizeQuery(raw).replace(/ /g, '');
        if (phrase.length === 0) continue;
        let legal = merged.get(phrase);
        if (!legal) merged.set(phrase, (legal = new Set()));
        let ds = domains.get(phrase);
        if (!ds) domains.set(phrase, (ds = new Set()));
        if (entry.domain) ds.add(entry.domain);
        for (const term of entry.legal) {
          const t = normalizeQuery(term).replace(/ /g, '');
          if (t.length > 0 && t !== phrase) legal.add(t);
        }
      }
    }
    this.phrases = [...merged]
      .map(([phrase, legal]) => ({ phrase, legal: [...legal], domains: [...(domains.get(phrase) ?? [])].sort() }))
      .filter((p) => p.legal.length > 0)
      .sort((a, b) => b.phrase.length - a.phrase.length || (a.phrase < b.phrase ? -1 : 1));
    this.phrases.forEach((p, i) => {
      const first = p.phrase[0] as string;
      let list = this.byFirstUnit.get(first);
      if (!list) this.byFirstUnit.set(first, (list = []));
      list.push(i);
    });
  }

  /**
   * The phrases that may occur in the text, in matching order: those whose first character
   * (UTF-16 unit) the text has. Spares a scan of the query for most of the thousands of phrases.
   */
  private candidates(text: string): GlossaryPhrase[] {
    const picked: number[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < text.length; i++) {
      const c = text[i] as string;
      if (seen.has(c)) continue;
      seen.add(c);
      for (const p of this.byFirstUnit.get(c) ?? []) picked.push(p);
    }
    return picked.sort((a, b) => a - b).map((p) => this.phrases[p] as GlossaryPhrase);
  }

  get size(): number {
    return this.phrases.length;
  }

  match(query: string): GlossaryHit[] {
    const text = normalizeQuery(query).replace(/ /g, '');
    const taken = new Uint8Array(text.length);
    const hits: GlossaryHit[] = [];
    for (const { phrase, legal, domains } of this.candidates(text)) {
      let from = 0;
      for (;;) {
        const at = text.indexOf(phrase, from);
        if (at < 0) break;
        from = at + 1;
        let free = true;
        for (let i = at; i < at + phrase.length; i++) if (taken[i]) free = false;
        if (!free) continue;
        taken.fill(1, at, at + phrase.length);
        hits.push({ colloquial: phrase, start: at, end: at + phrase.length, legal, domains });
      }
    }
    return hits.sort((a, b) => a.start - b.start);
  }
}

export interface WeightedTerm {
  term: string;
  weight: number;
}

/**
 * Query terms plus the legal words of every glossary hit. The resident's own words keep weight
 * 1; legal expansions share `expansionWeight` (below 1: they are our guess at what was meant)
 * and never lower a term the query already had. Legal phrases go through the same tokenizer as
 * the index so they meet the indexed words. A hit whose legal phrases segment into n words
 * gives each expansionWeight / √n, so one colloquial word with a long statute phrase
 * (邻居 → 不动产的相邻权利人: 不动产, 动产, 相邻, 权利 …) cannot outweigh the rest of the query.
 */
export function expandQueryTerms(
  queryTerms: readonly string[],
  hits: readonly GlossaryHit[],
  tokenizeLegal: (phrase: string) => string[],
  expansionWeight: number,
): WeightedTerm[] {
  const weights = new Map<string, number>();
  for (const term of queryTerms) weights.set(term, (weights.get(term) ?? 0) + 1);
  const expansion = new Map<string, number>();
  for (const hit of hits) {
    const words = new Set<string>();
    for (const phrase of hit.legal) for (const term of tokenizeLegal(phrase)) if (!weights.has(term)) words.add(term);
    const each = expansionWeight / Math.sqrt(Math.max(1, words.size));
    for (const term of words) expansion.set(term, Math.max(expansion.get(term) ?? 0, each));
  }
  return [...weights, ...expansion].map(([term, weight]) => ({ term, weight }));
}
