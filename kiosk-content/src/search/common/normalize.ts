import { isStopToken } from './stopwords';

/**
 * Query normalisation. Residents type on a touch keyboard, an IME or a phone-style pinyin pad:
 * full-width digits and letters (４７, ＬＤＨＴ), mixed case, stray spaces and punctuation. NFKC
 * folds full width to half width (and （）to ()), which is also what the law-title key uses, so
 * a normalised query can be compared with normalised titles directly.
 */
export function normalizeQuery(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u3000]+/g, ' ')
    .trim();
}

/** Like normalizeQuery, but with every space removed (Chinese does not separate words). */
export function compactQuery(text: string): string {
  return normalizeQuery(text).replace(/ /g, '');
}

/**
 * Splits text into words. Injected because the good segmenter (jieba) is a native Node module
 * and this folder must stay pure; tests and the baseline use characterBigrams.
 */
export interface Tokenizer {
  /** Words of the text, possibly overlapping (search-mode segmentation), in order. */
  tokenize(text: string): string[];
  /** Changes whenever segmentation could change (dictionary, version): stored with an index. */
  readonly signature: string;
}

/** Keeps the tokens that carry meaning (drops stopwords, punctuation) and lower-cases them. */
export function meaningfulTokens(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of tokens) {
    const token = raw.trim().toLowerCase();
    if (!isStopToken(token)) out.push(token);
  }
  return out;
}

const hanRun = /[\p{Script=Han}]+|[a-z0-9]+/gu;

/**
 * Overlapping character bigrams of each run of Han characters (plus whole ASCII words and lone
 * Han characters). The classic segmentation-free baseline for Chinese retrieval.
 */
export function characterBigrams(text: string): string[] {
  const out: string[] = [];
  for (const match of normalizeQuery(text).matchAll(hanRun)) {
    const run = match[0];
    if (!/\p{Script=Han}/u.test(run)) {
      out.push(run);
      continue;
    }
    const chars = [...run];
    if (chars.length === 1) {
      out.push(run);
      continue;
    }
    for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i] as string}${chars[i + 1] as string}`);
  }
  return out;
}

export const bigramTokenizer: Tokenizer = {
  tokenize: characterBigrams,
  signature: 'char-bigrams-1',
};
