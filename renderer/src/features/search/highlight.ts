import type { Highlighted } from '../../../../electron/common/contract/library-api';

/** A run of text that is either highlighted (a word that matched) or plain. */
export interface HighlightSegment {
  text: string;
  marked: boolean;
}

/** The shortest matched word that is marked (in characters, a surrogate pair counting as one). */
export const MIN_MARKED_CHARS = 2;

const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/**
 * Splits `{text, marks}` into plain and marked runs, so the screen renders <mark> elements as
 * React nodes (never innerHTML). Ranges from the host are treated as untrusted: they are clamped
 * to the text, sorted, merged where they overlap or touch (then runs shorter than two characters are left plain), and never cut a character that is
 * stored as a surrogate pair (rare CJK Extension B characters in law texts). Only words of two or
 * more characters are marked: a lone 不 or 月 matched all over a title reads as noise, not as help.
 */
export function splitHighlighted({ text, marks }: Highlighted): HighlightSegment[] {
  const length = text.length;
  const snapStart = (index: number): number => (index > 0 && index < length && isLowSurrogate(text.charCodeAt(index)) ? index - 1 : index);
  const snapEnd = (index: number): number => (index > 0 && index < length && isLowSurrogate(text.charCodeAt(index)) ? index + 1 : index);

  const ranges = marks
    .map(([start, end]) => [snapStart(Math.min(start, length)), snapEnd(Math.min(end, length))] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);

  const merged: Array<[number, number]> = [];
  for (const [start, end] of ranges) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }

  const segments: HighlightSegment[] = [];
  let cursor = 0;
  for (const [start, end] of merged) {
    if ([...text.slice(start, end)].length < MIN_MARKED_CHARS) continue;
    if (start > cursor) segments.push({ text: text.slice(cursor, start), marked: false });
    segments.push({ text: text.slice(start, end), marked: true });
    cursor = end;
  }
  if (cursor < length || segments.length === 0) segments.push({ text: text.slice(cursor), marked: false });
  return segments;
}
