/** Sampling settings every provider accepts; a provider ignores what it cannot honour and says so in warnings. */
export interface SamplingOptions {
  temperature?: number;
  topP?: number;
  topK?: number;
  maxTokens?: number;
  stop?: string[];
  seed?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
  repeatPenalty?: number;
}
