/** One batch, flattened to rows × length tokens (row-major). */
export interface TrainingBatch {
  rows: number;
  length: number;
  tokens: Int32Array;
  /** The token to predict at each position (any id where the weight is 0). */
  targets: Int32Array;
  /** Loss weight per position: 1 on completion / assistant tokens, 0 elsewhere and on padding. */
  weights: Float32Array;
  /** Rotary position of each token within its own example. */
  positions: Int32Array;
  /** Within its row, the index of the first token of the example each token belongs to. */
  segmentStarts: Int32Array;
  /** Tokens that are not padding. */
  realTokens: number;
}
