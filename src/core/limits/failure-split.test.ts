import { describe, expect, it } from 'vitest';
import { splitFailures } from './failure-split.js';

describe('splitFailures', () => {
  it('tells format, consistency and knowledge failures apart, and leaves failed calls out', () => {
    const split = splitFailures(
      [
        // a: 1 pass, 1 format failure, 1 content failure → the content failure is consistency.
        { caseId: 'a', trials: 3, passed: 1, formatFailed: 1, errors: 0 },
        // b: never passes: 2 content failures are knowledge, 1 failed call.
        { caseId: 'b', trials: 3, passed: 0, formatFailed: 0, errors: 1 },
        // c: never passes, solved elsewhere: 3 knowledge failures, all solved by another variant.
        { caseId: 'c', trials: 3, passed: 0, formatFailed: 0, errors: 0 },
        { caseId: 'd', trials: 3, passed: 3, formatFailed: 0, errors: 0 },
      ],
      (caseId) => caseId === 'c',
    );
    expect(split).toEqual({
      trials: 12,
      passed: 4,
      errors: 1,
      format: 1,
      consistency: 1,
      knowledge: 5,
      knowledgeSolvedElsewhere: 3,
      fixableShare: 2 / 7,
      maxRepeats: 3,
    });
  });

  it('has no share without failures', () => {
    expect(
      splitFailures([{ caseId: 'a', trials: 2, passed: 2, formatFailed: 0, errors: 0 }])
        .fixableShare,
    ).toBeNull();
  });
});
