import { describe, expect, it } from 'vitest';
import type { Embedder } from '../../spec/embedder.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import { embeddingDiversity, measureEmbeddingDiversity } from './embedding-diversity.js';

describe('embeddingDiversity', () => {
  it('is 1 − mean pairwise cosine', () => {
    // Orthogonal: cosine 0 → 1.
    expect(
      embeddingDiversity([
        [1, 0],
        [0, 1],
      ]),
    ).toBe(1);
    // Pairs (1,2) cos 1, (1,3) cos 0, (2,3) cos 0 → mean 1/3 → 2/3.
    expect(
      embeddingDiversity([
        [1, 0],
        [2, 0],
        [0, 3],
      ]),
    ).toBeCloseTo(2 / 3, 15);
    // Opposite: cosine −1 → 2.
    expect(
      embeddingDiversity([
        [1, 0],
        [-1, 0],
      ]),
    ).toBe(2);
    // [1,1]·[1,0] = 1, norms √2 and 1 → cos 1/√2 → 1 − 1/√2.
    expect(
      embeddingDiversity([
        [1, 1],
        [1, 0],
      ]),
    ).toBeCloseTo(1 - Math.SQRT1_2, 15);
  });

  it('is 0 for identical directions', () => {
    expect(
      embeddingDiversity([
        [0.3, 0.4],
        [0.3, 0.4],
        [3, 4],
      ]),
    ).toBeCloseTo(0, 15);
  });

  it('leaves pairs with a zero vector out of the mean', () => {
    // Only the pair ([1,0], [2,0]) counts: cos 1 → 0.
    expect(
      embeddingDiversity([
        [0, 0],
        [1, 0],
        [2, 0],
      ]),
    ).toBeCloseTo(0, 15);
    expect(
      embeddingDiversity([
        [0, 0],
        [1, 0],
      ]),
    ).toBeUndefined();
  });

  it('is undefined below 2 vectors and rejects mixed dimensions', () => {
    expect(embeddingDiversity([[1, 2]])).toBeUndefined();
    expect(embeddingDiversity([])).toBeUndefined();
    expect(() =>
      embeddingDiversity([
        [1, 2],
        [1, 2, 3],
      ]),
    ).toThrow(RangeError);
  });
});

describe('measureEmbeddingDiversity', () => {
  const embedder = (vectors: number[][]): Embedder & { calls: string[][] } => {
    const calls: string[][] = [];
    return {
      reference: 'double:embedder',
      calls,
      embed: async (texts) => {
        calls.push(texts);
        return vectors;
      },
    };
  };

  it('embeds the outputs once and scores the vectors', async () => {
    const double = embedder([
      [1, 0],
      [0, 1],
    ]);
    expect(await measureEmbeddingDiversity(['кот', '猫'], double)).toBe(1);
    expect(double.calls).toEqual([['кот', '猫']]);
  });

  it('does not call the embedder below 2 outputs', async () => {
    const double = embedder([]);
    expect(await measureEmbeddingDiversity(['one'], double)).toBeUndefined();
    expect(double.calls).toEqual([]);
  });

  it('reports an embedder that returns the wrong number of vectors', async () => {
    await expect(measureEmbeddingDiversity(['a', 'b'], embedder([[1]]))).rejects.toThrow(
      TunegateError,
    );
  });
});
