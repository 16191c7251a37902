import type { ComputeMemory, Slice } from '../kernels/compute-memory.js';
import type { LlamaHyperparameters } from './llama-hyperparameters.js';

/** The projections of a llama block, by their GGUF tensor name part. */
export const linearModuleNames = [
  'attn_q',
  'attn_k',
  'attn_v',
  'attn_output',
  'ffn_gate',
  'ffn_up',
  'ffn_down',
] as const;
export type LinearModuleName = (typeof linearModuleNames)[number];

/** What LoRA can adapt: the block projections and the classifier (`output.weight`). */
export const loraTargetNames = [...linearModuleNames, 'output'] as const;
export type LoraTargetName = (typeof loraTargetNames)[number];

/** A projection y = x·Wᵀ kept in both layouts, since each product wants rows contiguous. */
export interface LinearWeight {
  /** GGUF tensor name, e.g. `blk.0.attn_q.weight`. */
  name: string;
  inputs: number;
  outputs: number;
  /** [outputs][inputs]: the GGUF layout; the operand of the input gradient. */
  weight: Slice;
  /** [inputs][outputs]: the forward operand, and the layout the optimizer updates. */
  weightT: Slice;
}

export interface VectorWeight {
  name: string;
  value: Slice;
}

export interface LlamaLayerWeights {
  attentionNorm: VectorWeight;
  feedForwardNorm: VectorWeight;
  linear: Record<LinearModuleName, LinearWeight>;
}

export interface LlamaWeights {
  hyper: LlamaHyperparameters;
  /** [vocab][dim]. */
  tokenEmbedding: VectorWeight;
  layers: LlamaLayerWeights[];
  outputNorm: VectorWeight;
  output: LinearWeight;
}

/** The [inputs, outputs] of each block projection. */
export function linearShape(
  hyper: LlamaHyperparameters,
  module: LinearModuleName,
): { inputs: number; outputs: number } {
  const kvDim = hyper.kvHeadCount * hyper.headDim;
  switch (module) {
    case 'attn_q':
    case 'attn_output':
      return { inputs: hyper.dim, outputs: hyper.dim };
    case 'attn_k':
    case 'attn_v':
      return { inputs: hyper.dim, outputs: kvDim };
    case 'ffn_gate':
    case 'ffn_up':
      return { inputs: hyper.dim, outputs: hyper.hiddenDim };
    case 'ffn_down':
      return { inputs: hyper.hiddenDim, outputs: hyper.dim };
  }
}

export function transposeInto(
  source: Float32Array,
  target: Float32Array,
  rows: number,
  columns: number,
): void {
  for (let r = 0; r < rows; r++) {
    const base = r * columns;
    for (let c = 0; c < columns; c++) target[c * rows + r] = source[base + c] as number;
  }
}

/** Refreshes the GGUF-layout copy after the optimizer changed `weightT`. */
export function syncWeightFromTransposed(linear: LinearWeight): void {
  transposeInto(linear.weightT.data, linear.weight.data, linear.inputs, linear.outputs);
}

/**
 * Allocates every weight; `fill(name, shape, target)` writes each tensor in GGUF layout (ne
 * order: shape[0] varies fastest), then the transposed copies are derived.
 */
export function allocateLlamaWeights(
  memory: ComputeMemory,
  hyper: LlamaHyperparameters,
  fill: (name: string, shape: number[], target: Float32Array) => void,
): LlamaWeights {
  const vector = (name: string, shape: number[]): VectorWeight => {
    const value = memory.allocate(shape.reduce((product, n) => product * n, 1));
    fill(name, shape, value.data);
    return { name, value };
  };
  const linear = (name: string, inputs: number, outputs: number): LinearWeight => {
    const weight = memory.allocate(inputs * outputs);
    const weightT = memory.allocate(inputs * outputs);
    fill(name, [inputs, outputs], weight.data);
    transposeInto(weight.data, weightT.data, outputs, inputs);
    return { name, inputs, outputs, weight, weightT };
  };
  const layers: LlamaLayerWeights[] = [];
  for (let layer = 0; layer < hyper.layerCount; layer++) {
    const prefix = `blk.${layer}`;
    const modules = {} as Record<LinearModuleName, LinearWeight>;
    for (const module of linearModuleNames) {
      const { inputs, outputs } = linearShape(hyper, module);
      modules[module] = linear(`${prefix}.${module}.weight`, inputs, outputs);
    }
    layers.push({
      attentionNorm: vector(`${prefix}.attn_norm.weight`, [hyper.dim]),
      feedForwardNorm: vector(`${prefix}.ffn_norm.weight`, [hyper.dim]),
      linear: modules,
    });
  }
  return {
    hyper,
    tokenEmbedding: vector('token_embd.weight', [hyper.dim, hyper.vocabSize]),
    layers,
    outputNorm: vector('output_norm.weight', [hyper.dim]),
    output: linear('output.weight', hyper.dim, hyper.vocabSize),
  };
}
