export { breakEvenCalls } from './break-even-calls.js';
export { callCost, trainingCost } from './call-cost.js';
export { type CostSummary, summarizeCost } from './cost-summary.js';
export type { ModelPrice } from './model-price.js';
export { lookupPrice, PRICE_TABLE, PRICE_TABLE_REVIEWED } from './price-table.js';
