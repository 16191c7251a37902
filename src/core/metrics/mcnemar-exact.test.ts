import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mcnemarExact } from './mcnemar-exact.js';

/** 2 · P(X ≤ min(b, c)) for X ~ Binomial(b + c, ½), in exact BigInt arithmetic. */
function naiveMcnemar(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 1;
  let term = 1n;
  let tail = 1n;
  for (let i = 1; i <= Math.min(b, c); i += 1) {
    term = (term * BigInt(n - i + 1)) / BigInt(i);
    tail += term;
  }
  // Both conversions are exact or correctly rounded while n stays below 1000.
  return Math.min(1, Number(2n * tail) / 2 ** n);
}

describe('mcnemarExact', () => {
  it('matches hand-computed binomial tails', () => {
    // b = 2, c = 8: P(X ≤ 2) = (1 + 10 + 45)/1024 → p = 112/1024 = 0.109375.
    expect(mcnemarExact(2, 8)).toBeCloseTo(0.109375, 15);
    // b = 0, c = 5: 2 · (1/32) = 0.0625.
    expect(mcnemarExact(0, 5)).toBeCloseTo(0.0625, 15);
    // b = 1, c = 9: 2 · (1 + 10)/1024 = 0.021484375.
    expect(mcnemarExact(1, 9)).toBeCloseTo(0.021484375, 15);
    // b = 1, c = 0: 2 · 1/2 = 1.
    expect(mcnemarExact(1, 0)).toBe(1);
  });

  it('is 1 with no discordant pairs and when b = c', () => {
    expect(mcnemarExact(0, 0)).toBe(1);
    expect(mcnemarExact(5, 5)).toBe(1);
    expect(mcnemarExact(500_000, 500_000)).toBe(1);
  });

  it('stays accurate for a million discordant pairs', () => {
    // mpmath at 40 digits: 2 · Σ_{i≤499000} C(10^6, i) / 2^(10^6) = 0.0456082998653820864.
    expect(mcnemarExact(499_000, 501_000) / 0.04560829986538209).toBeCloseTo(1, 9);
    // mpmath: 0.322174199795311974 and 1.2691453365221137e-38.
    expect(mcnemarExact(4950, 5050) / 0.322174199795312).toBeCloseTo(1, 10);
    expect(mcnemarExact(123_456, 130_000) / 1.2691453365221137e-38).toBeCloseTo(1, 9);
    // 2 · 2^−(10^6) underflows to 0, without NaN.
    expect(mcnemarExact(0, 1_000_000)).toBe(0);
  });

  it('rejects counts that are not non-negative integers', () => {
    expect(() => mcnemarExact(-1, 2)).toThrow(RangeError);
    expect(() => mcnemarExact(1.5, 2)).toThrow(RangeError);
  });

  const counts = fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }));

  it('agrees with the exact BigInt tail', () => {
    fc.assert(
      fc.property(counts, ([b, c]) => {
        const exact = naiveMcnemar(b, c);
        expect(Math.abs(mcnemarExact(b, c) - exact)).toBeLessThanOrEqual(1e-12 * exact + 1e-300);
      }),
    );
  });

  it('is symmetric, in (0, 1], and 1 when b = c', () => {
    fc.assert(
      fc.property(counts, ([b, c]) => {
        const p = mcnemarExact(b, c);
        expect(p).toBe(mcnemarExact(c, b));
        expect(p).toBeGreaterThan(0);
        expect(p).toBeLessThanOrEqual(1);
        expect(mcnemarExact(b, b)).toBe(1);
      }),
    );
  });
});
