import { decodeDictionary, type ImeDictionary } from '../../../../electron/common/ime/dictionary-format';

/**
 * The pinyin dictionary is a static file of the renderer's own origin (built by
 * scripts/build/build-ime-dictionary.ts into renderer/public/generated/ime/), fetched the first time
 * the keyboard is shown and kept for the life of the page. The kiosk is offline: the URL is relative
 * to the page, never remote.
 */
export const IME_DICTIONARY_URL = 'generated/ime/dictionary.txt';

let loading: Promise<ImeDictionary> | undefined;

export function loadImeDictionary(): Promise<ImeDictionary> {
  loading ??= (async () => {
    const response = await fetch(new URL(IME_DICTIONARY_URL, document.baseURI));
    if (!response.ok) throw new Error(`ime dictionary: HTTP ${response.status}`);
    return decodeDictionary(await response.text());
  })();
  // A failed load may be retried the next time the keyboard opens.
  loading.catch(() => (loading = undefined));
  return loading;
}
