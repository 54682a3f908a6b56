import MiniSearch from 'minisearch';
import type { AsPlainObject, Options } from 'minisearch';
import { initialsMatchRank } from './pinyin-initials';
import type { Tokenizer } from './normalize';
import { compactQuery, meaningfulTokens } from './normalize';

/**
 * MiniSearch over the Q&A (questions and their also-phrasings, which are already in residents'
 * words) and over the suggestion list (law titles and Q&A questions) for as-you-type prefix
 * and fuzzy completion. MiniSearch's state is serialised with the rest of the index; only the
 * tokenizer has to be supplied again on load.
 */
export interface QaInput {
  id: string;
  question: string;
  also: readonly string[];
  domain: string;
  /** 「劳动合同法 第三十条」 as in the Q&A front matter. */
  cites: readonly string[];
}

export interface QaEntry extends QaInput {
  /** Pinyin initials of the question. */
  initials: string;
}

interface QaDoc {
  id: string;
  question: string;
  also: string;
}

export interface QaHit {
  id: string;
  score: number;
  /** The query terms MiniSearch matched (for highlighting). */
  terms: string[];
}

export type SuggestionKind = 'law' | 'qa';

export interface SuggestionEntry {
  kind: SuggestionKind;
  /** What the resident sees and what gets searched when picked. */
  text: string;
  /** Normalised law title, or Q&A id. */
  target: string;
  initials: string;
  /** Orders equal matches: 法律 before 规章, questions after laws (smaller first). */
  rank: number;
}

export interface Suggestion {
  kind: SuggestionKind;
  text: string;
  target: string;
  /** How it matched (for tests and tuning; the UI needs none of it). */
  match: 'prefix' | 'substring' | 'initials' | 'fuzzy';
}

interface SuggestDoc {
  id: number;
  text: string;
}

function miniSearchOptions<T>(tokenizer: Tokenizer, fields: string[], idField: string): Options<T> {
  return {
    idField,
    fields,
    storeFields: [],
    tokenize: (text) => meaningfulTokens(tokenizer.tokenize(text)),
    processTerm: (term) => term.toLowerCase(),
    // Query strings are prepared by the engine as space-separated terms.
    searchOptions: { tokenize: (text) => text.split(' ').filter((t) => t.length > 0) },
  };
}

export interface QaIndexState {
  entries: QaEntry[];
  qaSearch: AsPlainObject;
  suggestions: SuggestionEntry[];
  suggestSearch: AsPlainObject;
}

export class QaIndex {
  private readonly byId = new Map<string, QaEntry>();
  private readonly compactSuggestions: string[];

  private constructor(
    readonly entries: QaEntry[],
    private readonly qaSearch: MiniSearch<QaDoc>,
    readonly suggestions: SuggestionEntry[],
    private readonly suggestSearch: MiniSearch<SuggestDoc>,
  ) {
    for (const e of entries) this.byId.set(e.id, e);
    this.compactSuggestions = suggestions.map((s) => compactQuery(s.text));
  }

  static build(qa: readonly QaInput[], suggestions: SuggestionEntry[], tokenizer: Tokenizer, initialsOf: (text: string) => string): QaIndex {
    const entries = qa.map((q) => ({ ...q, also: [...q.also], cites: [...q.cites], initials: initialsOf(q.question) }));
    const qaSearch = new MiniSearch<QaDoc>(miniSearchOptions(tokenizer, ['question', 'also'], 'id'));
    qaSearch.addAll(entries.map((e) => ({ id: e.id, question: e.question, also: e.also.join('\n') })));
    const all = [
      ...suggestions,
      ...entries.map((e, i): SuggestionEntry => ({ kind: 'qa', text: e.question, target: e.id, initials: e.initials, rank: 1000 + i })),
    ];
    const suggestSearch = new MiniSearch<SuggestDoc>(miniSearchOptions(tokenizer, ['text'], 'id'));
    suggestSearch.addAll(all.map((s, id) => ({ id, text: s.text })));
    return new QaIndex(entries, qaSearch, all, suggestSearch);
  }

