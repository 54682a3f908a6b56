/**
 * 模糊音: dialects of the south-west and centre merge sounds that Mandarin keeps apart, so a
 * resident from there types nao for 劳 or zi for 知. With fuzzy pinyin on, a typed syllable also
 * stands for its partners under these pairs. Pure.
 */

/** Initial pairs: n/l, f/h, z/zh, c/ch, s/sh. */
export const FUZZY_INITIAL_PAIRS: readonly (readonly [string, string])[] = [
  ['n', 'l'],
  ['f', 'h'],
  ['z', 'zh'],
  ['c', 'ch'],
  ['s', 'sh'],
];

/** Final pairs: in/ing, en/eng, an/ang (also ian/iang, uan/uang, which end in them). */
export const FUZZY_FINAL_PAIRS: readonly (readonly [string, string])[] = [
  ['in', 'ing'],
  ['en', 'eng'],
  ['an', 'ang'],
];

const initialOf = (syllable: string): string => /^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?/.exec(syllable)?.[0] ?? '';

function initialVariants(syllable: string): string[] {
  const initial = initialOf(syllable);
  const rest = syllable.slice(initial.length);
  const out: string[] = [];
  for (const [a, b] of FUZZY_INITIAL_PAIRS) {
    if (initial === a) out.push(b + rest);
    else if (initial === b) out.push(a + rest);
  }
  return out;
}

function finalVariants(syllable: string): string[] {
  const out: string[] = [];
  for (const [short, long] of FUZZY_FINAL_PAIRS) {
    if (syllable.endsWith(long)) out.push(syllable.slice(0, -long.length) + short);
    else if (syllable.endsWith(short)) out.push(syllable.slice(0, -short.length) + long);
  }
  return out;
}

/**
 * What a typed syllable may stand for with 模糊音 on, with the number of swaps each needs
 * (nao → lao 1; zan → zhang 2). Only syllables accepted by `exists` are returned; the typed
 * syllable itself is not.
 */
export function fuzzyVariants(syllable: string, exists: (syllable: string) => boolean): { syllable: string; swaps: number }[] {
  const found = new Map<string, number>();
  const visit = (s: string, swaps: number): void => {
    if (s !== syllable && exists(s) && (found.get(s) ?? Infinity) > swaps) found.set(s, swaps);
  };
  const firstInitial = initialVariants(syllable);
  const firstFinal = finalVariants(syllable);
  for (const s of firstInitial) visit(s, 1);
  for (const s of firstFinal) visit(s, 1);
  for (const s of firstInitial) for (const t of finalVariants(s)) visit(t, 2);
  return [...found].map(([s, swaps]) => ({ syllable: s, swaps }));
}

/** Typed initials (for abbreviations such as ldht) and their fuzzy partners: n → l, zh → z. */
export function fuzzyInitialVariants(initial: string): string[] {
  return initialVariants(initial).filter((s) => s !== initial);
}

/**
 * GB/T 2260 province prefixes where 模糊音 is on unless a terminal's provisioning says otherwise:
 * Sichuan 51, Chongqing 50, Yunnan 53, Guizhou 52, Hunan 43, Hubei 42 (south-western and
 * Xiang/south-western Mandarin areas, where n/l and the other pairs merge).
 */
export const FUZZY_PINYIN_PROVINCES: ReadonlySet<string> = new Set(['51', '50', '53', '52', '43', '42']);

/** The provisioned setting wins; null or absent = from the six-digit region code; no region = off. */
export function fuzzyPinyinEnabled(setting: boolean | null | undefined, region: string | null | undefined): boolean {
  if (typeof setting === 'boolean') return setting;
  return typeof region === 'string' && FUZZY_PINYIN_PROVINCES.has(region.slice(0, 2));
}
