import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import type { Tokenizer } from '../common/normalize';

const require = createRequire(import.meta.url);

/** FNV-1a: a short, stable fingerprint of the user dictionary (not security relevant). */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

let defaultDict: Uint8Array | null = null;

function loadDefaultDict(): Uint8Array {
  // @node-rs/jieba/dict is CommonJS that reads dict.txt beside itself.
  defaultDict ??= (require('@node-rs/jieba/dict') as { dict: Uint8Array }).dict;
  return defaultDict;
}

/**
 * Words a resident or a statute uses as one unit that jieba's general dictionary splits:
 * law titles (劳动合同法) and glossary terms (劳动报酬, 饲养动物). High frequency so that they win
 * over general words; search-mode cutting still emits their 2–3 character sub-words.
 */
export function userDictionary(words: Iterable<string>): string {
  const clean = [...new Set([...words].map((w) => w.normalize('NFKC').replace(/\s+/g, '')).filter((w) => w.length >= 2 && w.length <= 40))].sort();
  return clean.map((w) => `${w} 2000 n`).join('\n');
}

/**
 * jieba (default dictionary + user words) in search mode, without HMM new-word guessing so that
 * segmentation depends only on the dictionaries, i.e. on the signature stored with the index.
 */
export function createJiebaTokenizer(userWords: Iterable<string>): Tokenizer {
  const jieba = Jieba.withDict(loadDefaultDict());
  const dict = userDictionary(userWords);
  if (dict.length > 0) jieba.loadDict(Buffer.from(dict, 'utf8'));
  return {
    tokenize: (text) => (text.length === 0 ? [] : jieba.cutForSearch(text, false)),
    signature: `jieba-2.0.2-search-nohmm:${fnv1a(dict)}`,
  };
}
