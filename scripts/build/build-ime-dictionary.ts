/**
 * Builds the pinyin input method's dictionary into renderer/public/generated/ime/, which Vite copies
 * into the renderer bundle; the keyboard fetches it the first time it is shown. The output is
 * gitignored: it is derived at build time from kept data only —
 *   - words and frequencies: jieba's dictionary as shipped in @node-rs/jieba (dict.txt, MIT),
 *   - readings: pinyin-pro's dictionaries (MIT), toneless, ü written as v,
 *   - the kiosk's own words (glossary terms, Q&A questions, the titles of the laws its answers
 *     cite) from kiosk-content/default, lifted so that e.g. 劳动 ranks before 劳顿.
 *
 *   npm run build:ime      (also run by every renderer build)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { pinyin } from 'pinyin-pro';
import { encodeDictionary, type DictionaryEntry } from '../../electron/common/ime/dictionary-format';
import { isPinyinSyllable } from '../../electron/common/ime/pinyin-syllables';
import { loadGlossaryFolder } from '../../kiosk-content/src/glossary/node/load-glossary-folder';
import { loadQaFolder } from '../../kiosk-content/src/qa/node/load-qa-folder';
import { createJiebaTokenizer } from '../../kiosk-content/src/search/node/jieba-tokenizer';
import { appVersion, defaultContentDir, repoRoot } from '../lib/repo-paths';

export const imeOutDir = path.join(repoRoot, 'renderer', 'public', 'generated', 'ime');
export const imeDictionaryFileName = 'dictionary.txt';

/** jieba gives 3 to words it lists without a count; keep the words seen more often than that. */
export const MIN_FREQUENCY = 1;
/** Longer entries are rare idioms and names that nobody types on a kiosk. */
export const MAX_WORD_LENGTH = 8;
/** A content word counts this many times as often as jieba says … */
export const CONTENT_LIFT = 4;
/** … and at least this often (content words jieba lacks, e.g. 劳动合同法, get this). */
export const CONTENT_FLOOR = 2000;
/** A character's second and further readings (行 hang after xing) cost this much more, in nats. */
export const EXTRA_READING_COST = 2;

const han = /^\p{Script=Han}+$/u;

/**
 * The 6763 characters of GB2312 (levels 1 and 2): jieba also lists traditional and rare forms
 * (勞動, 鐒) that a resident never means; words using other characters are left out unless the
 * kiosk's content has them.
 */
export function gb2312Characters(): Set<string> {
  const decoder = new TextDecoder('gb18030');
  const characters = new Set<string>();
  for (let row = 0xb0; row <= 0xf7; row++) {
    for (let cell = 0xa1; cell <= 0xfe; cell++) {
      const character = decoder.decode(new Uint8Array([row, cell]));
      if (han.test(character)) characters.add(character);
    }
  }
  return characters;
}

export function jiebaDictionaryText(): string {
  const require = createRequire(import.meta.url);
  return readFileSync(path.join(path.dirname(require.resolve('@node-rs/jieba/package.json')), 'dict.txt'), 'utf8');
}

/** word → count from jieba's dictionary ("word count tag" per line); Han-only words. */
export function jiebaFrequencies(text: string = jiebaDictionaryText()): Map<string, number> {
  const frequencies = new Map<string, number>();
  for (const line of text.split('\n')) {
    const [word, count] = line.split(' ');
    if (word === undefined || !han.test(word)) continue;
    const n = Number(count);
    if (Number.isFinite(n) && n > 0) frequencies.set(word, (frequencies.get(word) ?? 0) + n);
  }
  return frequencies;
}

/** The kiosk's words: glossary terms, cited law titles, and the words of its Q&A questions. */
export function contentWords(contentDir: string = defaultContentDir): Set<string> {
  const glossary = loadGlossaryFolder(path.join(contentDir, 'glossary'));
  const qa = loadQaFolder(path.join(contentDir, 'qa'));
  const whole = new Set<string>();
  for (const entry of glossary.entries) for (const term of [...entry.colloquial, ...entry.legal]) whole.add(term);
  for (const entry of qa.entries) for (const cite of entry.cites) whole.add(cite.law);
  const tokenizer = createJiebaTokenizer(whole);
  const words = new Set<string>();
  for (const text of [...whole, ...qa.entries.flatMap((entry) => [entry.question, ...entry.also])]) {
    if (han.test(text) && text.length <= MAX_WORD_LENGTH) words.add(text);
    for (const token of tokenizer.tokenize(text)) if (han.test(token) && token.length >= 2 && token.length <= MAX_WORD_LENGTH) words.add(token);
  }
  return words;
}

