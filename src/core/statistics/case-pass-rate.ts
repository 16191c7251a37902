import { Z_95 } from '../metrics/wilson-interval.js';
import { type AnsweredTally, passShare } from './answered-tally.js';
import { studentTQuantile975 } from './student-t-quantile.js';

export interface CasePassRate {
  /** Mean over answered cases of each case's pass share. */
  rate: number;
  lower: number;
  upper: number;
  /** Cases with at least one answered repeat: the unit of inference. */
  cases: number;
  /** Answered repeats over those cases. */
  answered: number;
  /** Fewest and most answered repeats of a counted case (0 when none). */
  repeats: { min: number; max: number };
  /**
   * Estimated design effect per case: the variance of case shares over the variance of one
   * Bernoulli trial, in [0, 1]. 1: repeats agree within a case (a case is one observation);
   * near 1/r: repeats vary like independent trials.
   */
  designEffect: number;
  /** cases ÷ designEffect: how many independent trials the evidence is worth. */
  effectiveTrials: number;
}

/**
 * Pass rate with a 95 % interval whose unit is the case (see docs/metrics.md, "Pass rate").
 *
 * A design-effect-adjusted Wilson interval: the Wilson score interval at the mean case share
 * with n = cases ÷ d̂, where d̂ = s² ÷ (p̂(1 − p̂)) estimates how much a case's repeats tell
 * beyond its first (s² is the sample variance of the case shares, d̂ capped at 1). Because d̂
 * is itself estimated from the cases, the normal quantile moves toward Student's t with
 * cases − 1 degrees of freedom as √(1 − d̂): with agreeing repeats (d̂ = 1) this is Wilson on
 * cases; with independent-looking repeats it widens for the estimated variance. Only the
 * case shares enter, so copying every trial leaves the interval unchanged.
 */
export function casePassRate(tallies: Iterable<AnsweredTally>): CasePassRate {
  const moments: ShareMoments = {
    cases: 0,
    shareSum: 0,
    shareSquares: 0,
    answered: 0,
    minRepeats: 0,
    maxRepeats: 0,
  };
  for (const tally of tallies) {
    const share = passShare(tally);
    if (share === undefined) continue;
    moments.minRepeats =
      moments.cases === 0 ? tally.answered : Math.min(moments.minRepeats, tally.answered);
    moments.maxRepeats = Math.max(moments.maxRepeats, tally.answered);
    moments.cases += 1;
    moments.shareSum += share;
    moments.shareSquares += share * share;
    moments.answered += tally.answered;
  }
  return casePassRateFromMoments(moments);
}

/** What the interval needs from a group's cases; SQL aggregates can produce it directly. */
export interface ShareMoments {
  /** Cases with at least one answered repeat. */
  cases: number;
  /** Σ share and Σ share² over those cases. */
  shareSum: number;
  shareSquares: number;
  /** Answered repeats in all. */
  answered: number;
  minRepeats: number;
  maxRepeats: number;
}

export function casePassRateFromMoments(moments: ShareMoments): CasePassRate {
  const { cases, answered } = moments;
  const repeats = { min: cases === 0 ? 0 : moments.minRepeats, max: moments.maxRepeats };
  if (cases === 0) {
    return {
      rate: 0,
      lower: 0,
      upper: 1,
      cases,
      answered,
      repeats,
      designEffect: 1,
      effectiveTrials: 0,
    };
  }
  const rate = Math.min(1, Math.max(0, moments.shareSum / cases));
  const bernoulli = rate * (1 - rate);
  const variance =
    cases > 1
      ? Math.max(
          0,
          (moments.shareSquares - (moments.shareSum * moments.shareSum) / cases) / (cases - 1),
        )
      : 0;
  // All cases alike (all 0, all 1, or one case): nothing to estimate a spread from, so each
  // case counts as one trial, the conservative end of the design effect.
  const designEffect =
    bernoulli <= 1e-12 || variance <= 1e-12 ? 1 : Math.min(1, variance / bernoulli);
  return { rate, ...intervalAt(rate, designEffect, cases), cases, answered, repeats, designEffect };
}

/**
 * The interval for a mean case share `rate` over `cases` cases with design effect
 * `designEffect`: Wilson at cases ÷ d with the quantile between normal and Student's t.
 */
export function intervalAt(
  rate: number,
  designEffect: number,
  cases: number,
): { lower: number; upper: number; effectiveTrials: number } {
  if (cases <= 0) return { lower: 0, upper: 1, effectiveTrials: 0 };
  const effectiveTrials = cases / designEffect;
  const quantile =
    cases > 1
      ? Z_95 + (studentTQuantile975(cases - 1) - Z_95) * Math.sqrt(Math.max(0, 1 - designEffect))
      : Z_95;
  return { ...wilsonAt(rate, effectiveTrials, quantile), effectiveTrials };
}

/** Wilson's score interval with a real-valued number of trials. */
function wilsonAt(rate: number, trials: number, z: number): { lower: number; upper: number } {
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const center = (rate + z2 / (2 * trials)) / denominator;
  const halfWidth =
    (z * Math.sqrt((rate * (1 - rate)) / trials + z2 / (4 * trials * trials))) / denominator;
  // Rounding can push a bound a hair past the rate at 0 or 1; clamp it back.
  const lower = rate <= 0 ? 0 : Math.max(0, Math.min(rate, center - halfWidth));
  const upper = rate >= 1 ? 1 : Math.min(1, Math.max(rate, center + halfWidth));
  return { lower, upper };
}
