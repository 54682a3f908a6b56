import { MAX_COMPOSITION_LETTERS, type Candidate } from '../../../../electron/common/ime/pinyin-engine';

/**
 * The pinyin being typed on the on-screen keyboard, before it becomes Chinese: letters wait here
 * (shown above the keys, not in the search box) until a candidate is tapped. Pure, so it can be
 * tested without a screen. Nothing here is logged: it is what a resident typed.
 */
export interface Composition {
  letters: string;
  /** The candidate page shown (0 = the best candidates). */
  page: number;
  /** A letter was refused because the composition is full. */
  full: boolean;
}

export const emptyComposition: Composition = { letters: '', page: 0, full: false };

/** Candidates per page of the bar: each at least 60 px wide on a 1080 px screen with 上一页/下一页. */
export const CANDIDATES_PER_PAGE = 6;

export type CompositionAction =
  | { type: 'letter'; letter: string }
  | { type: 'backspace' }
  | { type: 'clear' }
  | { type: 'page'; delta: 1 | -1; candidateCount: number }
  /** A candidate was committed: the letters it consumed leave the composition. */
  | { type: 'commit'; candidate: Pick<Candidate, 'letters'> };

export function compositionReducer(state: Composition, action: CompositionAction): Composition {
  switch (action.type) {
    case 'letter': {
      const letter = action.letter.toLowerCase();
      if (!/^[a-z]$/.test(letter)) return state;
      if (state.letters.length >= MAX_COMPOSITION_LETTERS) return state.full ? state : { ...state, full: true };
      return { letters: state.letters + letter, page: 0, full: false };
    }
    case 'backspace':
      return state.letters === '' ? state : { letters: state.letters.slice(0, -1), page: 0, full: false };
    case 'clear':
      return state.letters === '' && !state.full ? state : emptyComposition;
    case 'page': {
      const pages = Math.max(1, Math.ceil(action.candidateCount / CANDIDATES_PER_PAGE));
      const page = Math.min(pages - 1, Math.max(0, state.page + action.delta));
      return page === state.page ? state : { ...state, page };
    }
    case 'commit':
      return { letters: state.letters.slice(action.candidate.letters), page: 0, full: false };
  }
}

/** The candidates of the page shown, and whether there are pages before and after it. */
export function candidatePage<T>(candidates: readonly T[], page: number): { items: T[]; hasPrevious: boolean; hasNext: boolean } {
  const start = page * CANDIDATES_PER_PAGE;
  return { items: candidates.slice(start, start + CANDIDATES_PER_PAGE), hasPrevious: page > 0, hasNext: start + CANDIDATES_PER_PAGE < candidates.length };
}
