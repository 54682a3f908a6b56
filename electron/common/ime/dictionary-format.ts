/**
 * The pinyin input method's dictionary: words keyed by their toneless syllables, each with a cost
 * (−ln of its share of all word occurrences, in tenths) and a mark for words of the kiosk's own
 * content. Pure: scripts/build/build-ime-dictionary.ts encodes, the renderer and the benchmarks
 * decode.
 *
 * Text layout (UTF-8), one key per line after a header, keys in syllable order:
 *   FTIME 1
 *   <notice, one line>
 *   <all syllables, space separated, sorted>
 *   <syllable ids in base 36 joined by "."> TAB <word>,<cost>[*] TAB <word>,<cost>[*] …
 * Words of one key are sorted by cost (best first); "*" marks a content word.
 */

export const DICTIONARY_MAGIC = 'FTIME 1';

export interface DictionaryWord {
  word: string;
  /** −ln(p) × 10, rounded; lower is more common. */
  cost: number;
  /** The word occurs in the kiosk's content (law titles, glossary, Q&A questions). */
  content: boolean;
}

export interface DictionaryEntry {
  /** Toneless syllables, ü written as v: ['lao', 'dong']. */
  syllables: string[];
  words: DictionaryWord[];
}

export interface DictionarySource {
  notice: string;
  entries: DictionaryEntry[];
}

/**
 * The decoded dictionary in flat typed arrays: keys sorted by their syllable ids, so the words
 * whose readings start with given syllables are one contiguous range (a trie without nodes).
 */
export interface ImeDictionary {
  notice: string;
  /** Sorted; a syllable's id is its index, so syllables sharing a prefix have adjacent ids. */
  syllables: readonly string[];
  /** Key k's syllable ids are keySyllables[keyStart[k] … keyStart[k + 1]). */
  keyStart: Uint32Array;
  keySyllables: Uint16Array;
  /** Key k's words are words wordStart[k] … wordStart[k + 1] − 1, best first. */
  wordStart: Uint32Array;
  /** All words, concatenated (one string instead of 300 000 small ones); word w is wordText[wordOffset[w] … wordOffset[w + 1]). */
  wordText: string;
  wordOffset: Uint32Array;
  /** Cost in nats (the stored tenths / 10). */
  wordCost: Float32Array;
  /** 1 = a word of the kiosk's content. */
  wordContent: Uint8Array;
}

export class DictionaryFormatError extends Error {
  constructor(line: number, detail: string) {
    super(`IME dictionary line ${line}: ${detail}`);
    this.name = 'DictionaryFormatError';
  }
}

