import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random/seeded-random.js';
import { assignSplits, splitCounts, unassigned } from './split-assignment.js';

const ratios = { train: 0.8, validation: 0.1, eval: 0.1 };

describe('splitCounts', () => {
  it.each([
    [10, [8, 1, 1]],
    [5, [4, 1, 0]], // quotas 4, 0.5, 0.5: the tie goes to validation
    [7, [5, 1, 1]], // quotas 5.6, 0.7, 0.7: remainders 0.7 beat 0.6
    [1, [1, 0, 0]],
    [0, [0, 0, 0]],
  ] as const)('%i rows → %j', (count, expected) => {
    expect(splitCounts(count, ratios)).toEqual(expected);
  });

  it('normalises ratios that do not sum to 1', () => {
    expect(splitCounts(10, { train: 2, validation: 1, eval: 1 })).toEqual([5, 3, 2]);
  });
});

describe('assignSplits', () => {
  it('cuts each group by its own counts and is reproducible from the seed', () => {
    const groups = [
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      [10, 11, 12, 13, 14],
    ];
    const first = assignSplits(groups, 16, ratios, seededRandom(3));
    const again = assignSplits(groups, 16, ratios, seededRandom(3));
    expect([...first]).toEqual([...again]);
    const tally = (rows: number[]) =>
      [0, 1, 2].map((split) => rows.filter((row) => first[row] === split).length);
    expect(tally(groups[0] as number[])).toEqual([8, 1, 1]);
    expect(tally(groups[1] as number[])).toEqual([4, 1, 0]);
    expect(first[15]).toBe(unassigned);
    expect([...assignSplits(groups, 16, ratios, seededRandom(4))]).not.toEqual([...first]);
  });
});
