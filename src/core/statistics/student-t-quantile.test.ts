import { describe, expect, it } from 'vitest';
import { studentTQuantile975 } from './student-t-quantile.js';

describe('studentTQuantile975', () => {
  it('matches published t tables', () => {
    // Values from standard t tables (two-sided 95 %).
    const table: [number, number][] = [
      [1, 12.7062047],
      [2, 4.30265273],
      [3, 3.18244631],
      [5, 2.57058184],
      [10, 2.22813885],
      [19, 2.09302405],
      [30, 2.04227246],
      [99, 1.98421695],
      [399, 1.9659273],
    ];
    for (const [nu, expected] of table) {
      expect(Math.abs(studentTQuantile975(nu) - expected)).toBeLessThan(1e-6);
    }
  });

  it('falls to the normal quantile and refuses nonsense', () => {
    expect(studentTQuantile975(Number.POSITIVE_INFINITY)).toBeCloseTo(1.959964, 6);
    expect(() => studentTQuantile975(0)).toThrow(RangeError);
    expect(() => studentTQuantile975(2.5)).toThrow(RangeError);
  });
});