/** Toneless syllables of a word in context (银行 → yin hang), or undefined if any is not standard pinyin. */
export function wordReading(word: string): string[] | undefined {
  const syllables = pinyin(word, { toneType: 'none', type: 'array', v: true });
  return syllables.length === word.length && syllables.every(isPinyinSyllable) ? syllables : undefined;
}

/** Every standard reading of one character, most common first (行 → xing, hang, heng). */
export function characterReadings(character: string): string[] {
  return [...new Set(pinyin(character, { toneType: 'none', type: 'array', multiple: true, v: true }))].filter(isPinyinSyllable);
}

export interface ImeDictionaryBuild {
  text: string;
  words: number;
  contentWords: number;
  notice: string;
}

export function buildImeDictionary(contentDir: string = defaultContentDir): ImeDictionaryBuild {
  const frequencies = jiebaFrequencies();
  const content = contentWords(contentDir);
  const common = gb2312Characters();
  const isCommon = (word: string): boolean => [...word].every((character) => common.has(character));
  let total = 0;
  for (const n of frequencies.values()) total += n;
  const cost = (count: number): number => -Math.log(count / total) * 10;

  const entries: DictionaryEntry[] = [];
  let words = 0;
  const add = (word: string, count: number, isContent: boolean): void => {
    if (word.length === 1) {
      characterReadings(word).forEach((reading, index) => {
        entries.push({ syllables: [reading], words: [{ word, cost: cost(count) + index * EXTRA_READING_COST * 10, content: isContent }] });
      });
      words += 1;
      return;
    }
    const reading = wordReading(word);
    if (!reading) return;
    entries.push({ syllables: reading, words: [{ word, cost: cost(count), content: isContent }] });
    words += 1;
  };
  for (const [word, count] of frequencies) {
    if (content.has(word) || word.length > MAX_WORD_LENGTH || !isCommon(word)) continue;
    if (word.length === 1 || count >= MIN_FREQUENCY) add(word, count, false);
  }
  for (const word of content) add(word, Math.max((frequencies.get(word) ?? 0) * CONTENT_LIFT, CONTENT_FLOOR), true);

  const require = createRequire(import.meta.url);
  const version = (pkg: string): string => (JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version;
  const notice = [
    `Words and counts from jieba's dictionary as shipped in @node-rs/jieba ${version('@node-rs/jieba')} (MIT);`,
    `readings from pinyin-pro ${version('pinyin-pro')} (MIT); ${content.size} words of the kiosk's default content lifted.`,
    `Built by Fatong ${appVersion()} (scripts/build/build-ime-dictionary.ts).`,
  ].join(' ');
  return { text: encodeDictionary({ notice, entries }), words, contentWords: content.size, notice };
}

/** Writes the dictionary; leaves the file alone when unchanged (keeps the renderer build fresh). */
export function writeImeDictionary(outDir: string = imeOutDir): ImeDictionaryBuild & { file: string; bytes: number; written: boolean } {
  const build = buildImeDictionary();
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, imeDictionaryFileName);
  const bytes = Buffer.from(build.text, 'utf8');
  const written = !(existsSync(file) && Buffer.compare(readFileSync(file), bytes) === 0);
  if (written) writeFileSync(file, bytes);
  return { ...build, file, bytes: bytes.length, written };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = writeImeDictionary();
  const mib = (result.bytes / 1024 / 1024).toFixed(2);
  console.log(
    `ime dictionary: ${result.words} words (${result.contentWords} from the kiosk's content), ${mib} MiB → ${path.relative(repoRoot, result.file)}${result.written ? '' : ' (unchanged)'}`,
  );
}
