import MiniSearch from 'minisearch';
import type { AsPlainObject, Options } from 'minisearch';
import { initialsMatchRank } from './pinyin-initials';
import type { Tokenizer } from './normalize';
import { characterBigrams, compactQuery, meaningfulTokens } from './normalize';

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

/** How query terms match the Q&A (MiniSearch search options). */
export interface QaMatchParams {
  /** Weight of the question field against the also-phrasings (weight 1). */
  questionBoost: number;
  /** Fuzzy edit distance share for terms of at least 4 characters; 0 = exact only. */
  fuzzy: number;
  /** Terms of at least this many characters also match longer words they begin; 0 = off. */
  prefixMinLength: number;
  /**
   * Hits report the query terms that matched as `terms` (what the bridge's coverage compares with
   * the resident's words) instead of the indexed words they matched (which differ for fuzzy and
   * prefix matches).
   */
  reportQueryTerms: boolean;
  /**
   * Share of a second, segmentation-free match over character bigrams of the query text and the
   * Q&A (question and also-phrasings) added to the word match, each relative to its own best
   * score; 0 = words only. Bigrams catch the same words split differently (「不发工资」 / 「发工资」).
   */
  bigramWeight: number;
}

/** Today's matching: questions twice the also-phrasings, fuzzy 0.2 for long terms, no prefix. */
export const defaultQaMatchParams: QaMatchParams = { questionBoost: 2, fuzzy: 0.2, prefixMinLength: 0, reportQueryTerms: false, bigramWeight: 0 };

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

/** How the last stage of suggest matches words: prefix, and fuzzy for words of 3+ characters. */
const wordSuggestOptions = { prefix: true, fuzzy: (term: string) => (term.length >= 3 ? 0.2 : false) };

/**
 * Fuzzy lookups of a MiniSearch whose documents no longer change (the Q&A and suggestion indexes
 * once built or loaded) remembered per term and distance: a term's fuzzy matches over the
 * vocabulary are the same every time, and the radix-tree walk behind them was the costliest part
 * of a Q&A search. Each call gets its own copy (MiniSearch drops prefix matches from it).
 */
class FrozenMiniSearch<T> extends MiniSearch<T> {
  static rememberFuzzyLookups<T>(search: MiniSearch<T>, limit = 5000): MiniSearch<T> {
    const index = (search as FrozenMiniSearch<T>)._index;
    const lookup = index.fuzzyGet.bind(index);
    const remembered = new Map<string, ReturnType<typeof lookup>>();
    index.fuzzyGet = (key, maxEditDistance) => {
      const slot = `${String(maxEditDistance)} ${key}`;
      let found = remembered.get(slot);
      if (!found) {
        found = lookup(key, maxEditDistance);
        if (remembered.size >= limit) remembered.clear();
        remembered.set(slot, found);
      }
      return new Map(found);
    };
    return search;
  }
}

export class QaIndex {
  private readonly byId = new Map<string, QaEntry>();
  private readonly compactSuggestions: string[];
  /** Character-bigram MiniSearch over the Q&A, built on first use (a few hundred entries: milliseconds). */
  private bigramSearch: MiniSearch<QaDoc> | null = null;

  private constructor(
    readonly entries: QaEntry[],
    private readonly qaSearch: MiniSearch<QaDoc>,
    readonly suggestions: SuggestionEntry[],
    private readonly suggestSearch: MiniSearch<SuggestDoc>,
  ) {
    for (const e of entries) this.byId.set(e.id, e);
    FrozenMiniSearch.rememberFuzzyLookups(qaSearch);
    FrozenMiniSearch.rememberFuzzyLookups(suggestSearch);
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
   * resident's own words. Questions count twice as much as also-phrasings. `text` (the query
   * without citations) feeds the bigram match when `match.bigramWeight` > 0.
   */
  search(terms: readonly { term: string; weight: number }[], limit: number, match: QaMatchParams = defaultQaMatchParams, text?: string): QaHit[] {
    if (terms.length === 0 || this.entries.length === 0) return [];
    const weight = new Map(terms.map((t) => [t.term, t.weight]));
    const results = this.qaSearch.search(terms.map((t) => t.term).join(' '), {
      boost: { question: match.questionBoost },
      fuzzy: (term) => (match.fuzzy > 0 && term.length >= 4 ? match.fuzzy : false),
      prefix: (term) => match.prefixMinLength > 0 && term.length >= match.prefixMinLength,
      boostTerm: (term) => weight.get(term) ?? 1,
    });
    const hit = (r: (typeof results)[number]): QaHit => ({ id: String(r.id), score: r.score, terms: match.reportQueryTerms ? r.queryTerms : r.terms });
    if (match.bigramWeight <= 0) return results.slice(0, limit).map(hit);
    return this.withBigrams(results.map(hit), terms, text ?? '', match).slice(0, limit);
  }

