import { describe, expect, it } from 'vitest';
import { estimateTraining } from './training-estimate.js';

describe('estimateTraining', () => {
  it('caps each example at the model limit, multiplies by the epochs and prices it', () => {
    // 3 examples: the epoch rule gives 25 epochs (100 passes would need 34).
    const [estimate] = estimateTraining(Uint32Array.from([100, 200, 70_000]), {
      models: ['openai:gpt-4o-mini'],
    });
    expect(estimate).toEqual({
      engine: 'openai',
      model: 'openai:gpt-4o-mini',
      epochs: 25,
      tokensPerEpoch: 100 + 200 + 65_536,
      trainingTokens: 65_836 * 25,
      cost: (65_836 * 25 * 3) / 1_000_000,
    });
  });

  it('prices from the task override the table; unknown prices stay unknown', () => {
    const estimates = estimateTraining(Uint32Array.from(new Array(100).fill(1000)), {
      models: ['openai:gpt-4o-mini', 'acme:model'],
      prices: { 'openai:gpt-4o-mini': { input: 0, output: 0, training: 10 } },
    });
    expect(estimates.map((entry) => [entry.epochs, entry.trainingTokens, entry.cost])).toEqual([
      [3, 300_000, 3],
      [3, 300_000, null],
    ]);
  });

  it('lists every finetunable model of the price table by default, finetunes excluded', () => {
    const models = estimateTraining(Uint32Array.from([10])).map((entry) => entry.model);
    expect(models).toContain('openai:gpt-4o-mini');
    expect(models).toContain('together:meta-llama/Meta-Llama-3.1-8B-Instruct-Reference');
    expect(models.some((model) => model.includes(':ft:'))).toBe(false);
    expect(models).not.toContain('anthropic:claude-sonnet-4');
  });
});
