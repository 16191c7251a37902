import { describe, expect, it } from 'vitest';
import { ngramDiversity } from './ngram-diversity.js';

describe('ngramDiversity', () => {
  it('sums distinct ratios of the concatenation, crossing output boundaries', () => {
    // a b | a b → one sequence a b a b.
    // n=1: {a, b} 2 of 4; n=2: ab, ba, ab → 2 of 3; n=3: aba, bab → 2 of 2; n=4: abab 1 of 1.
    // 1/2 + 2/3 + 1 + 1 = 19/6.
    expect(ngramDiversity(['a b', 'a b'])).toBeCloseTo(19 / 6, 15);
  });

  it('is 4 for a long output without repeats', () => {
    expect(ngramDiversity(['one two three four five six'])).toBe(4);
  });

  it('adds 0 for orders longer than the text', () => {
    // One token: n=1 gives 1/1, n=2..4 have no n-grams.
    expect(ngramDiversity(['x'])).toBe(1);
    // Identical one-token outputs: x x x → 1/3 + 1/2 + 1/1 = 11/6 (n=4 has none).
    expect(ngramDiversity(['x', 'x', 'x'])).toBeCloseTo(11 / 6, 15);
  });

  it('is 0 with no tokens', () => {
    expect(ngramDiversity([])).toBe(0);
    expect(ngramDiversity(['', '...'])).toBe(0);
  });

  it('works on non-Latin text', () => {
    // 猫 が | 猫 が → 猫 が 猫 が: the same counts as a b a b.
    expect(ngramDiversity(['猫が', '猫が'])).toBeCloseTo(19 / 6, 15);
  });
});
