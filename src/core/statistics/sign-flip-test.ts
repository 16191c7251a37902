import { type RandomSource, seededRandom } from '../random/seeded-random.js';

export interface SignFlipResult {
  /** Two-sided p: the share of sign assignments whose |sum| is at least the observed |sum|. */
  p: number;
  /** Nonzero differences: only they carry evidence. */
  discordant: number;
  method: 'exact' | 'monte-carlo';
}

/** Work above which the exact distribution gives way to seeded Monte Carlo (cells of the table). */
const exactBudget = 40_000_000;
const monteCarloFlips = 20_000;

/**
 * Paired sign-flip permutation test of "no difference": under the null, each case's difference
 * is as likely to have either sign, so the p-value is the share of the 2^m sign assignments of
 * the m nonzero differences whose |sum| reaches the observed one. Differences are rationals of
 * pass shares, so scaled by `scale` (a common denominator) they are integers and the exact
 * distribution is a subset-sum count, O(m · Σ|d|). With one repeat per case this is the exact
 * McNemar test. Without a scale, or past `exactBudget`, it draws 20,000 seeded assignments and reports
 * (1 + hits) / (1 + draws), which keeps the test valid.
 */
export function signFlipTest(
  differences: readonly number[],
  options: { scale?: number | undefined; random?: RandomSource } = {},
): SignFlipResult {
  const scale = options.scale;
  if (scale !== undefined && (!Number.isInteger(scale) || scale < 1)) {
    throw new RangeError(`scale must be a positive integer, got ${scale}`);
  }
  const magnitudes: number[] = [];
  let observed = 0;
  for (const difference of differences) {
    if (!Number.isFinite(difference)) throw new RangeError('differences must be finite');
    let value = difference;
    if (scale !== undefined) {
      value = Math.round(difference * scale);
      if (Math.abs(value - difference * scale) > 1e-6) {
        throw new RangeError(`difference ${difference} is not a multiple of 1/${scale}`);
      }
    }
    if (Math.abs(value) < 1e-12) continue;
    magnitudes.push(Math.abs(value));
    observed += value;
  }
  const discordant = magnitudes.length;
  if (discordant === 0) return { p: 1, discordant, method: 'exact' };
  const total = magnitudes.reduce((sum, value) => sum + value, 0);
  const target = Math.abs(observed);
  if (scale !== undefined && discordant * total <= exactBudget) {
    return { p: exactTail(magnitudes, total, target), discordant, method: 'exact' };
  }
  const random = options.random ?? seededRandom(0);
  // Without a common denominator sums are floats: a hair of tolerance keeps ties as ties.
  const reach = target - 1e-9 * Math.max(1, total);
  let hits = 0;
  for (let draw = 0; draw < monteCarloFlips; draw += 1) {
    let sum = 0;
    for (const magnitude of magnitudes) sum += random() < 0.5 ? magnitude : -magnitude;
    if (Math.abs(sum) >= reach) hits += 1;
  }
  return { p: (1 + hits) / (1 + monteCarloFlips), discordant, method: 'monte-carlo' };
}

/**
 * P(|S| ≥ target) for S = Σ ±v_i with fair signs. S = 2·(sum of the positive set) − total, so
 * the distribution of S follows from the subset-sum distribution, built one value at a time
 * with probabilities (halving at each step keeps them in range for thousands of values).
 */
function exactTail(values: readonly number[], total: number, target: number): number {
  const distribution = new Float64Array(total + 1);
  distribution[0] = 1;
  let reach = 0;
  for (const value of values) {
    reach += value;
    // In place, from the top down: new[s] = (old[s] + old[s − value]) / 2.
    for (let sum = reach; sum >= 0; sum -= 1) {
      const carried = sum >= value ? (distribution[sum - value] as number) : 0;
      distribution[sum] = ((distribution[sum] as number) + carried) / 2;
    }
  }
  let tail = 0;
  for (let sum = 0; sum <= total; sum += 1) {
    if (Math.abs(2 * sum - total) >= target) tail += distribution[sum] as number;
  }
  return Math.min(1, tail);
}
