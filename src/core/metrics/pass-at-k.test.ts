import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { passAtK, passHatK } from './pass-at-k.js';

/** Exact C(n, k) with BigInt, for the naive reference. */
function choose(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let result = 1n;
  for (let i = 1; i <= k; i += 1) result = (result * BigInt(n - k + i)) / BigInt(i);
  return result;
}

const ratio = (top: bigint, bottom: bigint): number => Number((top * 10n ** 30n) / bottom) / 1e30;

describe('passAtK and passHatK', () => {
  it('match C(r−c,k)/C(r,k) and C(c,k)/C(r,k) by hand', () => {
    // r = 5, c = 2, k = 2: C(3,2)/C(5,2) = 3/10 → pass@2 = 0.7; C(2,2)/C(5,2) = 1/10.
    expect(passAtK(5, 2, 2)).toBeCloseTo(0.7, 15);
    expect(passHatK(5, 2, 2)).toBeCloseTo(0.1, 15);
    // k = 1 is the plain pass rate c/r = 3/10 for both.
    expect(passAtK(10, 3, 1)).toBeCloseTo(0.3, 15);
    expect(passHatK(10, 3, 1)).toBeCloseTo(0.3, 15);
  });

  it('handles the edges: none pass, all pass, fewer failures than k', () => {
    expect(passAtK(4, 0, 2)).toBe(0);
    expect(passHatK(4, 0, 2)).toBe(0);
    expect(passAtK(4, 4, 4)).toBe(1);
    expect(passHatK(4, 4, 4)).toBe(1);
    // r − c = 1 < k = 2: any 2 draws include a pass.
    expect(passAtK(5, 4, 2)).toBe(1);
    // c = 1 < k = 2: 2 draws cannot both pass.
    expect(passHatK(5, 1, 2)).toBe(0);
  });

  it('stays accurate where factorials would overflow', () => {
    // pass^500 with r = 1000, c = 500 is 1/C(1000, 500) = 3.69975e-300 (mpmath, 40 digits).
    expect(passHatK(1000, 500, 500) / 3.699753997814027e-300).toBeCloseTo(1, 10);
  });

  it('rejects k > r and other invalid arguments', () => {
    expect(() => passAtK(3, 1, 4)).toThrow(RangeError);
    expect(() => passHatK(3, 1, 4)).toThrow(RangeError);
    expect(() => passAtK(3, 4, 1)).toThrow(RangeError);
    expect(() => passAtK(3, 1, 0)).toThrow(RangeError);
    expect(() => passAtK(0, 0, 1)).toThrow(RangeError);
  });

  const counts = fc
    .integer({ min: 1, max: 60 })
    .chain((r) => fc.tuple(fc.constant(r), fc.integer({ min: 0, max: r })));

  it('agree with exact binomial ratios', () => {
    fc.assert(
      fc.property(
        counts.chain(([r, c]) =>
          fc.tuple(fc.constant(r), fc.constant(c), fc.integer({ min: 1, max: r })),
        ),
        ([r, c, k]) => {
          const exactHat = ratio(choose(c, k), choose(r, k));
          const exactAt = 1 - ratio(choose(r - c, k), choose(r, k));
          expect(passHatK(r, c, k)).toBeCloseTo(exactHat, 12);
          expect(passAtK(r, c, k)).toBeCloseTo(exactAt, 12);
        },
      ),
    );
  });

  it('pass@k never falls and pass^k never rises as k grows', () => {
    fc.assert(
      fc.property(counts, ([r, c]) => {
        for (let k = 1; k < r; k += 1) {
          expect(passAtK(r, c, k + 1)).toBeGreaterThanOrEqual(passAtK(r, c, k) - 1e-15);
          expect(passHatK(r, c, k + 1)).toBeLessThanOrEqual(passHatK(r, c, k) + 1e-15);
        }
      }),
    );
  });
});
