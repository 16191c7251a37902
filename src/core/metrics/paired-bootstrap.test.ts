import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pairedBootstrap } from './paired-bootstrap.js';

describe('pairedBootstrap', () => {
  it('collapses to the mean when every difference is the same', () => {
    // Differences 2, 2, 2: every resample mean is 2.
    expect(pairedBootstrap([3, 4, 5], [1, 2, 3])).toEqual({
      meanDifference: 2,
      lower: 2,
      upper: 2,
      resamples: 10_000,
    });
  });

  it('spans the whole resample range for two pairs', () => {
    // Differences 0 and 1: resample means are 0, 0.5, 1 with probabilities ¼, ½, ¼, so about
    // 2,500 of 10,000 are 0 and 2,500 are 1: the 2.5th percentile is 0, the 97.5th is 1.
    const interval = pairedBootstrap([1, 1], [1, 0]);
    expect(interval?.meanDifference).toBe(0.5);
    expect(interval?.lower).toBe(0);
    expect(interval?.upper).toBe(1);
  });

  it('approximates mean ± 1.96 standard errors for a symmetric sample', () => {
    // Differences 0..99: mean 49.5, population sd sqrt((100² − 1)/12) = 28.866, so the
    // bootstrap standard error is about 2.887 and the interval about 49.5 ± 5.66.
    const a = Array.from({ length: 100 }, (_, index) => index);
    const interval = pairedBootstrap(a, Array(100).fill(0));
    expect(interval?.meanDifference).toBe(49.5);
    expect(interval?.lower).toBeGreaterThan(43.84 - 0.6);
    expect(interval?.lower).toBeLessThan(43.84 + 0.6);
    expect(interval?.upper).toBeGreaterThan(55.16 - 0.6);
    expect(interval?.upper).toBeLessThan(55.16 + 0.6);
  });

  it('is reproducible from its seed', () => {
    const a = [0.9, 0.1, 0.5, 0.7, 0.3];
    const b = [0.2, 0.4, 0.5, 0.1, 0.9];
    expect(pairedBootstrap(a, b, { seed: 5 })).toEqual(pairedBootstrap(a, b, { seed: 5 }));
    expect(pairedBootstrap(a, b, { seed: 5 })).not.toEqual(pairedBootstrap(a, b, { seed: 6 }));
  });

  it('is undefined with no pairs and rejects unequal lengths or bad options', () => {
    expect(pairedBootstrap([], [])).toBeUndefined();
    expect(() => pairedBootstrap([1], [1, 2])).toThrow(RangeError);
    expect(() => pairedBootstrap([1], [1], { resamples: 0 })).toThrow(RangeError);
    expect(() => pairedBootstrap([1], [1], { confidence: 1 })).toThrow(RangeError);
  });

  it('contains the observed mean difference', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 })), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.integer({ min: 0, max: 1000 }),
        (pairs, seed) => {
          const interval = pairedBootstrap(
            pairs.map(([left]) => left),
            pairs.map(([, right]) => right),
            { resamples: 2000, seed },
          );
          expect(interval?.lower).toBeLessThanOrEqual((interval?.meanDifference as number) + 1e-12);
          expect(interval?.upper).toBeGreaterThanOrEqual(
            (interval?.meanDifference as number) - 1e-12,
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
