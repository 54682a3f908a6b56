import { describe, expect, it } from 'vitest';
import type { ScoredWord } from './translation-lm';
import { forwardIndexFromPostings, fuseTranslationScores, trainReverseTranslation, translationLogLikelihood } from './translation-lm';

describe('trainReverseTranslation', () => {
  it('learns which statute word generates a question word', () => {
    const pairs = [
      { question: ['狗', '咬'], article: ['动物', '饲养', '损害'] },
      { question: ['狗', '邻居'], article: ['动物', '饲养', '管理人'] },
      { question: ['狗', '赔'], article: ['动物', '损害', '责任'] },
      { question: ['工资', '老板'], article: ['劳动报酬', '用人单位', '责任'] },
      { question: ['工资', '拖欠'], article: ['劳动报酬', '用人单位', '支付'] },
    ];
    const table = trainReverseTranslation(pairs, { iterations: 10, minProbability: 0.01, minPairs: 2 });
    const dog = table.get('狗') ?? [];
    expect(dog[0]?.[0]).toBe('动物');
    // 动物 generates 狗 in all three of its pairs, 饲养 only in two with 狗 beside other words.
    expect(dog[0]?.[1]).toBeGreaterThan(0.3);
    const wage = (table.get('工资') ?? []).map(([u]) => u);
    expect(wage.slice(0, 2).sort()).toEqual(['劳动报酬', '用人单位']);
    // 管理人 occurs in one pair only (minPairs 2): it translates nothing.
    for (const sources of table.values()) expect(sources.some(([u]) => u === '管理人')).toBe(false);
  });
});

describe('forwardIndexFromPostings', () => {
  it('turns term → docs postings into doc → terms, keeping the marked terms', () => {
    // Term 1 (300 occurrences in doc 1) is left out here; the next test checks the 255 cap.
    // term 0 in docs 0 (tf 2) and 2; term 1 in doc 1; term 2 in docs 0 and 1.
    const postings = {
      offsets: Uint32Array.from([0, 2, 3, 5]),
      docs: Uint32Array.from([0, 2, 1, 0, 1]),
      tfs: Uint16Array.from([2, 1, 300, 1, 1]),
      lengths: Uint32Array.from([3, 5, 1]),
    };
    const f = forwardIndexFromPostings(postings, (t) => t !== 1);
    const termsOf = (d: number) => Array.from(f.terms.subarray(f.offsets[d], f.offsets[d + 1]));
    const tfsOf = (d: number) => Array.from(f.tfs.subarray(f.offsets[d], f.offsets[d + 1]));
    expect(termsOf(0)).toEqual([0, 2]);
    expect(tfsOf(0)).toEqual([2, 1]);
    expect(termsOf(1)).toEqual([2]);
    expect(f.terms).toBeInstanceOf(Uint16Array);
    expect(f.tfs).toBeInstanceOf(Uint8Array);
    expect(termsOf(2)).toEqual([0]);
    expect(Array.from(f.lengths)).toEqual([3, 5, 1]);
  });

  it('caps a count at 255 (8-bit counts)', () => {
    const postings = { offsets: Uint32Array.from([0, 1]), docs: Uint32Array.from([0]), tfs: Uint16Array.from([300]), lengths: Uint32Array.from([300]) };
    expect(Array.from(forwardIndexFromPostings(postings, () => true).tfs)).toEqual([255]);
  });
});

describe('translationLogLikelihood', () => {
  // Doc 0 uses statute word 1 (动物), doc 1 does not; doc 2 has the query word 0 itself.
  const forward = {
    offsets: Uint32Array.from([0, 2, 3, 4]),
    terms: Uint16Array.from([1, 3, 3, 0]),
    tfs: Uint8Array.from([1, 1, 2, 1]),
    lengths: Uint32Array.from([2, 2, 1]),
  };
  const word: ScoredWord = { term: 0, collection: 0.001, sources: [[1, 0.5]] };
  const params = { translationShare: 0.5, collectionShare: 0.2 };

  it('scores an article through the statute words that translate to the query word', () => {
    const scratch = new Int32Array(4);
    const ll = translationLogLikelihood([word], [0, 1, 2], forward, params, scratch);
    // Doc 0: (1 − 0.2)·0.5·0.5·(1/2) + 0.2·0.001.
    expect(ll[0]).toBeCloseTo(Math.log(0.8 * 0.5 * 0.5 * 0.5 + 0.2 * 0.001), 6);
    // Doc 1 has neither: the collection alone.
    expect(ll[1]).toBeCloseTo(Math.log(0.2 * 0.001), 6);
    // Doc 2 has the word itself (1 of 1 tokens).
    expect(ll[2]).toBeCloseTo(Math.log(0.8 * 0.5 + 0.2 * 0.001), 6);
    expect(Array.from(scratch).every((x) => x === 0)).toBe(true);
  });

  it('averages over the query words and gives 0 for no words', () => {
    const scratch = new Int32Array(4);
    const other: ScoredWord = { term: undefined, collection: 0.01, sources: [] };
    const ll = translationLogLikelihood([word, other], [1], forward, params, scratch);
    expect(ll[0]).toBeCloseTo((Math.log(0.2 * 0.001) + Math.log(0.2 * 0.01)) / 2, 6);
    expect(Array.from(translationLogLikelihood([], [0, 1], forward, params, scratch))).toEqual([0, 0]);
  });

  it('feeds one statute word to several query words, as their own word and as a source', () => {
    const scratch = new Int32Array(4);
    // Statute word 1 is word `word`'s source and `statute`'s own term and source; word 3 a source too.
    const statute: ScoredWord = {
      term: 1,
      collection: 0.002,
      sources: [
        [3, 0.25],
        [1, 0.1],
      ],
    };
    const ll = translationLogLikelihood([word, statute], [0], forward, params, scratch);
    // Doc 0 (words 1 and 3 once, 2 tokens): word 0.5·0.5/2; statute (0.5·1 + 0.5·(0.25 + 0.1))/2.
    const expected = (Math.log(0.8 * 0.125 + 0.2 * 0.001) + Math.log(0.8 * 0.3375 + 0.2 * 0.002)) / 2;
    expect(ll[0]).toBeCloseTo(expected, 9);
    expect(Array.from(scratch).every((x) => x === 0)).toBe(true);
  });
});

describe('fuseTranslationScores', () => {
  const ranked = [
    { doc: 5, score: 10 },
    { doc: 3, score: 9 },
    { doc: 8, score: 2 },
  ];
  it('keeps the first-stage order at weight 0 and scales scores by the best', () => {
    expect(fuseTranslationScores(ranked, [-9, -1, -5], 0)).toEqual([
      { doc: 5, score: 1 },
      { doc: 3, score: 0.9 },
      { doc: 8, score: 0.2 },
    ]);
  });
  it('lets the translation model reorder close candidates', () => {
    const fused = fuseTranslationScores(ranked, [-9, -1, -5], 0.2);
    expect(fused.map((h) => h.doc)).toEqual([3, 5, 8]);
    expect(fused[0]?.score).toBeCloseTo(1.1, 6);
    expect(fused[2]?.score).toBeCloseTo(0.3, 6);
  });
});
