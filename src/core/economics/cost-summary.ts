import type { Usage } from '../../spec/usage.js';
import { callCost } from './call-cost.js';
import type { ModelPrice } from './model-price.js';

export interface CostSummary {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** True when any usage was counted locally rather than reported by the provider. */
  estimated: boolean;
  /** US dollars, or `undefined` when the price is unknown. */
  totalCost: number | undefined;
  costPerCall: number | undefined;
}

/** Totals over the calls of one configuration; an unknown price keeps the cost unknown. */
export function summarizeCost(
  usages: readonly Usage[],
  price: ModelPrice | undefined,
): CostSummary {
  let inputTokens = 0;
  let outputTokens = 0;
  let estimated = false;
  for (const usage of usages) {
    inputTokens += usage.inputTokens;
    outputTokens += usage.outputTokens;
    estimated ||= usage.estimated === true;
  }
  const totalCost =
    price === undefined ? undefined : callCost({ inputTokens, outputTokens }, price);
  return {
    calls: usages.length,
    inputTokens,
    outputTokens,
    estimated,
    totalCost,
    costPerCall:
      totalCost === undefined || usages.length === 0 ? undefined : totalCost / usages.length,
  };
}
