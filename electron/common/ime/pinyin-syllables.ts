/**
 * Facts about toneless pinyin as typed on a keyboard: ü is typed v (nv → 女), initials may stand
 * for a whole syllable (ldht → 劳动合同). Pure.
 */

/** A standard toneless syllable: letters with a vowel (drops interjections like ng, hm, m, n). */
export function isPinyinSyllable(syllable: string): boolean {
  return /^[a-z]{1,6}$/.test(syllable) && /[aeiouv]/.test(syllable);
}

/** The initials a resident may type alone for a syllable; zh, ch and sh are also typed z, c, s. */
export const PINYIN_INITIALS: ReadonlySet<string> = new Set([
  'b',
  'p',
  'm',
  'f',
  'd',
  't',
  'n',
  'l',
  'g',
  'k',
  'h',
  'j',
  'q',
  'x',
  'zh',
  'ch',
  'sh',
  'r',
  'z',
  'c',
  's',
  'y',
  'w',
]);

/** The longest syllable (zhuang, shuang, chuang) has six letters. */
export const MAX_SYLLABLE_LETTERS = 6;
