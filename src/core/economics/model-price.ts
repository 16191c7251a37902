/**
 * US dollars per 1,000,000 tokens, the unit providers publish. Same shape as an entry of the
 * task's `prices:` map, so a user's override drops in unchanged.
 */
export interface ModelPrice {
  input: number;
  output: number;
  /** Per 1M training tokens (dataset tokens × epochs), for a model that can be finetuned. */
  training?: number | undefined;
}
