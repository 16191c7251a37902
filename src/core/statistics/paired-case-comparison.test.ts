import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mcnemarExact } from '../metrics/mcnemar-exact.js';
import type { AnsweredTally } from './answered-tally.js';
import { comparePairedCases } from './paired-case-comparison.js';

const tally = (caseId: string, passed: number, answered: number): AnsweredTally => ({
  caseId,
  passed,
  answered,
});

describe('comparePairedCases', () => {
  it('is exact McNemar on cases with one repeat', () => {
    const first = [tally('a', 1, 1), tally('b', 1, 1), tally('c', 1, 1), tally('d', 0, 1)];
    const second = [tally('a', 0, 1), tally('b', 0, 1), tally('c', 1, 1), tally('d', 1, 1)];
    const result = comparePairedCases(first, second);
    expect(result?.method).toBe('exact McNemar');
    expect(result?.p).toBeCloseTo(mcnemarExact(2, 1), 12);
    expect(result?.firstAhead).toBe(2);
    expect(result?.secondAhead).toBe(1);
    expect(result?.meanDifference).toBeCloseTo(0.25, 12);
    expect(result?.pairing).toBe('4 cases, 1 repeat each');
  });

  it('pairs by case, skipping cases either arm left unanswered', () => {
    const first = [tally('a', 2, 3), tally('b', 3, 3), tally('x', 1, 3)];
    const second = [tally('b', 1, 3), tally('a', 0, 3), tally('c', 3, 3), tally('x', 0, 0)];
    const result = comparePairedCases(first, second);
    expect(result?.cases).toBe(2);
    expect(result?.rateFirst).toBeCloseTo(5 / 6, 12);
    expect(result?.rateSecond).toBeCloseTo(1 / 6, 12);
    expect(result?.method).toBe('sign-flip (exact)');
    // Differences ⅔ and ⅔: the 4 sign choices give |sum| 4/3, 0, 0, 4/3.
    expect(result?.p).toBe(0.5);
    expect(result?.pairing).toBe('2 cases, 3 repeats each');
    expect(comparePairedCases([tally('a', 1, 1)], [tally('b', 1, 1)])).toBeUndefined();
  });

  it('does not call identical arms different, however many repeats', () => {
    const arm = Array.from({ length: 56 }, (_, index) =>
      tally(`c${index}`, index % 3 === 0 ? 0 : 6, 6),
    );
    expect(comparePairedCases(arm, arm)?.p).toBe(1);
  });

  it('is unchanged when every trial is copied (property)', () => {
    const arm = fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })), {
      minLength: 1,
      maxLength: 30,
    });
    fc.assert(
      fc.property(arm, fc.integer({ min: 2, max: 5 }), (pairs, copies) => {
        const make = (side: 0 | 1, times: number) =>
          pairs.map((pair, index) => {
            const passed = pair[side];
            return tally(`c${index}`, passed * times, 4 * times);
          });
        const once = comparePairedCases(make(0, 1), make(1, 1), { bootstrapResamples: 500 });
        const copied = comparePairedCases(make(0, copies), make(1, copies), {
          bootstrapResamples: 500,
        });
        expect(copied?.p).toBeCloseTo(once?.p ?? Number.NaN, 10);
        expect(copied?.lower).toBeCloseTo(once?.lower ?? Number.NaN, 10);
        expect(copied?.upper).toBeCloseTo(once?.upper ?? Number.NaN, 10);
      }),
      { numRuns: 100 },
    );
  });
});
