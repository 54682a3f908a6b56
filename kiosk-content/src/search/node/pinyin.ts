import { pinyin } from 'pinyin-pro';

/**
 * Pinyin initials for title and question matching (劳动合同法 → ldhtf): one letter per Han
 * character, latin letters and digits kept, everything else dropped. pinyin-pro picks readings
 * in context (行政 → xz, 银行 → yh). Computed at index-build time only.
 */
export function pinyinInitials(text: string): string {
  if (text.length === 0) return '';
  return pinyin(text.normalize('NFKC'), { pattern: 'first', toneType: 'none', type: 'array' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
