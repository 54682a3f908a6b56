import { wordAt, type ImeDictionary } from './dictionary-format';

/**
 * 「您是不是要找…」: a query with a wrong character in a known term — a homophone (劳懂合同,
 * 离昏, 陪偿) or a near-homophone under the 模糊音 pairs (n/l, zh/z, in/ing …) — is read as the
 * term. A noisy-channel choice: the correction must make the text more likely under the pinyin
 * dictionary's word costs by more than a typo costs, and the corrected term must be one of the
 * kiosk's known terms (glossary, law titles, content words). Pure.
 */

export interface QueryCorrection {
  /** The query as typed. */
  original: string;
  /** The query with the corrections applied. */
  corrected: string;
  /** Each replaced stretch: what was typed and the known term put in its place. */
  changes: { from: string; to: string }[];
}

/** Costs in nats. */
export const CORRECTION_COST = {
  /** A character swapped for one that sounds the same (toneless). */
  homophone: 7,
  /** … for one that sounds alike under the 模糊音 pairs. */
  nearHomophone: 10,
  /** A character the dictionary does not know at all. */
  unknownCharacter: 20,
  /** Per word of a reading (as in the pinyin engine: fewer, longer words). */
  word: 3,
} as const;

const MAX_TERM_LENGTH = 8;
/** Words at least this common (−ln p ≤ 12: about 370 in jieba's 60 million) are corrected to as well. */
export const COMMON_WORD_MAX_COST = 12;
const MAX_READING_COMBINATIONS = 16;

/** One spelling for sounds the 模糊音 pairs merge: zh→z, ch→c, sh→s, l→n, h→f, ing→in, eng→en, ang→an. */
export function mergedSound(syllable: string): string {
  let s = syllable.replace(/^zh/, 'z').replace(/^ch/, 'c').replace(/^sh/, 's').replace(/^l/, 'n').replace(/^h/, 'f');
  s = s.replace(/ing$/, 'in').replace(/eng$/, 'en').replace(/ang$/, 'an');
  return s;
}

interface Target {
  word: string;
  /** Readings of each character (toneless syllables). */
  syllables: string[];
}

export class QueryCorrector {
  readonly #dict: ImeDictionary;
  readonly #syllableIds: Map<string, number>;
  /** Character → its readings (syllable ids), most common first. */
  readonly #readings = new Map<string, number[]>();
  /** Merged-sound key → known terms with that sound. */
  readonly #targets = new Map<string, Target[]>();
  readonly #known = new Set<string>();

