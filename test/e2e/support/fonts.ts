/**
 * Which font Chromium actually drew text with, asked through the DevTools protocol
 * (CSS.getPlatformFontsForNode) rather than read from CSS: font-family only says what was
 * wanted; a missing web font silently falls back to whatever the system has (on the test
 * machines, WenQuanYi Micro Hei) or to tofu boxes.
 */
import type { Page } from 'playwright-core';

export interface PlatformFont {
  familyName: string;
  postScriptName?: string;
  isCustomFont: boolean;
  glyphCount: number;
}

export interface FontUse {
  text: string;
  /** Computed font-weight of the element (400, 700, …). */
  fontWeight: number;
  fonts: PlatformFont[];
}

const PROBE_ATTRIBUTE = 'data-e2e-font-probe';

/**
 * The fonts used for the direct text of every visible element matching `selector` whose own
 * text contains `textPattern` (by default, Chinese characters).
 */
export async function platformFontsFor(page: Page, selector: string, textPattern = '[\\u3400-\\u9fff]'): Promise<FontUse[]> {
  const texts = await page.evaluate(
    ({ selector, textPattern, attribute }) => {
      const pattern = new RegExp(textPattern);
      const marked: Array<{ text: string; fontWeight: number }> = [];
      for (const el of Array.from(document.querySelectorAll(selector))) {
        const ownText = Array.from(el.childNodes)
          .filter((node) => node.nodeType === Node.TEXT_NODE)
          .map((node) => node.textContent ?? '')
          .join('')
          .trim();
        const rect = el.getBoundingClientRect();
        if (!pattern.test(ownText) || rect.width === 0 || getComputedStyle(el).visibility !== 'visible') continue;
        el.setAttribute(attribute, String(marked.length));
        marked.push({ text: ownText, fontWeight: Number(getComputedStyle(el).fontWeight) });
      }
      return marked;
    },
    { selector, textPattern, attribute: PROBE_ATTRIBUTE },
  );

  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const uses: FontUse[] = [];
    for (const [index, { text, fontWeight }] of texts.entries()) {
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: `[${PROBE_ATTRIBUTE}="${index}"]` });
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      uses.push({ text, fontWeight, fonts });
    }
    return uses;
  } finally {
    await page.evaluate((attribute) => {
      for (const el of Array.from(document.querySelectorAll(`[${attribute}]`))) el.removeAttribute(attribute);
    }, PROBE_ATTRIBUTE);
    await cdp.detach();
  }
}
