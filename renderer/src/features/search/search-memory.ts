import type { SearchResult } from '../../../../electron/common/contract/library-api';

export interface SearchSnapshot {
  text: string;
  result: SearchResult | null;
}

/**
 * Going back from an answer to the results should show the same results. Screens unmount when
 * covered, so the search screen leaves its state here, tagged with its navigation entry key.
 * There is one slot only, and a newly opened search screen has a new key: after 首页 nothing of
 * the previous resident's search can be shown again, and it is overwritten by the next one.
 */
let slot: { key: number; snapshot: SearchSnapshot } | null = null;

export function rememberSearch(key: number, snapshot: SearchSnapshot): void {
  slot = { key, snapshot };
}

export function recallSearch(key: number): SearchSnapshot | null {
  if (slot && slot.key === key) return slot.snapshot;
  // Another search screen: whatever is stored belonged to an earlier visit; drop it.
  slot = null;
  return null;
}

/** The session ended (首页, 完成, inactivity): nothing of this resident's search may come back. */
export function forgetSearch(): void {
  slot = null;
}
