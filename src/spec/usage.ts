/** Token usage as the provider reported it; `estimated` when counted locally instead. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  estimated?: boolean;
}
