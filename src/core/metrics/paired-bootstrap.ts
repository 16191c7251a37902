import { randomIndex, seededRandom } from '../random/seeded-random.js';
import { percentileOfSorted } from './percentile.js';

export interface PairedBootstrapOptions {
  /** Default 10,000. */
  resamples?: number;
  /** Two-sided coverage of the percentile interval. Default 0.95. */
  confidence?: number;
  /** Default 0: the same inputs always give the same interval. */
  seed?: number;
}

export interface PairedBootstrapInterval {
  /** mean(a − b) on the observed pairs. */
  meanDifference: number;
  lower: number;
  upper: number;
  resamples: number;
}

/**
 * Paired bootstrap percentile interval for mean(a[i] − b[i]) over the same cases: resample the
 * case indices with replacement, take the mean difference of each resample, and read the
 * (1 − confidence)/2 and (1 + confidence)/2 percentiles (linear interpolation, as
 * `percentile`). Resampling pairs, not each side alone, keeps the per-case correlation. No
 * pairs: `undefined`; arrays of different lengths: RangeError.
 */
export function pairedBootstrap(
  a: readonly number[],
  b: readonly number[],
  options: PairedBootstrapOptions = {},
): PairedBootstrapInterval | undefined {
  const resamples = options.resamples ?? 10_000;
  const confidence = options.confidence ?? 0.95;
  if (a.length !== b.length) {
    throw new RangeError(`paired values need equal lengths, got ${a.length} and ${b.length}`);
  }
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RangeError(`resamples must be an integer >= 1, got ${resamples}`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  }
  const count = a.length;
  if (count === 0) return undefined;
  const differences = new Float64Array(count);
  let sum = 0;
  for (let index = 0; index < count; index += 1) {
    const difference = (a[index] as number) - (b[index] as number);
    if (!Number.isFinite(difference)) throw new RangeError(`pair ${index} is not finite`);
    differences[index] = difference;
    sum += difference;
  }
  const random = seededRandom(options.seed ?? 0);
  const means = new Float64Array(resamples);
  for (let resample = 0; resample < resamples; resample += 1) {
    let resampleSum = 0;
    for (let draw = 0; draw < count; draw += 1) {
      resampleSum += differences[randomIndex(random, count)] as number;
    }
    means[resample] = resampleSum / count;
  }
  means.sort();
  const tail = ((1 - confidence) / 2) * 100;
  return {
    meanDifference: sum / count,
    lower: percentileOfSorted(means, tail),
    upper: percentileOfSorted(means, 100 - tail),
    resamples,
  };
}
