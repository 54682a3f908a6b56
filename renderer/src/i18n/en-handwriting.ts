import type { zhCNHandwriting } from './zh-cn-handwriting';

/** English for zh-cn-handwriting.ts (spread into en.ts). */
export const enHandwriting: Readonly<Record<keyof typeof zhCNHandwriting, string>> = {
  'keyboard.mode.handwriting': 'Write',
  'keyboard.hint.handwriting': 'Write one character in the box with your finger. After each stroke, look-alike characters appear below: tap one to enter it.',
  'handwriting.pad': 'Handwriting pad: write one character here with your finger',
  'handwriting.clear': 'Start over',
  'handwriting.undo': 'Undo stroke',
  'handwriting.candidates': 'Candidates',
  'handwriting.loading': 'Getting handwriting ready, please wait…',
  'handwriting.failed': 'Handwriting is not available right now. Please use the pinyin keyboard.',
  'handwriting.start': 'Write one Chinese character in the box on the left with your finger.',
  'handwriting.none': 'No look-alike character found. Tap "Start over" and write a little larger.',
};
