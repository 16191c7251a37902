import { describe, expect, it } from 'vitest';
import { MinHasher } from './minhasher.js';

/** Distinct made-up words, so shingle sets (and their Jaccard) are known exactly. */
const words = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, index) => `w${from + index}x`);

function estimate(hasher: MinHasher, left: string, right: string): number {
  const a = new Uint32Array(hasher.permutations);
  const b = new Uint32Array(hasher.permutations);
  hasher.signature(left, a);
  hasher.signature(right, b);
  let equal = 0;
  for (let index = 0; index < a.length; index += 1) if (a[index] === b[index]) equal += 1;
  return equal / a.length;
}

describe('MinHasher', () => {
  it('gives identical texts identical signatures, whatever their case', () => {
    const hasher = new MinHasher();
    expect(estimate(hasher, 'The quick brown fox jumps', 'the QUICK brown fox jumps')).toBe(1);
  });

  it('counts word 3-shingles; a text without words has none', () => {
    const hasher = new MinHasher();
    const target = new Uint32Array(64);
    expect(hasher.signature('one two three four', target)).toBe(2);
    expect(hasher.signature('one two', target)).toBe(1);
    expect(hasher.signature(' ... !', target)).toBe(0);
    expect(target.every((value) => value === 0xffffffff)).toBe(true);
  });

  it('estimates Jaccard similarity without bias', () => {
    // A = w0..w99 (98 shingles); B = w0..w79 + w200..w219 (98 shingles); 78 shared:
    // J = 78 / (98 + 98 - 78) = 0.6610.
    const left = words(0, 100).join(' ');
    const right = [...words(0, 80), ...words(200, 220)].join(' ');
    const exact = 78 / 118;
    let total = 0;
    const seeds = 200;
    for (let seed = 1; seed <= seeds; seed += 1)
      total += estimate(new MinHasher({ seed }), left, right);
    // 200 × 64 draws: the standard error of the mean is about 0.004.
    expect(Math.abs(total / seeds - exact)).toBeLessThan(0.015);
  });

  it('tells near-duplicates from unrelated texts at the default threshold', () => {
    const hasher = new MinHasher();
    const base = words(0, 60);
    const near = [...base.slice(0, 59), 'changed'].join(' ');
    expect(estimate(hasher, base.join(' '), near)).toBeGreaterThanOrEqual(0.8);
    expect(estimate(hasher, base.join(' '), words(100, 160).join(' '))).toBeLessThan(0.1);
  });
});
