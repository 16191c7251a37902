import type { FinishReason } from '../../spec/finish-reason.js';

export interface CachedResponse {
  text: string;
  inputTokens: number;
  outputTokens: number;
  tokensEstimated: boolean;
  finishReason: FinishReason;
  latencyMs: number;
}
