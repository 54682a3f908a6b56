/**
 * Pinyin input method benchmark on held-apart text: the words of the public STARD questions
 * (../shared/data/stard/queries.public.jsonl), segmented by jieba, each typed as toneless full pinyin
 * without spaces, as a resident would. The questions are not in the dictionary's sources (jieba's
 * word counts and the kiosk's own content); the engine's penalties were tuned on the questions with
 * even ids (`--set tune`), and the numbers are reported on the odd ones (`--set test`, the default).
 *
 *   npm run bench:ime [-- --set test|tune|all --seed 7]
 *
 * Targets: top-1 ≥ 85 %, top-5 ≥ 97 %, top-5 with 模糊音 errors ≥ 90 %, p95 ≤ 30 ms per keystroke.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Jieba } from '@node-rs/jieba';
import { dict as jiebaDict } from '@node-rs/jieba/dict';
import { pinyin } from 'pinyin-pro';
// The engine is pure (no DOM); the benchmark measures exactly the code the keyboard ships.
import { decodeDictionary, dictionaryBytes } from '../../electron/common/ime/dictionary-format';
import { FUZZY_FINAL_PAIRS, FUZZY_INITIAL_PAIRS } from '../../electron/common/ime/fuzzy-pinyin';
import { PinyinEngine, type Candidate } from '../../electron/common/ime/pinyin-engine';
import { isPinyinSyllable } from '../../electron/common/ime/pinyin-syllables';
import { buildImeDictionary } from '../build/build-ime-dictionary';
import { repoRoot } from '../lib/repo-paths';
import { seededRandom } from './handwriting-samples';

const { values } = parseArgs({
  options: { set: { type: 'string', default: 'test' }, seed: { type: 'string', default: '7' }, misses: { type: 'string', default: '0' } },
});
const queriesFile = path.resolve(repoRoot, '../shared/data/stard/queries.public.jsonl');

const han = /^\p{Script=Han}+$/u;

interface Phrase {
  text: string;
  /** Toneless syllables in the context of its question (银行 yin hang). */
  syllables: string[];
}

