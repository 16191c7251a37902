import type { ComputeMemory, Slice } from '../kernels/compute-memory.js';

/**
 * Weighted softmax cross-entropy over rows of `vocab` logits. Returns Σ weight·(−log p[target]).
 * With `gradient`, the logits are overwritten (SIMD) by d(loss / normalizer)/d(logits); rows
 * with no weight get a zero gradient. Without it the logits stay as they are.
 */
export function crossEntropy(
  memory: ComputeMemory,
  logits: Slice,
  targets: Int32Array,
  weights: Float32Array,
  rows: number,
  vocab: number,
  gradient: { normalizer: number } | undefined,
): number {
  const values = logits.data;
  let total = 0;
  for (let row = 0; row < rows; row++) {
    const base = row * vocab;
    const weight = weights[row] as number;
    const target = base + (targets[row] as number);
    if (!gradient) {
      total += weight * negativeLogLikelihood(values, base, vocab, target);
      continue;
    }
    if (weight === 0) {
      values.fill(0, base, base + vocab);
      continue;
    }
    const targetLogit = values[target] as number;
    const maximum = memory.rowMax(logits, base, vocab);
    const share = weight / gradient.normalizer;
    // Leaves share·softmax in place; the gradient then only needs the target's −share.
    const sum = memory.expNormalize(logits, base, vocab, maximum, 1, share);
    total += weight * (Math.log(sum) + maximum - targetLogit);
    values[target] = (values[target] as number) - share;
  }
  return total;
}

function negativeLogLikelihood(
  values: Float32Array,
  base: number,
  vocab: number,
  target: number,
): number {
  let maximum = Number.NEGATIVE_INFINITY;
  for (let i = base; i < base + vocab; i++) maximum = Math.max(maximum, values[i] as number);
  let sum = 0;
  for (let i = base; i < base + vocab; i++) sum += Math.exp((values[i] as number) - maximum);
  return Math.log(sum) + maximum - (values[target] as number);
}
