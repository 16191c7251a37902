import { Z_95 } from '../metrics/wilson-interval.js';
import { intervalAt } from './case-pass-rate.js';

/** z of 80 % power: the 0.8 quantile of the standard normal. */
const Z_POWER = 0.8416212335729143;
const maxCases = 10_000_000;

export interface TargetPower {
  /** Whether the observed rate is below (missed) or at/above (met) the target. */
  direction: 'missed' | 'met';
  /** Eval cases for the 95 % interval to clear the target with 80 % power; null: never. */
  cases: number | null;
}

/**
 * How many eval cases, at the observed pass rate and spread of case shares, would put the
 * 95 % interval clear of the target in 80 % of evaluations: the smallest n at which the
 * interval around the rate, moved z₀.₈ standard errors toward the target, excludes it. The
 * design effect carries over: new cases are assumed as varied as these.
 */
export function casesToDecideTarget(
  observed: { rate: number; designEffect: number },
  target: number,
): TargetPower {
  const { rate, designEffect } = observed;
  const direction = rate < target ? 'missed' : 'met';
  if (rate === target) return { direction, cases: null };
  const clears = (cases: number) => {
    const standardError = Math.sqrt((designEffect * rate * (1 - rate)) / cases);
    const shifted =
      direction === 'missed'
        ? Math.min(1, rate + Z_POWER * standardError)
        : Math.max(0, rate - Z_POWER * standardError);
    const interval = intervalAt(shifted, designEffect, cases);
    return direction === 'missed' ? interval.upper < target : interval.lower > target;
  };
  return { direction, cases: smallestPassing(clears) };
}

/**
 * Paired cases needed for the two arms' difference to be significant at α = 0.05 with 80 %
 * power, at the observed mean difference and spread of per-case differences (normal
 * approximation, and never fewer than 6: a sign test needs 6 agreeing cases for p < 0.05).
 * Null when the arms did not differ: no number of cases separates equal arms.
 */
export function casesToSeparate(observed: {
  meanDifference: number;
  differenceSd: number;
}): number | null {
  const { meanDifference, differenceSd } = observed;
  if (Math.abs(meanDifference) < 1e-12) return null;
  const needed = Math.ceil((((Z_95 + Z_POWER) * differenceSd) / meanDifference) ** 2);
  return Math.min(maxCases, Math.max(6, needed));
}

/** Smallest n in [1, maxCases] with `test(n)` true, assuming it stays true; null if none. */
function smallestPassing(test: (cases: number) => boolean): number | null {
  let high = 1;
  while (!test(high)) {
    if (high >= maxCases) return null;
    high = Math.min(maxCases, high * 2);
  }
  let low = Math.floor(high / 2);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (test(middle)) high = middle;
    else low = middle;
  }
  return high;
}
