import { betaProbability } from '../random/beta-random.js';
import type { RandomSource } from '../random/seeded-random.js';
import type { AnsweredTally } from './answered-tally.js';
import { casePassRate } from './case-pass-rate.js';
import { comparePairedCases } from './paired-case-comparison.js';

export interface SimulationSetting {
  cases: number;
  repeats: number;
  /** Intra-class correlation of a case's repeats, in [0, 1]. */
  correlation: number;
}

export interface SimulationResult extends SimulationSetting {
  evaluations: number;
  /** Share of evaluations whose 95 % interval held the true mean pass probability. */
  coverage: number;
  /** Share of evaluations of two identical arms that the paired test called different at 0.05. */
  typeOneError: number;
  /** Mean width of the interval. */
  meanWidth: number;
}

export interface SimulationOptions {
  /** Each evaluation draws its true mean pass rate uniformly from this range. */
  meanRange?: readonly [number, number];
  /** The interval under test; defaults to tunegate's case-level interval. */
  interval?: (tallies: readonly AnsweredTally[]) => { lower: number; upper: number };
}

/**
 * Synthetic evaluations of one setting: each draws a mean pass rate, per-case pass
 * probabilities from the Beta with that mean and the setting's correlation, and `repeats`
 * independent trials per case. Coverage checks the interval against the true mean; the type I
 * error checks the paired test on two arms that share every case's probability.
 */
export function simulateSetting(
  setting: SimulationSetting,
  evaluations: number,
  random: RandomSource,
  options: SimulationOptions = {},
): SimulationResult {
  const [low, high] = options.meanRange ?? [0.05, 0.95];
  const interval = options.interval ?? casePassRate;
  let covered = 0;
  let rejected = 0;
  let width = 0;
  const first: AnsweredTally[] = [];
  const second: AnsweredTally[] = [];
  for (let evaluation = 0; evaluation < evaluations; evaluation += 1) {
    const mean = low + (high - low) * random();
    first.length = 0;
    second.length = 0;
    for (let index = 0; index < setting.cases; index += 1) {
      const probability = betaProbability(random, mean, setting.correlation);
      const caseId = String(index);
      first.push({
        caseId,
        answered: setting.repeats,
        passed: trials(random, probability, setting.repeats),
      });
      second.push({
        caseId,
        answered: setting.repeats,
        passed: trials(random, probability, setting.repeats),
      });
    }
    const estimate = interval(first);
    if (estimate.lower <= mean && mean <= estimate.upper) covered += 1;
    width += estimate.upper - estimate.lower;
    const test = comparePairedCases(first, second, { interval: false });
    if (test && test.p < 0.05) rejected += 1;
  }
  return {
    ...setting,
    evaluations,
    coverage: covered / evaluations,
    typeOneError: rejected / evaluations,
    meanWidth: width / evaluations,
  };
}

function trials(random: RandomSource, probability: number, repeats: number): number {
  let passed = 0;
  for (let repeat = 0; repeat < repeats; repeat += 1) if (random() < probability) passed += 1;
  return passed;
}
