import { jobEpochs } from '../../core/datasets/epoch-rule.js';
import { loraTargetNames } from '../../engines/trainer/model/llama-weights.js';
import type { ResolvedHyperparameters } from '../../store/server-fine-tuning-records.js';
import type { RequestedHyperparameters } from './create-job-request.js';

/** The trainer's own default learning rate: what a multiplier of 1 means here. */
export const baseLearningRate = 1e-3;

/**
 * Batch size when `auto`: OpenAI's rule of about 0.2 % of the examples, kept to 1–8 because a
 * CPU trainer's step cost grows with the batch while small batches still learn.
 */
export function autoBatchSize(examples: number): number {
  return Math.min(8, Math.max(1, Math.round(examples * 0.002)));
}

/**
 * Every `auto` (or missing) hyperparameter resolved for a training file of `examples` rows:
 * epochs by the auto-epoch rule `finetune` and `ready` use (`jobEpochs`), batch size as
 * above, learning-rate multiplier 1 (the trainer's base rate), LoRA rank 8 and alpha 16 on
 * every projection and the classifier (so a model can learn where to stop), sequence length
 * from the longest example. `auto` lists the names that were left to the server.
 */
export function resolveHyperparameters(
  requested: RequestedHyperparameters | null | undefined,
  examples: number,
): { hyperparameters: ResolvedHyperparameters; auto: string[] } {
  const given = requested ?? {};
  const auto: string[] = [];
  const pick = <T>(name: string, value: T | 'auto' | null | undefined, fallback: T): T => {
    if (value === undefined || value === null || value === 'auto') {
      auto.push(name);
      return fallback;
    }
    return value;
  };
  const learningRateMultiplier = pick(
    'learning_rate_multiplier',
    given.learning_rate_multiplier,
    1,
  );
  const hyperparameters: ResolvedHyperparameters = {
    nEpochs: pick('n_epochs', given.n_epochs, jobEpochs(examples).epochs),
    batchSize: pick('batch_size', given.batch_size, autoBatchSize(examples)),
    learningRateMultiplier,
    learningRate: baseLearningRate * learningRateMultiplier,
    loraRank: given.lora_rank ?? 8,
    loraAlpha: given.lora_alpha ?? 16,
    loraDropout: given.lora_dropout ?? 0,
    loraTargetModules: given.lora_target_modules ?? [...loraTargetNames],
    sequenceLength: pick<number | undefined>('sequence_length', given.sequence_length, undefined),
  };
  return { hyperparameters, auto };
}
