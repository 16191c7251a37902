import { describe, expect, it } from 'vitest';
import { autoBatchSize, resolveHyperparameters } from './resolve-hyperparameters.js';

describe('resolveHyperparameters', () => {
  it('resolves auto like OpenAI: the epoch rule, ~0.2 % batches (kept to 1–8), multiplier 1', () => {
    // 20 examples: 3 epochs would make 60 passes, under the 100 minimum, so ceil(100 / 20) = 5.
    const { hyperparameters, auto } = resolveHyperparameters({ n_epochs: 'auto' }, 20);
    expect(hyperparameters).toEqual({
      nEpochs: 5,
      batchSize: 1,
      learningRateMultiplier: 1,
      learningRate: 0.001,
      loraRank: 8,
      loraAlpha: 16,
      loraDropout: 0,
      loraTargetModules: [
        'attn_q',
        'attn_k',
        'attn_v',
        'attn_output',
        'ffn_gate',
        'ffn_up',
        'ffn_down',
        'output',
      ],
      sequenceLength: undefined,
    });
    expect(auto).toEqual(['learning_rate_multiplier', 'n_epochs', 'batch_size', 'sequence_length']);
    expect(resolveHyperparameters(undefined, 1000).hyperparameters.nEpochs).toBe(3);
  });

  it('keeps explicit values and the LoRA extras', () => {
    const { hyperparameters, auto } = resolveHyperparameters(
      {
        n_epochs: 2,
        batch_size: 16,
        learning_rate_multiplier: 0.5,
        lora_rank: 4,
        lora_alpha: 8,
        lora_dropout: 0.1,
        lora_target_modules: ['attn_q', 'attn_v'],
        sequence_length: 64,
      },
      200,
    );
    expect(hyperparameters).toEqual({
      nEpochs: 2,
      batchSize: 16,
      learningRateMultiplier: 0.5,
      learningRate: 0.0005,
      loraRank: 4,
      loraAlpha: 8,
      loraDropout: 0.1,
      loraTargetModules: ['attn_q', 'attn_v'],
      sequenceLength: 64,
    });
    expect(auto).toEqual([]);
  });

  it('sizes auto batches at 0.2 % of the examples, within 1 to 8', () => {
    expect(autoBatchSize(10)).toBe(1);
    expect(autoBatchSize(1000)).toBe(2);
    expect(autoBatchSize(2500)).toBe(5);
    expect(autoBatchSize(100_000)).toBe(8);
  });
});
