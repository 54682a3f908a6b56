import { en } from './en';
import { zhCN, type Dictionary, type MessageKey } from './zh-cn';

/** Adding a language: write a Dictionary in its own file and list it here. */
export const dictionaries = {
  'zh-CN': zhCN,
  en,
} as const satisfies Record<string, Dictionary>;

export type Locale = keyof typeof dictionaries;
export const defaultLocale: Locale = 'zh-CN';

export type MessageValues = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, values?: MessageValues) => string;

/** `{name}` placeholders are filled from `values`; a missing value is left visible, so it is caught in review. */
export function formatMessage(template: string, values: MessageValues = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}

export function createTranslate(locale: Locale): Translate {
  const dictionary: Dictionary = dictionaries[locale];
  return (key, values) => formatMessage(dictionary[key], values);
}

export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}
