/**
 * 「您是不是要找」 on misspelled public STARD questions: in each question, one character of a legal
 * term — the longest of its jieba words that also occurs in a relevant article's text, i.e. a word
 * the statute uses — is swapped for a common homophone (same toneless reading), as a resident
 * picking the wrong candidate would. Recall@10 is printed for the clean questions, the misspelled
 * ones searched as typed, and the misspelled ones with the kiosk's correction (what the host does).
 * The swapped term is chosen from the statute, not from the corrector's known terms, so terms the
 * kiosk does not know stay uncorrected and count against it.
 */
import { Jieba } from '@node-rs/jieba';
import { dict as jiebaDict } from '@node-rs/jieba/dict';
import { wordAt, type ImeDictionary } from '../../electron/common/ime/dictionary-format';
import { QueryCorrector } from '../../electron/common/ime/query-correction';
import { recallAt } from '../../kiosk-content/src/search/common/metrics';
import { seededRandom } from './handwriting-samples';

export interface MisspellingQuestion {
  query: string;
  relevant: ReadonlySet<string>;
}

export interface MisspellingInput {
  questions: readonly MisspellingQuestion[];
  /** Article keys, best first. */
  rank(query: string): string[];
  articleText(key: string): string | undefined;
  dictionary: ImeDictionary;
  /** What the host gives its corrector: glossary terms and law titles. */
  knownTerms: Iterable<string>;
  seed?: number;
}

const han = /^\p{Script=Han}{2,}$/u;

/** Character → its common homophones (same toneless reading), most frequent first. */
function homophoneTable(dict: ImeDictionary): { homophones(character: string): string[] } {
  const bySyllable = new Map<number, { character: string; cost: number }[]>();
  const readings = new Map<string, number[]>();
  for (let k = 0; k + 1 < dict.keyStart.length; k++) {
    const start = dict.keyStart[k] ?? 0;
    if ((dict.keyStart[k + 1] ?? 0) - start !== 1) continue;
    const id = dict.keySyllables[start] ?? 0;
    for (let w = dict.wordStart[k] ?? 0; w < (dict.wordStart[k + 1] ?? 0); w++) {
      const character = wordAt(dict, w);
      const list = bySyllable.get(id) ?? [];
      list.push({ character, cost: dict.wordCost[w] ?? 0 });
      bySyllable.set(id, list);
      readings.set(character, [...(readings.get(character) ?? []), id]);
    }
  }
  for (const list of bySyllable.values()) list.sort((a, b) => a.cost - b.cost);
  return {
    homophones(character) {
      // The character's main reading (its cheapest entry is listed first by the builder's costs).
      const id = readings.get(character)?.[0];
      if (id === undefined) return [];
      return (bySyllable.get(id) ?? [])
        .slice(0, 12)
        .map((e) => e.character)
        .filter((c) => c !== character)
        .slice(0, 8);
    },
  };
}

export interface MisspellingReport {
  lines: string[];
  clean: number;
  misspelled: number;
  corrected: number;
}

export function misspellingReport(input: MisspellingInput): MisspellingReport {
  const jieba = Jieba.withDict(jiebaDict);
  const random = seededRandom(input.seed ?? 11);
  const table = homophoneTable(input.dictionary);
  const corrector = new QueryCorrector(input.dictionary, input.knownTerms);

  let n = 0;
  let clean = 0;
  let asTyped = 0;
  let corrected = 0;
  let cleanCorrected = 0;
  let cleanChanged = 0;
  let fixedExactly = 0;
  const searchLikeHost = (query: string): string[] => input.rank(corrector.correct(query)?.corrected ?? query);
  for (const question of input.questions) {
    const statute = [...question.relevant].map((key) => input.articleText(key) ?? '').join('\n');
    const words = jieba.cut(question.query, false).filter((w) => han.test(w));
    const legal = words.filter((w) => statute.includes(w)).sort((a, b) => b.length - a.length);
    const term = legal[0] ?? [...words].sort((a, b) => b.length - a.length)[0];
    if (term === undefined) continue;
    const positions = Array.from(term, (_, i) => i).sort(() => random() - 0.5);
    let misspelledTerm: string | undefined;
    for (const position of positions) {
      const options = table.homophones(term[position] ?? '');
      if (options.length === 0) continue;
      const swap = options[Math.floor(random() * options.length)] ?? '';
      misspelledTerm = term.slice(0, position) + swap + term.slice(position + 1);
      break;
    }
    if (misspelledTerm === undefined) continue;
    const misspelled = question.query.replace(term, misspelledTerm);
    n += 1;
    clean += recallAt(question.relevant, input.rank(question.query), 10);
    asTyped += recallAt(question.relevant, input.rank(misspelled), 10);
    const fix = corrector.correct(misspelled);
    if (fix?.corrected === question.query) fixedExactly += 1;
    corrected += recallAt(question.relevant, input.rank(fix?.corrected ?? misspelled), 10);
    const cleanFix = corrector.correct(question.query);
    if (cleanFix) cleanChanged += 1;
    cleanCorrected += recallAt(question.relevant, searchLikeHost(question.query), 10);
  }
  const pct = (x: number): string => ((100 * x) / Math.max(1, n)).toFixed(1);
  return {
    clean: clean / Math.max(1, n),
    misspelled: asTyped / Math.max(1, n),
    corrected: corrected / Math.max(1, n),
    lines: [
      `Misspelled questions (one homophone character swapped in a statute word; ${String(n)} questions; 「您是不是要找」 corrector knows ${String(corrector.size)} terms):`,
      `  R@10 clean questions, searched as the host does (with correction) ${pct(cleanCorrected)} %  (without: ${pct(clean)} %; ${String(cleanChanged)} clean questions changed by the corrector)`,
      `  R@10 misspelled, searched as typed                              ${pct(asTyped)} %`,
      `  R@10 misspelled, with the correction                            ${pct(corrected)} %  (loss vs clean: ${(Number(pct(clean)) - Number(pct(corrected))).toFixed(1)} points; target ≤ 5; ${String(fixedExactly)} restored exactly)`,
    ],
  };
}
