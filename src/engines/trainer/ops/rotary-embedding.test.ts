import { describe, expect, it } from 'vitest';
import { RotaryEmbedding } from './rotary-embedding.js';

describe('RotaryEmbedding', () => {
  it('turns pair (2i, 2i+1) by position·base^(−2i/headDim) and undoes it', () => {
    const rope = new RotaryEmbedding(4, 8, 100);
    const values = new Float32Array([1, 0, 1, 0]);
    rope.apply(values, new Int32Array([3]), 1, 4, false);
    // Pair 0 turns by 3 rad; pair 1 by 3·100^(−1/2) = 0.3 rad.
    expect(values[0]).toBeCloseTo(Math.cos(3), 6);
    expect(values[1]).toBeCloseTo(Math.sin(3), 6);
    expect(values[2]).toBeCloseTo(Math.cos(0.3), 6);
    expect(values[3]).toBeCloseTo(Math.sin(0.3), 6);
    rope.apply(values, new Int32Array([3]), 1, 4, true);
    expect([...values].map((v) => Number(v.toFixed(6)))).toEqual([1, 0, 1, 0]);
  });
});
