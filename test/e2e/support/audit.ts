/**
 * Measurements taken inside the page from computed styles and layout, for the accessibility
 * rules every kiosk screen must meet (touch targets, text size, contrast). They return plain data;
 * the specs assert on it, so a failure names the element and the numbers.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

export interface TextElement {
  /** A short description: tag, classes and the start of the text. */
  where: string;
  /** Position in the DOM (tag:nth-child chain from <body>), stable while the text changes. */
  path: string;
  text: string;
  fontSizePx: number;
  color: string;
  background: string;
  /** WCAG 2 contrast ratio of the text colour against its effective background; NaN if not computable. */
  contrast: number;
  /** Why the contrast could not be computed (e.g. a background image), if so. */
  problem?: string;
}

export interface Target {
  where: string;
  width: number;
  height: number;
}

/**
 * Every visible element with its own (non-blank) text, with its font size and the contrast of its
 * text against the background it is actually drawn on: background colours are walked up the
 * ancestors and composited until an opaque one (the canvas is white), ancestor opacity fades the text.
 */
export async function collectTextElements(page: Page): Promise<TextElement[]> {
  return page.evaluate(() => {
    type Rgba = [number, number, number, number];
    const parse = (value: string): Rgba | undefined => {
      const match = /^rgba?\(([^)]+)\)$/.exec(value.trim());
      if (!match?.[1]) return undefined;
      const parts = match[1]
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      const [r, g, b, a = 1] = parts;
      if (r === undefined || g === undefined || b === undefined || parts.some(Number.isNaN)) return undefined;
      return [r, g, b, a];
    };
    const over = (top: Rgba, bottom: Rgba): Rgba => {
      const a = top[3] + bottom[3] * (1 - top[3]);
      if (a === 0) return [0, 0, 0, 0];
      const mix = (i: 0 | 1 | 2): number => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a;
      return [mix(0), mix(1), mix(2), a];
    };
    const luminance = (c: Rgba): number => {
      const lin = (v: number): number => {
        const s = v / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
    };
    const describe = (el: Element, text: string): string => {
      const classes = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      return `<${el.tagName.toLowerCase()}${classes}> "${text.slice(0, 24)}"`;
    };

    const domPath = (el: Element): string => {
      const steps: string[] = [];
      for (let node: Element | null = el; node && node !== document.body; node = node.parentElement) {
        const index = node.parentElement ? Array.from(node.parentElement.children).indexOf(node) + 1 : 1;
        steps.unshift(`${node.tagName.toLowerCase()}:nth-child(${index})`);
      }
      return steps.join(' > ');
    };

    const results: TextElement[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const ownText = Array.from(el.childNodes)
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent ?? '')
        .join('')
        .trim();
      if (!ownText) continue;
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      if (style.visibility !== 'visible' || style.display === 'none' || rect.width === 0 || rect.height === 0) continue;
      if (el.closest('[aria-hidden="true"]')) continue;

      let problem: string | undefined;
      const layers: Rgba[] = [];
      let opacity = 1;
      for (let node: Element | null = el; node; node = node.parentElement) {
        const s = getComputedStyle(node);
        opacity *= Number(s.opacity);
        if (s.backgroundImage !== 'none') problem ??= `background image on <${node.tagName.toLowerCase()}>`;
        const bg = parse(s.backgroundColor);
        if (!bg) problem ??= `unparsed background ${s.backgroundColor}`;
        else if (bg[3] > 0) layers.push(bg);
        if (bg && bg[3] >= 1) break;
      }
      let background: Rgba = [255, 255, 255, 1];
      for (const layer of layers.reverse()) background = over(layer, background);
      const parsedColor = parse(style.color);
      if (!parsedColor) problem ??= `unparsed colour ${style.color}`;
      const textColor: Rgba = parsedColor ? [parsedColor[0], parsedColor[1], parsedColor[2], parsedColor[3] * opacity] : [0, 0, 0, 1];
      const drawn = over(textColor, background);
      const [l1, l2] = [luminance(drawn), luminance(background)].sort((a, b) => b - a) as [number, number];
      results.push({
        where: describe(el, ownText),
        path: domPath(el),
        text: ownText,
        fontSizePx: parseFloat(style.fontSize),
        color: style.color,
        background: `rgb(${background
          .slice(0, 3)
          .map((v) => Math.round(v))
          .join(', ')})`,
        contrast: problem ? Number.NaN : (l1 + 0.05) / (l2 + 0.05),
        ...(problem ? { problem } : {}),
      });
    }
    return results;
  });
}

/**
 * Everything a finger can press: native controls, ARIA buttons/links, focusable elements, and any
 * element drawn with a pointer cursor whose parent is not (so a tile counts once, not per span).
 */
export async function collectTargets(page: Page): Promise<Target[]> {
  return page.evaluate(() => {
    const selector =
      'button, a[href], input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="link"], [role="checkbox"], [role="switch"], [role="tab"], [tabindex]:not([tabindex="-1"])';
    const found = new Set<Element>(Array.from(document.querySelectorAll(selector)));
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const parent = el.parentElement;
      if (getComputedStyle(el).cursor === 'pointer' && (!parent || getComputedStyle(parent).cursor !== 'pointer')) found.add(el);
    }
    const targets: Target[] = [];
    for (const el of found) {
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      if (style.visibility !== 'visible' || style.display === 'none' || rect.width === 0 || rect.height === 0) continue;
      const label = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 24);
      targets.push({ where: `<${el.tagName.toLowerCase()}> "${label}"`, width: rect.width, height: rect.height });
    }
    return targets;
  });
}

/** How far the page is wider than the screen (0 when nothing sticks out sideways). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  /** Selectors of (up to five of) the offending elements. */
  targets: string[];
}

let axeSource: string | undefined;

/**
 * Runs axe-core (npm axe-core, injected from node_modules: nothing is fetched) on the page as it
 * is now, with the WCAG 2.0/2.1/2.2 A and AA rules. Colour contrast is measured by our own
 * collector above too; axe's is kept as a second opinion.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe !== 'undefined');
  // Evaluated through DevTools, not as a <script>: the kiosk's CSP (script-src 'self') rightly blocks inline scripts.
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  if (!loaded) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type AxeResult = { violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> };
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<AxeResult> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' ')),
    }));
  });
}

/**
 * Every visible element that sticks out of the window sideways, or whose own content is cut (an
 * element that clips or ellipsises and is narrower than what it holds): "自助法律…", a chip
 * past the edge. Screen-reader-only text (1 px boxes) is not drawn and not counted; <main>
 * scrolls vertically by design.
 */
export async function collectCutOff(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const describe = (el: Element): string => {
      const id = el.getAttribute('data-testid');
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 24);
      return `<${el.tagName.toLowerCase()}${id ? ` data-testid="${id}"` : ''}> "${text}"`;
    };
    const found: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const rect = el.getBoundingClientRect();
      if (rect.width <= 1 || rect.height <= 1) continue;
      const style = getComputedStyle(el);
      if (style.visibility !== 'visible') continue;
      if (rect.right > width + 1 || rect.left < -1) found.push(`${describe(el)} reaches ${Math.round(rect.left)}…${Math.round(rect.right)} px of ${width}`);
      const clips = /hidden|clip/.test(style.overflowX) || style.textOverflow === 'ellipsis';
      if (clips && el.tagName !== 'MAIN' && el.scrollWidth > el.clientWidth + 1)
        found.push(`${describe(el)} is cut: holds ${el.scrollWidth} px in ${el.clientWidth} px`);
    }
    return found;
  });
}
