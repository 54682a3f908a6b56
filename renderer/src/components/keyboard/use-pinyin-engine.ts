import { useEffect, useMemo, useState } from 'react';
import type { ImeDictionary } from '../../../../electron/common/ime/dictionary-format';
import { PinyinEngine } from '../../../../electron/common/ime/pinyin-engine';
import { loadImeDictionary } from './load-ime';

export type PinyinEngineState = { status: 'loading'; engine: null } | { status: 'ready'; engine: PinyinEngine } | { status: 'failed'; engine: null };

/** The pinyin engine once its dictionary has loaded; 模糊音 as the terminal is provisioned. */
export function usePinyinEngine(fuzzy: boolean): PinyinEngineState {
  const [dictionary, setDictionary] = useState<ImeDictionary | 'loading' | 'failed'>('loading');
  useEffect(() => {
    let cancelled = false;
    loadImeDictionary().then(
      (loaded) => {
        if (!cancelled) setDictionary(loaded);
      },
      () => {
        if (!cancelled) setDictionary('failed');
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);
  return useMemo(() => {
    if (dictionary === 'loading') return { status: 'loading', engine: null };
    if (dictionary === 'failed') return { status: 'failed', engine: null };
    return { status: 'ready', engine: new PinyinEngine(dictionary, { fuzzy }) };
  }, [dictionary, fuzzy]);
}
