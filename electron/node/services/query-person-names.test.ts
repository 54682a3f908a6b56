import { describe, expect, it } from 'vitest';
import { removePersonNames } from './query-person-names';

/** Names are fictional or textbook placeholders; non-names are words residents type about their case. */
const NAMES: Array<[string, string]> = [
  ['欧阳某某 欠钱', '… 欠钱'],
  ['张三欠我钱', '…欠我钱'],
  ['李四 离婚', '… 离婚'],
  ['王小明 借钱不还', '… 借钱不还'],
  ['陈伟 打人', '… 打人'],
  ['黄某 欠款', '… 欠款'],
  ['欧阳娜娜', '…'],
  ['司马懿 工资', '… 工资'],
  ['诸葛亮', '…'],
  ['刘德华欠我钱', '…欠我钱'],
  ['王五的房子', '…的房子'],
  ['上官某 借条', '… 借条'],
];

const NON_NAMES = [
  '高利贷',
  '黄金',
  '白条',
  '王法',
  '房东不退押金',
  '老板拖欠工资',
  '马上离婚',
  '万一被骗',
  '高三学生打架',
  '钱款被骗',
  '程序违法',
  '周末加班费',
  '安全生产事故',
  '常见问题',
  '江湖骗子',
  '金额太大',
  '车祸赔偿',
  '包工头跑路',
  '房产证',
  '法律援助',
  '火星移民',
];

describe('removePersonNames', () => {
  it.each(NAMES)('removes the name in %s', (query, expected) => {
    expect(removePersonNames(query)).toBe(expected);
  });

  it.each(NON_NAMES)('keeps %s', (query) => {
    expect(removePersonNames(query)).toBe(query);
  });
});
