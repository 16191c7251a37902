import { describe, expect, it } from 'vitest';
import { buildSolvedMatrix } from './solved-matrix.js';

describe('buildSolvedMatrix', () => {
  it('rates each case overall and per variant, hardest first, variants in task order', () => {
    const tally = (variant: string, caseId: string, trials: number, passed: number) => ({
      variant,
      caseId,
      trials,
      passed,
      formatFailed: 0,
      errors: 0,
    });
    const matrix = buildSolvedMatrix(
      [
        tally('b', 'x', 4, 4),
        tally('a', 'x', 4, 1),
        tally('a', 'y', 2, 0),
        tally('old', 'y', 2, 1),
      ],
      ['a', 'b'],
    );
    expect(matrix.variants).toEqual(['a', 'b', 'old']);
    expect(matrix.cases).toEqual([
      { caseId: 'y', trials: 4, passed: 1, solveRate: 0.25, byVariant: [0, null, 0.5] },
      { caseId: 'x', trials: 8, passed: 5, solveRate: 5 / 8, byVariant: [0.25, 1, null] },
    ]);
  });
});
