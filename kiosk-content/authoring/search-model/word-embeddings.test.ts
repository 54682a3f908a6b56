import { describe, expect, it } from 'vitest';
import { CooccurrenceCounts, trainEmbeddings } from './word-embeddings';

function countOf(counts: CooccurrenceCounts, word: number, context: number): number {
  const key = ((word << 16) | context) >>> 0;
  const slot = counts.keys.indexOf(key);
  return slot < 0 ? 0 : (counts.values[slot] as number);
}

const cosine = (v: Float32Array, dim: number, a: number, b: number) => {
  let s = 0;
  for (let d = 0; d < dim; d++) s += (v[a * dim + d] as number) * (v[b * dim + d] as number);
  return s;
};

describe('CooccurrenceCounts', () => {
  it('counts pairs within the window both ways, skips out-of-vocabulary words and keeps counts when it grows', () => {
    const counts = new CooccurrenceCounts(10, 2);
    counts.addSequence([0, 1, -1, 2, 3], 2);
    counts.addSequence([0, 1], 2, 0.5);
    // 0–1 once at weight 1, once at 0.5; 1–2 are two positions apart (the -1 still takes a place).
    expect(countOf(counts, 0, 1)).toBeCloseTo(1.5);
    expect(countOf(counts, 1, 0)).toBeCloseTo(1.5);
    expect(countOf(counts, 1, 2)).toBe(1);
    expect(countOf(counts, 0, 2)).toBe(0);
    expect(countOf(counts, 2, 3)).toBe(1);
    expect(counts.size).toBe(6);
    const copy = counts.clone();
    copy.add(5, 6, 1);
    expect(countOf(counts, 5, 6)).toBe(0);
    expect(countOf(copy, 5, 6)).toBe(1);
  });

  it('rejects a vocabulary the 16-bit pair keys cannot hold', () => {
    expect(() => new CooccurrenceCounts(70000)).toThrow(/65,535/);
  });
});

describe('trainEmbeddings', () => {
  it('gives words that occur in the same contexts close unit vectors, and words of other contexts distant ones', () => {
    // Words 0 and 1 (老板 / 用人单位) both stand next to 2 and 3 (拖欠 / 工资); 4 and 5 (离婚 / 抚养)
    // stand next to 6 and 7 (子女 / 财产). 0 and 1 never meet.
    const counts = new CooccurrenceCounts(8);
    for (let i = 0; i < 20; i++) {
      counts.addSequence([0, 2, 3], 1);
      counts.addSequence([1, 2, 3], 1);
      counts.addSequence([4, 6, 7], 1);
      counts.addSequence([5, 6, 7], 1);
    }
    const { dim, vectors } = trainEmbeddings(counts, { dim: 4 });
    expect(dim).toBe(4);
    for (let w = 0; w < 8; w++) expect(cosine(vectors, dim, w, w)).toBeCloseTo(1, 5);
    expect(cosine(vectors, dim, 0, 1)).toBeGreaterThan(0.9);
    expect(Math.abs(cosine(vectors, dim, 0, 4))).toBeLessThan(0.1);
  });
});