function compareIds(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

export function encodeDictionary(source: DictionarySource): string {
  const syllables = [...new Set(source.entries.flatMap((e) => e.syllables))].sort();
  const ids = new Map(syllables.map((s, i) => [s, i]));
  const keyed = new Map<string, { ids: number[]; words: Map<string, DictionaryWord> }>();
  for (const entry of source.entries) {
    const entryIds = entry.syllables.map((s) => ids.get(s) ?? 0);
    const key = entryIds.join('.');
    let slot = keyed.get(key);
    if (!slot) keyed.set(key, (slot = { ids: entryIds, words: new Map() }));
    for (const word of entry.words) {
      const seen = slot.words.get(word.word);
      if (!seen || word.cost < seen.cost) slot.words.set(word.word, { ...word, content: word.content || (seen?.content ?? false) });
      else if (word.content) seen.content = true;
    }
  }
  const lines = [DICTIONARY_MAGIC, source.notice.replace(/\s*\n\s*/g, ' '), syllables.join(' ')];
  for (const slot of [...keyed.values()].sort((a, b) => compareIds(a.ids, b.ids))) {
    const words = [...slot.words.values()].sort((a, b) => a.cost - b.cost || (a.word < b.word ? -1 : 1));
    lines.push([slot.ids.map((id) => id.toString(36)).join('.'), ...words.map((w) => `${w.word},${Math.round(w.cost)}${w.content ? '*' : ''}`)].join('\t'));
  }
  return `${lines.join('\n')}\n`;
}

export function decodeDictionary(text: string): ImeDictionary {
  const lineEnd = (from: number): number => {
    const at = text.indexOf('\n', from);
    return at === -1 ? text.length : at;
  };
  let end = lineEnd(0);
  if (text.slice(0, end) !== DICTIONARY_MAGIC) throw new DictionaryFormatError(1, `expected "${DICTIONARY_MAGIC}"`);
  let start = end + 1;
  end = lineEnd(start);
  const notice = text.slice(start, end);
  start = end + 1;
  end = lineEnd(start);
  const syllables = text.slice(start, end).split(' ').filter(Boolean);
  const bodyStart = end + 1;

  // First pass: count keys, syllables and words to size the arrays.
  let keyCount = 0;
  let syllableCount = 0;
  let wordCount = 0;
  for (let i = bodyStart; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) keyCount += 1;
    else if (c === 9) wordCount += 1;
    else if (c === 46) syllableCount += 1;
  }
  if (text.length > bodyStart && !text.endsWith('\n')) keyCount += 1;
  syllableCount += keyCount;

  const keyStart = new Uint32Array(keyCount + 1);
  const keySyllables = new Uint16Array(syllableCount);
  const wordStart = new Uint32Array(keyCount + 1);
  const wordOffset = new Uint32Array(wordCount + 1);
  const wordCost = new Float32Array(wordCount);
  const wordContent = new Uint8Array(wordCount);
  const pieces: string[] = [];
  let k = 0;
  let s = 0;
  let w = 0;
  let textLength = 0;
  let line = 3;
  for (let pos = bodyStart; pos < text.length; pos = end + 1) {
    end = lineEnd(pos);
    line += 1;
    if (end === pos) continue;
    const tab = text.indexOf('\t', pos);
    if (tab === -1 || tab > end) throw new DictionaryFormatError(line, 'key without words');
    keyStart[k] = s;
    wordStart[k] = w;
    let from = pos;
    while (from < tab) {
      const dot = text.indexOf('.', from);
      const to = dot === -1 || dot > tab ? tab : dot;
      const id = parseInt(text.slice(from, to), 36);
      if (!(id >= 0 && id < syllables.length)) throw new DictionaryFormatError(line, 'unknown syllable id');
      keySyllables[s++] = id;
      from = to + 1;
    }
    if (k > 0 && compareKeys(keySyllables, keyStart[k - 1] ?? 0, keyStart[k] ?? 0, s) >= 0) throw new DictionaryFormatError(line, 'keys out of order');
    for (let f = tab + 1; f <= end;) {
      let next = text.indexOf('\t', f);
      if (next === -1 || next > end) next = end;
      const comma = text.lastIndexOf(',', next);
      const content = text.charCodeAt(next - 1) === 42;
      const cost = Number(text.slice(comma + 1, content ? next - 1 : next));
      if (comma <= f || !Number.isFinite(cost)) throw new DictionaryFormatError(line, `bad word "${text.slice(f, next)}"`);
      pieces.push(text.slice(f, comma));
      wordOffset[w] = textLength;
      textLength += comma - f;
      wordCost[w] = cost / 10;
      wordContent[w] = content ? 1 : 0;
      w += 1;
      f = next + 1;
    }
    k += 1;
  }
  keyStart[k] = s;
  wordStart[k] = w;
  wordOffset[w] = textLength;
  return { notice, syllables, keyStart, keySyllables, wordStart, wordText: pieces.join(''), wordOffset, wordCost, wordContent };
}

function compareKeys(ids: Uint16Array, aStart: number, bStart: number, bEnd: number): number {
  const aLength = bStart - aStart;
  const bLength = bEnd - bStart;
  for (let i = 0; i < Math.min(aLength, bLength); i++) {
    const d = (ids[aStart + i] ?? 0) - (ids[bStart + i] ?? 0);
    if (d !== 0) return d;
  }
  return aLength - bLength;
}

/** The text of word w. */
export function wordAt(dict: ImeDictionary, w: number): string {
  return dict.wordText.slice(dict.wordOffset[w] ?? 0, dict.wordOffset[w + 1] ?? 0);
}

/** Approximate bytes the decoded dictionary holds (typed arrays + the words' UTF-16 text). */
export function dictionaryBytes(dict: ImeDictionary): number {
  return (
    dict.keyStart.byteLength +
    dict.keySyllables.byteLength +
    dict.wordStart.byteLength +
    dict.wordOffset.byteLength +
    dict.wordCost.byteLength +
    dict.wordContent.byteLength +
    dict.wordText.length * 2
  );
}
