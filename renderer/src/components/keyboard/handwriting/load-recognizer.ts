import { HandwritingRecognizer } from '../../../../../electron/common/handwriting/recognizer';
import { decodeTemplates } from '../../../../../electron/common/handwriting/template-format';

/**
 * The templates are a static file of the renderer's own origin (built by
 * scripts/build/build-handwriting.ts into renderer/public/generated/handwriting/), fetched the
 * first time a resident switches to 手写 — about 600 KB nobody else has to load. The kiosk is
 * offline: the URL is relative to the page, never remote.
 */
export const TEMPLATES_URL = 'generated/handwriting/templates.bin';

let loading: Promise<HandwritingRecognizer> | undefined;

export function loadRecognizer(): Promise<HandwritingRecognizer> {
  loading ??= (async () => {
    const response = await fetch(new URL(TEMPLATES_URL, document.baseURI));
    if (!response.ok) throw new Error(`handwriting templates: HTTP ${response.status}`);
    const { templates } = decodeTemplates(new Uint8Array(await response.arrayBuffer()));
    return new HandwritingRecognizer(templates);
  })();
  // A failed load may be retried the next time the pad opens.
  loading.catch(() => (loading = undefined));
  return loading;
}
