import type { PreparedChar } from '../codec/gb18030-text';

/**
 * Line breaking for a fixed-width receipt: widths come from the GB18030 bytes (ASCII 1 column, double-byte
 * 2 columns), ASCII words and numbers are atoms that never split, and the Chinese rules hold:
 * no line starts with closing punctuation, no line ends with opening punctuation.
 */

/** May not start a line (the list, plus the other closing marks and their ASCII forms). */
export const NO_LINE_START = new Set([...'，。、；：？！）」』', ...'》〉】〕”’…％', ...',.;:?!)]}']);
/** May not end a line. */
export const NO_LINE_END = new Set([...'（「『', ...'《〈【〔“‘', ...'([{']);

export interface Atom {
  readonly chars: readonly PreparedChar[];
  readonly columns: number;
  readonly space: boolean;
  readonly text: string;
}

function isWordChar(c: PreparedChar): boolean {
  const code = c.char.charCodeAt(0);
  return c.char.length === 1 && code > 0x20 && code < 0x7f;
}

/** Splits prepared text into atoms: a run of printable ASCII, a single space, or one non-ASCII character. */
export function toAtoms(chars: readonly PreparedChar[], scale = 1): Atom[] {
  const atoms: Atom[] = [];
  let run: PreparedChar[] = [];
  const push = (group: PreparedChar[], space: boolean) => {
    atoms.push({ chars: group, columns: group.reduce((n, c) => n + c.columns, 0) * scale, space, text: group.map((c) => c.char).join('') });
  };
  for (const c of chars) {
    if (isWordChar(c)) {
      run.push(c);
      continue;
    }
    if (run.length > 0) push(run, false);
    run = [];
    push([c], c.char === ' ');
  }
  if (run.length > 0) push(run, false);
  return atoms;
}

function splitWideAtom(atom: Atom, width: number, scale: number): Atom[] {
  const pieces: Atom[] = [];
  let current: PreparedChar[] = [];
  let columns = 0;
  for (const c of atom.chars) {
    if (columns + c.columns * scale > width && current.length > 0) {
      pieces.push({ chars: current, columns, space: false, text: current.map((x) => x.char).join('') });
      current = [];
      columns = 0;
    }
    current.push(c);
    columns += c.columns * scale;
  }
  if (current.length > 0) pieces.push({ chars: current, columns, space: false, text: current.map((x) => x.char).join('') });
  return pieces;
}

const startsBadly = (atom: Atom | undefined) => atom !== undefined && NO_LINE_START.has(atom.text[0] ?? '');
/** Spaces at a break are dropped, so what starts the next line is the first non-space atom from k. */
const nextLineStartsBadly = (atoms: readonly Atom[], k: number) => {
  while (atoms[k]?.space === true) k++;
  return startsBadly(atoms[k]);
};
const endsBadly = (atom: Atom | undefined) => atom !== undefined && NO_LINE_END.has(atom.text.at(-1) ?? '');

export interface BrokenLine {
  readonly text: string;
  readonly columns: number;
}

export interface BreakResult {
  readonly lines: readonly BrokenLine[];
  /** ASCII runs wider than a whole line (not URLs: the layout turns those into QR codes) had to be cut. */
  readonly forcedSplits: readonly string[];
}

/**
 * Greedy fill; when the break point would violate a rule, the break moves left (characters are pushed down to
 * the next line) until both rules hold. Hanging punctuation past the margin is not an option: the printer would
 * wrap it on its own. If no break on the line satisfies the rules, the greedy break stands.
 */
export function breakLines(chars: readonly PreparedChar[], width: number, scale = 1): BreakResult {
  if (width < 2 * scale) throw new RangeError(`line width ${width} is too narrow`);
  const forcedSplits: string[] = [];
  const atoms: Atom[] = [];
  for (const atom of toAtoms(chars, scale)) {
    if (atom.columns > width) {
      forcedSplits.push(atom.text);
      atoms.push(...splitWideAtom(atom, width, scale));
    } else {
      atoms.push(atom);
    }
  }
  const lines: BrokenLine[] = [];
  let i = 0;
  while (i < atoms.length) {
    if (lines.length > 0) while (atoms[i]?.space === true) i++;
    if (i >= atoms.length) break;
    let end = i;
    let columns = 0;
    while (end < atoms.length && columns + (atoms[end]?.columns ?? 0) <= width) {
      columns += atoms[end]?.columns ?? 0;
      end++;
    }
    if (end === i) end = i + 1;
    if (end < atoms.length) {
      let k = end;
      const bad = (at: number) => nextLineStartsBadly(atoms, at) || endsBadly(atoms[at - 1]);
      while (k > i + 1 && bad(k)) k--;
      if (!bad(k)) end = k;
    }
    let last = end;
    while (last > i && atoms[last - 1]?.space === true) last--;
    const lineAtoms = atoms.slice(i, last);
    lines.push({ text: lineAtoms.map((a) => a.text).join(''), columns: lineAtoms.reduce((n, a) => n + a.columns, 0) });
    i = end;
  }
  if (lines.length === 0) lines.push({ text: '', columns: 0 });
  return { lines, forcedSplits };
}
