import { describe, expect, it } from 'vitest';
import {
  belowPolicyMinimum,
  inconsistentOutputFormat,
  isClassification,
  labelImbalance,
  lengthOutliers,
  tooFewExamples,
} from './file-wide-checks.js';

describe('file-wide checks', () => {
  it('too few examples below 100, the policy minimum below its number', () => {
    expect(tooFewExamples(99, 'f').map((problem) => problem.code)).toEqual(['too_few_examples']);
    expect(tooFewExamples(100, 'f')).toEqual([]);
    expect(belowPolicyMinimum(199, 200, 'f')[0]?.message).toMatch(/199 clean examples/);
    expect(belowPolicyMinimum(200, 200, 'f')).toEqual([]);
  });

  it('classification: at least 10 rows and fewer than a third as many distinct outputs', () => {
    expect(isClassification(3, 10, false)).toBe(true);
    expect(isClassification(4, 12, false)).toBe(false);
    expect(isClassification(2, 9, false)).toBe(false);
    expect(isClassification(1, 100, false)).toBe(false);
    expect(isClassification(2, 100, true)).toBe(false);
  });

  it('label imbalance from a 10× ratio of the most to the least common label', () => {
    const balanced = [
      { label: 'a', count: 90 },
      { label: 'b', count: 10 },
    ];
    expect(
      labelImbalance(
        [
          { label: 'a', count: 99 },
          { label: 'b', count: 10 },
        ],
        'f',
      ),
    ).toEqual([]);
    const [problem] = labelImbalance(
      balanced.map((entry) => ({ ...entry, count: entry.label === 'a' ? 100 : 10 })),
      'f',
    );
    expect(problem?.message).toBe(
      'label imbalance: "a" has 100 rows, "b" only 10 (10.0×); rare labels: "b" (10)',
    );
  });

  it('flags the outputs of the minority shape, JSON or prose', () => {
    const kinds = Uint8Array.from([1, 1, 2, 1, 0]);
    const lines = Uint32Array.from([1, 2, 3, 4, 5]);
    const problems = inconsistentOutputFormat(kinds, lines, new Uint8Array(5), 'f');
    expect(problems.map((problem) => [problem.line, problem.message])).toEqual([
      [3, 'the output is prose while 75% of outputs are JSON'],
    ]);
    expect(inconsistentOutputFormat(kinds, lines, Uint8Array.from([0, 0, 1, 0, 0]), 'f')).toEqual(
      [],
    );
  });

  it('flags lengths with a modified z-score over 3.5 on log tokens', () => {
    // Logs are log1p: the median is log(121), the MAD log(121/101) ≈ 0.181, so 1000 tokens
    // scores 0.6745 × log(1001/121) / 0.181 ≈ 7.9 and 200 tokens 0.6745 × 0.507 / 0.181 ≈ 1.9.
    const values = [
      ...Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? 100 : 120)),
      1000,
      200,
    ];
    const tokens = Uint32Array.from(values);
    const lines = Uint32Array.from(values.map((_, index) => index + 1));
    const problems = lengthOutliers(tokens, lines, new Uint8Array(values.length), 'f');
    expect(problems.map((problem) => problem.line)).toEqual([21]);
    expect(problems[0]?.message).toBe(
      'unusually long: about 1000 tokens where the median example has 120',
    );
    expect(
      lengthOutliers(new Uint32Array(30).fill(50), new Uint32Array(30), new Uint8Array(30), 'f'),
    ).toEqual([]);
  });
});
