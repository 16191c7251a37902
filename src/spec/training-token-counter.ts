/**
 * Counts the tokens training reads for one example, as the engine receives it: one line of
 * the uploaded JSONL (`{"messages": [...]}`, `{"prompt", "completion"}` or `{"text"}`).
 * Engines that tokenize locally implement it with the model's own tokenizer; core falls back
 * to a tiktoken estimate.
 */
export interface TrainingTokenCounter {
  /** The tokenizer in words, printed beside every figure it produced. */
  readonly tokenizer: string;
  /** True for the model's own tokenizer; false for an estimate. */
  readonly exact: boolean;
  /** Most tokens of one example training reads; longer examples are cut. Undefined: no known limit. */
  readonly exampleLimit: number | undefined;
  /** Tokens of one upload line. */
  count(line: string): number;
  /** Frees the tokenizer (a loaded vocabulary). */
  dispose(): Promise<void>;
}

/** The counter for a `provider:model` reference, or undefined where this source has none. */
export type TrainingTokenCounterSource = (
  modelRef: string,
) => Promise<TrainingTokenCounter | undefined>;
