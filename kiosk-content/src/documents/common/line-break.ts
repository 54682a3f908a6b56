/**
 * Chinese line breaking for the printed documents (GB/T 15834 punctuation, the usual 禁则):
 * a line may break between any two Han characters; a run of Latin letters and digits (an amount,
 * a phone number, an ID number) stays whole unless it is wider than a line; closing punctuation
 * never starts a line — it hangs in the margin instead (标点悬挂); opening punctuation never ends
 * a line — it moves down with what follows. Pure; widths come from the caller's font.
 */
export type MeasureText = (text: string) => number;

/** May not start a line. */
const noLineStart = new Set([...'，。、；：？！）》」』”’】〕〉…—·%‰℃,.;:?!)]}']);
/** May not end a line. */
const noLineEnd = new Set([...'（《「『“‘【〔〈([{']);
/** Characters kept together in one unbreakable unit. */
const wordChar = /[A-Za-z0-9.\-_/@#+%:,']/;

/** Splits text into units: a Latin/digit run, or one other character. */
export function breakUnits(text: string): string[] {
  const units: string[] = [];
  let word = '';
  for (const ch of text) {
    if (wordChar.test(ch)) {
      word += ch;
      continue;
    }
    if (word) {
      units.push(word);
      word = '';
    }
    units.push(ch);
  }
  if (word) units.push(word);
  return units;
}

/**
 * Breaks one paragraph (no newlines) into lines no wider than `width`, except a hanging closing
 * punctuation mark. An empty paragraph gives one empty line.
 */
export function breakLines(paragraph: string, width: number, measure: MeasureText): string[] {
  const units = breakUnits(paragraph);
  const lines: string[] = [];
  let line: string[] = [];
  let lineWidth = 0;
  const flush = () => {
    lines.push(line.join('').trimEnd());
    line = [];
    lineWidth = 0;
  };
  for (let i = 0; i < units.length; i++) {
    const unit = units[i] ?? '';
    if (line.length === 0 && unit === ' ') continue;
    const w = measure(unit);
    if (lineWidth + w <= width || line.length === 0 || noLineStart.has(unit)) {
      if (w > width && line.length === 0 && unit.length > 1) {
        // A run wider than the line (a long number): split it by character.
        for (const ch of unit) {
          const cw = measure(ch);
          if (lineWidth + cw > width && line.length > 0) flush();
          line.push(ch);
          lineWidth += cw;
        }
        continue;
      }
      line.push(unit);
      lineWidth += w;
      continue;
    }
    // Break before `unit`; an opening mark at the end of the line goes down with it.
    const carried: string[] = [];
    while (line.length > 1 && noLineEnd.has(line[line.length - 1] ?? '')) carried.unshift(line.pop() ?? '');
    flush();
    for (const c of carried) {
      line.push(c);
      lineWidth += measure(c);
    }
    i -= 1;
    if (carried.length === 0 && unit === ' ') i += 1;
  }
  if (line.length > 0 || lines.length === 0) flush();
  return lines;
}

/** Breaks text with newlines: each paragraph on its own lines. */
export function breakText(text: string, width: number, measure: MeasureText): string[] {
  return text.split(/\r?\n/).flatMap((p) => breakLines(p, width, measure));
}
