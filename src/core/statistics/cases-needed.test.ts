import { describe, expect, it } from 'vitest';
import { intervalAt } from './case-pass-rate.js';
import { casesToDecideTarget, casesToSeparate } from './cases-needed.js';

function binomial(n: number, k: number, p: number): number {
  let logChoose = 0;
  for (let i = 1; i <= k; i += 1) logChoose += Math.log((n - k + i) / i);
  return Math.exp(logChoose + k * Math.log(p) + (n - k) * Math.log(1 - p));
}

describe('casesToDecideTarget', () => {
  it('finds the smallest case count whose interval clears the target at 80 % power', () => {
    const observed = { rate: 0.8, designEffect: 1 };
    const result = casesToDecideTarget(observed, 0.95);
    expect(result.direction).toBe('missed');
    const n = result.cases as number;
    const at = (cases: number) => {
      const shifted = 0.8 + 0.8416212335729143 * Math.sqrt((0.8 * 0.2) / cases);
      return intervalAt(shifted, 1, cases).upper;
    };
    expect(at(n)).toBeLessThan(0.95);
    expect(at(n - 1)).toBeGreaterThanOrEqual(0.95);
    // Independent check: with n binary cases at 80 %, the exact binomial chance that the
    // Wilson upper bound falls below 95 % is close to the 80 % power asked for.
    let power = 0;
    for (let k = 0; k <= n; k += 1) {
      if (intervalAt(k / n, 1, n).upper < 0.95) power += binomial(n, k, 0.8);
    }
    expect(power).toBeGreaterThan(0.75);
    expect(power).toBeLessThan(0.9);
  });

  it('needs fewer cases when repeats vary within cases (smaller design effect)', () => {
    const agreeing = casesToDecideTarget({ rate: 0.8, designEffect: 1 }, 0.95).cases as number;
    const varied = casesToDecideTarget({ rate: 0.8, designEffect: 0.3 }, 0.95).cases as number;
    expect(varied).toBeLessThan(agreeing);
  });

  it('counts cases for a target met, and all-pass cases with Wilson at the bound', () => {
    const met = casesToDecideTarget({ rate: 1, designEffect: 1 }, 0.95);
    // Wilson's lower bound at 100 % is n / (n + z²): above 0.95 from n = 73.
    expect(met).toEqual({ direction: 'met', cases: 73 });
    expect(casesToDecideTarget({ rate: 0.9, designEffect: 1 }, 0.9).cases).toBeNull();
  });
});

describe('casesToSeparate', () => {
  it('uses the normal planning formula at the observed spread', () => {
    // ((1.95996 + 0.84162) · 0.5 / 0.1)² = 196.2 → 197.
    expect(casesToSeparate({ meanDifference: 0.1, differenceSd: 0.5 })).toBe(197);
    expect(casesToSeparate({ meanDifference: -0.1, differenceSd: 0.5 })).toBe(197);
  });

  it('never asks for fewer than 6 cases and gives up on equal arms', () => {
    expect(casesToSeparate({ meanDifference: 1, differenceSd: 0 })).toBe(6);
    expect(casesToSeparate({ meanDifference: 0, differenceSd: 0.3 })).toBeNull();
  });
});
