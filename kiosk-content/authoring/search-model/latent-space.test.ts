import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import type { SparseRows } from './latent-space';
import { embed, trainLatentSpace } from './latent-space';

function sparse(dense: number[][]): SparseRows {
  const offsets = [0];
  const cols: number[] = [];
  const vals: number[] = [];
  for (const row of dense) {
    row.forEach((v, c) => {
      if (v !== 0) {
        cols.push(c);
        vals.push(v);
      }
    });
    offsets.push(cols.length);
  }
  return { offsets: Uint32Array.from(offsets), cols: Uint32Array.from(cols), vals: Float32Array.from(vals), columnCount: dense[0]?.length ?? 0 };
}

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * (b[i] as number), 0);

describe('trainLatentSpace', () => {
  it('finds the largest singular values and their directions of a diagonal matrix', () => {
    const space = trainLatentSpace(
      sparse([
        [0, 0, 3, 0],
        [4, 0, 0, 0],
        [0, 1, 0, 0],
        [0, 0, 0, 2],
      ]),
      { dim: 2 },
    );
    expect(space.dim).toBe(2);
    expect([...space.singularValues].map((s) => Number(s.toFixed(6)))).toEqual([4, 3]);
    // Word 0 carries σ = 4, word 2 carries σ = 3; words 1 and 3 fall outside two dimensions.
    expect(Math.abs(space.termVectors[0 * 2 + 0] as number)).toBeCloseTo(1, 5);
    expect(Math.abs(space.termVectors[2 * 2 + 1] as number)).toBeCloseTo(1, 5);
    expect(Math.abs(space.termVectors[1 * 2 + 0] as number) + Math.abs(space.termVectors[3 * 2 + 1] as number)).toBeCloseTo(0, 5);
  });

  it('matches an exact SVD on a random low-rank matrix with noise', () => {
    let seed = 3;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const left = Matrix.from1DArray(120, 4, Array.from({ length: 480 }, random));
    const right = Matrix.from1DArray(4, 40, Array.from({ length: 160 }, random));
    const dense = left.mmul(right).add(
      Matrix.from1DArray(
        120,
        40,
        Array.from({ length: 4800 }, () => 0.01 * random()),
      ),
    );
    const exact = new SingularValueDecomposition(dense, { computeLeftSingularVectors: false }).diagonal.slice(0, 4);
    const space = trainLatentSpace(sparse(dense.to2DArray()), { dim: 4, powerIterations: 2 });
    [...space.singularValues].forEach((s, i) => expect(s).toBeCloseTo(exact[i] as number, 2));
  });
});

describe('embed', () => {
  it('puts words that occur in the same texts on the same direction', () => {
    // Words 0 and 1 always occur together (老板 / 用人单位), 2 and 3 together, never across.
    const space = trainLatentSpace(
      sparse([
        [1, 1, 0, 0],
        [2, 1, 0, 0],
        [0, 0, 1, 1],
        [0, 0, 1, 2],
      ]),
      { dim: 2 },
    );
    const v0 = embed(space, [{ id: 0, weight: 1 }]);
    const v1 = embed(space, [{ id: 1, weight: 1 }]);
    const v2 = embed(space, [{ id: 2, weight: 1 }]);
    expect(cosine(v0, v0)).toBeCloseTo(1, 5);
    expect(cosine(v0, v1)).toBeGreaterThan(0.95);
    expect(Math.abs(cosine(v0, v2))).toBeLessThan(1e-5);
  });

  it('gives the zero vector for a text without known words', () => {
    const space = trainLatentSpace(
      sparse([
        [1, 0],
        [0, 1],
      ]),
      { dim: 1 },
    );
    expect([...embed(space, [])]).toEqual([0]);
  });
});
