import type { ComputeMemory, Slice } from '../kernels/compute-memory.js';
import type { LinearWeight, LoraTargetName } from '../model/llama-weights.js';
import { transposeInto } from '../model/llama-weights.js';
import type { SeededRandom } from '../random/seeded-random.js';

/**
 * A low-rank update W' = W + (alpha/rank)·B·A, stored as llama.cpp's adapter holds it:
 * `a` is [rank][inputs] (GGUF `lora_a`, ne [inputs, rank]) and `b` is [outputs][rank]
 * (`lora_b`, ne [rank, outputs]); `aT` and `bT` are the transposed working copies.
 */
export interface LoraWeights {
  /** The base tensor's GGUF name, e.g. `blk.0.attn_q.weight`. */
  name: string;
  module: LoraTargetName;
  rank: number;
  alpha: number;
  scale: number;
  inputs: number;
  outputs: number;
  a: Slice;
  aT: Slice;
  b: Slice;
  bT: Slice;
}

/** A starts uniform in ±1/√inputs (PEFT's default) and B at zero, so training starts at W. */
export function createLoraWeights(
  memory: ComputeMemory,
  base: LinearWeight,
  module: LoraTargetName,
  settings: { rank: number; alpha: number },
  random: SeededRandom,
): LoraWeights {
  const { inputs, outputs } = base;
  const { rank, alpha } = settings;
  const a = memory.allocate(rank * inputs);
  const aT = memory.allocate(rank * inputs);
  const b = memory.allocate(outputs * rank).fill(0);
  const bT = memory.allocate(outputs * rank).fill(0);
  const bound = 1 / Math.sqrt(inputs);
  const aData = a.data;
  for (let i = 0; i < aData.length; i++) aData[i] = (2 * random.next() - 1) * bound;
  transposeInto(a.data, aT.data, rank, inputs);
  return {
    name: base.name,
    module,
    rank,
    alpha,
    scale: alpha / rank,
    inputs,
    outputs,
    a,
    aT,
    b,
    bT,
  };
}

/** Refreshes `a` and `b` after the optimizer changed `aT` and `bT`. */
export function syncLoraFromTransposed(lora: LoraWeights): void {
  transposeInto(lora.aT.data, lora.a.data, lora.inputs, lora.rank);
  transposeInto(lora.bT.data, lora.b.data, lora.rank, lora.outputs);
}
