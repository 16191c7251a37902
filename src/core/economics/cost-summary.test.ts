import { describe, expect, it } from 'vitest';
import { summarizeCost } from './cost-summary.js';

describe('summarizeCost', () => {
  const usages = [
    { inputTokens: 1000, outputTokens: 100 },
    { inputTokens: 3000, outputTokens: 300, estimated: true },
  ];

  it('totals tokens and dollars', () => {
    // 4,000 × $2/1M + 400 × $10/1M = $0.008 + $0.004 = $0.012, over 2 calls → $0.006 each.
    const summary = summarizeCost(usages, { input: 2, output: 10 });
    expect(summary.calls).toBe(2);
    expect(summary.inputTokens).toBe(4000);
    expect(summary.outputTokens).toBe(400);
    expect(summary.estimated).toBe(true);
    expect(summary.totalCost).toBeCloseTo(0.012, 15);
    expect(summary.costPerCall).toBeCloseTo(0.006, 15);
  });

  it('keeps the cost unknown without a price, and per call undefined with no calls', () => {
    expect(summarizeCost(usages, undefined).totalCost).toBeUndefined();
    expect(summarizeCost([], { input: 1, output: 1 })).toEqual({
      calls: 0,
      inputTokens: 0,
      outputTokens: 0,
      estimated: false,
      totalCost: 0,
      costPerCall: undefined,
    });
  });
});
