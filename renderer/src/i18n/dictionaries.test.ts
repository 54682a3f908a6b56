import { describe, expect, it } from 'vitest';
import { createTranslate, dictionaries, formatMessage, placeholdersOf } from './dictionaries';
import { zhCN, type MessageKey } from './zh-cn';

describe('dictionaries', () => {
  const keys = Object.keys(zhCN) as MessageKey[];

  it.each(Object.keys(dictionaries))('%s has every key, non-empty, with the same placeholders as zh-CN', (locale) => {
    const dictionary = dictionaries[locale as keyof typeof dictionaries];
    expect(Object.keys(dictionary).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(dictionary[key].trim(), key).not.toBe('');
      expect(placeholdersOf(dictionary[key]), key).toEqual(placeholdersOf(zhCN[key]));
    }
  });

  it('English uses plain quotes (the bundled Chinese font draws curly ones full-width)', () => {
    expect(Object.entries(dictionaries.en).filter(([, text]) => /[“”‘’]/.test(text))).toEqual([]);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(formatMessage('{device}：{state}', { device: '打印机', state: '未设置' })).toBe('打印机：未设置');
    expect(formatMessage('共 {count} 条', { count: 0 })).toBe('共 0 条');
    expect(formatMessage('拨打{name}', {})).toBe('拨打{name}');
  });

  it('translates through the chosen dictionary', () => {
    expect(createTranslate('zh-CN')('shell.home')).toBe('首页');
    expect(createTranslate('en')('procedure.progress', { n: 2 })).toBe('Step 2');
  });
});
