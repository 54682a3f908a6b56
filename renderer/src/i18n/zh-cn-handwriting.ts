/**
 * Strings of the keyboard's 手写 (handwriting) mode — spread into zh-cn.ts, so they are ordinary
 * message keys. Kept apart so several people can add strings at once.
 */
export const zhCNHandwriting = {
  'keyboard.mode.handwriting': '手写',
  'keyboard.hint.handwriting': '用手指在方框里写一个字。每写一笔，下面都会出来像的字，点一下就填进去。',
  'handwriting.pad': '手写板：在这里用手指写一个字',
  'handwriting.clear': '重写',
  'handwriting.undo': '退一笔',
  'handwriting.candidates': '候选字',
  'handwriting.loading': '手写识别正在准备，请稍候……',
  'handwriting.failed': '手写识别暂时用不了，请改用拼音键盘。',
  'handwriting.start': '请在左边的方框里，用手指写一个字。',
  'handwriting.none': '没有找到像的字。可以点“重写”，写大一点再试。',
} as const;