  /**
   * Word hits merged with bigram hits: score = word score / best word score + weight × bigram score /
   * best bigram score. A query term counts as matched by an entry when at least half of its bigrams
   * matched it, so the bridge's coverage (share of the resident's words matched) keeps its meaning.
   */
  private withBigrams(words: QaHit[], terms: readonly { term: string; weight: number }[], text: string, match: QaMatchParams): QaHit[] {
    const bigramWeight = new Map<string, number>();
    for (const b of meaningfulTokens(characterBigrams(text))) bigramWeight.set(b, 1);
    const termBigrams = terms.map((t) => ({ term: t.term, bigrams: [...new Set(characterBigrams(t.term))] }));
    terms.forEach((t, i) => {
      for (const b of termBigrams[i]?.bigrams ?? []) bigramWeight.set(b, Math.max(bigramWeight.get(b) ?? 0, t.weight));
    });
    if (bigramWeight.size === 0) return words;
    this.bigramSearch ??= this.buildBigramSearch();
    const results = this.bigramSearch.search([...bigramWeight.keys()].join(' '), {
      boost: { question: match.questionBoost },
      boostTerm: (term) => bigramWeight.get(term) ?? 1,
    });
    const wordTop = words[0]?.score ?? 0;
    const bigramTop = results[0]?.score ?? 0;
    const merged = new Map<string, { score: number; terms: Set<string> }>();
    for (const w of words) merged.set(w.id, { score: wordTop > 0 ? w.score / wordTop : 0, terms: new Set(w.terms) });
    for (const r of results) {
      const id = String(r.id);
      const m = merged.get(id) ?? { score: 0, terms: new Set<string>() };
      m.score += bigramTop > 0 ? (match.bigramWeight * r.score) / bigramTop : 0;
      const matched = new Set(r.queryTerms);
      for (const t of termBigrams) {
        const hit = t.bigrams.filter((b) => matched.has(b)).length;
        if (t.bigrams.length > 0 && hit * 2 >= t.bigrams.length) m.terms.add(t.term);
      }
      merged.set(id, m);
    }
    return [...merged]
      .map(([id, m]) => ({ id, score: m.score, terms: [...m.terms] }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  private buildBigramSearch(): MiniSearch<QaDoc> {
    const search = new MiniSearch<QaDoc>({
      idField: 'id',
      fields: ['question', 'also'],
      storeFields: [],
      tokenize: (text) => meaningfulTokens(characterBigrams(text)),
      processTerm: (term) => term.toLowerCase(),
      searchOptions: { tokenize: (text) => text.split(' ').filter((t) => t.length > 0) },
    });
    search.addAll(this.entries.map((e) => ({ id: e.id, question: e.question, also: e.also.join('\n') })));
    return search;
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
    // The term-by-term check pays off for whole questions; a typed prefix (one or two words) usually
    // has matches, and checking first would double its cost.
    if (picked.size < limit && queryTerms.length > 0 && (queryTerms.length < 3 || this.everyTermMatchesOne(queryTerms))) {
      const results = this.suggestSearch.search(queryTerms.join(' '), { ...wordSuggestOptions, combineWith: 'AND' });
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

  /**
   * Whether some suggestion matches every term (prefix or fuzzy), i.e. whether the AND search can
   * find anything. A whole question (a dozen words) almost never has such a suggestion; finding
   * that out term by term, the cheap short terms first and stopping at the first empty
   * intersection, spares most of the fuzzy lookups the combined search would make for every word.
   */
  private everyTermMatchesOne(terms: readonly string[]): boolean {
    let common: number[] | null = null;
    for (const term of [...terms].sort((a, b) => a.length - b.length)) {
      if (term.split(' ').every((t) => t.length === 0)) continue;
      const ids = new Set(this.suggestSearch.search(term, wordSuggestOptions).map((r) => Number(r.id)));
      common = (common ?? [...ids]).filter((id) => ids.has(id));
      if (common.length === 0) return false;
    }
    return true;
  }
}
