import { wordAt, type ImeDictionary } from './dictionary-format';
import { fuzzyInitialVariants, fuzzyVariants } from './fuzzy-pinyin';
import { MAX_SYLLABLE_LETTERS, PINYIN_INITIALS } from './pinyin-syllables';

/**
 * Pinyin to words: the letters typed so far (toneless, spaceless, v for ü) become a lattice of
 * dictionary words over every way to read them as syllables, initials (ldht) or a syllable still
 * being typed at the end; the cheapest path through it is the phrase candidate
 * (laobantuoqiangongzi → 老板拖欠工资) and the words that can start the path follow, best first.
 * Pure and synchronous: a keystroke recomputes everything from the letters.
 */

/** A composition longer than this is refused (the keyboard says so); typing more changes nothing. */
export const MAX_COMPOSITION_LETTERS = 40;

export interface PinyinEngineOptions {
  /** 模糊音: n/l, f/h, z/zh, c/ch, s/sh, in/ing, en/eng, an/ang. */
  fuzzy?: boolean;
  /** How many candidates to return at most (all pages together). */
  maxCandidates?: number;
}

/** Costs in nats added to a word's −ln p; tuned so that whole words beat chains of characters. */
export const PENALTY = {
  /** Per word on a path: fewer, longer words read more naturally. */
  word: 3,
  /** Per syllable typed only as its initial (ldht). */
  initial: 1.5,
  /** The last letters still being typed (gongz → 工资). */
  partial: 0.5,
  /** A whole syllable at the end read as the start of a longer one (xian → xiang). */
  grow: 2.5,
  /** Per 模糊音 swap (nao read as lao). */
  fuzzySwap: 1.2,
  /** A word read from initials alone must be this common (or a content word). */
  initialsOnlyMaxCost: 11.5,
} as const;

/** Words longer than this many syllables are not searched for. */
const MAX_WORD_SYLLABLES = 8;

export interface Candidate {
  /** What tapping it commits. */
  text: string;
  /** How many letters of the composition it consumes (from the start). */
  letters: number;
  /** Total path cost (lower is better); for ordering and tests. */
  cost: number;
  /** A phrase of several words covering the whole composition (the lattice's best path). */
  phrase: boolean;
}

interface Token {
  end: number;
  /** Syllable id range, inclusive. */
  lo: number;
  hi: number;
  penalty: number;
  /** Typed as an initial only (no vowel). */
  initialOnly: boolean;
}

interface Edge {
  end: number;
  key: number;
  penalty: number;
  /** Every syllable of the word was typed as an initial. */
  initialsOnly: boolean;
}

export class PinyinEngine {
  readonly #dict: ImeDictionary;
  readonly #syllableIds: Map<string, number>;
  readonly #fuzzy: boolean;
  readonly #maxCandidates: number;

  constructor(dictionary: ImeDictionary, options: PinyinEngineOptions = {}) {
    this.#dict = dictionary;
    this.#syllableIds = new Map(dictionary.syllables.map((s, i) => [s, i]));
    this.#fuzzy = options.fuzzy ?? false;
    this.#maxCandidates = options.maxCandidates ?? 60;
  }

  get fuzzy(): boolean {
    return this.#fuzzy;
  }

