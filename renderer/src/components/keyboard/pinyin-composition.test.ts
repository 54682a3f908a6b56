import { describe, expect, it } from 'vitest';
import { MAX_COMPOSITION_LETTERS } from '../../../../electron/common/ime/pinyin-engine';
import { CANDIDATES_PER_PAGE, candidatePage, compositionReducer, emptyComposition, type Composition, type CompositionAction } from './pinyin-composition';

const run = (actions: CompositionAction[], from: Composition = emptyComposition): Composition => actions.reduce(compositionReducer, from);
const type = (letters: string): CompositionAction[] => [...letters].map((letter) => ({ type: 'letter', letter }));

describe('compositionReducer', () => {
  it('collects letters, lower case only', () => {
    expect(run(type('GongZi')).letters).toBe('gongzi');
    expect(run(type('a1 b')).letters).toBe('ab');
  });

  it('keeps the rest of the composition after a word is committed', () => {
    const state = run([...type('laobantuoqiangongzi'), { type: 'commit', candidate: { letters: 6 } }]);
    expect(state.letters).toBe('tuoqiangongzi');
  });

  it('edits the composition with backspace and goes back to the first page', () => {
    const state = run([...type('lihunn'), { type: 'page', delta: 1, candidateCount: 20 }, { type: 'backspace' }]);
    expect(state).toEqual({ letters: 'lihun', page: 0, full: false });
  });

  it('refuses letters beyond the cap and says so until a letter leaves', () => {
    const full = run(type('a'.repeat(MAX_COMPOSITION_LETTERS + 3)));
    expect(full.letters).toHaveLength(MAX_COMPOSITION_LETTERS);
    expect(full.full).toBe(true);
    expect(run([{ type: 'backspace' }], full).full).toBe(false);
  });

  it('pages within the candidates', () => {
    const count = CANDIDATES_PER_PAGE * 2 + 1;
    const last = run([
      ...type('shi'),
      { type: 'page', delta: 1, candidateCount: count },
      { type: 'page', delta: 1, candidateCount: count },
      { type: 'page', delta: 1, candidateCount: count },
    ]);
    expect(last.page).toBe(2);
    expect(run([{ type: 'page', delta: -1, candidateCount: count }], emptyComposition).page).toBe(0);
  });
});

describe('candidatePage', () => {
  it('cuts pages and says whether there are more', () => {
    const all = Array.from({ length: CANDIDATES_PER_PAGE + 2 }, (_, i) => i);
    expect(candidatePage(all, 0)).toEqual({ items: all.slice(0, CANDIDATES_PER_PAGE), hasPrevious: false, hasNext: true });
    expect(candidatePage(all, 1)).toEqual({ items: all.slice(CANDIDATES_PER_PAGE), hasPrevious: true, hasNext: false });
  });
});
