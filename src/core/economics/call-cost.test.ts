import { describe, expect, it } from 'vitest';
import { callCost, trainingCost } from './call-cost.js';

describe('callCost', () => {
  it('prices tokens per million', () => {
    // 1,000 input × $0.15/1M + 500 output × $0.60/1M = $0.00015 + $0.0003 = $0.00045.
    expect(
      callCost({ inputTokens: 1000, outputTokens: 500 }, { input: 0.15, output: 0.6 }),
    ).toBeCloseTo(0.00045, 15);
    expect(callCost({ inputTokens: 0, outputTokens: 0 }, { input: 3, output: 15 })).toBe(0);
  });
});

describe('trainingCost', () => {
  it('prices training tokens per million, or says it cannot', () => {
    // 2M tokens × 3 epochs × $3/1M = $18.
    expect(trainingCost(6_000_000, { input: 0.15, output: 0.6, training: 3 })).toBe(18);
    expect(trainingCost(6_000_000, { input: 0.15, output: 0.6 })).toBeUndefined();
  });
});