  /** Candidates for the letters, best first; none when the letters cannot be read as pinyin. */
  candidates(letters: string): Candidate[] {
    const input = letters.toLowerCase();
    if (input.length === 0 || input.length > MAX_COMPOSITION_LETTERS || !/^[a-z]+$/.test(input)) return [];
    const n = input.length;
    const edges = this.#edges(input);
    const { best, next } = this.#bestPaths(edges, n);
    if (!Number.isFinite(best[0] ?? Infinity)) return [];

    const seen = new Map<string, Candidate>();
    const offer = (candidate: Candidate): void => {
      const id = `${candidate.letters}:${candidate.text}`;
      const existing = seen.get(id);
      if (!existing || existing.cost > candidate.cost) seen.set(id, candidate);
    };
    // The best path as one phrase, when it has more than one word.
    const phrase = this.#pathText(next, 0, n);
    if (phrase.words > 1) offer({ text: phrase.text, letters: n, cost: best[0] ?? Infinity, phrase: true });
    // Every word that can start a path, ranked by the best path it starts.
    for (const edge of edges[0] ?? []) {
      const rest = best[edge.end] ?? Infinity;
      if (!Number.isFinite(rest)) continue;
      const { wordStart, wordCost, wordContent } = this.#dict;
      const last = wordStart[edge.key + 1] ?? 0;
      for (let w = wordStart[edge.key] ?? 0; w < last; w++) {
        if (edge.initialsOnly && !this.#initialsOnlyAllowed(wordCost[w] ?? Infinity, wordContent[w] === 1)) continue;
        offer({ text: wordAt(this.#dict, w), letters: edge.end, cost: (wordCost[w] ?? 0) + edge.penalty + PENALTY.word + rest, phrase: false });
      }
    }
    let list = [...seen.values()];
    // Initials alone (ldht, qx) stand for one word: chains of words read from initials are junk (qxzqxz → 取消之前现在).
    if (!/[aeiouv]/.test(input)) list = list.filter((c) => !c.phrase && c.letters === n);
    return list.sort((a, b) => a.cost - b.cost || b.letters - a.letters).slice(0, this.#maxCandidates);
  }

  #initialsOnlyAllowed(cost: number, content: boolean): boolean {
    return content || cost <= PENALTY.initialsOnlyMaxCost;
  }

  /** Syllable id range [lo, hi] of the syllables starting with `prefix`, or undefined. */
  #prefixRange(prefix: string): [number, number] | undefined {
    const syllables = this.#dict.syllables;
    let lo = 0;
    let hi = syllables.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((syllables[mid] ?? '') < prefix) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    while (end < syllables.length && (syllables[end] ?? '').startsWith(prefix)) end += 1;
    return end > lo ? [lo, end - 1] : undefined;
  }

  /** Every reading of input[i…j) as one syllable: whole, fuzzy partner, initial, or unfinished at the end. */
  #tokens(input: string): Token[][] {
    const n = input.length;
    const tokens: Token[][] = [];
    for (let i = 0; i < n; i++) {
      const here: Token[] = [];
      for (let j = i + 1; j <= Math.min(n, i + MAX_SYLLABLE_LETTERS); j++) {
        const piece = input.slice(i, j);
        const id = this.#syllableIds.get(piece);
        if (id !== undefined) {
          here.push({ end: j, lo: id, hi: id, penalty: 0, initialOnly: false });
          if (this.#fuzzy) {
            for (const variant of fuzzyVariants(piece, (s) => this.#syllableIds.has(s))) {
              const vid = this.#syllableIds.get(variant.syllable) ?? 0;
              here.push({ end: j, lo: vid, hi: vid, penalty: variant.swaps * PENALTY.fuzzySwap, initialOnly: false });
            }
          }
        }
        const initialOnly = PINYIN_INITIALS.has(piece);
        const atEnd = j === n;
        if (initialOnly || (atEnd && id === undefined)) {
          const penalty: number = initialOnly ? PENALTY.initial : PENALTY.partial;
          const pieces: { text: string; penalty: number }[] = [{ text: piece, penalty }];
          if (this.#fuzzy) for (const variant of fuzzyInitialVariants(piece)) pieces.push({ text: variant, penalty: penalty + PENALTY.fuzzySwap });
          for (const p of pieces) {
            const range = this.#prefixRange(p.text);
            if (range) here.push({ end: j, lo: range[0], hi: range[1], penalty: p.penalty, initialOnly });
          }
        } else if (atEnd && id !== undefined) {
          // A whole syllable at the end may still grow (xian → xiang): offer the longer ones too.
          const range = this.#prefixRange(piece);
          if (range && range[1] > range[0]) here.push({ end: j, lo: range[0], hi: range[1], penalty: PENALTY.grow, initialOnly: false });
        }
      }
      tokens.push(here);
    }
    return tokens;
  }

  /** Syllable id of key k at depth d, or −1 when the key is shorter. */
  #column(k: number, d: number): number {
    const start = this.#dict.keyStart[k] ?? 0;
    const length = (this.#dict.keyStart[k + 1] ?? 0) - start;
    return d < length ? (this.#dict.keySyllables[start + d] ?? -1) : -1;
  }

  /** First key in [lo, hi) whose column d is ≥ value (keys in that range share columns < d). */
  #lowerBound(lo: number, hi: number, d: number, value: number): number {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#column(mid, d) < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  #keyLength(k: number): number {
    return (this.#dict.keyStart[k + 1] ?? 0) - (this.#dict.keyStart[k] ?? 0);
  }

  /** The lattice: for each start position, the dictionary keys that match letters from there. */
  #edges(input: string): Edge[][] {
    const n = input.length;
    const tokens = this.#tokens(input);
    const keyCount = this.#dict.keyStart.length - 1;
    const edges: Edge[][] = Array.from({ length: n }, () => []);
    for (let start = 0; start < n; start++) {
      const found = edges[start]!;
      const walk = (pos: number, depth: number, lo: number, hi: number, penalty: number, initialsOnly: boolean): void => {
        for (const token of tokens[pos] ?? []) {
          const a = this.#lowerBound(lo, hi, depth, token.lo);
          const b = this.#lowerBound(a, hi, depth, token.hi + 1);
          let x = a;
          while (x < b) {
            const id = this.#column(x, depth);
            const y = token.lo === token.hi ? b : this.#lowerBound(x, b, depth, id + 1);
            const cost = penalty + token.penalty;
            const allInitials = initialsOnly && token.initialOnly;
            let rest = x;
            if (this.#keyLength(x) === depth + 1) {
              // A single syllable typed as an initial is too vague to offer on its own (x, q, z …).
              if (!(allInitials && depth === 0)) found.push({ end: token.end, key: x, penalty: cost, initialsOnly: allInitials });
              rest = x + 1;
            }
            if (rest < y && depth + 1 < MAX_WORD_SYLLABLES && token.end < n) walk(token.end, depth + 1, rest, y, cost, allInitials);
            x = y;
          }
        }
      };
      walk(start, 0, 0, keyCount, 0, true);
    }
    return edges;
  }

  /** Cheapest word cost of an edge, or Infinity when no word may be offered for it. */
  #edgeCost(edge: Edge): number {
    const { wordStart, wordCost, wordContent } = this.#dict;
    const last = wordStart[edge.key + 1] ?? 0;
    for (let w = wordStart[edge.key] ?? 0; w < last; w++) {
      const cost = wordCost[w] ?? Infinity;
      if (!edge.initialsOnly || this.#initialsOnlyAllowed(cost, wordContent[w] === 1)) return cost + edge.penalty + PENALTY.word;
    }
    return Infinity;
  }

  /** best[i] = cheapest path from letter i to the end; next[i] = its first edge. */
  #bestPaths(edges: Edge[][], n: number): { best: Float64Array; next: (Edge | undefined)[] } {
    const best = new Float64Array(n + 1).fill(Infinity);
    const next: (Edge | undefined)[] = new Array<Edge | undefined>(n + 1);
    best[n] = 0;
    for (let i = n - 1; i >= 0; i--) {
      for (const edge of edges[i] ?? []) {
        const total = this.#edgeCost(edge) + (best[edge.end] ?? Infinity);
        if (total < (best[i] ?? Infinity)) {
          best[i] = total;
          next[i] = edge;
        }
      }
    }
    return { best, next };
  }

  #pathText(next: (Edge | undefined)[], from: number, n: number): { text: string; words: number } {
    let text = '';
    let words = 0;
    for (let i = from; i < n;) {
      const edge = next[i];
      if (!edge) break;
      const { wordStart, wordCost, wordContent } = this.#dict;
      const last = wordStart[edge.key + 1] ?? 0;
      for (let w = wordStart[edge.key] ?? 0; w < last; w++) {
        if (!edge.initialsOnly || this.#initialsOnlyAllowed(wordCost[w] ?? Infinity, wordContent[w] === 1)) {
          text += wordAt(this.#dict, w);
          break;
        }
      }
      words += 1;
      i = edge.end;
    }
    return { text, words };
  }
}