  /**
   * @param knownTerms the content's terms (glossary, law titles) besides the dictionary's content words
   * @param commonWordMaxCost dictionary words at most this costly (common words) are known terms too
   */
  constructor(dictionary: ImeDictionary, knownTerms: Iterable<string> = [], commonWordMaxCost = COMMON_WORD_MAX_COST) {
    this.#dict = dictionary;
    this.#syllableIds = new Map(dictionary.syllables.map((s, i) => [s, i]));
    const { keyStart, keySyllables, wordStart, wordContent, wordCost } = dictionary;
    const singles: { character: string; id: number; cost: number }[] = [];
    for (let k = 0; k + 1 < keyStart.length; k++) {
      const start = keyStart[k] ?? 0;
      const length = (keyStart[k + 1] ?? 0) - start;
      for (let w = wordStart[k] ?? 0; w < (wordStart[k + 1] ?? 0); w++) {
        if (length === 1) singles.push({ character: wordAt(dictionary, w), id: keySyllables[start] ?? 0, cost: wordCost[w] ?? 0 });
        else if (wordContent[w] === 1 || (wordCost[w] ?? Infinity) <= commonWordMaxCost) {
          const syllables = Array.from(keySyllables.subarray(start, start + length), (id) => dictionary.syllables[id] ?? '');
          this.#addTarget({ word: wordAt(dictionary, w), syllables });
        }
      }
    }
    singles.sort((a, b) => a.cost - b.cost);
    for (const { character, id } of singles) {
      const list = this.#readings.get(character);
      if (list) list.push(id);
      else this.#readings.set(character, [id]);
    }
    for (const term of knownTerms) {
      if (this.#known.has(term) || !/^\p{Script=Han}{2,8}$/u.test(term)) continue;
      // A term the dictionary lacks is read with each character's most common reading.
      const syllables = [...term].map((c) => this.#dict.syllables[this.#readings.get(c)?.[0] ?? -1]);
      if (syllables.every((s): s is string => s !== undefined)) this.#addTarget({ word: term, syllables });
    }
  }

  #addTarget(target: Target): void {
    if (this.#known.has(target.word)) return;
    this.#known.add(target.word);
    const key = target.syllables.map(mergedSound).join(' ');
    const list = this.#targets.get(key);
    if (list) list.push(target);
    else this.#targets.set(key, [target]);
  }

  /** How many known terms it can correct to. */
  get size(): number {
    return this.#known.size;
  }

  /** The query with its misspelled known terms corrected, or null when nothing needs it. */
  correct(query: string): QueryCorrection | null {
    let text = query;
    const changes: { from: string; to: string }[] = [];
    // At most two terms per query: more corrections would be guessing.
    for (let round = 0; round < 2; round++) {
      const best = this.#bestCorrection(text);
      if (!best) break;
      changes.push({ from: text.slice(best.start, best.start + best.to.length), to: best.to });
      text = text.slice(0, best.start) + best.to + text.slice(best.start + best.to.length);
    }
    return changes.length > 0 ? { original: query, corrected: text, changes } : null;
  }

  #bestCorrection(text: string): { start: number; to: string; gain: number } | undefined {
    let best: { start: number; to: string; gain: number } | undefined;
    for (const run of text.matchAll(/\p{Script=Han}+/gu)) {
      const runText = run[0];
      const runStart = run.index;
      const baseCost = this.#textCost(runText);
      for (let length = 2; length <= Math.min(MAX_TERM_LENGTH, runText.length); length++) {
        for (let i = 0; i + length <= runText.length; i++) {
          const window = runText.slice(i, i + length);
          if (this.#known.has(window)) continue;
          for (const target of this.#candidates(window)) {
            const typo = this.#typoCost(window, target);
            if (typo === undefined) continue;
            const fixed = runText.slice(0, i) + target.word + runText.slice(i + length);
            const gain = baseCost - this.#textCost(fixed) - typo;
            if (gain > 0 && (!best || gain > best.gain)) best = { start: runStart + i, to: target.word, gain };
          }
        }
      }
    }
    return best;
  }

  /** Known terms that sound like the window (merged sounds), of its length, different from it. */
  #candidates(window: string): Target[] {
    const readings = [...window].map((c) => this.#readings.get(c)?.map((id) => mergedSound(this.#dict.syllables[id] ?? '')) ?? []);
    if (readings.some((r) => r.length === 0)) return [];
    const keys = new Set<string>();
    const walk = (index: number, parts: string[]): void => {
      if (keys.size >= MAX_READING_COMBINATIONS) return;
      if (index === readings.length) {
        keys.add(parts.join(' '));
        return;
      }
      for (const r of new Set(readings[index])) walk(index + 1, [...parts, r]);
    };
    walk(0, []);
    const found: Target[] = [];
    for (const key of keys) for (const target of this.#targets.get(key) ?? []) if (target.word !== window) found.push(target);
    return found;
  }

  /** The cost of the typo that turns the target into the window, or undefined if it is more than one character per three. */
  #typoCost(window: string, target: Target): number | undefined {
    const typed = [...window];
    const meant = [...target.word];
    let cost = 0;
    let differing = 0;
    for (let i = 0; i < typed.length; i++) {
      if (typed[i] === meant[i]) continue;
      differing += 1;
      const readings = (this.#readings.get(typed[i] ?? '') ?? []).map((id) => this.#dict.syllables[id] ?? '');
      const syllable = target.syllables[i] ?? '';
      cost += readings.includes(syllable) ? CORRECTION_COST.homophone : CORRECTION_COST.nearHomophone;
    }
    if (differing === 0 || differing > Math.max(1, Math.floor(typed.length / 3))) return undefined;
    return cost;
  }

  /** −ln p of the text as its cheapest sequence of dictionary words (unigram, as the pinyin engine). */
  #textCost(text: string): number {
    const characters = [...text];
    const n = characters.length;
    const best = new Float64Array(n + 1).fill(Infinity);
    best[0] = 0;
    for (let i = 0; i < n; i++) {
      const here = best[i] ?? Infinity;
      if (!Number.isFinite(here)) continue;
      for (let j = i + 1; j <= Math.min(n, i + MAX_TERM_LENGTH); j++) {
        const word = characters.slice(i, j).join('');
        const cost = this.wordCost(word) ?? (j === i + 1 ? CORRECTION_COST.unknownCharacter : undefined);
        if (cost === undefined) continue;
        const total = here + cost + CORRECTION_COST.word;
        if (total < (best[j] ?? Infinity)) best[j] = total;
      }
    }
    return best[n] ?? Infinity;
  }

  /** The dictionary's cost of a word (found under any reading of its characters), or undefined. */
  wordCost(word: string): number | undefined {
    const characters = [...word];
    const readings = characters.map((c) => this.#readings.get(c) ?? []);
    if (readings.some((r) => r.length === 0)) return undefined;
    let found: number | undefined;
    let tried = 0;
    const ids: number[] = [];
    const walk = (index: number): void => {
      if (tried >= MAX_READING_COMBINATIONS) return;
      if (index === readings.length) {
        tried += 1;
        const cost = this.#lookup(ids, word);
        if (cost !== undefined && (found === undefined || cost < found)) found = cost;
        return;
      }
      for (const id of readings[index] ?? []) {
        ids[index] = id;
        walk(index + 1);
      }
    };
    walk(0);
    return found;
  }

  #lookup(ids: readonly number[], word: string): number | undefined {
    const { keyStart, keySyllables, wordStart, wordCost } = this.#dict;
    let lo = 0;
    let hi = keyStart.length - 1;
    const compare = (k: number): number => {
      const start = keyStart[k] ?? 0;
      const length = (keyStart[k + 1] ?? 0) - start;
      for (let i = 0; i < Math.min(length, ids.length); i++) {
        const d = (keySyllables[start + i] ?? 0) - (ids[i] ?? 0);
        if (d !== 0) return d;
      }
      return length - ids.length;
    };
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(mid) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= keyStart.length - 1 || compare(lo) !== 0) return undefined;
    for (let w = wordStart[lo] ?? 0; w < (wordStart[lo + 1] ?? 0); w++) if (wordAt(this.#dict, w) === word) return wordCost[w];
    return undefined;
  }

  /** Whether the syllable is one the dictionary knows (for tests and benchmarks). */
  hasSyllable(syllable: string): boolean {
    return this.#syllableIds.has(syllable);
  }
}
