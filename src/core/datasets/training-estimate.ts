import { trainingCost } from '../economics/call-cost.js';
import type { ModelPrice } from '../economics/model-price.js';
import { PRICE_TABLE } from '../economics/price-table.js';
import { contextLimitOf } from './context-limits.js';
import { chooseEpochs } from './epoch-rule.js';

export interface TrainingEstimate {
  engine: string;
  model: string;
  epochs: number;
  /** Tokens billed per epoch: each example counted up to the model's example limit. */
  tokensPerEpoch: number;
  /** Tokens over all epochs. */
  trainingTokens: number;
  /** US dollars, or null when the model has no training price. */
  cost: number | null;
}

/** Default per-example cap where a model's limit is unknown. */
export const defaultExampleTokenCap = 65_536;

/**
 * Training tokens and cost for each finetunable model: every model of the price table with a
 * training price, plus the task's price overrides and any model asked for by name.
 */
export function estimateTraining(
  tokensPerExample: Uint32Array,
  options: { models?: readonly string[]; prices?: Readonly<Record<string, ModelPrice>> } = {},
): TrainingEstimate[] {
  const prices: Record<string, ModelPrice> = { ...PRICE_TABLE, ...options.prices };
  const models =
    options.models && options.models.length > 0
      ? [...options.models]
      : Object.keys(prices).filter(
          (model) => prices[model]?.training !== undefined && !model.includes(':ft:'),
        );
  const epochs = chooseEpochs(tokensPerExample.length);
  return models.map((model) => {
    const cap = contextLimitOf(model) ?? defaultExampleTokenCap;
    let tokensPerEpoch = 0;
    for (const tokens of tokensPerExample) tokensPerEpoch += Math.min(tokens, cap);
    const trainingTokens = tokensPerEpoch * epochs;
    const price = prices[model];
    const cost = price === undefined ? undefined : trainingCost(trainingTokens, price);
    return {
      engine: model.slice(0, model.indexOf(':')),
      model,
      epochs,
      tokensPerEpoch,
      trainingTokens,
      cost: cost ?? null,
    };
  });
}
