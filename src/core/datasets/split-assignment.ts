import { type RandomSource, shuffled } from '../random/seeded-random.js';

export const splitNames = ['train', 'validation', 'eval'] as const;
export type SplitName = (typeof splitNames)[number];
export type SplitRatios = Record<SplitName, number>;

/** Row not assigned (unreadable). */
export const unassigned = 255;

/**
 * How many of `count` rows go to each split: floor of each share, then the rows left over
 * one by one to the largest remainders (ties: train, then validation, then eval).
 */
export function splitCounts(count: number, ratios: SplitRatios): [number, number, number] {
  const total = ratios.train + ratios.validation + ratios.eval;
  const quotas = splitNames.map((name) => (count * ratios[name]) / total);
  const counts = quotas.map((quota) => Math.floor(quota)) as [number, number, number];
  let left = count - counts[0] - counts[1] - counts[2];
  const byRemainder = [0, 1, 2].sort(
    (left, right) =>
      ((quotas[right] as number) % 1) - ((quotas[left] as number) % 1) || left - right,
  );
  for (const index of byRemainder) {
    if (left === 0) break;
    counts[index as 0 | 1 | 2] += 1;
    left -= 1;
  }
  return counts;
}

/**
 * Assigns each group's rows to splits: the group is shuffled (Fisher–Yates on the seeded
 * source), then cut by `splitCounts`. One group per label gives a stratified split.
 */
export function assignSplits(
  groups: readonly number[][],
  rowCount: number,
  ratios: SplitRatios,
  random: RandomSource,
): Uint8Array {
  const assignment = new Uint8Array(rowCount).fill(unassigned);
  for (const group of groups) {
    const rows = shuffled(group, random);
    const [train, validation] = splitCounts(rows.length, ratios);
    rows.forEach((row, position) => {
      assignment[row] = position < train ? 0 : position < train + validation ? 1 : 2;
    });
  }
  return assignment;
}
