import type { TrainingBatch } from '../model/training-batch.js';
import type { TokenizedExample } from './training-example.js';

/** A slice of one example placed in a sequence: `inputs` positions, starting at `start`. */
interface Segment {
  example: TokenizedExample;
  start: number;
  inputs: number;
}

export interface BatchPlan {
  batches: TrainingBatch[];
  /** Examples cut to the sequence length. */
  truncated: number;
  /**
   * Tokens of the examples the batches read: each example's tokens up to `length` + 1 (its
   * `length` predictions), what a pre-training count with the same limit gives.
   */
  tokens: number;
  /** Σ loss weight over every batch: the tokens the answers add to the loss. */
  lossTokens: number;
}

/**
 * Lays examples into sequences of `length` predictions, then batches of `rows` sequences. With
 * packing, consecutive examples share a sequence (each attends only to itself and restarts its
 * positions); without, each example gets its own sequence and the rest is padding.
 */
export function buildBatches(
  examples: readonly TokenizedExample[],
  settings: { rows: number; length: number; packing: boolean },
): BatchPlan {
  const { rows, length, packing } = settings;
  const sequences: Segment[][] = [];
  let current: Segment[] = [];
  let used = 0;
  let truncated = 0;
  let tokens = 0;
  for (const example of examples) {
    const predictions = example.tokens.length - 1;
    if (predictions < 1) continue;
    if (predictions > length) truncated++;
    const inputs = Math.min(predictions, length);
    tokens += inputs + 1;
    if (current.length > 0 && (!packing || used + inputs > length)) {
      sequences.push(current);
      current = [];
      used = 0;
    }
    current.push({ example, start: used, inputs });
    used += inputs;
  }
  if (current.length > 0) sequences.push(current);
  const batches: TrainingBatch[] = [];
  let lossTokens = 0;
  for (let first = 0; first < sequences.length; first += rows) {
    const batch = emptyBatch(rows, length);
    for (let row = 0; row < rows; row++) {
      const sequence = sequences[first + row];
      if (sequence) fillRow(batch, row, sequence);
      else fillPadding(batch, row, 0);
    }
    for (const weight of batch.weights) lossTokens += weight;
    batches.push(batch);
  }
  return { batches, truncated, tokens, lossTokens };
}

function emptyBatch(rows: number, length: number): TrainingBatch {
  const size = rows * length;
  return {
    rows,
    length,
    tokens: new Int32Array(size),
    targets: new Int32Array(size),
    weights: new Float32Array(size),
    positions: new Int32Array(size),
    segmentStarts: new Int32Array(size),
    realTokens: 0,
  };
}

function fillRow(batch: TrainingBatch, row: number, segments: readonly Segment[]): void {
  let end = 0;
  for (const { example, start, inputs } of segments) {
    for (let i = 0; i < inputs; i++) {
      const at = row * batch.length + start + i;
      batch.tokens[at] = example.tokens[i] as number;
      batch.targets[at] = example.tokens[i + 1] as number;
      batch.weights[at] = example.trained[i + 1] ? 1 : 0;
      batch.positions[at] = i;
      batch.segmentStarts[at] = start;
    }
    end = start + inputs;
    batch.realTokens += inputs;
  }
  fillPadding(batch, row, end);
}

/** Padding attends only to itself and carries no loss. */
function fillPadding(batch: TrainingBatch, row: number, from: number): void {
  for (let index = from; index < batch.length; index++) {
    const at = row * batch.length + index;
    batch.segmentStarts[at] = index;
    batch.positions[at] = 0;
  }
}
