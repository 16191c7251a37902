import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distinctN, distinctNs } from './distinct-n.js';

describe('distinctN', () => {
  it('pools unique ÷ total n-grams over outputs', () => {
    // Tokens: the cat sat | the cat ran.
    // n = 1: 6 unigrams, unique {the, cat, sat, ran} = 4 → 2/3.
    // n = 2: the cat, cat sat, the cat, cat ran → 3 unique of 4 → 3/4.
    // n = 3: the cat sat, the cat ran → 2 of 2 → 1. n = 4: no 4-gram → 0.
    const outputs = ['The cat sat.', 'the cat ran'];
    expect(distinctN(outputs, 1)).toBeCloseTo(2 / 3, 15);
    expect(distinctN(outputs, 2)).toBe(0.75);
    expect(distinctN(outputs, 3)).toBe(1);
    expect(distinctN(outputs, 4)).toBe(0);
    expect(distinctNs(outputs)).toEqual([distinctN(outputs, 1), 0.75, 1, 0]);
  });

  it('never forms an n-gram across two outputs', () => {
    // a b | a b: bigrams "a b", "a b" only (no "b a") → 1 unique of 2.
    expect(distinctN(['a b', 'a b'], 2)).toBe(0.5);
  });

  it('is 1/r for r identical one-token outputs', () => {
    expect(distinctN(['yes', 'yes', 'yes', 'yes'], 1)).toBe(0.25);
  });

  it('is 1 for a single output without repeats, 0 with no n-grams', () => {
    expect(distinctN(['one two three'], 1)).toBe(1);
    expect(distinctN([], 1)).toBe(0);
    expect(distinctN(['', '  '], 1)).toBe(0);
    expect(distinctN(['one'], 2)).toBe(0);
  });

  it('works on non-Latin text', () => {
    // привет мир | привет мир → 2 unique of 4 unigrams.
    expect(distinctN(['Привет мир', 'привет Мир!'], 1)).toBe(0.5);
    // 我 爱 你 | 我 爱 他 → {我, 爱, 你, 他} = 4 of 6.
    expect(distinctN(['我爱你', '我爱他'], 1)).toBeCloseTo(4 / 6, 15);
  });

  it('stays within [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(fc.string()), fc.integer({ min: 1, max: 4 }), (outputs, n) => {
        const value = distinctN(outputs, n);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }),
    );
  });
});