  static load(state: QaIndexState, tokenizer: Tokenizer): QaIndex {
    return new QaIndex(
      state.entries,
      MiniSearch.loadJS<QaDoc>(state.qaSearch, miniSearchOptions(tokenizer, ['question', 'also'], 'id')),
      state.suggestions,
      MiniSearch.loadJS<SuggestDoc>(state.suggestSearch, miniSearchOptions(tokenizer, ['text'], 'id')),
    );
  }

  toState(): QaIndexState {
    return { entries: this.entries, qaSearch: this.qaSearch.toJSON(), suggestions: this.suggestions, suggestSearch: this.suggestSearch.toJSON() };
  }

  entry(id: string): QaEntry | undefined {
    return this.byId.get(id);
  }

  /**
   * Q&A matching the query terms. `weights` lets glossary expansions count less than the
   * resident's own words. Questions count twice as much as also-phrasings.
   */
  search(terms: readonly { term: string; weight: number }[], limit: number): QaHit[] {
    if (terms.length === 0 || this.entries.length === 0) return [];
    const weight = new Map(terms.map((t) => [t.term, t.weight]));
    const results = this.qaSearch.search(terms.map((t) => t.term).join(' '), {
      boost: { question: 2 },
      fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
      boostTerm: (term) => weight.get(term) ?? 1,
    });
    return results.slice(0, limit).map((r) => ({ id: String(r.id), score: r.score, terms: r.terms }));
  }

  /** Q&A whose question's pinyin initials contain the query. */
  searchInitials(query: string, limit: number): QaHit[] {
    return this.entries
      .map((e) => ({ e, rank: initialsMatchRank(query, e.initials) }))
      .filter((x) => x.rank > 0)
      .sort((a, b) => b.rank - a.rank || a.e.initials.length - b.e.initials.length)
      .slice(0, limit)
      .map((x) => ({ id: x.e.id, score: x.rank, terms: [] }));
  }

  /**
   * As-you-type suggestions: exact prefix, then substring, then pinyin initials (「ldhtf」), then
   * MiniSearch prefix + fuzzy over words (typos, partial words). `queryTerms` are the segmented
   * query words for the last stage.
   */
  suggest(query: string, queryTerms: readonly string[], limit: number): Suggestion[] {
    const q = compactQuery(query);
    if (q.length === 0) return [];
    const picked = new Map<number, { match: Suggestion['match']; order: number }>();
    const add = (i: number, match: Suggestion['match'], order: number) => {
      if (!picked.has(i)) picked.set(i, { match, order });
    };
    const latin = /^[a-z]+$/.test(q);
    this.compactSuggestions.forEach((text, i) => {
      const rank = (this.suggestions[i] as SuggestionEntry).rank;
      if (text.startsWith(q)) add(i, 'prefix', rank + text.length / 1000);
      else if (text.includes(q)) add(i, 'substring', 1e6 + rank + text.length / 1000);
    });
    if (latin && q.length >= 2) {
      this.suggestions.forEach((s, i) => {
        const r = initialsMatchRank(q, s.initials);
        if (r > 0) add(i, 'initials', 2e6 + (3 - r) * 1e5 + s.rank + s.initials.length / 1000);
      });
    }
    if (picked.size < limit && queryTerms.length > 0) {
      const results = this.suggestSearch.search(queryTerms.join(' '), {
        prefix: true,
        fuzzy: (term) => (term.length >= 3 ? 0.2 : false),
        combineWith: 'AND',
      });
      results.forEach((r, j) => add(Number(r.id), 'fuzzy', 3e6 + j));
    }
    return [...picked]
      .sort((a, b) => a[1].order - b[1].order)
      .slice(0, limit)
      .map(([i, { match }]) => {
        const s = this.suggestions[i] as SuggestionEntry;
        return { kind: s.kind, text: s.text, target: s.target, match };
      });
  }
}
