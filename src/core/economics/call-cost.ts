import type { Usage } from '../../spec/usage.js';
import type { ModelPrice } from './model-price.js';

const TOKENS_PER_PRICE_UNIT = 1_000_000;

/** US dollars for one call: input and output tokens at the model's per-1M-token prices. */
export function callCost(usage: Usage, price: ModelPrice): number {
  return (
    (usage.inputTokens * price.input + usage.outputTokens * price.output) / TOKENS_PER_PRICE_UNIT
  );
}

/**
 * US dollars to train on `trainingTokens` (dataset tokens × epochs), or `undefined` when the
 * price has no training rate.
 */
export function trainingCost(trainingTokens: number, price: ModelPrice): number | undefined {
  if (price.training === undefined) return undefined;
  return (trainingTokens * price.training) / TOKENS_PER_PRICE_UNIT;
}
