import { describe, expect, it } from 'vitest';
import { comparisonEconomics } from './comparison-economics.js';

describe('comparisonEconomics', () => {
  it('breaks even at training cost ÷ saving per call, spread over the payback months', () => {
    // $3 per 1,000 calls against $1: a saving of $0.002 a call; $120 of training → 60,000 calls.
    const economics = comparisonEconomics({
      bestPer1000: 3,
      finetunedPer1000: 1,
      trainingCost: 120,
      trainingMethod: 'test',
      paybackMonths: 12,
    });
    expect(economics.breakEvenCalls).toBeCloseTo(60_000, 6);
    expect(economics.breakEvenMonthlyCalls).toBeCloseTo(5000, 6);
    expect(economics.neverBreaksEven).toBe(false);
    expect(economics.summary).toContain('60,000 calls');
    expect(economics.curve.length).toBeGreaterThan(0);
  });

  it('never breaks even when the finetuned model costs as much or more', () => {
    const economics = comparisonEconomics({
      bestPer1000: 1,
      finetunedPer1000: 2,
      trainingCost: 10,
      trainingMethod: 'test',
      paybackMonths: 12,
    });
    expect(economics.neverBreaksEven).toBe(true);
    expect(economics.breakEvenCalls).toBeNull();
  });

  it('says there is no saving when both cost the same, free ones included', () => {
    const economics = comparisonEconomics({
      bestPer1000: 0,
      finetunedPer1000: 0,
      trainingCost: 0,
      trainingMethod: 'test',
      paybackMonths: 12,
    });
    expect(economics.summary).toBe(
      'no saving per call ($0 per 1,000 calls either way): finetune only if quality demands it',
    );
  });

  it('says which price is missing', () => {
    const economics = comparisonEconomics({
      bestPer1000: 1,
      finetunedPer1000: null,
      trainingCost: 10,
      trainingMethod: 'test',
      paybackMonths: 12,
    });
    expect(economics.summary).toBe(
      'cost unknown: no price for the finetuned model; set prices: in the task or lab.finetune.price',
    );
  });
});
