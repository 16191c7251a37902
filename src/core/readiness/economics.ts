import type { TrainingTokenCount } from '../datasets/training-token-count.js';
import type { ModelPrice } from '../economics/model-price.js';

/** Price of one model as the economics used it: US$ per 1M tokens, null when unknown. */
export interface PriceRow {
  model: string;
  ref: string;
  input: number | null;
  output: number | null;
  training: number | null;
  /** Inference price of a finetune of this model, when known. */
  finetunedInput: number | null;
  finetunedOutput: number | null;
}

export interface CostPoint {
  monthlyCalls: number;
  /** US$ per 1,000 calls with the best prompt. */
  promptPer1000: number;
  /** US$ per 1,000 calls with the finetuned model, training spread over the payback months. */
  finetunedPer1000: number;
}

/** The best prompt against a finetuned model with a short prompt, and when training pays off. */
export interface Economics {
  bestPrompt: {
    label: string;
    model: string;
    ref: string;
    inputTokensPerCall: number;
    outputTokensPerCall: number;
    price: ModelPrice | undefined;
    costPerCall: number | null;
  } | null;
  finetuned: {
    baseRef: string;
    ref: string;
    inputTokensPerCall: number;
    outputTokensPerCall: number;
    price: ModelPrice | undefined;
    costPerCall: number | null;
    /** How its prompt size was estimated. */
    method: string;
  } | null;
  /** The job's training tokens (the same count `data stats` and `finetune` give), priced. */
  training:
    | (TrainingTokenCount & {
        pricePerMillion: number | null;
        cost: number | null;
        /** Which rows were counted. */
        method: string;
      })
    | null;
  /** Calls after which training has paid for itself; null when never or unknown. */
  breakEvenCalls: number | null;
  paybackMonths: number;
  /** Monthly calls at which training pays for itself within the payback months. */
  breakEvenMonthlyCalls: number | null;
  /** True when the finetune costs as much or more per call: it never pays back. */
  neverBreaksEven: boolean;
  summary: string;
  prices: PriceRow[];
  curve: CostPoint[];
}
