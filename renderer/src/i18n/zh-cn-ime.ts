/**
 * Strings of the keyboard's pinyin input (候选词, 翻页) and of 「您是不是要找」 — spread into zh-cn.ts,
 * so they are ordinary message keys. Kept apart so several people can add strings at once.
 */
export const zhCNIme = {
  'ime.composition': '正在打的拼音',
  'ime.candidates': '候选词',
  'ime.previousPage': '上一页',
  'ime.nextPage': '下一页',
  'ime.loading': '拼音选字正在准备，请稍候……',
  'ime.failed': '拼音选字暂时用不了，打的字母会直接填进搜索框。',
  'ime.none': '没有这样拼的字词。可以按“删除”改一改。',
  'ime.tooLong': '最多打 {max} 个字母。请先点一个词，再接着打。',
  'search.corrected': '已按“{corrected}”查找，',
  'search.searchOriginal': '仍按“{original}”查找',
} as const;
