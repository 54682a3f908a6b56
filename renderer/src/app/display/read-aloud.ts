/**
 * 朗读: which text of the screen is read, and in which pieces. Pure functions over plain data so
 * they can be tested; the DOM walk is in screenText().
 */

/** Elements whose text is one thing to say; their descendants are not read again. */
const BLOCKS = 'h1, h2, h3, h4, p, li, dt, dd, th, td, label, button, summary, figcaption, blockquote';
/** Not read: decorations, the on-screen keyboard, anything marked for skipping. */
const SKIP = '[aria-hidden="true"], [data-no-read-aloud], [data-testid="on-screen-keyboard"], svg';

/** A piece of the screen's text and the language it is in (its closest lang attribute). */
export interface SpokenText {
  text: string;
  lang: string;
}

/**
 * The text of the screen in reading order, one entry per block, or per language run inside a
 * block: on an English screen the Chinese content is marked lang="zh-CN" and must be read by a
 * Chinese voice, not spelled out by an English one.
 */
export function screenText(root: Element, pageLang: string): SpokenText[] {
  const out: SpokenText[] = [];
  for (const el of Array.from(root.querySelectorAll<HTMLElement>(BLOCKS))) {
    if (el.closest(SKIP)) continue;
    const parentBlock = el.parentElement?.closest(BLOCKS);
    if (parentBlock && root.contains(parentBlock)) continue;
    if (el.getClientRects().length === 0) continue;
    const runs: SpokenText[] = [];
    const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest(SKIP) || parent.getClientRects().length === 0) continue;
      const text = (node.textContent ?? '').replace(/\s+/g, ' ');
      if (!text.trim()) continue;
      const lang = parent.closest('[lang]')?.getAttribute('lang') || pageLang;
      const last = runs[runs.length - 1];
      if (last && last.lang === lang) last.text += text;
      else runs.push({ text, lang });
    }
    for (const run of runs) {
      const text = run.text.replace(/\s+/g, ' ').trim();
      if (text) out.push({ text, lang: run.lang });
    }
  }
  return out;
}

/** speechChunks for each run of one language, in order; each chunk keeps its language. */
export function speechChunksByLanguage(pieces: readonly SpokenText[], maxChars = 120): SpokenText[] {
  const out: SpokenText[] = [];
  let start = 0;
  while (start < pieces.length) {
    const lang = pieces[start]?.lang ?? '';
    let end = start;
    while (end < pieces.length && pieces[end]?.lang === lang) end++;
    for (const text of speechChunks(
      pieces.slice(start, end).map((p) => p.text),
      maxChars,
    ))
      out.push({ text, lang });
    start = end;
  }
  return out;
}

/**
 * Pieces short enough for every speech engine (some stop long utterances after ~15 s): split at
 * sentence ends, joined up to maxChars.
 */
export function speechChunks(blocks: readonly string[], maxChars = 120): string[] {
  const sentences = blocks.flatMap((block) =>
    block
      .split(/(?<=[。！？；!?;])/)
      .map((s) => s.trim())
      .filter(Boolean),
  );
  const chunks: string[] = [];
  let current = '';
  for (const sentence of sentences) {
    for (let i = 0; i < sentence.length; i += maxChars) {
      const piece = sentence.slice(i, i + maxChars);
      if (current && current.length + piece.length + 1 > maxChars) {
        chunks.push(current);
        current = piece;
      } else current = current ? `${current} ${piece}` : piece;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}

/** A voice for the language on screen (zh-CN also takes any zh / cmn voice); null when there is none. */
export function pickVoice<V extends { lang: string; localService?: boolean }>(voices: readonly V[], locale: string): V | null {
  const lang = locale.toLowerCase();
  const base = lang.split('-')[0] ?? lang;
  const matches = (v: V): number => {
    const l = v.lang.toLowerCase().replace('_', '-');
    if (l === lang) return 3;
    if (base === 'zh' && (l.startsWith('zh') || l.startsWith('cmn'))) return 2;
    if (l.split('-')[0] === base) return 1;
    return 0;
  };
  const ranked = voices
    .filter((v) => matches(v) > 0)
    .sort((a, b) => matches(b) - matches(a) || Number(b.localService ?? false) - Number(a.localService ?? false));
  return ranked[0] ?? null;
}
