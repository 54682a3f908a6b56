/**
 * Result snippets with highlight spans (offsets into the snippet text, never HTML), so the
 * renderer can style them and a screen reader can read the plain text.
 */
export interface HighlightSpan {
  start: number;
  end: number;
}

export interface Snippet {
  text: string;
  highlights: HighlightSpan[];
  /** Text was cut before / after the snippet (the UI shows …). */
  cutBefore: boolean;
  cutAfter: boolean;
}

/** Every occurrence of every term, longest term first, without overlaps; sorted by start. */
export function findTermSpans(text: string, terms: readonly string[]): HighlightSpan[] {
  const unique = [...new Set(terms.filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
  const taken = new Uint8Array(text.length);
  const spans: HighlightSpan[] = [];
  for (const term of unique) {
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
      let free = true;
      for (let i = at; i < at + term.length && free; i++) if (taken[i]) free = false;
      if (!free) continue;
      taken.fill(1, at, at + term.length);
      spans.push({ start: at, end: at + term.length });
    }
  }
  spans.sort((a, b) => a.start - b.start);
  // Adjacent spans (劳动 + 报酬) read as one highlight.
  const merged: HighlightSpan[] = [];
  for (const s of spans) {
    const last = merged.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

const sentenceStart = /[。；！？\n]/;

/**
 * The window of at most `maxLength` characters that shows the most distinct matched terms
 * (then the most highlighted characters), started at a sentence boundary when one is close.
 */
export function makeSnippet(text: string, terms: readonly string[], maxLength = 90): Snippet {
  const spans = findTermSpans(text, terms);
  if (text.length <= maxLength) return { text, highlights: spans, cutBefore: false, cutAfter: false };
  let bestStart = 0;
  let bestScore = -1;
  const lead = Math.min(12, Math.floor(maxLength / 6));
  const candidates = new Set<number>([0]);
  for (const s of spans) {
    let start = Math.max(0, s.start - lead);
    // Prefer to begin right after a sentence end within the lead.
    for (let i = s.start - 1; i >= Math.max(0, s.start - lead); i--) {
      if (sentenceStart.test(text[i] ?? '')) {
        start = i + 1;
        break;
      }
    }
    candidates.add(Math.min(start, Math.max(0, text.length - maxLength)));
  }
  for (const start of candidates) {
    const end = start + maxLength;
    const seen = new Set<string>();
    let chars = 0;
    for (const s of spans) {
      if (s.start >= start && s.end <= end) {
        seen.add(text.slice(s.start, s.end));
        chars += s.end - s.start;
      }
    }
    const score = seen.size * 1000 + chars;
    if (score > bestScore) {
      bestScore = score;
      bestStart = start;
    }
  }
  const end = Math.min(text.length, bestStart + maxLength);
  const highlights = spans
    .filter((s) => s.end > bestStart && s.start < end)
    .map((s) => ({ start: Math.max(s.start, bestStart) - bestStart, end: Math.min(s.end, end) - bestStart }));
  return { text: text.slice(bestStart, end), highlights, cutBefore: bestStart > 0, cutAfter: end < text.length };
}
