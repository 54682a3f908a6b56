import { describe, expect, it } from 'vitest';
import { keyboardReducer, keyboardRows, MAX_QUERY_LENGTH, type KeyboardAction, type KeyboardState } from './keyboard-state';

const run = (actions: KeyboardAction[], start: KeyboardState = { text: '', mode: 'letters' }, maxLength?: number) =>
  actions.reduce((state, action) => keyboardReducer(state, action, maxLength), start);

describe('keyboardReducer', () => {
  it('types letters and digits at the end', () => {
    const state = run([
      { type: 'insert', text: 'l' },
      { type: 'insert', text: 'd' },
      { type: 'mode', mode: 'digits' },
      { type: 'insert', text: '第' },
      { type: 'insert', text: '4' },
      { type: 'insert', text: '7' },
    ]);
    expect(state).toEqual({ text: 'ld第47', mode: 'digits' });
  });

  it('adds a space only between words', () => {
    expect(run([{ type: 'space' }]).text).toBe('');
    expect(run([{ type: 'insert', text: 'gz' }, { type: 'space' }, { type: 'space' }, { type: 'insert', text: 'yj' }]).text).toBe('gz yj');
  });

  it('backspace removes one whole character, including surrogate pairs', () => {
    expect(run([{ type: 'set', text: '押金' }, { type: 'backspace' }]).text).toBe('押');
    expect(run([{ type: 'set', text: '甲𠀀' }, { type: 'backspace' }]).text).toBe('甲');
    const empty: KeyboardState = { text: '', mode: 'letters' };
    expect(keyboardReducer(empty, { type: 'backspace' })).toBe(empty);
  });

  it('clear empties the box but keeps the mode', () => {
    expect(run([{ type: 'mode', mode: 'digits' }, { type: 'insert', text: '47' }, { type: 'clear' }])).toEqual({ text: '', mode: 'digits' });
  });

  it('never grows past the limit, and never leaves half a surrogate pair', () => {
    const full = run([{ type: 'set', text: 'a'.repeat(MAX_QUERY_LENGTH + 20) }]);
    expect(full.text).toHaveLength(MAX_QUERY_LENGTH);
    expect(keyboardReducer(full, { type: 'insert', text: 'b' })).toBe(full);
    expect(
      run(
        [
          { type: 'set', text: 'ab' },
          { type: 'insert', text: '𠀀' },
        ],
        undefined,
        3,
      ).text,
    ).toBe('ab');
  });

  it('returns the same state object when nothing changes, so React skips a render', () => {
    const state: KeyboardState = { text: '工资', mode: 'letters' };
    expect(keyboardReducer(state, { type: 'mode', mode: 'letters' })).toBe(state);
    expect(keyboardReducer(state, { type: 'set', text: '工资' })).toBe(state);
  });

  it('手写 mode keeps the text, takes picked characters like keys, and has no key rows (the pad replaces them)', () => {
    const state = run([
      { type: 'insert', text: 'gz' },
      { type: 'mode', mode: 'handwriting' },
      { type: 'insert', text: '工' },
      { type: 'backspace' },
      { type: 'insert', text: '资' },
    ]);
    expect(state).toEqual({ text: 'gz资', mode: 'handwriting' });
    expect(keyboardRows.handwriting).toEqual([]);
  });

  it('has every letter once in 拼音 mode and every digit once in 123 mode', () => {
    expect(keyboardRows.letters.flat().sort().join('')).toBe('abcdefghijklmnopqrstuvwxyz');
    expect(
      keyboardRows.digits
        .flat()
        .filter((key) => /\d/.test(key))
        .sort()
        .join(''),
    ).toBe('0123456789');
  });
});
