import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './wilson-interval.js';

describe('wilsonInterval', () => {
  it('matches the score formula at 8 of 10', () => {
    // p = 0.8, z² = 3.84146, denominator 1 + z²/10 = 1.384146; centre (0.8 + 0.192073)/1.384146
    // = 0.716743; half-width z·sqrt(0.016 + 0.0096037)/1.384146 = 0.226581 (python, same formula).
    const interval = wilsonInterval(8, 10);
    expect(interval.rate).toBe(0.8);
    expect(interval.lower).toBeCloseTo(0.49016247153664183, 12);
    expect(interval.upper).toBeCloseTo(0.9433178485456247, 12);
  });

  it('has the closed form 1/2 ∓ 1/(2√3) at 1 of 2 with z = 1', () => {
    // denominator 1.5, centre 0.75/1.5 = 0.5, half-width sqrt(0.125 + 0.0625)/1.5 = 1/(2√3).
    const interval = wilsonInterval(1, 2, 1);
    expect(interval.lower).toBeCloseTo(0.5 - 1 / (2 * Math.sqrt(3)), 14);
    expect(interval.upper).toBeCloseTo(0.5 + 1 / (2 * Math.sqrt(3)), 14);
  });

  it('pins the bound at 0 and at total successes', () => {
    // 0 of 10: lower exactly 0, upper 2·(z²/20)/(1 + z²/10) = 0.38415/1.38415 = 0.277533.
    expect(wilsonInterval(0, 10)).toEqual({ rate: 0, lower: 0, upper: expect.any(Number) });
    expect(wilsonInterval(0, 10).upper).toBeCloseTo(0.2775327998628892, 12);
    // 10 of 10 mirrors it: lower 1 − 0.277533, upper exactly 1.
    expect(wilsonInterval(10, 10).lower).toBeCloseTo(0.7224672001371107, 12);
    expect(wilsonInterval(10, 10).upper).toBe(1);
  });

  it('reports rate 0 and the whole of [0, 1] with no trials', () => {
    expect(wilsonInterval(0, 0)).toEqual({ rate: 0, lower: 0, upper: 1 });
  });

  it('rejects impossible counts', () => {
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 2)).toThrow(RangeError);
  });

  it('stays within [0, 1] and contains the rate', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: 100_000 })
          .chain((total) => fc.tuple(fc.integer({ min: 0, max: total }), fc.constant(total))),
        ([successes, total]) => {
          const { rate, lower, upper } = wilsonInterval(successes, total);
          expect(lower).toBeGreaterThanOrEqual(0);
          expect(upper).toBeLessThanOrEqual(1);
          expect(lower).toBeLessThanOrEqual(rate);
          expect(upper).toBeGreaterThanOrEqual(rate);
        },
      ),
    );
  });
});
