/**
 * Is the screen really in the language the resident chose? Collects every visible text and the
 * texts only assistive technology reads (aria-label, alt, placeholder, title) with the language
 * the page declares for it (the closest lang attribute), so a spec can check two things:
 * no interface string of the other language is left over, and Chinese content shown in English
 * mode is marked lang="zh-…" (WCAG 3.1.2; 朗读 and screen readers pick the voice from it).
 */
import type { Page } from 'playwright-core';
import type { Dictionary } from '../../../renderer/src/i18n/zh-cn';

export interface ShownText {
  text: string;
  /** The closest lang attribute ('' if none). */
  lang: string;
  /** 'text' or the attribute it came from. */
  source: string;
  where: string;
  /** A highlighted run (<mark>) inside a longer text: a piece of that text, not a text of its own. */
  fragment?: boolean;
}

/** Everything shown on the page, or inside the first element matching `within`. */
export async function collectShownTexts(page: Page, within = 'body'): Promise<ShownText[]> {
  return page.evaluate((within) => {
    const root = document.querySelector(within);
    if (!root) throw new Error(`nothing matches ${within}`);
    const shown: ShownText[] = [];
    const describe = (el: Element): string => {
      const id = el.getAttribute('data-testid');
      return `<${el.tagName.toLowerCase()}${id ? ` data-testid=${id}` : ''}>`;
    };
    const visible = (el: Element): boolean => {
      if (el.closest('[aria-hidden="true"]')) return false;
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      return style.visibility === 'visible' && style.display !== 'none' && rect.width > 0 && rect.height > 0;
    };
    const langOf = (el: Element): string => el.closest('[lang]')?.getAttribute('lang') ?? '';
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim();
      const el = node.parentElement;
      if (!text || !el || el.closest('script, style') || !visible(el)) continue;
      shown.push({ text, lang: langOf(el), source: 'text', where: describe(el), fragment: el.closest('mark') !== null });
    }
    for (const el of Array.from(root.querySelectorAll('[aria-label], [alt], [placeholder], [title]'))) {
      if (!visible(el)) continue;
      for (const attribute of ['aria-label', 'alt', 'placeholder', 'title']) {
        const text = el.getAttribute(attribute)?.trim();
        if (text) shown.push({ text, lang: langOf(el), source: attribute, where: describe(el) });
      }
    }
    return shown;
  }, within);
}

/** A regular expression matching a whole message of the dictionary, its {placeholders} standing for anything. */
function messagePattern(template: string): RegExp {
  const escaped = template
    .split(/\{\w+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.+?');
  return new RegExp(`^${escaped}$`, 's');
}

/** Two letters (Han or Latin…) outside the {placeholders}: a message in a language, not a format like {year}-{month}-{day}. */
const wordy = (template: string): boolean => /\p{L}{2}/u.test(template.replace(/\{\w+\}/g, ''));

/**
 * Interface strings of `other` shown although the screen is in `current`: a text that is exactly
 * one of the other language's messages (and not the same in both, like 12348). Highlighted runs
 * inside a longer text are pieces of that text (a matched 单位 in a Q&A question), not messages.
 */
export function leftoverMessages(shown: ShownText[], current: Dictionary, other: Dictionary): string[] {
  const patterns = (Object.keys(other) as Array<keyof Dictionary>)
    .filter((key) => other[key].trim() !== current[key].trim() && wordy(other[key]))
    .map((key) => ({ key, pattern: messagePattern(other[key].trim()) }));
  const found: string[] = [];
  for (const item of shown) {
    if (item.fragment) continue;
    const hit = patterns.find(({ pattern }) => pattern.test(item.text));
    if (hit) found.push(`${item.where} ${item.source}: "${item.text}" (${String(hit.key)})`);
  }
  return found;
}

/** Interface messages of `current` (English) inside an element marked Chinese: marked too widely. */
export function interfaceMarkedChinese(shown: ShownText[], current: Dictionary, other: Dictionary): string[] {
  const patterns = (Object.keys(current) as Array<keyof Dictionary>)
    .filter((key) => current[key].trim() !== other[key].trim() && /[A-Za-z]{2}/.test(current[key].replace(/\{\w+\}/g, '')))
    .map((key) => ({ key, pattern: messagePattern(current[key].trim()) }));
  return shown
    .filter((item) => /^zh/i.test(item.lang))
    .flatMap((item) => {
      const hit = patterns.find(({ pattern }) => pattern.test(item.text));
      return hit ? [`${item.where} ${item.source}: "${item.text}" (${String(hit.key)})`] : [];
    });
}

const han = /\p{Script=Han}/u;

/** Chinese text on an English screen that does not say it is Chinese. */
export function unmarkedChinese(shown: ShownText[]): string[] {
  return shown
    .filter((item) => han.test(item.text) && !/^zh/i.test(item.lang))
    .map((item) => `${item.where} ${item.source} lang="${item.lang}": "${item.text.slice(0, 40)}"`);
}
