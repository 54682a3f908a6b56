import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeDictionary, type ImeDictionary } from '../../common/ime/dictionary-format';
import { QueryCorrector } from '../../common/ime/query-correction';
import type { Logger } from '../system/logger';

/** Where the renderer build puts the pinyin dictionary (scripts/build/build-ime-dictionary.ts). */
export function imeDictionaryFileIn(rendererDir: string): string {
  return path.join(rendererDir, 'generated', 'ime', 'dictionary.txt');
}

/**
 * Makes 「您是不是要找」 correctors from the pinyin dictionary the renderer ships, read once (about
 * a second) and shared by every content generation. Without the file (a host started without a
 * built renderer) search simply makes no corrections.
 */
export function queryCorrectorLoader(
  file: string | undefined,
  logger: Logger,
): { load(): ImeDictionary | null; corrector(knownTerms: Iterable<string>): QueryCorrector | null } {
  let dictionary: ImeDictionary | null | undefined;
  const load = (): ImeDictionary | null => {
    if (dictionary !== undefined) return dictionary;
    dictionary = null;
    if (file === undefined || !existsSync(file)) {
      logger.log('info', 'search.no-correction', { reason: 'no pinyin dictionary', file: file ?? null });
      return dictionary;
    }
    try {
      dictionary = decodeDictionary(readFileSync(file, 'utf8'));
    } catch (error) {
      logger.log('warn', 'search.no-correction', { file, error: error instanceof Error ? error.message : String(error) });
    }
    return dictionary;
  };
  return {
    load,
    corrector: (knownTerms) => {
      const loaded = load();
      return loaded ? new QueryCorrector(loaded, knownTerms) : null;
    },
  };
}
