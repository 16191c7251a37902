import { describe, expect, it } from 'vitest';
import { latencySummary, percentile } from './percentile.js';

describe('percentile', () => {
  it('interpolates linearly between closest ranks (numpy default)', () => {
    // [1,2,3,4]: p50 → h = 3·0.5 = 1.5 → 2 + 0.5·1 = 2.5; p95 → h = 2.85 → 3 + 0.85 = 3.85.
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([1, 2, 3, 4], 95)).toBeCloseTo(3.85, 14);
  });

  it('agrees with numpy.percentile to the last bit', () => {
    // repr(float(np.percentile(...))) with numpy 2.x; 880 and 0.41 in exact arithmetic.
    expect(percentile([100, 200, 300, 400, 1000], 95)).toBe(879.9999999999999);
    expect(percentile([0.1, 0.7, 0.2], 71)).toBe(0.4099999999999999);
    expect(percentile([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 33)).toBe(2.97);
  });

  it('sorts a copy and leaves the input alone', () => {
    const values = [4, 1, 3, 2];
    expect(percentile(values, 50)).toBe(2.5);
    expect(values).toEqual([4, 1, 3, 2]);
  });

  it('returns the extremes at 0 and 100, the value for one element, undefined for none', () => {
    expect(percentile([3, 9, 5], 0)).toBe(3);
    expect(percentile([3, 9, 5], 100)).toBe(9);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeUndefined();
  });

  it('rejects p outside [0, 100] and non-finite values', () => {
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1, Number.NaN], 50)).toThrow(RangeError);
  });
});

describe('latencySummary', () => {
  it('reports p50, p95, mean and range', () => {
    // Sorted 100 200 300 400 1000: p50 → h = 2 → 300; p95 → h = 3.8 → 400 + 0.8·600 = 880;
    // mean 2000/5 = 400.
    const summary = latencySummary([1000, 100, 300, 200, 400]);
    expect(summary).toEqual({
      count: 5,
      p50: 300,
      p95: expect.any(Number),
      mean: 400,
      min: 100,
      max: 1000,
    });
    expect(summary?.p95).toBeCloseTo(880, 10);
  });

  it('is undefined with no values', () => {
    expect(latencySummary([])).toBeUndefined();
  });
});
