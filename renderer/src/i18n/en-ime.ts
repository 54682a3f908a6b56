import type { zhCNIme } from './zh-cn-ime';

/** English for zh-cn-ime.ts (spread into en.ts). */
export const enIme: Readonly<Record<keyof typeof zhCNIme, string>> = {
  'ime.composition': 'Pinyin being typed',
  'ime.candidates': 'Candidates',
  'ime.previousPage': 'Previous',
  'ime.nextPage': 'More',
  'ime.loading': 'Getting pinyin ready, please wait…',
  'ime.failed': 'Pinyin candidates are not available right now; letters go straight into the search box.',
  'ime.none': 'No word is spelled like this. Tap "Delete" to change it.',
  'ime.tooLong': 'At most {max} letters. Tap a word first, then type on.',
  'search.corrected': 'Searched for "{corrected}". ',
  'search.searchOriginal': 'Search for "{original}" instead',
};