function heldApartPhrases(): { words: Phrase[]; pairs: Phrase[]; questions: number } {
  const jieba = Jieba.withDict(jiebaDict);
  const words: Phrase[] = [];
  const pairs: Phrase[] = [];
  let questions = 0;
  for (const line of readFileSync(queriesFile, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const { id, query } = JSON.parse(line) as { id: number; query: string };
    if (values.set === 'test' && id % 2 === 0) continue;
    if (values.set === 'tune' && id % 2 === 1) continue;
    questions += 1;
    const reading = pinyin(query, { toneType: 'none', type: 'array', v: true });
    const tokens = jieba.cut(query, false);
    let offset = 0;
    let previous: Phrase | undefined;
    for (const token of tokens) {
      const syllables = reading.slice(offset, offset + token.length);
      offset += token.length;
      const phrase = han.test(token) && syllables.every(isPinyinSyllable) ? { text: token, syllables } : undefined;
      if (phrase && token.length >= 2) words.push(phrase);
      if (phrase && previous && previous.text.length >= 2 && token.length >= 2)
        pairs.push({ text: previous.text + token, syllables: [...previous.syllables, ...syllables] });
      previous = phrase;
    }
  }
  return { words, pairs, questions };
}

/** Syllables as a speaker who merges the 模糊音 pairs might type them: at least one swapped, each still a syllable. */
function withFuzzyErrors(syllables: string[], random: () => number, isSyllable: (s: string) => boolean): string[] | undefined {
  const swaps = (s: string): string[] => {
    const out: string[] = [];
    for (const [a, b] of FUZZY_INITIAL_PAIRS) {
      if (s.startsWith(b) && b.length > a.length) out.push(a + s.slice(b.length));
      else if (s.startsWith(a) && !s.startsWith(b)) out.push(b + s.slice(a.length));
    }
    for (const [short, long] of FUZZY_FINAL_PAIRS) {
      if (s.endsWith(long)) out.push(s.slice(0, -long.length) + short);
      else if (s.endsWith(short)) out.push(s.slice(0, -short.length) + long);
    }
    return out.filter((t) => t !== s && isSyllable(t));
  };
  const options = syllables.map(swaps);
  const swappable = options.flatMap((o, i) => (o.length > 0 ? [i] : []));
  if (swappable.length === 0) return undefined;
  const forced = swappable[Math.floor(random() * swappable.length)] ?? 0;
  return syllables.map((s, i) => {
    const choices = options[i] ?? [];
    if (choices.length === 0 || (i !== forced && random() < 0.5)) return s;
    return choices[Math.floor(random() * choices.length)] ?? s;
  });
}

interface Score {
  n: number;
  top1: number;
  top5: number;
  misses: string[];
  top1Misses: string[];
}

function rankOf(candidates: Candidate[], phrase: Phrase, letters: number): number {
  return candidates.findIndex((c) => c.text === phrase.text && c.letters === letters);
}

function score(engine: PinyinEngine, phrases: Phrase[], typed: (p: Phrase) => string[] | undefined): Score {
  const result: Score = { n: 0, top1: 0, top5: 0, misses: [], top1Misses: [] };
  for (const phrase of phrases) {
    const syllables = typed(phrase);
    if (!syllables) continue;
    const letters = syllables.join('');
    const candidates = engine.candidates(letters);
    const rank = rankOf(candidates, phrase, letters.length);
    result.n += 1;
    if (rank === 0) result.top1 += 1;
    else
      result.top1Misses.push(
        `${phrase.text} ${letters} → ${candidates
          .slice(0, 2)
          .map((c) => c.text)
          .join(' ')}`,
      );
    if (rank >= 0 && rank < 5) result.top5 += 1;
    else
      result.misses.push(
        `${phrase.text} ${letters} → ${candidates
          .slice(0, 3)
          .map((c) => c.text)
          .join(' ')}`,
      );
  }
  return result;
}

function keystrokeTimes(engine: PinyinEngine, phrases: Phrase[]): number[] {
  const times: number[] = [];
  for (const phrase of phrases) {
    const letters = phrase.syllables.join('');
    for (let k = 1; k <= letters.length; k++) {
      const started = performance.now();
      engine.candidates(letters.slice(0, k));
      times.push(performance.now() - started);
    }
  }
  return times.sort((a, b) => a - b);
}

const pct = (n: number, of: number): string => `${((100 * n) / Math.max(1, of)).toFixed(1)} %`;
const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const gc = (globalThis as { gc?: () => void }).gc;

const built = buildImeDictionary();
gc?.();
// Typed arrays live outside the JS heap (arrayBuffers), the words' text inside it.
const memory = (): number => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
const heapBefore = memory();
const decodeStarted = performance.now();
const dictionary = decodeDictionary(built.text);
const decodeMs = performance.now() - decodeStarted;
gc?.();
const heapAfter = memory();

const plain = new PinyinEngine(dictionary);
const fuzzy = new PinyinEngine(dictionary, { fuzzy: true });
const { words, pairs, questions } = heldApartPhrases();
const random = seededRandom(Number(values.seed));
const syllableSet = new Set(dictionary.syllables);
const fuzzyTyped = new Map(words.map((p) => [p, withFuzzyErrors(p.syllables, random, (s) => syllableSet.has(s))]));

// Warm up the JIT so the first phrases are not timed cold.
keystrokeTimes(plain, words.slice(0, 50));

const clean = score(plain, words, (p) => p.syllables);
const cleanPairs = score(plain, pairs, (p) => p.syllables);
const cleanWithFuzzyOn = score(fuzzy, words, (p) => p.syllables);
const fuzzed = score(fuzzy, words, (p) => fuzzyTyped.get(p));
const times = keystrokeTimes(plain, words);
const fuzzyTimes = keystrokeTimes(fuzzy, words);

console.log(`IME benchmark — ${questions} STARD public questions (set ${values.set}), jieba words of ≥ 2 characters typed as toneless full pinyin`);
console.log(
  `dictionary: ${built.words} words (${built.contentWords} lifted from the kiosk's content), file ${(Buffer.byteLength(built.text) / 1024 / 1024).toFixed(2)} MiB, decoded ${(dictionaryBytes(dictionary) / 1024 / 1024).toFixed(1)} MiB (estimate), heap + array buffers +${((heapAfter - heapBefore) / 1024 / 1024).toFixed(1)} MiB measured${gc ? '' : ' (no --expose-gc: rough)'}, decode ${decodeMs.toFixed(0)} ms`,
);
console.log(`words:                          ${clean.n} phrases (${new Set(words.map((w) => w.text)).size} distinct)`);
console.log(`  top-1 phrase accuracy:        ${pct(clean.top1, clean.n)}   (target ≥ 85 %)`);
console.log(`  intended word in top 5:       ${pct(clean.top5, clean.n)}   (target ≥ 97 %)`);
console.log(`  top 5, 模糊音 on, typed right: ${pct(cleanWithFuzzyOn.top5, cleanWithFuzzyOn.n)}   (top-1 ${pct(cleanWithFuzzyOn.top1, cleanWithFuzzyOn.n)})`);
console.log(
  `  top 5, 模糊音 errors injected: ${pct(fuzzed.top5, fuzzed.n)}   (target ≥ 90 %; ${fuzzed.n} phrases with ≥ 1 swap; top-1 ${pct(fuzzed.top1, fuzzed.n)})`,
);
console.log(
  `two-word phrases:               ${cleanPairs.n} phrases, top-1 ${pct(cleanPairs.top1, cleanPairs.n)}, top 5 ${pct(cleanPairs.top5, cleanPairs.n)}`,
);
console.log(
  `per keystroke (${times.length} prefixes): median ${quantile(times, 0.5).toFixed(2)} ms, p95 ${quantile(times, 0.95).toFixed(2)} ms, max ${quantile(times, 1).toFixed(1)} ms (target p95 ≤ 30 ms); 模糊音 on: p95 ${quantile(fuzzyTimes, 0.95).toFixed(2)} ms`,
);
const showMisses = Number(values.misses);
if (showMisses > 0) {
  console.log('misses (top 1):', clean.top1Misses.slice(0, showMisses).join(' | '));
  console.log('misses (top 5):', clean.misses.slice(0, showMisses).join(' | '));
  console.log('misses (模糊音):', fuzzed.misses.slice(0, showMisses).join(' | '));
  console.log('misses (pairs):', cleanPairs.misses.slice(0, showMisses).join(' | '));
}
