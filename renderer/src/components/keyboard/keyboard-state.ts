/**
 * The on-screen keyboard's state, kept pure so it can be tested without a screen. The text is
 * the search box's value; the caret is always at the end (a touch keyboard has no arrow keys,
 * and a physical keyboard edits the box directly).
 */

/** 拼音 letters, 123 digits, or 手写: a pad to write one character with a finger. */
export type KeyboardMode = 'letters' | 'digits' | 'handwriting';

export interface KeyboardState {
  text: string;
  mode: KeyboardMode;
}

export type KeyboardAction =
  | { type: 'insert'; text: string }
  | { type: 'space' }
  | { type: 'backspace' }
  | { type: 'clear' }
  | { type: 'mode'; mode: KeyboardMode }
  /** The box changed some other way (physical keyboard, a tapped example). */
  | { type: 'set'; text: string };

/** The search contract accepts at most 100 characters (UTF-16 units). */
export const MAX_QUERY_LENGTH = 100;

/** Cut to the limit without leaving half of a surrogate pair at the end. */
function clip(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  let cut = text.slice(0, maxLength);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut;
}

export function keyboardReducer(state: KeyboardState, action: KeyboardAction, maxLength = MAX_QUERY_LENGTH): KeyboardState {
  switch (action.type) {
    case 'insert': {
      const text = clip(state.text + action.text, maxLength);
      return text === state.text ? state : { ...state, text };
    }
    case 'space':
      // A space only separates words: none at the start, never two in a row.
      if (state.text === '' || state.text.endsWith(' ')) return state;
      return keyboardReducer(state, { type: 'insert', text: ' ' }, maxLength);
    case 'backspace': {
      if (state.text === '') return state;
      // Remove one whole character, even one stored as two UTF-16 units.
      const characters = Array.from(state.text);
      characters.pop();
      return { ...state, text: characters.join('') };
    }
    case 'clear':
      return state.text === '' ? state : { ...state, text: '' };
    case 'mode':
      return state.mode === action.mode ? state : { ...state, mode: action.mode };
    case 'set': {
      const text = clip(action.text, maxLength);
      return text === state.text ? state : { ...state, text };
    }
  }
}

/**
 * Key rows per mode. 拼音 mode sends letters as they are: the search understands pinyin initials
 * (ldht → 劳动合同) and the suggestion bar above the keys turns them into words to tap.
 * 123 mode has digits plus the few characters needed to cite an article (第47条).
 */
export const keyboardRows: Readonly<Record<KeyboardMode, readonly (readonly string[])[]>> = {
  letters: [
    ['q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p'],
    ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l'],
    ['z', 'x', 'c', 'v', 'b', 'n', 'm'],
  ],
  digits: [
    ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'],
    ['第', '条', '款', '项', '章', '法'],
  ],
  // The handwriting pad replaces the key rows.
  handwriting: [],
};
