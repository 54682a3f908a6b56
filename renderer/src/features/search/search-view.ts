import type { SearchResult, Suggestion } from '../../../../electron/common/contract/library-api';

export type ResultGroupKind = 'qa' | 'articles' | 'procedures';

/** Fixed order: plain-language answers first, then the law itself, then what to do. */
export const resultGroupOrder: readonly ResultGroupKind[] = ['qa', 'articles', 'procedures'];

/** The groups that have something in them, in display order. */
export function nonEmptyGroups(result: SearchResult): ResultGroupKind[] {
  return resultGroupOrder.filter((kind) => result[kind].length > 0);
}

/** Whether a search found anything to show: a hit in any group, or the article a citation points to. */
export function hasAnyResult(result: SearchResult): boolean {
  return nonEmptyGroups(result).length > 0 || result.citation?.found === true;
}

export type SuggestionAction = { type: 'open-qa'; id: string } | { type: 'search'; text: string };

/** A Q&A suggestion opens its answer straight away; anything else searches for its words. */
export function suggestionAction(suggestion: Suggestion): SuggestionAction {
  if (suggestion.kind === 'qa' && suggestion.target) return { type: 'open-qa', id: suggestion.target };
  return { type: 'search', text: suggestion.text };
}

/** The text the search box sends: trimmed, inner runs of spaces collapsed; null when there is nothing. */
export function normaliseQuery(text: string): string | null {
  const query = text.trim().replace(/\s+/g, ' ');
  return query === '' ? null : query;
}
