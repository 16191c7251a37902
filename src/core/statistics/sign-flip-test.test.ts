import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mcnemarExact } from '../metrics/mcnemar-exact.js';
import { signFlipTest } from './sign-flip-test.js';

describe('signFlipTest', () => {
  it('counts sign assignments by hand on three differences', () => {
    // Differences 1, 1, ½ (scale 2 → 2, 2, 1): sums over the 8 sign choices are
    // ±5, ±3, ±1, ±1 (each twice); |sum| ≥ 5 in 2 of 8.
    expect(signFlipTest([1, 1, 0.5], { scale: 2 })).toEqual({
      p: 0.25,
      discordant: 3,
      method: 'exact',
    });
    // |sum| ≥ 3 in 4 of 8 for differences 1, 1, −½.
    expect(signFlipTest([1, 1, -0.5], { scale: 2 }).p).toBe(0.5);
  });

  it('is exact McNemar on ±1 differences (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (b, c) => {
        const differences = [...Array(b).fill(1), ...Array(c).fill(-1), 0, 0];
        expect(signFlipTest(differences, { scale: 1 }).p).toBeCloseTo(mcnemarExact(b, c), 10);
      }),
      { numRuns: 200 },
    );
  });

  it('matches brute-force enumeration of every sign assignment (property)', () => {
    const values = fc.array(fc.integer({ min: -6, max: 6 }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(values, (scaled) => {
        const nonzero = scaled.filter((value) => value !== 0);
        const observed = Math.abs(nonzero.reduce((sum, value) => sum + value, 0));
        let hits = 0;
        for (let mask = 0; mask < 2 ** nonzero.length; mask += 1) {
          let sum = 0;
          nonzero.forEach((value, index) => {
            sum += (mask >> index) & 1 ? Math.abs(value) : -Math.abs(value);
          });
          if (Math.abs(sum) >= observed) hits += 1;
        }
        const expected = hits / 2 ** nonzero.length;
        const differences = scaled.map((value) => value / 6);
        expect(signFlipTest(differences, { scale: 6 }).p).toBeCloseTo(expected, 12);
      }),
      { numRuns: 200 },
    );
  });

  it('gives 1 when nothing differs', () => {
    expect(signFlipTest([0, 0, 0], { scale: 3 })).toEqual({ p: 1, discordant: 0, method: 'exact' });
  });

  it('draws seeded assignments without a common denominator, close to the exact p', () => {
    const differences = [1, 1, 2 / 3, 1 / 3, -1 / 3, 1, 2 / 3, 1, 1 / 3, 1];
    const exact = signFlipTest(differences, { scale: 3 });
    const drawn = signFlipTest(differences);
    expect(drawn.method).toBe('monte-carlo');
    expect(Math.abs(drawn.p - exact.p)).toBeLessThan(0.01);
    expect(signFlipTest(differences).p).toBe(drawn.p);
  });

  it('refuses a difference that is not on the scale', () => {
    expect(() => signFlipTest([0.25], { scale: 3 })).toThrow(RangeError);
  });
});
